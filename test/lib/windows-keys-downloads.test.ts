// The Windows reader's keys planted for administrators by downloads (WebClient, certutil, bitsadmin), .NET writers
// opened on the keys file, and folders copied or unpacked into the ssh folder (windows-authorized-keys.ts); and the
// sshd service started through a wildcard (windows-sshd.ts). Script text lives only in these strings; nothing here
// runs it.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsLanguage } from "../../lib/windows-scripts";

const ADMIN_KEYS = "C:\\ProgramData\\ssh\\administrators_authorized_keys";
const FOLDER_NOTE =
  "what the script copies or unpacks into that folder is not in the script: a keys file among it plants keys";
const NEVER_WRITES =
  "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script never writes";
const read = (text: string, language: WindowsLanguage = "powershell") =>
  findWindowsLoginWeaknesses([{ language, text }]);

describe("downloads to the keys file are reported as Invoke-WebRequest -OutFile is", () => {
  it("the reference: Invoke-WebRequest -OutFile", () => {
    const line = `Invoke-WebRequest -OutFile ${ADMIN_KEYS} https://x/k`;
    expect(read(line)).toEqual([{ kind: "root-authorized-keys", line }]);
  });

  it.each<[string, string, WindowsLanguage]>([
    ["WebClient.DownloadFile", `(New-Object Net.WebClient).DownloadFile('https://x/k','${ADMIN_KEYS}')`, "powershell"],
    [
      "a WebClient held in a variable, the path through the environment",
      '$wc = New-Object System.Net.WebClient; $wc.DownloadFile("https://x/k", "$env:ProgramData\\ssh\\administrators_authorized_keys")',
      "powershell",
    ],
    ["a path built in parentheses", `[IO.File]::Copy((Join-Path C:\\temp 'k'), '${ADMIN_KEYS}')`, "powershell"],
    ["DownloadFileAsync", `$wc.DownloadFileAsync([uri]'https://x/k', '${ADMIN_KEYS}')`, "powershell"],
    [
      "a URL holding a comma",
      `(New-Object Net.WebClient).DownloadFile('https://x/k?a=1,2', '${ADMIN_KEYS}')`,
      "powershell",
    ],
    ["certutil -urlcache in PowerShell", `certutil -urlcache -split -f https://x/k ${ADMIN_KEYS}`, "powershell"],
    ["certutil.exe -urlcache in PowerShell", `certutil.exe -urlcache -f https://x/k ${ADMIN_KEYS}`, "powershell"],
    ["certutil -urlcache in batch", `certutil -urlcache -split -f https://x/k ${ADMIN_KEYS}`, "batch"],
    ["certutil.exe -urlcache in batch, quoted", `certutil.exe -urlcache -f https://x/k "${ADMIN_KEYS}"`, "batch"],
    ["certutil with slash options", `certutil /urlcache /split /f https://x/k ${ADMIN_KEYS}`, "batch"],
    ["certutil -decode onto the keys", `certutil -decode C:\\temp\\k.b64 ${ADMIN_KEYS}`, "batch"],
    ["bitsadmin /transfer", `bitsadmin /transfer job /download https://x/k ${ADMIN_KEYS}`, "batch"],
    ["bitsadmin /priority", `bitsadmin /transfer job /download /priority normal https://x/k ${ADMIN_KEYS}`, "batch"],
    [
      "bitsadmin.exe in PowerShell",
      `bitsadmin.exe /transfer job /priority FOREGROUND https://x/k ${ADMIN_KEYS}`,
      "powershell",
    ],
    ["bitsadmin's second pair", `bitsadmin /transfer job https://x/a C:\\temp\\a https://x/k ${ADMIN_KEYS}`, "batch"],
    ["bitsadmin /addfile", `bitsadmin /addfile job https://x/k ${ADMIN_KEYS}`, "batch"],
  ])("%s", (_name, line, language) => {
    expect(read(line, language)).toEqual([{ kind: "root-authorized-keys", line }]);
  });

  it("a download to the file AuthorizedKeysFile later names", () => {
    const line = "certutil -urlcache -f https://x/k C:\\keys\\admins";
    const config = "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile C:\\keys\\admins'";
    expect(read(`${line}\n${config}`)).toEqual([{ kind: "root-authorized-keys", line }]);
  });

  it.each<[string, string, WindowsLanguage]>([
    [
      "DownloadFile elsewhere",
      "(New-Object Net.WebClient).DownloadFile('https://x/k','C:\\temp\\k.txt')",
      "powershell",
    ],
    ["certutil -decode elsewhere", "certutil -decode C:\\temp\\k.b64 C:\\temp\\k.txt", "batch"],
    ["certutil -decode of the keys, elsewhere", `certutil -decode ${ADMIN_KEYS} C:\\temp\\x`, "batch"],
    ["certutil clearing its cache", "certutil -urlcache * delete", "batch"],
    ["bitsadmin /upload of the keys", `bitsadmin /transfer job /upload https://x/k ${ADMIN_KEYS}`, "batch"],
  ])("%s is no finding", (_name, line, language) => {
    expect(read(line, language)).toEqual([]);
  });
});

describe(".NET writers opened on the keys file write it", () => {
  it.each([
    ["StreamWriter::new", `$w = [System.IO.StreamWriter]::new('${ADMIN_KEYS}',$true)`],
    ["New-Object StreamWriter(…)", `$w = New-Object System.IO.StreamWriter('${ADMIN_KEYS}')`],
    [
      "New-Object StreamWriter -ArgumentList",
      `$w = New-Object -TypeName IO.StreamWriter -ArgumentList '${ADMIN_KEYS}', $true`,
    ],
    ["File::CreateText", `$w = [IO.File]::CreateText('${ADMIN_KEYS}')`],
    ["File::AppendText", `$w = [IO.File]::AppendText("${ADMIN_KEYS}")`],
    ["File::OpenWrite", `$s = [System.IO.File]::OpenWrite('${ADMIN_KEYS}')`],
  ])("%s", (_name, line) => {
    expect(read(line)).toEqual([{ kind: "root-authorized-keys", line }]);
  });

  it.each([
    ["a StreamWriter on a log", "$w = [System.IO.StreamWriter]::new('C:\\temp\\log.txt',$true)"],
    [
      "a StreamWriter on a log, the keys read after it",
      `New-Object IO.StreamWriter 'C:\\temp\\log.txt'; Get-Content ${ADMIN_KEYS}`,
    ],
  ])("%s is no finding", (_name, line) => {
    expect(read(line)).toEqual([]);
  });
});

describe("folders copied or unpacked into the ssh folder count as planting keys, as on Linux", () => {
  it.each<[string, string, WindowsLanguage]>([
    [
      "Copy-Item -Recurse of a folder's files",
      "Copy-Item -Recurse -Force C:\\temp\\ssh\\* C:\\ProgramData\\ssh\\",
      "powershell",
    ],
    [
      "Copy-Item -Recurse of a folder named ssh into ProgramData",
      "Copy-Item C:\\temp\\ssh C:\\ProgramData -Recurse",
      "powershell",
    ],
    ["batch copy of a folder's files", "copy /Y C:\\temp\\ssh\\* C:\\ProgramData\\ssh\\", "batch"],
    ["batch copy of *.*, through %ProgramData%", "copy C:\\temp\\ssh\\*.* %ProgramData%\\ssh\\", "batch"],
    ["xcopy /E", "xcopy C:\\temp\\ssh C:\\ProgramData\\ssh /E /Y", "batch"],
    ["robocopy without a file list", "robocopy C:\\temp\\ssh C:\\ProgramData\\ssh /E", "batch"],
    ["robocopy of *.*", "robocopy C:\\temp\\ssh C:\\ProgramData\\ssh *.*", "batch"],
    ["a wildcard that may pick the keys", "Copy-Item C:\\temp\\*keys C:\\ProgramData\\ssh\\", "powershell"],
    ["a folder moved there", "Move-Item C:\\temp\\ssh C:\\ProgramData\\ssh", "powershell"],
    [
      "a folder written with a separator after it",
      "Copy-Item -Recurse C:\\temp\\ssh\\ C:\\ProgramData\\",
      "powershell",
    ],
    [
      "Expand-Archive -DestinationPath",
      "Expand-Archive C:\\temp\\ssh.zip -DestinationPath C:\\ProgramData\\ssh -Force",
      "powershell",
    ],
    ["Expand-Archive, positional", "Expand-Archive C:\\temp\\ssh.zip C:\\ProgramData\\ssh", "powershell"],
    [
      "ZipFile::ExtractToDirectory",
      "[IO.Compression.ZipFile]::ExtractToDirectory('C:\\temp\\ssh.zip', 'C:\\ProgramData\\ssh')",
      "powershell",
    ],
  ])("%s", (_name, line, language) => {
    expect(read(line, language)).toEqual([{ kind: "root-authorized-keys", line, note: FOLDER_NOTE }]);
  });

  it("into an administrator's profile .ssh, the note says whose keys they are", () => {
    const [weakness, ...rest] = read("Copy-Item -Recurse C:\\temp\\dotssh\\* $env:USERPROFILE\\.ssh\\");
    expect(rest).toEqual([]);
    expect(weakness.kind).toBe("root-authorized-keys");
    expect(weakness.note).toMatch(/^what the script copies .*SYSTEM or an administrator/);
    expect(weakness.unverifiable).toBeUndefined();
  });

  it.each<[string, string, WindowsLanguage]>([
    ["an app's files elsewhere", "Copy-Item C:\\temp\\app\\* C:\\app\\", "powershell"],
    [
      "sshd_config copied with -Recurse",
      "Copy-Item C:\\temp\\sshd_config C:\\ProgramData\\ssh\\ -Recurse -Force",
      "powershell",
    ],
    ["sshd_config by xcopy", "xcopy C:\\temp\\sshd_config C:\\ProgramData\\ssh\\ /Y", "batch"],
    ["sshd_config moved", "Move-Item C:\\temp\\sshd_config C:\\ProgramData\\ssh\\", "powershell"],
    ["the ssh folder backed up", "Copy-Item -Recurse C:\\ProgramData\\ssh C:\\backup", "powershell"],
    ["robocopy of one named file", "robocopy C:\\temp\\ssh C:\\ProgramData\\ssh sshd_config", "batch"],
    ["robocopy of *.pub", "robocopy C:\\temp\\ssh C:\\ProgramData\\ssh *.pub", "batch"],
    ["host keys by wildcard", "Copy-Item C:\\temp\\ssh_host_* C:\\ProgramData\\ssh\\", "powershell"],
    ["an archive unpacked elsewhere", "Expand-Archive C:\\temp\\app.zip -DestinationPath C:\\app", "powershell"],
  ])("%s is no finding", (_name, line, language) => {
    expect(read(line, language)).toEqual([]);
  });
});

describe("sshd started through a wildcard", () => {
  it.each([
    ["Start-Service ssh*", "Start-Service ssh*"],
    ["Start-Service -Name ssh*", "Start-Service -Name ssh*"],
    ["a quoted ? wildcard", "Start-Service 's?hd'"],
    ["Restart-Service of a list", "Restart-Service -Name ssh*,W32Time"],
    ["Get-Service piped to Start-Service", "Get-Service ssh* | Start-Service"],
    ["Get-Service piped to Set-Service Automatic", "Get-Service ssh* | Set-Service -StartupType Automatic"],
    ["Set-Service by name (already read)", "Set-Service -Name sshd -StartupType Automatic"],
  ])("%s starts the server", (_name, line) => {
    expect(read(line)).toEqual([{ kind: "password-authentication", line, note: NEVER_WRITES }]);
  });

  it.each([
    ["the agent", "Start-Service ssh-agent"],
    ["the agent by name", "Start-Service -Name ssh-agent"],
    ["the agent piped", "Get-Service ssh-agent | Start-Service"],
    ["a wildcard that cannot match sshd", "Start-Service ssh-a*"],
    ["a wildcard piped to Stop-Service, then the agent", "Get-Service ssh* | Stop-Service; Start-Service ssh-agent"],
    ["a file wildcard beside the agent", "dir *; Start-Service ssh-agent"],
    ["disabled by wildcard", "Get-Service ssh* | Set-Service -StartupType Disabled"],
  ])("%s is no finding", (_name, line) => {
    expect(read(line)).toEqual([]);
  });
});

describe("hostile scripts", () => {
  it.each([
    ["calls without their comma", ".DownloadFile(a[IO.File]::Copy(b".repeat(50_000)],
    ["quotes left open", '.DownloadFile(\'a".DownloadFile("b'.repeat(50_000)],
    ["StreamWriters without a path", "New-Object IO.StreamWriter x ".repeat(50_000)],
    ["a long service wildcard", `Start-Service ${"*a".repeat(100_000)}`],
    ["many wildcard sources", `Copy-Item -Recurse ${"C:\\x\\*a ".repeat(50_000)}C:\\app`],
    ["bitsadmin pairs", `bitsadmin /transfer j ${"/priority x https://x C:\\k ".repeat(50_000)}`],
  ])("%s: no finding, read in one pass", (_name, text) => {
    expect(read(text)).toEqual([]);
  });

  it("a call's argument of 12 MB is read without running out of stack", () => {
    const text = `(New-Object Net.WebClient).DownloadFile(${"a".repeat(12_000_000)}, '${ADMIN_KEYS}')`;
    expect(read(text).map((w) => w.kind)).toEqual(["root-authorized-keys"]);
  });
});
