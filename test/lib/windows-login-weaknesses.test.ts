// The Windows reader on its own: statements, passwords' sources, sshd_config writes and the OpenSSH server, and how
// user data splits into Windows scripts. Script text lives only in these strings; nothing here runs it.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";
import { windowsStatements } from "../../lib/windows-statements";
import { windowsUserDataScripts } from "../../lib/windows-user-data";

const ps = (...lines: string[]): WindowsScript => ({ language: "powershell", text: lines.join("\n") });
const bat = (...lines: string[]): WindowsScript => ({ language: "batch", text: lines.join("\r\n") });
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";

/** Each finding as `kind` (`kind?` for a note) and the line it quotes. */
const found = (...scripts: WindowsScript[]) =>
  findWindowsLoginWeaknesses(scripts).map((w) => `${w.kind}${w.unverifiable ? "?" : ""} ${w.line}`);

describe("windowsStatements", () => {
  it.each([
    [
      "backtick continuation",
      ps("Set-LocalUser -Name ops `", "  -Password $pw"),
      ["Set-LocalUser -Name ops    -Password $pw"],
    ],
    ["pipe continuation", ps("Get-Content x |", "  Set-Content y"), ["Get-Content x |   Set-Content y"]],
    ["trailing comment", ps("Write-Host 'a # b' # PasswordAuthentication yes"), ["Write-Host 'a # b'"]],
    ["block comment", ps("<#", "net user a b", "#>", "Write-Host x"), ["Write-Host x"]],
    ["batch rem and ::", bat("rem net user a b", ":: net user a b", "@REM x", "echo ok"), ["echo ok"]],
    ["batch caret continuation", bat("net user ops ^", "Secret1"), ["net user ops  Secret1"]],
  ])("%s", (_name, script, expected) => {
    expect(windowsStatements(script.text, script.language)).toEqual(expected);
  });
});

describe("passwords", () => {
  it.each([
    ["net user with a literal", [ps("net user ops Secret1 /add")], ["password-set net user ops ******** /add"]],
    ["net.exe by path, options first", [bat("C:\\Windows\\System32\\net.exe user /add ops Secret1")], 1],
    ["an empty password is spelled too", [bat('net user guest ""')], 1],
    ["net user NAME *", [ps("net user ops *")], 0],
    ["net user NAME /add /active:yes", [bat("net user ops /add /active:yes")], 0],
    ["net use is another command", [bat("net use Z: \\\\fs\\share Secret1 /user:ops")], 0],
    ["single quotes keep $ literal", [ps("net user ops 'Pa$$w0rd' /add")], 1],
    ["-Password:VALUE", [ps("Set-LocalUser -Name ops -Password:(ConvertTo-SecureString 'x' -AsPlainText -Force)")], 1],
    ["-PasswordNeverExpires is no password", [ps("Set-LocalUser -Name ops -PasswordNeverExpires $true")], 0],
    ["New-LocalUser -NoPassword", [ps("New-LocalUser -Name ops -NoPassword")], 0],
    [
      "ADSI Invoke('SetPassword', literal)",
      [ps('$u = [adsi]"WinNT://./ops,user"', '$u.Invoke("SetPassword", "Secret1")')],
      1,
    ],
    [
      "generated with a fixed suffix",
      [ps("$p = [System.Web.Security.Membership]::GeneratePassword(20, 4) + '!'", "net user ops $p")],
      0,
    ],
    [
      "a parameter of the script is from outside",
      [ps("net user ops $Password")],
      ["password-set? net user ops $Password"],
    ],
    ["batch set /p reads it", [bat("set /p PW=Password:", "net user ops %PW%")], ["password-set? net user ops %PW%"]],
    ["batch argument", [bat("net user ops %1 /add")], ["password-set? net user ops %1 /add"]],
    ["a pipeline after net user ends its words", [bat("net user ops | findstr Secret1")], 0],
  ])("%s", (_name, scripts, expected) => {
    const result = found(...(scripts as WindowsScript[]));
    if (typeof expected === "number")
      expect(result.filter((r) => r.startsWith("password-set "))).toHaveLength(expected);
    else expect(result).toEqual(expected);
  });
});

describe("Windows OpenSSH", () => {
  it.each([
    ["Set-Content of PasswordAuthentication=yes", [ps(`Set-Content ${CONFIG} 'PasswordAuthentication=yes'`)], 1, 0],
    ["[IO.File]::AppendAllText", [ps(`[IO.File]::AppendAllText("${CONFIG}", "PasswordAuthentication yes")`)], 1, 0],
    [
      "a commented-out directive written",
      [ps(INSTALL, `Set-Content ${CONFIG} "#PasswordAuthentication yes\`nPasswordAuthentication no"`)],
      0,
      0,
    ],
    [
      "-replace of yes by no",
      [ps(INSTALL, `(gc ${CONFIG}) -replace 'PasswordAuthentication yes','PasswordAuthentication no' | sc ${CONFIG}`)],
      0,
      0,
    ],
    [
      "sshd_config_default is not read by sshd",
      [ps(INSTALL, `Set-Content "C:\\Program Files\\OpenSSH\\sshd_config_default" "PasswordAuthentication no"`)],
      1,
      0,
    ],
    [
      "a value from a variable is a note",
      [ps(`Add-Content ${CONFIG} "PasswordAuthentication $mode"`, "Start-Service sshd")],
      0,
      1,
    ],
    ["the server disabled is not started", [ps("Set-Service -Name sshd -StartupType Disabled")], 0, 0],
    // Restart-Service starts a stopped service, as Start-Service does: an image's sshd is not known to be running.
    ["restarting sshd without ever writing PasswordAuthentication no", [ps("Restart-Service sshd")], 1, 0],
    ["sc config sshd start= auto", [bat("sc config sshd start= auto")], 1, 0],
    ["install-sshd.ps1 from the release zip", [ps("& 'C:\\Program Files\\OpenSSH\\install-sshd.ps1'")], 1, 0],
    [
      "the ssh-agent service is not sshd",
      [ps("Set-Service ssh-agent -StartupType Automatic", "Start-Service ssh-agent")],
      0,
      0,
    ],
    [
      "installed in a batch block, hardened in PowerShell",
      [
        bat(`dism /Online /Add-Capability /CapabilityName:OpenSSH.Server~~~~0.0.1.0`),
        ps(`Set-Content ${CONFIG} 'PasswordAuthentication no'`),
      ],
      0,
      0,
    ],
    ["a read, not a write", [ps(INSTALL, `findstr /c:"PasswordAuthentication no" ${CONFIG}`)], 1, 0],
  ])("%s", (_name, scripts, violations, notes) => {
    const result = found(...(scripts as WindowsScript[]));
    expect(result.filter((r) => r.startsWith("password-authentication "))).toHaveLength(violations as number);
    expect(result.filter((r) => r.startsWith("password-authentication? "))).toHaveLength(notes as number);
  });
});

describe("windowsUserDataScripts", () => {
  it("runs <script> blocks before <powershell> ones, whatever their order", () => {
    const scripts = windowsUserDataScripts(
      "<powershell>\nA\n</powershell>\n<script>B</script>\n<persist>true</persist>",
    );
    expect(scripts).toEqual([
      { language: "batch", text: "B" },
      { language: "powershell", text: "\nA\n" },
    ]);
  });
  it("reads a block left open to the end", () => {
    expect(windowsUserDataScripts("<POWERSHELL>\nnet user a b")).toEqual([
      { language: "powershell", text: "\nnet user a b" },
    ]);
  });
  it.each([
    ["[powershell]\r\nA", "powershell"],
    ["\n[bat]\nA", "batch"],
    ["#ps1_sysnative\nA", "powershell"],
    ["rem cmd\nA", "batch"],
  ])("whole-script header %j", (text, language) => {
    expect(windowsUserDataScripts(text)?.map((s) => s.language)).toEqual([language]);
  });
  it.each([
    "#!/bin/bash\n<powershell>x</powershell>",
    "#cloud-config\nruncmd: []",
    "Content-Type: multipart/mixed",
    "",
  ])("%j is not Windows user data", (text) => expect(windowsUserDataScripts(text)).toBeUndefined());
});

describe("hostile scripts are read to the findings short ones get", () => {
  const n = 200_000;
  /** Each finding as `kind` (`kind?` for a note) and the start of the line it quotes: hostile lines are long. */
  const brief = (script: WindowsScript) =>
    findWindowsLoginWeaknesses([script]).map((w) => `${w.kind}${w.unverifiable ? "?" : ""} ${w.line.slice(0, 24)}`);
  it.each<[string, WindowsScript, string[]]>([
    ["unclosed ${", ps("${".repeat(n)), []],
    // The password opens a template placeholder never closed: it comes from outside the script.
    ["unclosed placeholders", ps("net user a {{".repeat(n)), ["password-set? net user a {{******** us"]],
    ["nested parentheses", ps(`([adsi]'x').SetPassword(${"(".repeat(n)}`), []],
    [
      "many references to a long path variable",
      ps(`$c = "${"x".repeat(1000)} ${CONFIG}"`, ...Array(2000).fill(`Add-Content $c ${"$c ".repeat(100)}`)),
      [],
    ],
    ["many pattern operands", ps(`Set-Content ${CONFIG} ${"-replace '".repeat(n)}`), []],
    ["many directives after blanks", ps(`Add-Content ${CONFIG} "${"   PasswordAuthentication".repeat(n / 10)}"`), []],
    ["batch percent signs", bat(`net user a ${"%x".repeat(n)}`), ["password-set? net user a ********"]],
    // Continued lines join into one `net user a net user a …`: the password `net` is the script's own.
    ["many continued lines", ps(...Array(n / 10).fill("net user a `")), ["password-set net user a  ******** use"]],
  ])("%s", (_name, script, expected) => {
    expect(brief(script)).toEqual(expected);
  });
});
