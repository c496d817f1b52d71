// More of the Windows reader's bounds, each either read past or reported as one "unread-content" finding, never a
// silent pass: path variables past 1 KB (windows-authorized-keys.ts), argument arrays held in variables
// (windows-start-process.ts), blank and long texts handed on by echo, cmd and batch expansion (windows-literals.ts,
// windows-echo-writes.ts, windows-unknown-values.ts), and `PasswordAuthentication no` counted only where it is
// written to sshd_config (windows-sshd.ts). Benign scripts at the same bounds stay clean. Script text lives only in
// these strings; nothing here runs it.
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";

const NET = "net user Administrator P@ssw0rd123!";
const FOUND = 'userData sets a login password written in the script: "net user Administrator ********"';
const UNREAD =
  "userData holds content past what the pack reads, so what it runs cannot be cleared (real user data inflates to " +
  "tens of KB and nests a few layers: shrink or flatten it): ";
const PAST_LITERAL = `${UNREAD}"a script run or written joined past what the reader builds (length, variables or parentheses)"`;
const PAST_PATH = `${UNREAD}"files written to paths built from variables past 1024 characters"`;
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx attacker";
const ADMIN_KEYS = "C:\\ProgramData\\ssh\\administrators_authorized_keys";
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>`;
const messages = (text: string) => (windowsDecodedUserDataFindings("userData", text) ?? []).map((f) => f.message);
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const keysWritten = (line: string) => `userData writes an administrator's authorized_keys: "${line}"`;
/** A 64 KB value in $p6 made of `unit` (1 KB of it in $p0), doubled six times. */
const doubled = (unit: string) => [
  `$p0 = '${unit.repeat(1024 / unit.length)}'`,
  ...Array.from({ length: 6 }, (_, i) => `$p${i + 1} = $p${i} + $p${i}`),
];

describe("path variables past 1024 characters (windows-authorized-keys.ts)", () => {
  /** `$p` is the first of a pair, the second `padding` long: the value is longer than the path. */
  const pair = (padding: number, path = ADMIN_KEYS) => `$p = ('${path}', '${"x".repeat(padding)}')[0]`;
  /** A batch folder: the ssh folder, then `steps` `x\..\` steps. */
  const folder = (steps: number) => `C:\\ProgramData\\ssh\\${"x\\..\\".repeat(steps)}`;
  it.each([
    ["a pair 100 long", ps(`$k = '${KEY}'`, pair(100), "Add-Content $p $k"), [keysWritten("Add-Content $p $k")]],
    ["a pair 1100 long", ps(`$k = '${KEY}'`, pair(1100), "Add-Content $p $k"), [keysWritten("Add-Content $p $k")]],
    [
      "a pair 1100 long, copied",
      ps(`$k = '${KEY}'`, pair(1100), "$q = $p", "Add-Content $q $k"),
      [keysWritten("Add-Content $q $k")],
    ],
    ["a pair 1100 long naming a log", ps(pair(1100, "C:\\logs\\setup.log"), "Add-Content $p 'done'"), []],
    [
      "a folder of 500 backslashes, then the name",
      bat(
        `set k=${KEY}`,
        `set d=C:\\ProgramData\\ssh${"\\".repeat(500)}`,
        "set p=%d%administrators_authorized_keys",
        "echo %k%>> %p%",
      ),
      [keysWritten("echo %k%>> %p%")],
    ],
    [
      "a folder of 1000 backslashes, then the name (past 1024 once filled in)",
      bat(
        `set k=${KEY}`,
        `set d=C:\\ProgramData\\ssh${"\\".repeat(1000)}`,
        "set p=%d%administrators_authorized_keys",
        "echo %k%>> %p%",
      ),
      [keysWritten("echo %k%>> %p%")],
    ],
    [
      "`.` and `..` steps",
      ps(`$k = '${KEY}'`, '$p = "C:\\ProgramData\\ssh\\.\\x\\..\\administrators_authorized_keys"', "Add-Content $p $k"),
      [keysWritten("Add-Content $p $k")],
    ],
    [
      "a folder and the name joined from quoted strings",
      ps(
        `$k = '${KEY}'`,
        "$n = 'administrators_authorized_keys'",
        "$d = 'C:\\ProgramData\\ssh\\'",
        '$p = "$d$n"',
        "Add-Content $p $k",
      ),
      [keysWritten("Add-Content $p $k")],
    ],
    [
      "a quoted folder of 1000 characters of steps, then the name",
      ps(`$k = '${KEY}'`, `$d = '${folder(199)}'`, '$p = "$d\\administrators_authorized_keys"', "Add-Content $p $k"),
      [keysWritten("Add-Content $p $k")],
    ],
    [
      "the name in a variable left out past the filling's bound",
      bat(
        `set k=${KEY}`,
        "set n=administrators_authorized_keys",
        `set d=${folder(200)}`,
        "set p=%d%%n%",
        "echo %k%>> %p%",
      ),
      [PAST_PATH],
    ],
    [
      "a log file in a folder past 1024 characters, built from it",
      bat(`set d=C:\\${`${"d".repeat(200)}\\`.repeat(6)}`, "set p=%d%setup.log", "echo done>> %p%"),
      [PAST_PATH],
    ],
    [
      "a log file in a folder of 1100 characters of steps, built from it",
      bat(`set d=${folder(220)}`, "set p=%d%setup.log", "echo done>> %p%"),
      [],
    ],
    [
      "the keys in a folder of 1100 characters of steps, built from it",
      bat(`set k=${KEY}`, `set d=${folder(220)}`, "set p=%d%administrators_authorized_keys", "echo %k%>> %p%"),
      [keysWritten("echo %k%>> %p%")],
    ],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("argument arrays held in variables (windows-start-process.ts)", () => {
  const run = "Start-Process powershell -ArgumentList $a";
  /** `-Command`, then `$c` (`filler` characters run first), then bare words Start-Process passes as they are. */
  const bare = (filler: number) =>
    ps(
      `$c = 'Write-Output ${"x".repeat(filler)};'`,
      "Start-Process powershell -ArgumentList '-Command', $c, net, user, Administrator, 'P@ssw0rd123!'",
    );
  it.each([
    ["an array of literals", ps(`$a = @('-Command', ${quoted(NET)})`, run), [FOUND]],
    [
      "an array read as assigned, its variable set again after",
      ps(`$b = ${quoted(NET)}`, "$a = @('-Command', $b)", "$b = 'Write-Host hi'", run),
      [FOUND],
    ],
    ["an array grown with +=", ps("$a = @('-Command')", `$a += ${quoted(NET)}`, run), [FOUND]],
    ["a harmless array", ps("$a = @('-Command', 'Write-Host hi')", run), []],
    [
      "an array joined past 64 KB",
      ps(`$b = '${"#".repeat(20000)}'`, `$a = @('-Command', ${quoted(NET)}, $b, $b, $b, $b)`, run),
      [PAST_LITERAL],
    ],
    ["bare words within the limit", bare(480000), [FOUND]],
    ["bare words past the limit", bare(1048540), [PAST_LITERAL]],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("blank and long texts handed on (windows-literals.ts, windows-echo-writes.ts, windows-unknown-values.ts)", () => {
  it.each([
    [
      "1.06 MB of blanks run by Invoke-Expression, then a harmless command",
      ps(...doubled(" "), ...Array<string>(17).fill('Invoke-Expression "$p6"'), "Write-Host ready"),
      [],
    ],
    [
      "1.06 MB of blanks run by Invoke-Expression, then the weakening",
      ps(...doubled(" "), ...Array<string>(17).fill('Invoke-Expression "$p6"'), `Invoke-Expression ${quoted(NET)}`),
      [FOUND],
    ],
    [
      "1 MB of blanks echoed to a .ps1, then the weakening",
      ps(...doubled(" "), ...Array<string>(16).fill('echo "$p6" > C:\\s.ps1'), `echo ${quoted(NET)} > C:\\s.ps1`),
      [FOUND],
    ],
    ["1.2 GB handed to cmd", ps(...doubled("x"), `cmd /c "${"$p6".repeat(20000)}"`), [PAST_LITERAL]],
    [
      "1 GB of batch expanded into a .ps1",
      bat(`set p=${" ".repeat(500000)}x`, `echo ${"%p%".repeat(2000)} > C:\\s.ps1`),
      [PAST_LITERAL],
    ],
    [
      "15 x 64 KB handed to cmd, then the weakening",
      ps(...doubled("x"), ...Array<string>(15).fill('cmd /c "$p6"'), `$n = ${quoted(NET)}`, 'cmd /c "$n"'),
      [FOUND],
    ],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("PasswordAuthentication no counted where it is written to sshd_config (windows-sshd.ts)", () => {
  const STARTED =
    'userData enables SSH password authentication: "Start-Service sshd" (Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script never writes)';
  /** The same, when a statement naming sshd_config wrote the no to another file. */
  const WRITTEN_ELSEWHERE =
    'userData enables SSH password authentication: "Start-Service sshd" (Windows OpenSSH allows passwords unless sshd_config says PasswordAuthentication no, which the script writes only to a file the service does not read: write it to %ProgramData%\\ssh\\sshd_config)';
  it.each([
    [
      "no to sshd_config",
      ps("Start-Service sshd", `Set-Content ${CONFIG} 'PasswordAuthentication no'`, "Restart-Service sshd"),
      [],
    ],
    [
      "no to another file",
      ps("Start-Service sshd", "Set-Content C:\\temp\\x.txt 'PasswordAuthentication no'"),
      [STARTED],
    ],
    [
      "no to another file, sshd_config read in the same pipeline",
      ps(
        "Start-Service sshd",
        `Get-Content ${CONFIG} | Set-Content C:\\temp\\x.txt -Value 'PasswordAuthentication no'`,
      ),
      [WRITTEN_ELSEWHERE],
    ],
    [
      "no to another file, sshd_config tested in the same statement",
      ps("Start-Service sshd", `if (Test-Path ${CONFIG}) { Set-Content C:\\temp\\x.txt 'PasswordAuthentication no' }`),
      [WRITTEN_ELSEWHERE],
    ],
    [
      "no to sshd_config, tested in the same statement",
      ps(`$c = '${CONFIG}'`, "if (Test-Path $c) { Set-Content $c 'PasswordAuthentication no' }", "Start-Service sshd"),
      [],
    ],
    [
      "yes replaced by no, piped back to sshd_config",
      ps(
        "Start-Service sshd",
        `$c = '${CONFIG}'`,
        "(Get-Content $c) -replace 'PasswordAuthentication yes', 'PasswordAuthentication no' | Set-Content $c",
        "Restart-Service sshd",
      ),
      [],
    ],
    [
      "no from a here-string to sshd_config",
      ps(
        "Start-Service sshd",
        "$h = @'",
        "Port 22",
        "PasswordAuthentication no",
        "'@",
        `Set-Content -Path ${CONFIG} -Value $h`,
        "Restart-Service sshd",
      ),
      [],
    ],
    [
      "batch: no echoed to sshd_config",
      bat("echo PasswordAuthentication no> %PROGRAMDATA%\\ssh\\sshd_config", "net start sshd"),
      [],
    ],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});
