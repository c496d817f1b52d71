// The Windows reader's and the password maskers' hostile inputs, as their tests feed them
// (test/lib/windows-keys-and-autologon.test.ts, windows-login-weaknesses.test.ts, mask-secrets.test.ts).
import { maskShellPasswords } from "../lib/userdata-password-masks";
import { findWindowsLoginWeaknesses } from "../lib/windows-login-weaknesses";
import { maskWindowsPasswords } from "../lib/windows-password-masks";
import { WindowsLanguage } from "../lib/windows-scripts";
import { many, Shape, shapeOf } from "./hostile-shapes";

const windows = (language: WindowsLanguage) =>
  shapeOf({
    name: `findWindowsLoginWeaknesses ${language}`,
    read: (text) => findWindowsLoginWeaknesses([{ language, text }]),
  });
const ps = windows("powershell");
const batch = windows("batch");
const maskShell = shapeOf({ name: "maskShellPasswords", read: maskShellPasswords });
const maskWindows = (language: WindowsLanguage) =>
  shapeOf({ name: `maskWindowsPasswords ${language}`, read: (text) => maskWindowsPasswords(text, language) });

/** $p6 holds 64 KB of blanks, made by doubling (the script stays small). */
const blanks64k = ["$p0 = '" + " ".repeat(1024) + "'", many(6, (i) => `$p${i + 1} = $p${i} + $p${i}`)].join("\n");
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
/** Installs the OpenSSH server: the sshd reader then reports a configuration that allows passwords. */
const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const WINLOGON = "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";

export const WINDOWS_SHAPES: Record<string, Shape[]> = {
  "test/lib/windows-keys-and-autologon.test.ts": [
    ps("n references to a path variable", 100_000, (n) => {
      const reference = "$p".repeat(n);
      return `$p = "${"x".repeat(1000)}"\nAdd-Content ${reference} sshd_config 'AuthorizedKeysFile C:/k'`;
    }),
    ps("n writes", 10_000, (n) => many(n, (i) => `Add-Content C:\\f${i} $k`)),
    ps("n DefaultPassword values", 10_000, (n) => many(n, () => `Set-ItemProperty '${WINLOGON}' DefaultPassword P@ss`)),
  ],
  "test/lib/windows-login-weaknesses.test.ts": [
    ps("n unclosed ${", 100_000, (n) => "${".repeat(n)),
    ps("n unclosed placeholders", 100_000, (n) => "net user a {{".repeat(n)),
    ps("n nested parentheses", 100_000, (n) => `([adsi]'x').SetPassword(${"(".repeat(n)}`),
    ps("n lines of references to a long path variable", 1_000, (n) => {
      const lines = many(n, () => `Add-Content $c ${"$c ".repeat(100)}`);
      return `$c = "${"x".repeat(1000)} ${CONFIG}"\n${lines}`;
    }),
    ps("n pattern operands", 100_000, (n) => `Set-Content ${CONFIG} ${"-replace '".repeat(n)}`),
    ps("n directives after blanks", 10_000, (n) => `Add-Content ${CONFIG} "${"   PasswordAuthentication".repeat(n)}"`),
    windows("batch")("n batch percent signs", 100_000, (n) => `net user a ${"%x".repeat(n)}`),
    ps("n continued lines", 10_000, (n) => many(n, () => "net user a `")),
  ],
  // Scripts written by echo or by arrays of lines, and the variables a written script falls back to.
  "test/lib/windows-reader-gaps.test.ts": [
    ps("Set-Content of an array of n lines, run", 10_000, (n) =>
      [`Set-Content C:\\s.ps1 -Value @(${many(n, (i) => `'echo ${i}'`, ",")})`, "& C:\\s.ps1"].join("\n"),
    ),
    ps(
      "n assignments, then a written script run",
      10_000,
      (n) => `${"$a = 'x'; ".repeat(n)}Set-Content C:\\s.ps1 'net user a $a /add'; & C:\\s.ps1`,
    ),
    batch("n echo. lines into a .cmd, called", 5_000, (n) =>
      [many(n, () => "echo.net user a P@ss /add >> C:\\x.cmd"), "call C:\\x.cmd"].join("\n"),
    ),
    batch("n redirections before an echo", 10_000, (n) => `${"> C:\\log.txt ".repeat(n)}echo net user a P@ss /add`),
    ps("Set-Content of an array over n lines, run", 10_000, (n) =>
      ["Set-Content C:\\s.ps1 -Value @(", many(n, (i) => `'echo ${i}'`), ")", "& C:\\s.ps1"].join("\n"),
    ),
    ps("n lines left open by parentheses", 10_000, (n) => many(n, () => "Write-Host (")),
    ps("n lines ending with a comma", 10_000, (n) => many(n, () => "'net user a P@ss /add',")),
    ps("n elements added with +=, each array written", 2_000, (n) =>
      [`$l = @(${many(n, () => "''", ",")})`, many(n, () => "$l += ''; Set-Content C:\\s.ps1 -NoNewline $l")].join(
        "\n",
      ),
    ),
    batch("n redirections of handles before an echo", 10_000, (n) => `${"2>&1 ".repeat(n)}echo net user a P@ss /add`),
  ],
  // Lines of about 100,000 characters at n.
  "test/lib/mask-secrets.test.ts": [
    maskShell("chpasswd and n colons", 50_000, (n) => `chpasswd ${"a:".repeat(n)}`),
    maskShell("n openssl passwd", 6_667, (n) => "openssl passwd ".repeat(n)),
    maskShell("n openssl", 12_500, (n) => "openssl ".repeat(n)),
    maskShell("n unclosed quotes", 50_000, (n) => `echo 'root:${"'\"".repeat(n)} | chpasswd`),
    maskShell("n dollars", 33_333, (n) => `x ${"$6$".repeat(n)}`),
    maskShell("flow mapping of n password keys", 7_143, (n) => `{${"password: x, ".repeat(n)}}`),
    maskShell("n blanks before a colon", 100_000, (n) => `password${" ".repeat(n)}x`),
    maskShell("useradd with n -p", 33_333, (n) => `useradd ${"-p ".repeat(n)}`),
    maskShell("n echo stages into passwd", 11_111, (n) => `${"echo x | ".repeat(n)}passwd --stdin root`),
    maskShell(
      "n quoted scripts in a quoted script",
      2_778,
      (n) => `sh -c "${"sh -c 'echo root:x | chpasswd' ".repeat(n)}"`,
    ),
    maskShell("n quoted scripts", 3_125, (n) => 'sh -c "echo root:x | chpasswd" '.repeat(n)),
    ...(["powershell", "batch"] as const).flatMap((language) => {
      const mask = maskWindows(language);
      return [
        mask("n net user", 11_111, (n) => "net user ".repeat(n)),
        mask("n ConvertTo-SecureString", 4_348, (n) => "ConvertTo-SecureString ".repeat(n)),
        mask("n SetPassword calls", 5_263, (n) => '$u.SetPassword("x")'.repeat(n)),
        mask("n assignments", 9_091, (n) => "$pw = 'x'; ".repeat(n)),
      ];
    }),
  ],
  "test/lib/windows-unread-caps-more.test.ts": [
    ps("n writes to one 1 MB path variable", 10_000, (n) =>
      [`$p = ('C:\\d\\f', '${"x".repeat(1 << 20)}')[0]`, many(n, () => "Add-Content $p x")].join("\n"),
    ),
    ps("n copies of a 1 MB path variable", 10_000, (n) =>
      [`$p0 = ('C:\\d\\f', '${"x".repeat(1 << 20)}')[0]`, many(n, (i) => `$p${i + 1} = $p${i}`)].join("\n"),
    ),
    ps("n echoes of 64 KB of blanks to a script", 8_000, (n) =>
      [blanks64k, many(n, () => 'echo "$p6$p6" > C:\\s.ps1')].join("\n"),
    ),
    ps("n cmd /c of 1 MB of blanks", 2_000, (n) =>
      [blanks64k, many(n, () => `cmd /c "${"$p6".repeat(16)}"`)].join("\n"),
    ),
    ps("n Start-Process with an array grown by +=", 2_000, (n) =>
      [
        "$a = @('-Command')",
        many(n, (i) => `$a += 'Write-Output ${i}'\nStart-Process powershell -ArgumentList $a`),
      ].join("\n"),
    ),
    batch("n echoes of a 240 KB variable to a script", 8_000, (n) =>
      [`set p=${" ".repeat(240_000)}x`, many(n, () => "echo %p% > C:\\s.ps1")].join("\n"),
    ),
  ],
  "test/lib/windows-sshd-templates.test.ts": [
    ps("n replacements of a 64 KB template in place", 20_000, (n) =>
      [
        INSTALL,
        `Set-Content C:\\t '${"PasswordAuthentication __PA__ x\n".repeat(2000)}'`,
        many(n, () => "(Get-Content C:\\t) -replace '(a|b)*__PA__','__PA__' | Set-Content C:\\t"),
        `Copy-Item C:\\t ${CONFIG}`,
      ].join("\n"),
    ),
    ps("n templates written and filled in", 20_000, (n) =>
      [
        INSTALL,
        many(n, (i) => `Set-Content C:\\t${i} 'PasswordAuthentication __PA__'`),
        many(n, (i) => `(Get-Content C:\\t${i}) -replace '__PA__','no' | Set-Content ${CONFIG}`),
      ].join("\n"),
    ),
    ps("a variable of n reads and replacements", 20_000, (n) =>
      [
        INSTALL,
        `$x = ${"(Get-Content C:\\t) -replace 'a','b' ".repeat(n)}`,
        many(100, () => `Set-Content ${CONFIG} $x`),
      ].join("\n"),
    ),
  ],
};
