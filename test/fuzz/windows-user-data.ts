// Windows user data: EC2's <powershell> and <script> blocks, Alibaba Cloud's [powershell] and [bat], cloudbase-init's
// #ps1 and rem cmd, holding lines that run or write nested scripts (cmd /c"…", Start-Process -ArgumentList, batch
// echoes into .cmd and .ps1, iex of joined strings, variables joining variables) and mangled ones. Text only.
import fc from "fast-check";

const NO_NLA =
  'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp" /v UserAuthentication /t REG_DWORD /d 0 /f';

const POWERSHELL_LINES = [
  "net user ops Winter2024! /add",
  'cmd /c"net user ops Winter2024! /add"',
  `cmd /c"${NO_NLA.replace(/"/g, '\\"')}"`,
  "Start-Process powershell -ArgumentList '-Command', 'net user ops Winter2024! /add'",
  "Start-Process powershell -ArgumentList @('-Command', 'net user ops Winter2024! /add') -Wait",
  "$a = @('-Command', 'net user ops Winter2024! /add')",
  "Start-Process powershell -ArgumentList $a",
  "$command = 'net user ops Winter2024! /add'",
  "$b = '-Command', $command; saps pwsh $b",
  "$proc = Start-Process cmd -ArgumentList '/c net start sshd' -PassThru",
  "start cmd '/c net user ops x /add'",
  "iex ('net user ops ' + 'Winter2024! /add')",
  "$x = 'net user ops '; $y = $x + 'Winter2024! /add'; iex $y",
  "Set-Content -Path C:\\setup.cmd -Value 'set PW=Winter2024!'",
  "Add-Content -Path C:\\setup.cmd -Value 'net user ops %PW% /add'",
  "& C:\\setup.cmd",
  "powershell -File C:\\setup.ps1",
  `powershell -EncodedCommand ${Buffer.from("net user ops x /add", "utf16le").toString("base64")}`,
  "Set-Service sshd -StartupType Automatic; Start-Service sshd",
  // Mangled: unclosed arrays, quotes and groups, variables that name themselves or each other, files never written.
  "Start-Process powershell -ArgumentList @('-Command', 'net user",
  "iex ('a' + ",
  'cmd /c"net user ops x /add',
  "$a = @(",
  "Start-Process -ArgumentList $undefined",
  "$c = $c + $c",
  "$c = $d + $c; $d = $c + $d; iex $c",
  "$c = $c + $c + $c + $c; Start-Process powershell -ArgumentList $c",
  "& C:\\never.ps1",
  `iex (${"'a' + ".repeat(300)}'b')`,
];

const BATCH_LINES = [
  "net user ops Winter2024! /add",
  NO_NLA,
  "echo net user ops Winter2024! /add > C:\\setup.cmd",
  "(echo set PW=Winter2024!& echo net user ops %%PW%% /add) > C:\\setup.cmd",
  "(echo a & echo b) > C:\\f.cmd",
  "> C:\\setup.cmd echo set PW=Winter2024!",
  "echo net user ops %%PW%% /add 1>> C:\\setup.cmd",
  `echo net start sshd ^& ${NO_NLA} > C:\\setup.cmd`,
  "echo set PW=x^>NUL> C:\\setup.cmd",
  "echo $p = 'Winter2024!' > C:\\setup.ps1",
  "echo net user ops $p /add >> C:\\setup.ps1",
  "powershell -File C:\\setup.ps1",
  "call C:\\setup.cmd",
  "C:\\setup.cmd",
  'cmd /c"net user ops x /add"',
  'start "" powershell -Command "net user ops x /add"',
  // Mangled: scripts that call each other, one never written, unclosed groups, a trailing caret, self-joined variables.
  "echo call C:\\b.cmd > C:\\a.cmd",
  "echo call C:\\a.cmd > C:\\b.cmd",
  "call C:\\a.cmd",
  "call C:\\never.cmd",
  "set A=%A%%A%",
  "(echo a & echo b",
  "echo ^",
  "echo ^^^& > C:\\x.cmd",
  `(${"echo a & ".repeat(300)}echo b) > C:\\f.cmd`,
];

const line = (table: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...table) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

const body = (table: readonly string[]): fc.Arbitrary<string> =>
  fc.array(line(table), { maxLength: 10 }).map((l) => l.join("\n"));

/** EC2's tagged blocks, left open or closed, batch and PowerShell in either order. */
const taggedBlocks = (): fc.Arbitrary<string> =>
  fc.tuple(body(BATCH_LINES), body(POWERSHELL_LINES), fc.boolean(), fc.boolean()).map(([bat, ps, closed, psFirst]) => {
    const end = (tag: string) => (closed ? `\n</${tag}>` : "");
    const blocks = [`<script>\n${bat}${end("script")}`, `<powershell>\n${ps}${end("powershell")}`];
    return (psFirst ? blocks.reverse() : blocks).join("\n");
  });

/** A first line that makes the rest one script. */
const wholeScript = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.tuple(fc.constantFrom("[powershell]", "#ps1", "#ps1_sysnative"), body(POWERSHELL_LINES)),
      fc.tuple(fc.constantFrom("[bat]", "rem cmd"), body(BATCH_LINES)),
    )
    .map(([header, text]) => `${header}\n${text}`);

export const windowsUserData = (): fc.Arbitrary<string> => fc.oneof(taggedBlocks(), wholeScript());
