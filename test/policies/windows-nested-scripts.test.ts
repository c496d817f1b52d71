// Scripts a Windows script runs or writes, read by disallow-userdata-login-weakening as if written in its place:
// `powershell -Command`/`-EncodedCommand`, `cmd /c`/`/k`, Invoke-Expression and `.ps1`/`.cmd`/`.bat` files written
// with Set-Content, Add-Content or Out-File. Script text lives only in these strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";
import { table } from "./harness";
import {
  bat,
  EC2,
  encoded,
  instance,
  NET_USER,
  OPENS_LOGIN,
  PASSWORD,
  ps,
  REG_NO_NLA,
  SETS_PASSWORD,
  SSH_PASSWORDS,
} from "./windows-nested-fixtures";

const HARMLESS = "Write-Host ready";
const RDP_TCP = "HKLM:\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp";
const NO_NLA = `Set-ItemProperty -Path '${RDP_TCP}' -Name UserAuthentication -Value 0`;

/** `cmd /c` wrapped around `inner` `depth` times. */
const cmdNested = (depth: number, inner: string) => `${"cmd /c ".repeat(depth)}${inner}`;

describe("disallow-userdata-login-weakening reads scripts that Windows scripts run or write", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "powershell -Command with the command quoted",
      type: EC2,
      props: instance(ps(`powershell -Command "${NET_USER}"`)),
      violations: 1,
      mentions: SETS_PASSWORD,
    },
    {
      name: "powershell.exe -c in single quotes, pwsh -Command bare, options before -Command",
      type: EC2,
      props: instance(
        ps(
          `powershell.exe -c 'net user ops1 ${PASSWORD} /add'`,
          `pwsh -Command net user ops2 ${PASSWORD} /add`,
          `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "net user ops3 ${PASSWORD} /add"`,
        ),
      ),
      violations: 3,
      mentions: SETS_PASSWORD,
    },
    {
      name: "Windows PowerShell takes its first argument that is no option as the command",
      type: EC2,
      props: instance(
        bat(
          `powershell -ExecutionPolicy Bypass "net user ops1 ${PASSWORD} /add"`,
          `powershell.exe -NoProfile -win hidden net user ops2 ${PASSWORD} /add`,
        ),
      ),
      violations: 2,
      mentions: SETS_PASSWORD,
    },
    {
      name: "pwsh takes its first argument as a file to run, and a script path runs a file: no finding",
      type: EC2,
      props: instance(bat(`pwsh "${NET_USER}"`, "powershell -ExecutionPolicy Bypass C:\\bootstrap\\setup.ps1")),
      violations: 0,
    },
    {
      name: "powershell -Command with a script block",
      type: EC2,
      props: instance(ps(`powershell -Command { ${NET_USER} }`)),
      violations: 1,
      mentions: SETS_PASSWORD,
    },
    {
      name: "cmd /c quoted in batch",
      type: EC2,
      props: instance(bat(`cmd /c "${NET_USER}"`)),
      violations: 1,
      mentions: SETS_PASSWORD,
    },
    {
      name: "cmd.exe /k and cmd /c bare, in batch and PowerShell",
      type: EC2,
      props: instance(
        `${bat(`cmd.exe /k "net user ops1 ${PASSWORD} /add"`, `cmd /c net user ops2 ${PASSWORD} /add`)}\n${ps(
          `cmd /c "net user ops3 ${PASSWORD} /add"`,
        )}`,
      ),
      violations: 3,
      mentions: SETS_PASSWORD,
    },
    {
      name: "Invoke-Expression and iex of a literal",
      type: EC2,
      props: instance(ps(`Invoke-Expression "net user ops1 ${PASSWORD} /add"`, `iex 'net user ops2 ${PASSWORD} /add'`)),
      violations: 2,
      mentions: SETS_PASSWORD,
    },
    {
      name: "a literal piped to iex, and iex of a variable set to a literal",
      type: EC2,
      props: instance(
        ps(
          `"net user ops1 ${PASSWORD} /add" | iex`,
          `$cmd = 'net user ops2 ${PASSWORD} /add'`,
          "Invoke-Expression $cmd",
        ),
      ),
      violations: 2,
      mentions: SETS_PASSWORD,
    },
    {
      name: "-EncodedCommand and the abbreviations PowerShell accepts",
      type: EC2,
      props: instance(
        ps(
          `powershell -EncodedCommand ${encoded(NET_USER)}`,
          `powershell.exe -NoProfile -enc ${encoded(`net user ops1 ${PASSWORD} /add`)}`,
          `pwsh -e ${encoded(`net user ops2 ${PASSWORD} /add`)}`,
          `powershell -ec "${encoded(`net user ops3 ${PASSWORD} /add`)}"`,
        ),
      ),
      violations: 4,
      mentions: SETS_PASSWORD,
    },
    {
      name: "Set-Content of a .ps1, Add-Content of a .cmd, Out-File of a .bat",
      type: EC2,
      props: instance(
        ps(
          `Set-Content -Path C:\\setup.ps1 -Value "net user ops1 ${PASSWORD} /add"`,
          `Add-Content C:\\setup.cmd 'net user ops2 ${PASSWORD} /add'`,
          `'net user ops3 ${PASSWORD} /add' | Out-File -FilePath C:\\setup.bat -Encoding ascii`,
        ),
      ),
      violations: 3,
      mentions: SETS_PASSWORD,
    },
    {
      name: "a here-string piped to Out-File, and one held in a variable given to Set-Content",
      type: EC2,
      props: instance(
        ps(
          `@"\n${HARMLESS}\nnet user ops1 ${PASSWORD} /add\n"@ | Out-File C:\\setup.ps1`,
          `$script = @'\nnet user ops2 ${PASSWORD} /add\n'@`,
          "Set-Content -Path C:\\setup.cmd -Value $script",
        ),
      ),
      violations: 2,
      mentions: SETS_PASSWORD,
    },
    {
      name: "RDP without NLA through powershell -Command and cmd /c",
      type: EC2,
      props: instance(`${ps(`powershell -Command "${NO_NLA}"`)}\n${bat(`cmd /c ${REG_NO_NLA}`)}`),
      violations: 2,
      mentions: OPENS_LOGIN,
    },
    {
      name: "OpenSSH started inside cmd /c, sshd_config never hardened",
      type: EC2,
      props: instance(bat('cmd /c "net start sshd"')),
      violations: 1,
      mentions: SSH_PASSWORDS,
    },
    {
      name: "OpenSSH started inside cmd /c, sshd_config hardened inside powershell -Command",
      type: EC2,
      props: instance(
        bat(
          "powershell -Command \"Set-Content -Path C:\\ProgramData\\ssh\\sshd_config -Value 'PasswordAuthentication no'\"",
          'cmd /c "net start sshd"',
        ),
      ),
      violations: 0,
    },
    {
      name: "printing a nested command is no finding",
      type: EC2,
      props: instance(
        `${ps(`Write-Host "powershell -Command '${NET_USER}'"`, `Write-Output 'cmd /c "${NET_USER}"'`)}\n${bat(
          `echo cmd /c "${NET_USER}"`,
        )}`,
      ),
      violations: 0,
    },
    {
      name: "commented-out nested commands are no finding",
      type: EC2,
      props: instance(`${ps(`# powershell -Command "${NET_USER}"`)}\n${bat(`rem cmd /c "${NET_USER}"`)}`),
      violations: 0,
    },
    {
      name: "a nested harmless command is no finding",
      type: EC2,
      props: instance(ps(`powershell -Command "${HARMLESS}"`, `cmd /c "ipconfig /all"`, `iex "${HARMLESS}"`)),
      violations: 0,
    },
    {
      name: "-File of a script the user data did not write is no finding",
      type: EC2,
      props: instance(ps("powershell -ExecutionPolicy Bypass -File C:\\bootstrap\\setup.ps1")),
      violations: 0,
    },
    {
      name: "-EncodedCommand of harmless text, and invalid base64, are no finding",
      type: EC2,
      props: instance(
        ps(`powershell -EncodedCommand ${encoded(HARMLESS)}`, "powershell -enc not*base64!", "pwsh -e QQ"),
      ),
      violations: 0,
    },
    {
      name: "a script written to a file that is no script (.txt) is not read",
      type: EC2,
      props: instance(ps(`Set-Content -Path C:\\notes.txt -Value "${NET_USER}"`)),
      violations: 0,
    },
    {
      // The outer levels are read as written (the password found), the levels past the limit left unread.
      name: "hostile: cmd /c nested 200 deep around a password is its finding and the unread levels",
      type: EC2,
      props: instance(bat(cmdNested(200, NET_USER))),
      violations: 2,
    },
    {
      name: "hostile: cmd /c nested 200 deep around a harmless command is the unread levels",
      type: EC2,
      props: instance(bat(cmdNested(200, "ipconfig"))),
      violations: 1,
      mentions: "holds content past what the pack reads",
    },
  ]);
});

describe("nested scripts' findings quote the inner line, its password masked", () => {
  const messages = (userData: string) =>
    (windowsDecodedUserDataFindings("userData", userData) ?? []).map((f) => f.message);

  it.each([
    ["powershell -Command", ps(`powershell -NoProfile -Command "${NET_USER}"`)],
    ["cmd /c", bat(`cmd /c "${NET_USER}"`)],
    ["iex", ps(`iex '${NET_USER}'`)],
    ["-EncodedCommand", ps(`powershell -enc ${encoded(NET_USER)}`)],
    ["Set-Content of a .ps1", ps(`Set-Content -Path C:\\setup.ps1 -Value "${NET_USER}"`)],
  ])("%s", (_name, userData) => {
    const found = messages(userData);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"net user ops ');
    expect(found[0]).not.toContain(PASSWORD);
    expect(found[0]).not.toMatch(/powershell|cmd \/c|iex|Set-Content/);
  });

  it("masks the password of a line quoted whole past the nesting depth", () => {
    const found = messages(bat(`${cmdNested(4, "")}"net user ops ${PASSWORD} /add & net start sshd"`));
    // The line past the depth is read as written, and what it runs is reported unread.
    expect(found).toHaveLength(2);
    expect(found[1]).toContain("holds content past what the pack reads");
    expect(found[0]).toContain("enables SSH password authentication");
    expect(found[0]).toContain('cmd /c "net user ops ');
    expect(found[0]).not.toContain(PASSWORD);
  });

  it("reads a huge nested input within its budget", () => {
    const lines = Array.from({ length: 40000 }, (_, i) => `powershell -Command "net user ops${i} ${PASSWORD} /add"`);
    const found = messages(ps(...lines));
    // Every line a finding until the budget is spent; the rest read as written, their quoted text unread.
    expect(found.length).toBeGreaterThan(1000);
    expect(found.length).toBeLessThan(lines.length);
    expect(found.filter((m) => m.includes("holds content past what the pack reads"))).toHaveLength(1);
    for (const message of found) expect(message).not.toContain(PASSWORD);
  });
});
