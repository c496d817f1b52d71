// sshd_config downloaded (certutil, bitsadmin, WebClient, Invoke-WebRequest, Start-BitsTransfer) or brought by a
// folder copied or unpacked into %ProgramData%\ssh is text the script does not spell: the reader notes that the
// configuration comes from elsewhere, as it does for a copy, rather than saying the script never writes the directive.
// And keys planted for administrators by Start-BitsTransfer by position, tar.exe unpacking into the ssh folder, and a
// copy to a relative name where the script stands in that folder.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsLanguage, WindowsScript } from "../../lib/windows-scripts";

const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
const ADMIN_KEYS = "C:\\ProgramData\\ssh\\administrators_authorized_keys";
const script = (text: string, language: WindowsLanguage = "powershell"): WindowsScript => ({ language, text });
const PLACED =
  "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, and the script puts sshd_config in place from elsewhere";
const NEVER_WRITES =
  "Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script never writes";
const FOLDER_NOTE =
  "what the script copies or unpacks into that folder is not in the script: a keys file among it plants keys";

describe("sshd_config downloaded: a note that it comes from elsewhere", () => {
  it.each<[string, string, WindowsLanguage]>([
    ["certutil -urlcache", `certutil -urlcache -f https://x/c ${CONFIG}`, "powershell"],
    ["certutil.exe -urlcache -split in batch", `certutil.exe -urlcache -split -f https://x/c "${CONFIG}"`, "batch"],
    ["bitsadmin /transfer", `bitsadmin /transfer job /download /priority normal https://x/c ${CONFIG}`, "batch"],
    ["WebClient.DownloadFile", `(New-Object Net.WebClient).DownloadFile('https://x/c', '${CONFIG}')`, "powershell"],
    ["Invoke-WebRequest -OutFile", `Invoke-WebRequest https://x/c -OutFile ${CONFIG}`, "powershell"],
    ["Start-BitsTransfer by name", `Start-BitsTransfer -Source https://x/c -Destination ${CONFIG}`, "powershell"],
    ["Start-BitsTransfer by position", `Start-BitsTransfer https://x/c ${CONFIG}`, "powershell"],
    [
      "Expand-Archive into the folder",
      "Expand-Archive C:\\temp\\ssh.zip -DestinationPath C:\\ProgramData\\ssh -Force",
      "powershell",
    ],
    ["tar -C into the folder", "tar -xf C:\\temp\\ssh.zip -C $env:ProgramData\\ssh", "powershell"],
    ["batch: tar -C into the folder", 'tar -xf C:\\temp\\ssh.zip -C "%ProgramData%\\ssh"', "batch"],
    ["a folder copied into it", "Copy-Item C:\\baseline\\ssh\\* C:\\ProgramData\\ssh\\ -Force", "powershell"],
    [
      "unpacked where the script stands",
      "Set-Location C:\\ProgramData\\ssh\nExpand-Archive C:\\temp\\ssh.zip -DestinationPath .",
      "powershell",
    ],
    // Without -DestinationPath, Expand-Archive makes a folder named after the archive where it stands.
    [
      "unpacked without a destination into a folder named after it",
      "Set-Location C:\\ProgramData\nExpand-Archive C:\\temp\\ssh.zip",
      "powershell",
    ],
    [
      "the same, -Path named",
      "Set-Location $env:ProgramData\nExpand-Archive -Path C:\\temp\\ssh.zip -Force",
      "powershell",
    ],
  ])("%s", (_name, line, language) => {
    const start = language === "batch" ? "net start sshd" : "Start-Service sshd";
    const weaknesses = findWindowsLoginWeaknesses([
      script(
        `${INSTALL}\n${line}\n${start}`.replace(INSTALL, language === "batch" ? "sc config sshd start= auto" : INSTALL),
        language,
      ),
    ]);
    const sshd = weaknesses.filter((w) => w.kind === "password-authentication");
    expect(sshd).toEqual([
      { kind: "password-authentication", line: expect.any(String), note: PLACED, unverifiable: true },
    ]);
  });

  it.each<[string, string]>([
    ["certutil of another file", "certutil -urlcache -f https://x/c C:\\temp\\tools.zip"],
    ["Expand-Archive elsewhere", "Expand-Archive C:\\temp\\ssh.zip -DestinationPath C:\\tools"],
    [
      "unpacked where the script stands, elsewhere",
      "Set-Location C:\\tools\nExpand-Archive C:\\temp\\ssh.zip -DestinationPath .",
    ],
    ["unpacked without a destination elsewhere", "Set-Location C:\\tools\nExpand-Archive C:\\temp\\ssh.zip"],
    [
      "another archive unpacked without a destination",
      "Set-Location C:\\ProgramData\nExpand-Archive C:\\temp\\tools.zip",
    ],
    ["an archive named by a variable", "Set-Location C:\\ProgramData\nExpand-Archive $zip"],
  ])("%s: the script still never writes it", (_name, line) => {
    const [weakness] = findWindowsLoginWeaknesses([script(`${INSTALL}\n${line}`)]);
    expect(weakness).toEqual({ kind: "password-authentication", line: INSTALL, note: NEVER_WRITES });
  });

  it("a download, then the directive written anew: hardened", () => {
    const text = `${INSTALL}\ncertutil -urlcache -f https://x/c ${CONFIG}\nSet-Content ${CONFIG} 'PasswordAuthentication no'`;
    expect(findWindowsLoginWeaknesses([script(text)])).toEqual([]);
  });
});

describe("keys planted for administrators", () => {
  it.each<[string, string, WindowsLanguage, string | undefined]>([
    ["Start-BitsTransfer by position", `Start-BitsTransfer https://x/k ${ADMIN_KEYS}`, "powershell", undefined],
    [
      "Start-BitsTransfer with options first",
      `Start-BitsTransfer -Priority High https://x/k ${ADMIN_KEYS}`,
      "powershell",
      undefined,
    ],
    ["tar -C into the ssh folder", "tar -xf C:\\temp\\k.zip -C C:\\ProgramData\\ssh", "powershell", FOLDER_NOTE],
    [
      "tar --directory=",
      "tar.exe --extract --file C:\\temp\\k.tgz --directory=C:\\ProgramData\\ssh",
      "batch",
      FOLDER_NOTE,
    ],
    ["tar xzf … -C", 'tar xzf C:\\temp\\k.tgz -C "C:\\ProgramData\\ssh"', "batch", FOLDER_NOTE],
    [
      "Expand-Archive without a destination, named after the folder",
      "Set-Location C:\\ProgramData; Expand-Archive C:\\temp\\ssh.zip",
      "powershell",
      FOLDER_NOTE,
    ],
    [
      "a file renamed into its place",
      "Rename-Item C:\\ProgramData\\ssh\\k administrators_authorized_keys",
      "powershell",
      undefined,
    ],
    ["batch ren", "ren C:\\ProgramData\\ssh\\k administrators_authorized_keys", "batch", undefined],
    [
      "a copy to a relative name where the script stands",
      "Set-Location C:\\ProgramData\\ssh; Copy-Item C:\\temp\\k administrators_authorized_keys",
      "powershell",
      undefined,
    ],
    [
      "a copy to the folder where the script stands",
      "Set-Location C:\\ProgramData\\ssh; Copy-Item C:\\temp\\administrators_authorized_keys .",
      "powershell",
      undefined,
    ],
  ])("%s", (_name, line, language, note) => {
    const weaknesses = findWindowsLoginWeaknesses([script(line, language)]);
    expect(weaknesses).toEqual([{ kind: "root-authorized-keys", line, ...(note === undefined ? {} : { note }) }]);
  });

  it.each<[string, string]>([
    ["tar creating an archive of the folder", "tar -cf C:\\temp\\backup.tar -C C:\\ProgramData\\ssh ."],
    ["tar -C elsewhere", "tar -xf C:\\temp\\k.zip -C C:\\tools"],
    ["Start-BitsTransfer from the keys file", `Start-BitsTransfer ${ADMIN_KEYS} \\\\fs\\backup\\k`],
  ])("%s: nothing planted", (_name, line) => {
    expect(findWindowsLoginWeaknesses([script(line)])).toEqual([]);
  });
});
