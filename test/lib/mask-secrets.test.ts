// The masking of passwords in quoted script lines, line by line: what is a password is masked with a fixed mask that
// does not tell its length, what is not (user names, variables, paths, directives) stays. Script text lives only in
// these strings; nothing here runs it.
import { applyMasks, isReference, MASK } from "../../lib/mask-secrets";
import { maskShellPasswords } from "../../lib/userdata-password-masks";
import { maskWindowsPasswords } from "../../lib/windows-password-masks";

const M = MASK;

describe("maskShellPasswords", () => {
  it.each([
    ["chpasswd pair", "echo 'root:Pw1' | chpasswd", `echo 'root:${M}' | chpasswd`],
    ["chpasswd pair unquoted", "echo root:Pw1 | sudo /usr/sbin/chpasswd", `echo root:${M} | sudo /usr/sbin/chpasswd`],
    ["a password holding a colon", "echo 'root:a:b' | chpasswd", `echo 'root:${M}' | chpasswd`],
    ["two accounts", 'printf "a:Pw1\\nb:Pw2\\n" | chpasswd', `printf "a:${M}\\nb:${M}\\n" | chpasswd`],
    [
      "newusers keeps the ids",
      "echo 'ops:Pw1:1001:1001::/home/ops:/bin/sh' | newusers",
      `echo 'ops:${M}:1001:1001::/home/ops:/bin/sh' | newusers`,
    ],
    ["passwd --stdin", "echo Pw1 | passwd --stdin root", `echo ${M} | passwd --stdin root`],
    ["yes into passwd", "yes 'Pw1' | passwd root", `yes '${M}' | passwd root`],
    [
      "printf into passwd keeps the format",
      "printf '%s\\n' Pw1 Pw1 | passwd ops",
      `printf '%s\\n' ${M} ${M} | passwd ops`,
    ],
    ["useradd -p", "useradd -p 'h' ops", `useradd -p '${M}' ops`],
    ["usermod -pVALUE", "usermod -ph root", `usermod -p${M} root`],
    ["useradd --password VALUE", 'useradd --password "h" ops', `useradd --password "${M}" ops`],
    ["openssl passwd", "openssl passwd -6 -salt s4lt Pw1 > /tmp/h", `openssl passwd -6 -salt s4lt ${M} > /tmp/h`],
    ["a shadow line", "ops:$6$a$b:19000:0:99999:7:::", `ops:${M}:19000:0:99999:7:::`],
    [
      "a crypt hash anywhere",
      "sed -i 's/^root:!:/root:$6$s4lt$abcdefghij:/' /etc/shadow",
      `sed -i 's/^root:!:/root:${M}:/' /etc/shadow`,
    ],
    ["a yescrypt hash", "x '$y$j9T$s4lt$abcdefghijkl'", `x '${M}'`],
    ["cloud-config password", "password: Pw1 # comment", `password: ${M} # comment`],
    ["cloud-config list entry", "  - plain_text_passwd: 'Pw1'", `  - plain_text_passwd: '${M}'`],
    ["cloud-config key with hyphens", "  plain-text-passwd: Pw1", `  plain-text-passwd: ${M}`],
    ["cloud-config hashed key with hyphens", "- {name: ops, hashed-passwd: h}", `- {name: ops, hashed-passwd: ${M}}`],
    [
      "cloud-config flow mapping",
      "- {name: ops, passwd: h, lock_passwd: false}",
      `- {name: ops, passwd: ${M}, lock_passwd: false}`,
    ],
    ["a variable named for a password", "export DB_PASS=Pw1; run", `export DB_PASS=${M}; run`],
    [
      "a script quoted for sh -c",
      `timeout 10 sh -c "echo 'root:Pw1' | chpasswd"`,
      `timeout 10 sh -c "echo 'root:${M}' | chpasswd"`,
    ],
    [
      "a script echoed to at",
      `echo "echo 'root:Pw1' | chpasswd" | at now`,
      `echo "echo 'root:${M}' | chpasswd" | at now`,
    ],
    [
      "a script quoted twice",
      `sh -c "su -c 'usermod -p Hash1 root' root"`,
      `sh -c "su -c 'usermod -p ${M} root' root"`,
    ],
    ["x11vnc -passwd", "x11vnc -forever -passwd 'Pw1' -display :0", `x11vnc -forever -passwd '${M}' -display :0`],
    ["x11vnc -viewpasswd", "nohup x11vnc -viewpasswd Pw1 &", `nohup x11vnc -viewpasswd ${M} &`],
    ["ttyd -c", "ttyd -p 7681 -c admin:S3cret bash", `ttyd -p 7681 -c admin:${M} bash`],
    ["gotty --credential=", "gotty --credential='ops:S3cret' -w bash", `gotty --credential='ops:${M}' -w bash`],
  ])("%s", (_n, line, masked) => {
    expect(maskShellPasswords(line)).toBe(masked);
  });

  it.each([
    ["a variable as the password", 'echo "root:$PW" | chpasswd'],
    ["a positional argument", 'echo "root:$1" | chpasswd'],
    ["a command's output", 'echo "root:$(cat /run/pw)" | chpasswd'],
    ["printf's conversion", "printf 'root:%s\\n' \"$PW\" | chpasswd"],
    ["a locked field", "echo 'svc:!' | chpasswd -e"],
    ["passwd's x", "ops:x:1001:1001::/home/ops:/bin/bash"],
    ["useradd -p of a variable", 'useradd -p "$HASH" ops'],
    ["mkdir -p is no password option", "mkdir -p /home/ops && useradd ops"],
    ["an sshd directive", "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config"],
    ["PermitRootLogin", "sed -i 's/^PermitRootLogin no/PermitRootLogin yes/' /etc/ssh/sshd_config"],
    ["cloud-config summaries", "chpasswd: (passwords set)"],
    ["expect's prompt", 'expect "password:"'],
    ["a prompt in echo", 'echo "password: $PW"'],
    ["passwd -l", "passwd -l root"],
    ["a variable named otherwise", "HOST=web01; hostname $HOST"],
    ["user data naming nsswitch", "grep '^passwd:' /etc/nsswitch.conf"],
    ["a quoted script that spells no password", `sh -c "echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config"`],
    ["x11vnc's password file", 'x11vnc -storepasswd "$VNC_PW" /etc/x11vnc.pass'],
    ["-passwd of another command", "ldapmodify -passwd secretfile"],
    ["ttyd's credential from a variable", 'ttyd -c "$TTYD_CREDENTIAL" bash'],
    ["ttyd without credentials", "ttyd -p 7681 -i lo bash"],
  ])("keeps %s", (_n, line) => {
    expect(maskShellPasswords(line)).toBe(line);
  });

  it("shows the same mask whatever the password's length", () => {
    const short = maskShellPasswords("echo 'root:a' | chpasswd");
    const long = maskShellPasswords(`echo 'root:${"a".repeat(64)}' | chpasswd`);
    expect(short).toBe(long);
  });
});

describe("maskWindowsPasswords", () => {
  it.each([
    ["net user", "powershell", "net user ops Pw1! /add", `net user ops ${M} /add`],
    ["net1 user, quoted", "batch", 'net1 user ops "Pw 1" /y', `net1 user ops "${M}" /y`],
    [
      "net.exe by path, options first",
      "batch",
      "C:\\Windows\\System32\\net.exe user /add ops Pw1",
      `C:\\Windows\\System32\\net.exe user /add ops ${M}`,
    ],
    [
      "ConvertTo-SecureString",
      "powershell",
      "$p = ConvertTo-SecureString 'Pw1' -AsPlainText -Force",
      `$p = ConvertTo-SecureString '${M}' -AsPlainText -Force`,
    ],
    ["-Password literal", "powershell", "Set-LocalUser ops -Password 'Pw1'", `Set-LocalUser ops -Password '${M}'`],
    [
      "-AccountPassword:literal",
      "powershell",
      "New-ADUser ops -AccountPassword:'Pw1'",
      `New-ADUser ops -AccountPassword:'${M}'`,
    ],
    ["SetPassword", "powershell", '$u.SetPassword("Pw1")', `$u.SetPassword("${M}")`],
    ["Invoke SetPassword", "powershell", "$u.Invoke('SetPassword', 'Pw1')", `$u.Invoke('SetPassword', '${M}')`],
    ["batch set", "batch", "set ADMIN_PWD=Pw 1", `set ADMIN_PWD=${M}`],
    ["batch set quoted", "batch", 'set "PASSWORD=Pw1"', `set "PASSWORD=${M}"`],
    [
      "auto-logon by name",
      "powershell",
      "Set-ItemProperty -Path $winlogon -Name DefaultPassword -Value 'Pw1' -Force",
      `Set-ItemProperty -Path $winlogon -Name DefaultPassword -Value '${M}' -Force`,
    ],
    [
      "auto-logon by position",
      "powershell",
      "New-ItemProperty $winlogon DefaultPassword 'Pw1'",
      `New-ItemProperty $winlogon DefaultPassword '${M}'`,
    ],
    [
      "auto-logon through reg add",
      "batch",
      'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d Pw1 /f',
      `reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d ${M} /f`,
    ],
    ["PowerShell assignment", "powershell", "$AdminPassword='Pw1'", `$AdminPassword='${M}'`],
    ["cmd /c glued to its quote", "batch", 'cmd /c"net user ops Pw1 /add"', `cmd /c"net user ops ${M} /add"`],
    [
      "cmd /K glued, past the nesting the reader unwraps",
      "batch",
      'cmd /c cmd /c cmd /c cmd /K"net user ops Pw1 & net start sshd"',
      `cmd /c cmd /c cmd /c cmd /K"net user ops ${M} & net start sshd"`,
    ],
  ] as const)("%s", (_n, language, line, masked) => {
    expect(maskWindowsPasswords(line, language)).toBe(masked);
  });

  it.each([
    ["net user NAME *", "powershell", "net user ops *"],
    ["net user NAME /add", "powershell", "net user ops /add"],
    ["a batch variable", "batch", "net user ops %PW% /add"],
    ["a batch argument", "batch", "net user ops %1 /add"],
    ["net use", "batch", "net use Z: \\\\fs\\share /user:ops"],
    ["-Password of a variable", "powershell", "Set-LocalUser ops -Password $pw"],
    ["a secret read at run time", "powershell", "$pw = ConvertTo-SecureString $secret -AsPlainText -Force"],
    ["a command's output assigned", "powershell", "$pw = Get-Secret -Name ops"],
    ["a generated password", "powershell", "$u.SetPassword($pw)"],
    ["sshd's directive", "powershell", "Add-Content $cfg 'PasswordAuthentication yes'"],
    ["a batch set of another variable", "batch", "set NAME=ops"],
    ["a glued quote that is no cmd switch", "batch", 'robocopy /e"net user ops Pw1" C:\\x'],
    ["auto-logon's user name", "powershell", "Set-ItemProperty -Path $winlogon -Name DefaultUserName -Value 'ops'"],
    [
      "auto-logon's password from a variable",
      "powershell",
      "Set-ItemProperty $winlogon -Name DefaultPassword -Value $pw",
    ],
  ] as const)("keeps %s", (_n, language, line) => {
    expect(maskWindowsPasswords(line, language)).toBe(line);
  });
});

describe("the shared pieces", () => {
  it("merges overlapping spans and keeps the text around them", () => {
    expect(
      applyMasks("abcdefgh", [
        { start: 4, end: 6 },
        { start: 1, end: 3 },
        { start: 2, end: 5 },
      ]),
    ).toBe(`a${M}gh`);
    expect(applyMasks("abc", [])).toBe("abc");
  });

  it("tells references from values", () => {
    for (const v of ["$PW", "${PW}", "$env:PW", "$1", "%PW%", "%1", "!PW!", "$(cat x)", "`cat x`", "(Get-Secret)"])
      expect(isReference(v)).toBe(true);
    for (const v of ["$6$salt$hash", "$y$j9T$s$h", "Pw1", "%s", "p$w"]) expect(isReference(v)).toBe(false);
  });
});

// Lines may be hostile: each is masked as a short line of its form is, whatever its length.
describe("masking long hostile lines", () => {
  const big = 200_000;
  /** How many times a unit is repeated when the row repeats it `big / width` times. */
  const count = (width: number) => Math.floor(big / width);
  const masks = (times: number) => `${M} `.repeat(times);
  /** The line left as it is: nothing in it is a password. */
  const UNCHANGED = "(unchanged)";

  it.each<[string, string, string]>([
    ["colons after chpasswd", `chpasswd ${"a:".repeat(big / 2)}`, `chpasswd a:${M}`],
    ["openssl repeated", "openssl passwd ".repeat(big / 15), `openssl passwd ${masks(2 * count(15) - 2)}`],
    ["openssl without passwd repeated", "openssl ".repeat(big / 8), UNCHANGED],
    ["unclosed quotes", `echo 'root:${"'\"".repeat(big / 2)} | chpasswd`, UNCHANGED],
    ["dollars", `x ${"$6$".repeat(big / 3)}`, `x ${M}`],
    [
      "cloud-config keys in a flow mapping",
      `{${"password: x, ".repeat(big / 14)}}`,
      `{${`password: ${M}, `.repeat(count(14))}}`,
    ],
    ["blanks before a colon", `password${" ".repeat(big)}x`, UNCHANGED],
    ["useradd options", `useradd ${"-p ".repeat(big / 3)}`, `useradd -p ${masks(count(3) - 1)}`],
    [
      "passwd stages",
      `${"echo x | ".repeat(big / 9)}passwd --stdin root`,
      `${`echo ${M} | `.repeat(count(9))}passwd --stdin root`,
    ],
    [
      "quoted scripts in a quoted script",
      `sh -c "${"sh -c 'echo root:x | chpasswd' ".repeat(big / 36)}"`,
      `sh -c "${`sh -c 'echo root:${M} | chpasswd' `.repeat(count(36))}"`,
    ],
    [
      "many quoted scripts",
      `${'sh -c "echo root:x | chpasswd" '.repeat(big / 32)}`,
      `sh -c "echo root:${M} | chpasswd" `.repeat(count(32)),
    ],
  ])("shell: %s", (_n, line, expected) => {
    expect(maskShellPasswords(line)).toBe(expected === UNCHANGED ? line : expected);
  });

  // More spans than a call takes arguments: gathering them must not spread them into one call.
  it("shell: useradd with more options than a call takes arguments", () => {
    const times = 150_000;
    expect(maskShellPasswords(`useradd ${"-p ".repeat(times)}`)).toBe(`useradd -p ${masks(times - 1)}`);
  });

  it.each<[string, string, string]>([
    // `net user net user`: the account `net`, the password `user`; the rest is not a command of its own.
    ["net user repeated", "net user ".repeat(big / 9), `net user net ${M} ${"net user ".repeat(count(9) - 2)}`],
    [
      "ConvertTo-SecureString repeated",
      "ConvertTo-SecureString ".repeat(big / 23),
      `ConvertTo-SecureString ${masks(count(23) - 1)}`,
    ],
    ["SetPassword calls", '$u.SetPassword("x")'.repeat(big / 19), `$u.SetPassword("${M}")`.repeat(count(19))],
    ["assignments", "$pw = 'x'; ".repeat(big / 11), `$pw = '${M}'; `.repeat(count(11))],
  ])("Windows: %s", (_n, line, expected) => {
    expect(maskWindowsPasswords(line, "powershell")).toBe(expected);
    expect(maskWindowsPasswords(line, "batch")).toBe(expected);
  });
});
