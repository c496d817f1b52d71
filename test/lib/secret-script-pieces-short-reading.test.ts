// The pieces of a secret Windows script are found by a short reading (windows-decoded-texts.ts): the reader's walk
// to the scripts a statement runs or writes without its checks of each statement, and no masking of a line that
// cannot hold a password. It must give what the reader's whole reading gives, on generated PowerShell and batch
// scripts that spell passwords in many ways, nest scripts (-EncodedCommand, -Command, cmd /c, Invoke-Expression, files
// written) and hold here-strings, comments and continued lines, as each kind of Windows user data and as plain text.
import fc from "fast-check";
import { findWindowsLoginWeaknesses, windowsNestedScripts } from "../../lib/windows-login-weaknesses";
import type { WindowsScript } from "../../lib/windows-scripts";
import { windowsUserDataScripts } from "../../lib/windows-user-data";

let mockFullReading = false;
jest.mock("../../lib/windows-decoded-texts", () => {
  const actual = jest.requireActual("../../lib/windows-decoded-texts");
  return {
    ...actual,
    windowsDecodedTexts: (value: string, keep: (text: string) => boolean) =>
      (mockFullReading ? actual.windowsDecodedTextsFully : actual.windowsDecodedTexts)(value, keep),
  };
});

// Loaded after the mock: readSecretScript reads through the switchable windowsDecodedTexts.
const pieces = require("../../lib/secret-script-pieces") as typeof import("../../lib/secret-script-pieces");
const { windowsDecodedTexts, windowsDecodedTextsFully } = jest.requireActual(
  "../../lib/windows-decoded-texts",
) as typeof import("../../lib/windows-decoded-texts");

/** PowerShell's `-EncodedCommand` argument: base64 of the UTF-16LE text. */
const encoded = (script: string) => Buffer.from(script, "utf16le").toString("base64");

const password = fc.oneof(
  fc.constantFrom("Xq7!leak", "P@ss w0rd", "a'b", 'x"y', "%PW%", "!PW!", "$pw", "$(Get-Random)", "Xq7^&leak"),
  fc.constantFrom("Xq7;leak", "`Xq7", "Pa$$w0rd", "\u0130stanbul1", "\u017Fecret9", "********", "{{resolve:x}}"),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const name = fc.constantFrom("admin", "ops", "svc_sql", "Administrator", "USER1");

/** Lines that spell a password, as the masking and the readers look for them. */
const secretLine = fc
  .tuple(password, name)
  .chain(([pw, user]) =>
    fc.constantFrom(
      `net user ${user} ${pw} /add`,
      `NET.EXE USER ${user} ${pw}`,
      `net1 users ${user} "${pw}"`,
      `echo.net user ${user} ${pw}`,
      `$pw = ConvertTo-SecureString "${pw}" -AsPlainText -Force`,
      `New-LocalUser -Name ${user} -Password $pw`,
      `Set-LocalUser -Name ${user} -Password:(ConvertTo-SecureString '${pw}' -AsPlainText -Force)`,
      `Set-ADAccountPassword -Identity ${user} -NewPassword (ConvertTo-SecureString -AsPlainText '${pw}' -Force)`,
      `New-ADUser -Name ${user} -AccountPassword '${pw}'`,
      `cmdkey /add:server01 /user:${user} /pass:${pw}`,
      `$AdminPassword = '${pw}'`,
      `$adminPwd="${pw}"`,
      `$env:DB_PASSWORD = "${pw}"`,
      `set "ADMIN_PASSWORD=${pw}"`,
      `set PW=${pw}`,
      `SET db_pass=${pw}`,
      `$u = [ADSI]"WinNT://./${user}"; $u.SetPassword("${pw}")`,
      `$u.Invoke("SetPassword", "${pw}")`,
      `Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon' -Name DefaultPassword -Value '${pw}'`,
      `reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /d ${pw} /f`,
      `# net user ${user} ${pw}`,
      `rem net user ${user} ${pw}`,
      `:: set PASS=${pw}`,
      `<# password ${pw} #>`,
      `$secret = @'\nnet user ${user} ${pw}\n'@`,
      `$script = @"\n$pw = '${pw}'\nnet user ${user} $pw\n"@`,
      `net user ${user} ^\n ${pw}`,
      `New-LocalUser -Name ${user} \`\n -Password (ConvertTo-SecureString '${pw}' -AsPlainText -Force)`,
    ),
  );

/** Lines that weaken login otherwise, for the readers the short reading leaves out. */
const otherLine = fc.constantFrom(
  "Write-Host 'Configuring the instance'",
  "Install-WindowsFeature -Name Web-Server -IncludeManagementTools",
  "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0",
  "Start-Service sshd",
  "Add-Content -Path C:\\ProgramData\\ssh\\sshd_config -Value 'PasswordAuthentication yes'",
  "Set-ItemProperty -Path 'HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections -Value 0",
  'winrm set winrm/config/service/auth @{Basic="true"}',
  "Set-Content C:\\ProgramData\\ssh\\administrators_authorized_keys 'ssh-ed25519 AAAAC3Nza test'",
  "$user = 'deploy'",
  "Get-Service -Name W32Time | Start-Service",
  "if ($true) {",
  "}",
  "@echo off",
  "exit 0",
);

const plainLine = fc.oneof({ weight: 3, arbitrary: secretLine }, { weight: 2, arbitrary: otherLine });

/** A line that runs or writes a script of its own, holding lines of the generated kind. */
const nestingLine = fc.array(plainLine, { minLength: 1, maxLength: 3 }).chain((lines) => {
  const inner = lines.join("\n");
  const one = lines[0].replace(/[\r\n]/g, " ");
  return fc.constantFrom(
    `powershell.exe -EncodedCommand ${encoded(inner)}`,
    `powershell -enc ${encoded(inner)}`,
    `powershell -Command "${one.replace(/"/g, "'")}"`,
    `cmd /c "${one.replace(/"/g, "")}"`,
    `cmd.exe /c ${one}`,
    `Invoke-Expression '${one.replace(/'/g, "''")}'`,
    `iex "${one.replace(/"/g, "'")}"`,
    `Set-Content -Path C:\\setup\\step.ps1 -Value '${one.replace(/'/g, "''")}'`,
    `echo ${one.replace(/[&|<>^]/g, "")} > C:\\setup\\step.cmd`,
    `Start-Process powershell -ArgumentList '-EncodedCommand ${encoded(inner)}'`,
    // Through variables: the nesting sees what earlier statements assigned.
    `$cmd = '${one.replace(/'/g, "''")}'\nInvoke-Expression $cmd`,
    `$b64 = '${encoded(inner)}'\npowershell -EncodedCommand $b64`,
    `set CMDLINE=${one.replace(/[&|<>^%]/g, "")}\ncmd /c %CMDLINE%`,
    `$lines = @('${one.replace(/'/g, "''")}', 'exit 0')\nSet-Content -Path C:\\setup\\run.ps1 -Value $lines\n& C:\\setup\\run.ps1`,
  );
});

const line = fc.oneof({ weight: 4, arbitrary: plainLine }, { weight: 1, arbitrary: nestingLine });
const body = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom("\n", "\r\n"))
  .map(([lines, eol]) => lines.join(eol));

/** The body as a secret value: each kind of Windows user data, plain text, or base64 of either. */
const secretValue = fc
  .tuple(
    body,
    body,
    fc.constantFrom("powershell", "script", "both", "alibaba-ps", "alibaba-bat", "plain"),
    fc.boolean(),
  )
  .map(([first, second, kind, base64]) => {
    const text =
      kind === "powershell"
        ? `<powershell>\n${first}\n</powershell>\n`
        : kind === "script"
          ? `<script>\n${first}\n</script>\n`
          : kind === "both"
            ? `<script>\n${first}\n</script>\n<powershell>\n${second}\n</powershell>\n<persist>true</persist>\n`
            : kind === "alibaba-ps"
              ? `[powershell]\n${first}\n`
              : kind === "alibaba-bat"
                ? `[bat]\n${first}\n`
                : `${first}\n${second}`;
    return base64 ? Buffer.from(text).toString("base64") : text;
  });

/** Every text handed to `keep`, in order, with `keep` answering as `answer` says. */
function handed(read: typeof windowsDecodedTexts, value: string, answer: (text: string, at: number) => boolean) {
  const texts: string[] = [];
  read(value, (text) => {
    texts.push(text);
    return answer(text, texts.length);
  });
  return texts;
}

const scriptsOf = (value: string): WindowsScript[] =>
  windowsUserDataScripts(value) ?? [
    { language: "powershell", text: value },
    { language: "batch", text: value },
  ];

describe("the short reading of a secret Windows script", () => {
  it("finds the nested scripts the reader's whole reading shows, in the same order", () => {
    fc.assert(
      fc.property(secretValue, (value) => {
        const scripts = scriptsOf(value);
        const whole: WindowsScript[] = [];
        findWindowsLoginWeaknesses(scripts, (s) => whole.push(s));
        const short: WindowsScript[] = [];
        windowsNestedScripts(scripts, (s) => short.push(s));
        expect(short).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("hands on the texts the whole reading hands on, whatever keep answers", () => {
    fc.assert(
      fc.property(secretValue, fc.integer({ min: 0, max: 6 }), (value, refuseEvery) => {
        // Refusing some texts (a budget spent, kept before) leaves their lines unmasked: the same ones either way.
        const answer = (_text: string, at: number) => refuseEvery === 0 || at % refuseEvery !== 0;
        expect(handed(windowsDecodedTexts, value, answer)).toEqual(handed(windowsDecodedTextsFully, value, answer));
      }),
      { numRuns: 300 },
    );
  });

  it("gives readSecretScript and secretMaskedPieces the same pieces", () => {
    fc.assert(
      fc.property(secretValue, (value) => {
        mockFullReading = true;
        const wholeRead = pieces.readSecretScript(value);
        const wholeMasked = pieces.secretMaskedPieces(value);
        mockFullReading = false;
        expect(pieces.readSecretScript(value)).toEqual(wholeRead);
        expect(pieces.secretMaskedPieces(value)).toEqual(wholeMasked);
      }),
      { numRuns: 200 },
    );
  });

  it("masks a password of a nested script in both readings", () => {
    const value = `<powershell>\npowershell -enc ${encoded("net user ops Xq7!leak /add")}\n</powershell>\n`;
    mockFullReading = true;
    const whole = pieces.readSecretScript(value).pieces;
    mockFullReading = false;
    const short = pieces.readSecretScript(value).pieces;
    expect(short).toContain("net user ops ******** /add");
    expect(short).toEqual(whole);
  });
});
