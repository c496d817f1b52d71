// The Windows reader's keys planted for administrators (windows-authorized-keys.ts) and auto-logon passwords
// (windows-autologon.ts), by kind, line and note, and its answers on hostile scripts. Script text lives only in these
// strings; nothing here runs it.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsLanguage } from "../../lib/windows-scripts";

const ADMIN_KEYS = "C:\\ProgramData\\ssh\\administrators_authorized_keys";
const WINLOGON = "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
const read = (text: string, language: WindowsLanguage = "powershell") =>
  findWindowsLoginWeaknesses([{ language, text }]);
const kinds = (text: string, language: WindowsLanguage = "powershell") =>
  read(text, language).map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`);

describe("keys planted for administrators", () => {
  it.each([
    ["Add-Content, named path", `Add-Content -Path ${ADMIN_KEYS} -Value $key`],
    ["Set-Content, -Path: form", `Set-Content -Path:"${ADMIN_KEYS}" -Value 'ssh-ed25519 AAAA'`],
    ["Out-File -Append after switches", `$key | Out-File -Append -Encoding ascii ${ADMIN_KEYS}`],
    ["Tee-Object", `$key | Tee-Object -FilePath ${ADMIN_KEYS}`],
    ["New-Item with a value", `New-Item -ItemType File -Path ${ADMIN_KEYS} -Value $key -Force`],
    ["move over it", `Move-Item C:\\temp\\k ${ADMIN_KEYS} -Force`],
    ["robocopy into the ssh folder", "robocopy D:\\setup C:\\ProgramData\\ssh administrators_authorized_keys"],
    ["[IO.File]::Copy", `[System.IO.File]::Copy('C:\\temp\\k', '${ADMIN_KEYS}', $true)`],
    ["AppendAllLines", `[IO.File]::AppendAllLines("${ADMIN_KEYS}", [string[]]$keys)`],
    ["Start-BitsTransfer", `Start-BitsTransfer -Source https://example.com/k -Destination ${ADMIN_KEYS}`],
    ["curl -o", `curl.exe -sSL https://example.com/k -o ${ADMIN_KEYS}`],
    [
      "a variable built from another",
      `$ssh = "$env:ProgramData\\ssh"\n$keys = "$ssh\\administrators_authorized_keys"\nAdd-Content $keys $key`,
    ],
    ["~ in PowerShell is the running account's home", "Add-Content ~\\.ssh\\authorized_keys $key"],
    [
      "SYSTEM's profile spelled out",
      "Add-Content C:\\Windows\\System32\\config\\systemprofile\\.ssh\\authorized_keys $k",
    ],
  ])("%s is a finding", (_name, text) => {
    expect(kinds(text)).toEqual(["root-authorized-keys"]);
  });

  it("a batch variable holding the path", () => {
    const text = `set KEYS=${ADMIN_KEYS}\r\necho ssh-ed25519 AAAA >> "%KEYS%"`;
    expect(read(text, "batch")).toEqual([{ kind: "root-authorized-keys", line: 'echo ssh-ed25519 AAAA >> "%KEYS%"' }]);
  });

  it("a profile's keys carry why they count as an administrator's", () => {
    const [weakness] = read('Add-Content "$env:USERPROFILE\\.ssh\\authorized_keys" $key');
    expect(weakness.note).toMatch(/SYSTEM or an administrator/);
    expect(weakness.unverifiable).toBeUndefined();
  });

  it.each([
    ["reading it", `Get-Content ${ADMIN_KEYS}`],
    ["its ACL", `icacls ${ADMIN_KEYS} /inheritance:r /grant SYSTEM:F`],
    ["copied to a backup folder", `Copy-Item -Path ${ADMIN_KEYS} -Destination C:\\backup`],
    ["robocopy out of the ssh folder", "robocopy C:\\ProgramData\\ssh C:\\backup administrators_authorized_keys"],
    ["an empty file made", `New-Item -ItemType File -Path ${ADMIN_KEYS} -Force`],
    [
      "downloaded from a URL that names it",
      "Invoke-WebRequest https://x/administrators_authorized_keys -OutFile C:\\k.txt",
    ],
    ["the name as text written elsewhere", `Set-Content C:\\notes.txt "${ADMIN_KEYS}"`],
    ["a named user's keys", "Add-Content C:\\Users\\ops\\.ssh\\authorized_keys $key"],
    ["Administrator2 is another account", "Add-Content C:\\Users\\Administrator2\\.ssh\\authorized_keys $key"],
  ])("%s is no finding", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("AuthorizedKeysFile in a here-string written to sshd_config makes its file a keys file", () => {
    const text = [
      "$config = @'",
      "PasswordAuthentication no",
      "Match Group administrators",
      "  AuthorizedKeysFile C:/keys/admins",
      "'@",
      "Set-Content C:\\ProgramData\\ssh\\sshd_config $config",
      "Add-Content C:\\keys\\admins $key",
    ].join("\n");
    expect(read(text)).toEqual([{ kind: "root-authorized-keys", line: "Add-Content C:\\keys\\admins $key" }]);
  });

  it("an AuthorizedKeysFile written elsewhere than sshd_config names no keys file", () => {
    expect(
      kinds("Add-Content C:\\notes.txt 'AuthorizedKeysFile C:/keys/admins'\nAdd-Content C:\\keys\\admins $k"),
    ).toEqual([]);
  });

  it("an AuthorizedKeysFile from a template placeholder is a note", () => {
    expect(kinds("Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile {{ KeysFile }}'")).toEqual([
      "root-authorized-keys?",
    ]);
  });

  it("a keys file named by one script and written by the next is found", () => {
    const weaknesses = findWindowsLoginWeaknesses([
      { language: "powershell", text: "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile D:\\k'" },
      { language: "batch", text: "copy \\\\share\\k D:\\k" },
    ]);
    expect(weaknesses.map((w) => w.line)).toEqual(["copy \\\\share\\k D:\\k"]);
  });
});

describe("auto-logon passwords", () => {
  const on = `Set-ItemProperty -Path '${WINLOGON}' -Name AutoAdminLogon -Value 1`;
  it.each([
    ["named parameters", `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value 'P@ss'`, "powershell"],
    ["positional", `Set-ItemProperty '${WINLOGON}' DefaultPassword P@ss`, "powershell"],
    ["-Name: form", `New-ItemProperty -Path '${WINLOGON}' -Name:DefaultPassword -Value:"P@ss" -Force`, "powershell"],
    ["an empty password", `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value ''`, "powershell"],
    ["reg.exe", `reg.exe add "${WINLOGON.replace(":", "")}" /f /v DefaultPassword /t REG_SZ /d "P@ss"`, "powershell"],
  ])("%s with AutoAdminLogon 1 is a violation", (_name, line, language) => {
    const weaknesses = read(`${on}\n${line}`, language as WindowsLanguage);
    expect(weaknesses).toHaveLength(1);
    expect(weaknesses[0]).toMatchObject({ kind: "password-set", note: expect.stringMatching(/DefaultPassword/) });
    expect(weaknesses[0].unverifiable).toBeUndefined();
  });

  it("a batch variable holding the password, AutoAdminLogon by reg add", () => {
    const key = `"${WINLOGON.replace(":", "")}"`;
    const text = `set PW=P@ss\nreg add ${key} /v AutoAdminLogon /d 1 /f\nreg add ${key} /v DefaultPassword /d %PW% /f`;
    expect(kinds(text, "batch")).toEqual(["password-set"]);
  });

  it("a password from outside the script is a note", () => {
    expect(kinds(`${on}\nSet-ItemProperty '${WINLOGON}' DefaultPassword $env:AUTOLOGON_PASSWORD`)).toEqual([
      "password-set?",
    ]);
  });

  it.each([
    ["without AutoAdminLogon", `Set-ItemProperty '${WINLOGON}' DefaultPassword P@ss`],
    ["a generated password", `${on}\nSet-ItemProperty '${WINLOGON}' DefaultPassword ([guid]::NewGuid())`],
    ["another value of Winlogon", `${on}\nSet-ItemProperty '${WINLOGON}' DefaultUserName ops`],
    ["reading it", `${on}\nGet-ItemProperty '${WINLOGON}' -Name DefaultPassword`],
  ])("%s is no finding", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("hostile scripts", () => {
  it("a path variable referenced many times names a file of x's, not sshd_config: no finding", () => {
    const text = `$p = "${"x".repeat(1000)}"\nAdd-Content ${"$p".repeat(200_000)} sshd_config 'AuthorizedKeysFile C:/k'`;
    expect(read(text)).toEqual([]);
  });

  it("many writes elsewhere and DefaultPassword without AutoAdminLogon are no finding", () => {
    const text = [
      ...Array.from({ length: 20_000 }, (_, i) => `Add-Content C:\\f${i} $k`),
      ...Array.from({ length: 20_000 }, () => `Set-ItemProperty '${WINLOGON}' DefaultPassword P@ss`),
    ].join("\n");
    expect(kinds(text)).toEqual([]);
  });
});

describe("copies onto the keys", () => {
  it.each([
    [
      "a named folder destination",
      "Copy-Item -Path D:\\setup\\administrators_authorized_keys -Destination C:\\ProgramData\\ssh\\",
    ],
    ["switches before the operands", `Copy-Item -Force -Recurse C:\\temp\\k ${ADMIN_KEYS}`],
    ["xcopy with options", `xcopy /Y /F C:\\temp\\k ${ADMIN_KEYS}*`],
  ])("%s is a finding", (_name, text) => {
    expect(kinds(text)).toEqual(["root-authorized-keys"]);
  });

  it.each([
    ["a named destination elsewhere", `Copy-Item -Path ${ADMIN_KEYS} -Destination C:\\backup\\`],
    ["a single operand copies to the working folder", `Copy-Item ${ADMIN_KEYS}`],
  ])("%s is no finding", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("AuthorizedKeysFile values", () => {
  const config = (value: string) => `Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile ${value}'`;
  it.each([
    ["sshd's home token", "%h/.ssh/authorized_keys"],
    ["the stock pair", ".ssh/authorized_keys __PROGRAMDATA__/ssh/administrators_authorized_keys"],
    ["a per-user file under the home token", "%h/.ssh/keys2"],
  ])("%s is neither a finding nor a note", (_name, value) => {
    expect(kinds(config(value))).toEqual([]);
  });

  it("a batch variable is a note", () => {
    expect(kinds(`echo AuthorizedKeysFile %KEYS%>> C:\\ProgramData\\ssh\\sshd_config`, "batch")).toEqual([
      "root-authorized-keys?",
    ]);
  });

  it("a second file of the directive, written earlier by a batch copy", () => {
    const weaknesses = findWindowsLoginWeaknesses([
      { language: "batch", text: "copy \\\\share\\keys C:\\keys\\admins" },
      { language: "powershell", text: config(".ssh/authorized_keys C:\\keys\\admins") },
    ]);
    expect(weaknesses).toEqual([{ kind: "root-authorized-keys", line: "copy \\\\share\\keys C:\\keys\\admins" }]);
  });
});
