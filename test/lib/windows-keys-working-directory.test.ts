// A relative destination of the keys reader (windows-authorized-keys.ts) is read where the script stands: an archive
// unpacked by tar without -C, Expand-Archive into `.`, files copied to `.` after Set-Location or `cd /d` into
// %ProgramData%\ssh plant keys; the same standing elsewhere, or where the script stands is unknown, do not. A child
// process (`powershell -Command`, `cmd /c`) moves only itself. Script text lives only in these strings; nothing here
// runs it.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsLanguage, WindowsScript } from "../../lib/windows-scripts";
import { bat, kinds, OPEN, ps } from "./windows-sshd-fixtures";

const FOLDER_NOTE =
  "what the script copies or unpacks into that folder is not in the script: a keys file among it plants keys";
const read = (text: string, language: WindowsLanguage = "powershell") =>
  findWindowsLoginWeaknesses([{ language, text }]);
const keysFindings = (...scripts: WindowsScript[]) =>
  findWindowsLoginWeaknesses(scripts).filter((w) => w.kind === "root-authorized-keys");

describe("a folder filled where the script stands in %ProgramData%\\ssh plants keys", () => {
  it.each<[string, string, WindowsLanguage]>([
    ["tar -xf, no -C", "Set-Location C:\\ProgramData\\ssh ; tar -xf C:\\temp\\keys.zip", "powershell"],
    ["tar.exe xf, bundled without a dash", "cd C:\\ProgramData\\ssh; tar.exe xf C:\\temp\\keys.tar", "powershell"],
    ["tar -C .", "Set-Location C:\\ProgramData\\ssh; tar -xf C:\\temp\\keys.zip -C .", "powershell"],
    ["tar -C, relative", "Set-Location C:\\ProgramData; tar -xf C:\\temp\\keys.zip -C ssh", "powershell"],
    [
      "Expand-Archive -DestinationPath .",
      "Set-Location C:\\ProgramData\\ssh ; Expand-Archive C:\\temp\\k.zip -DestinationPath .",
      "powershell",
    ],
    [
      "Expand-Archive into a relative folder",
      "Set-Location C:\\ProgramData ; Expand-Archive C:\\temp\\k.zip -DestinationPath .\\ssh",
      "powershell",
    ],
    [
      "Copy-Item of a folder's files to .",
      "Set-Location $env:ProgramData\\ssh ; Copy-Item C:\\temp\\keys\\* .",
      "powershell",
    ],
    [
      "from a folder below, up",
      "Set-Location C:\\ProgramData\\ssh\\logs ; Copy-Item C:\\temp\\keys\\* ..",
      "powershell",
    ],
    ["batch: cd /d, tar", "cd /d %ProgramData%\\ssh & tar -xf k.zip", "batch"],
    ["batch: pushd, copy *.*", "pushd C:\\ProgramData\\ssh & copy C:\\temp\\keys\\*.* .", "batch"],
  ])("%s", (_name, line, language) => {
    expect(read(line, language)).toEqual([{ kind: "root-authorized-keys", line, note: FOLDER_NOTE }]);
  });

  it("the move in a statement of its own", () => {
    const line = "tar -xf C:\\temp\\keys.zip";
    expect(read(`Set-Location C:\\ProgramData\\ssh\n${line}`)).toEqual([
      { kind: "root-authorized-keys", line, note: FOLDER_NOTE },
    ]);
  });

  it("a variable the script set to the folder", () => {
    const line = "Expand-Archive C:\\temp\\k.zip -DestinationPath .";
    expect(read(`$d = "C:\\ProgramData\\ssh"\nSet-Location $d\n${line}`)).toEqual([
      { kind: "root-authorized-keys", line, note: FOLDER_NOTE },
    ]);
  });

  it("into an administrator's profile, the note says whose keys they are", () => {
    const [weakness, ...rest] = read("Set-Location $env:USERPROFILE\\.ssh; tar -xf C:\\temp\\k.zip");
    expect(rest).toEqual([]);
    expect(weakness.kind).toBe("root-authorized-keys");
    expect(weakness.note).toBe(
      `${FOLDER_NOTE}; the script runs as SYSTEM or an administrator, whose profile's keys these are`,
    );
  });
});

describe("a file written by a relative name where the script stands", () => {
  it.each<[string, string, string]>([
    [
      "downloaded into the profile's .ssh",
      "Set-Location $env:USERPROFILE\\.ssh",
      "Invoke-WebRequest https://x/k -OutFile authorized_keys",
    ],
    [
      "the file AuthorizedKeysFile names, written from its folder",
      "cd C:\\keys",
      "certutil -urlcache -f https://x/k admins",
    ],
  ])("%s", (_name, move, line) => {
    const config = "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile C:\\keys\\admins'";
    expect(keysFindings(ps(move, line, config)).map((w) => w.line)).toEqual([line]);
  });

  it("Administrators' file by its name, written in C:\\temp, is a copy sshd does not read", () => {
    expect(
      keysFindings(ps("Set-Location C:\\temp", "Set-Content administrators_authorized_keys 'ssh-ed25519 AAAA'")),
    ).toEqual([]);
  });
});

describe("a child process stands where its caller does, and moves only itself", () => {
  it.each<[string, WindowsScript]>([
    [
      "the caller moved, the child unpacks",
      ps("Set-Location C:\\ProgramData\\ssh", 'powershell -Command "tar -xf k.zip"'),
    ],
    ["a child moves and unpacks", ps('powershell -Command "Set-Location C:\\ProgramData\\ssh; tar -xf k.zip"')],
    ["batch: cmd /c moves and unpacks", bat('cmd /c "cd /d C:\\ProgramData\\ssh & tar -xf k.zip"')],
  ])("%s: keys planted", (_name, script) => {
    expect(kinds(script)).toEqual([...OPEN, "root-authorized-keys"]);
  });

  it.each<[string, WindowsScript]>([
    [
      "the child moved, the caller unpacks",
      ps('powershell -Command "Set-Location C:\\ProgramData\\ssh"', "tar -xf k.zip"),
    ],
    ["batch: cmd /c moved, the caller unpacks", bat('cmd /c "cd /d C:\\ProgramData\\ssh"', "tar -xf k.zip")],
  ])("%s: no keys", (_name, script) => {
    expect(kinds(script)).toEqual(OPEN);
  });
});

describe("relative destinations elsewhere, or where the script stands is unknown, plant nothing", () => {
  it.each<[string, string, WindowsLanguage]>([
    ["tar in C:\\temp", "Set-Location C:\\temp ; tar -xf C:\\temp\\keys.zip", "powershell"],
    [
      "Expand-Archive . in C:\\temp",
      "Set-Location C:\\temp ; Expand-Archive C:\\temp\\k.zip -DestinationPath .",
      "powershell",
    ],
    ["batch: tar in C:\\temp", "cd /d C:\\temp & tar -xf k.zip", "batch"],
    ["Copy-Item to . in C:\\temp", "Set-Location C:\\temp ; Copy-Item C:\\temp\\keys\\* .", "powershell"],
    [
      "tar creating an archive of the folder",
      "Set-Location C:\\ProgramData\\ssh ; tar -cf C:\\temp\\x.tar .",
      "powershell",
    ],
    ["tar listing an archive", "Set-Location C:\\ProgramData\\ssh ; tar -tf C:\\temp\\x.tar", "powershell"],
    ["moved away before unpacking", "Set-Location C:\\ProgramData\\ssh ; cd C:\\temp ; tar -xf k.zip", "powershell"],
    ["nowhere set", "tar -xf C:\\temp\\keys.zip", "powershell"],
    ["a folder the reader cannot know", "Set-Location $dir ; tar -xf C:\\temp\\keys.zip", "powershell"],
    [
      ".NET's extraction reads . from the process's directory, not the location",
      "Set-Location C:\\ProgramData\\ssh ; [IO.Compression.ZipFile]::ExtractToDirectory('C:\\temp\\k.zip', '.')",
      "powershell",
    ],
  ])("%s", (_name, line, language) => {
    expect(read(line, language)).toEqual([]);
  });

  it("a later script starts anew", () => {
    expect(keysFindings(ps("Set-Location C:\\ProgramData\\ssh"), ps("tar -xf C:\\temp\\keys.zip"))).toEqual([]);
  });
});

describe("hostile scripts", () => {
  it("many moves and unpacks are read in one pass", () => {
    const text = "Set-Location C:\\temp\\a ; tar -xf k.zip ; Copy-Item C:\\x\\* . ; ".repeat(30_000);
    expect(read(text)).toEqual([]);
  });

  it("a long relative name from a known folder", () => {
    expect(read(`Set-Location C:\\ProgramData\\ssh ; Copy-Item C:\\x\\* ${"a\\".repeat(100_000)}`)).toEqual([]);
  });
});
