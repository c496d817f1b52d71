// Policy messages reach preview output, CI logs and pull-request comments: a quoted script line that sets a password
// must show it masked, the rest of the line kept so the user finds it. Each row is reported as before (count and
// level) and its message holds the visible part but never the password. Script text lives only in these strings;
// nothing here runs it.
import { disallowEcsPasswordLogin } from "../../policies/rules/disallow-ecs-password-login";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic, run } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const ECS = "alicloud:ecs/instance:Instance";
const COMMAND = "alicloud:ecs/command:Command";
const HOST_ACCOUNT = "alicloud:bastionhost/hostAccount:HostAccount";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const MASK = "********";

/** Distinctive, so that finding it anywhere in a message can only mean a leak. */
const PW = "Sup3rS3cretPw";
const HASH = "$6$s4ltS4lt$Hq3CrackableHashValueXyz";
const WIN_PW = "W1nterS3cret!";

interface Row {
  name: string;
  script: string;
  /** The secrets the script spells: none may appear in a message. */
  secrets: string[];
  /** Text every message keeps (the masked line, or what of it is visible). */
  shows: string;
  /** Mandatory violations, and advisory notes (a value from outside the script). */
  violations: number;
  notes?: number;
}

const messagesOf = (ds: Diagnostic[]) => ds.map((d) => d.message);

function rows(describeName: string, type: string, props: (script: string) => Record<string, unknown>, all: Row[]) {
  describe(describeName, () => {
    it.each(all.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
      const ds = await run(disallowUserdataLoginWeakening, type, props(row.script));
      const notes = ds.filter((d) => d.level === "advisory" && d.message.startsWith("cannot be verified"));
      const violations = ds.filter((d) => d.level === "mandatory");
      expect({ violations: violations.length, notes: notes.length }).toEqual({
        violations: row.violations,
        notes: row.notes ?? 0,
      });
      expect(messagesOf(ds).some((m) => m.includes(row.shows))).toBe(true);
      for (const message of messagesOf(ds)) for (const secret of row.secrets) expect(message).not.toContain(secret);
    });
  });
}

const userData = (script: string) => ({ ami: "ami-1", userData: script });

rows("Linux user data: the passwords a quoted line spells are masked", EC2, userData, [
  {
    name: "echo into chpasswd",
    script: `#!/bin/bash\necho 'root:${PW}' | chpasswd`,
    secrets: [PW],
    shows: `"echo 'root:${MASK}' | chpasswd"`,
    violations: 1,
  },
  {
    name: "printf of two accounts into chpasswd",
    script: `printf 'root:${PW}\\nops:${PW}2\\n' | chpasswd`,
    secrets: [PW],
    shows: `"printf 'root:${MASK}\\nops:${MASK}\\n' | chpasswd"`,
    violations: 1,
  },
  {
    name: "a here-string into chpasswd",
    script: `chpasswd <<< "root:${PW}"`,
    secrets: [PW],
    shows: `"chpasswd <<< "root:${MASK}""`,
    violations: 1,
  },
  {
    name: "a password with blanks and a semicolon inside its quotes",
    script: `echo 'root:${PW} x;y' | chpasswd`,
    secrets: [PW, " x;y"],
    shows: `"echo 'root:${MASK}' | chpasswd"`,
    violations: 1,
  },
  {
    name: "chpasswd -e given a hash",
    script: `echo 'root:${HASH}' | chpasswd -e`,
    secrets: [HASH, "CrackableHash"],
    shows: `"echo 'root:${MASK}' | chpasswd -e"`,
    violations: 1,
  },
  {
    name: "passwd --stdin",
    script: `echo ${PW} | passwd --stdin root`,
    secrets: [PW],
    shows: `"echo ${MASK} | passwd --stdin root"`,
    violations: 1,
  },
  {
    name: "echo -e of the password twice into passwd",
    script: `echo -e '${PW}\\n${PW}' | passwd root`,
    secrets: [PW],
    shows: `"echo -e '${MASK}' | passwd root"`,
    violations: 1,
  },
  {
    name: "a $'…' here-string into passwd",
    script: `passwd ecs-user <<< $'${PW}\\n${PW}'`,
    secrets: [PW],
    shows: `"passwd ecs-user <<< $'${MASK}'"`,
    violations: 1,
  },
  {
    name: "useradd -p with a hash",
    script: `useradd -m -p '${HASH}' ops`,
    secrets: [HASH, "CrackableHash"],
    shows: `"useradd -m -p '${MASK}' ops"`,
    violations: 1,
  },
  {
    name: "usermod --password=HASH",
    script: `usermod --password='${HASH}' root`,
    secrets: [HASH, "CrackableHash"],
    shows: `"usermod --password='${MASK}' root"`,
    violations: 1,
  },
  {
    name: "useradd -p of openssl passwd's output",
    script: `useradd -m -p "$(openssl passwd -6 -salt abc ${PW})" ops`,
    secrets: [PW],
    shows: `"useradd -m -p "$(openssl passwd -6 -salt abc ${MASK})" ops"`,
    violations: 1,
  },
  {
    name: "a shadow line written by a here-document",
    script: `cat >> /etc/shadow <<'EOF'\nops:${HASH}:19000:0:99999:7:::\nEOF`,
    secrets: [HASH, "CrackableHash"],
    shows: `"ops:${MASK}:19000:0:99999:7:::"`,
    violations: 1,
  },
  {
    name: "a shadow line printed into tee",
    script: `printf 'ops:${HASH}:19000:0:99999:7:::\\n' | tee -a /etc/shadow`,
    secrets: [HASH, "CrackableHash"],
    shows: `"printf 'ops:${MASK}:19000:0:99999:7:::\\n' | tee -a /etc/shadow"`,
    violations: 1,
  },
  {
    name: "a boot script written by user data, quoted with where it went",
    script: `cat > /etc/rc.local <<'EOF'\necho 'root:${PW}' | chpasswd\nEOF`,
    secrets: [PW],
    shows: `"echo 'root:${MASK}' | chpasswd" via /etc/rc.local`,
    violations: 1,
  },
  {
    name: "a line that also enables password authentication: both findings masked",
    script: `echo 'root:${PW}' | chpasswd && echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config`,
    secrets: [PW],
    shows: `"echo 'root:${MASK}' | chpasswd && echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config"`,
    violations: 2,
  },
  {
    name: "a note for a value from outside the script quotes the masked line",
    script: `echo 'root:${PW}' | chpasswd; echo "PermitRootLogin $MODE" >> /etc/ssh/sshd_config`,
    secrets: [PW],
    shows: `may permit root login: "echo 'root:${MASK}' | chpasswd; echo "PermitRootLogin $MODE"`,
    violations: 1,
    notes: 1,
  },
  {
    name: "a variable named for a password on the quoted line",
    script: `ROOT_PASSWORD=${PW}; echo "root:$ROOT_PASSWORD" | chpasswd`,
    secrets: [PW],
    shows: `"ROOT_PASSWORD=${MASK}; echo "root:$ROOT_PASSWORD" | chpasswd"`,
    violations: 1,
  },
  // Not secrets: kept as written.
  {
    name: "a password from a variable keeps the variable's name",
    script: `echo "root:$PW" | chpasswd`,
    secrets: [MASK],
    shows: `"echo "root:$PW" | chpasswd"`,
    violations: 1,
  },
  {
    name: "printf's format and its argument are kept",
    script: `printf 'root:%s\\n' "$PW" | chpasswd`,
    secrets: [MASK],
    shows: `"printf 'root:%s\\n' "$PW" | chpasswd"`,
    violations: 1,
  },
  {
    name: "useradd -p of a variable",
    script: `useradd -p "$HASH" ops`,
    secrets: [MASK],
    shows: `"useradd -p "$HASH" ops"`,
    violations: 1,
  },
  {
    name: "a here-document into chpasswd quotes only its first line",
    script: `chpasswd <<EOF\nroot:${PW}\nEOF`,
    secrets: [PW, MASK],
    shows: `"chpasswd <<EOF"`,
    violations: 1,
  },
  {
    name: "sshd directives are no secrets",
    script: "sed -i 's/^#\\?PasswordAuthentication .*/PasswordAuthentication yes/' /etc/ssh/sshd_config",
    secrets: [MASK],
    shows: "PasswordAuthentication yes/' /etc/ssh/sshd_config",
    violations: 1,
  },
]);

rows("cloud-config: password keys are masked", EC2, userData, [
  {
    name: "a cloud-config that parses quotes a summary",
    script: `#cloud-config\npassword: ${PW}\nchpasswd:\n  list: |\n    root:${PW}\n  expire: false\n`,
    secrets: [PW],
    shows: '"chpasswd: (passwords set)"',
    violations: 2,
  },
  {
    name: "users' password keys in a cloud-config that parses",
    script: `#cloud-config\nusers:\n  - name: ops\n    plain_text_passwd: ${PW}\n    hashed_passwd: ${HASH}\n`,
    secrets: [PW, HASH],
    shows: '"users: ops plain_text_passwd"',
    violations: 2,
  },
  {
    name: "the default user's password in a cloud-config read line by line",
    script: `#cloud-config\npassword: ${PW}\nbroken: [\n`,
    secrets: [PW],
    shows: `"password: ${MASK}"`,
    violations: 1,
  },
  {
    name: "user password keys read line by line",
    script: `#cloud-config\nusers:\n  - name: ops\n    plain_text_passwd: '${PW}'\n    hashed_passwd: ${HASH}\nbroken: [\n`,
    secrets: [PW, HASH, "CrackableHash"],
    shows: `"hashed_passwd: ${MASK}"`,
    violations: 2,
  },
  {
    name: "chpasswd in flow style read line by line",
    script: `#cloud-config\nchpasswd: {list: "root:${PW}"}\nbroken: [\n`,
    secrets: [PW],
    shows: `"chpasswd: {list: "root:${MASK}"}"`,
    violations: 1,
  },
  {
    name: "ssh_pwauth is no secret",
    script: "#cloud-config\nssh_pwauth: true\nbroken: [\n",
    secrets: [MASK],
    shows: '"ssh_pwauth: true"',
    violations: 1,
  },
]);

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>`;

rows("Windows user data: the passwords a quoted line spells are masked", EC2, userData, [
  {
    name: "net user NAME PASSWORD",
    script: ps(`net user ops ${WIN_PW} /add`),
    secrets: [WIN_PW],
    shows: `"net user ops ${MASK} /add"`,
    violations: 1,
  },
  {
    name: "net.exe by path, a quoted password",
    script: bat(`C:\\Windows\\System32\\net.exe user /add ops "${WIN_PW} x"`),
    secrets: [WIN_PW],
    shows: `"C:\\Windows\\System32\\net.exe user /add ops "${MASK}""`,
    violations: 1,
  },
  {
    name: "ConvertTo-SecureString of a literal inline",
    script: ps(`Set-LocalUser -Name Administrator -Password (ConvertTo-SecureString '${WIN_PW}' -AsPlainText -Force)`),
    secrets: [WIN_PW],
    shows: `-Password (ConvertTo-SecureString '${MASK}' -AsPlainText -Force)`,
    violations: 1,
  },
  {
    name: "-NewPassword: with ConvertTo-SecureString -String",
    script: ps(
      `Set-ADAccountPassword -Identity ops -Reset -NewPassword:(ConvertTo-SecureString -AsPlainText -String "${WIN_PW}" -Force)`,
    ),
    secrets: [WIN_PW],
    shows: `-NewPassword:(ConvertTo-SecureString -AsPlainText -String "${MASK}" -Force)`,
    violations: 1,
  },
  {
    name: "ADSI SetPassword",
    script: ps(`([adsi]"WinNT://./Administrator,user").SetPassword("${WIN_PW}")`),
    secrets: [WIN_PW],
    shows: `.SetPassword("${MASK}")`,
    violations: 1,
  },
  {
    name: "ADSI Invoke SetPassword",
    script: ps('$u = [adsi]"WinNT://./ops,user"', `$u.Invoke("SetPassword", "${WIN_PW}")`),
    secrets: [WIN_PW],
    shows: `$u.Invoke("SetPassword", "${MASK}")`,
    violations: 1,
  },
  {
    name: "batch set of a password on its own line: the quoted net user line names the variable",
    script: bat(`set PW=${WIN_PW}`, "net user ops %PW% /add"),
    secrets: [WIN_PW],
    shows: '"net user ops %PW% /add"',
    violations: 1,
  },
  {
    // The reader takes a variable set on the same line for one from outside: a note, its line masked all the same.
    name: "batch set of a password on the quoted line",
    script: bat(`set PW=${WIN_PW} & net user ops %PW% /add`),
    secrets: [WIN_PW],
    shows: `"set PW=${MASK} & net user ops %PW% /add"`,
    violations: 0,
    notes: 1,
  },
  {
    name: "a PowerShell variable named for a password on the quoted line",
    script: ps(`$AdminPassword = '${WIN_PW}'; net user admin $AdminPassword /add`),
    secrets: [WIN_PW],
    shows: `$AdminPassword = '${MASK}'; net user admin $AdminPassword /add`,
    violations: 0,
    notes: 1,
  },
  {
    name: "auto-logon's DefaultPassword written with Set-ItemProperty",
    script: ps(
      "$w = 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon'",
      "Set-ItemProperty -Path $w -Name AutoAdminLogon -Value '1'",
      `Set-ItemProperty -Path $w -Name DefaultPassword -Value '${WIN_PW}'`,
    ),
    secrets: [WIN_PW],
    shows: `"Set-ItemProperty -Path $w -Name DefaultPassword -Value '${MASK}'"`,
    violations: 1,
  },
  {
    name: "auto-logon's DefaultPassword written with reg add",
    script: bat(
      'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v AutoAdminLogon /t REG_SZ /d 1 /f',
      `reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d ${WIN_PW} /f`,
    ),
    secrets: [WIN_PW],
    shows: `/v DefaultPassword /t REG_SZ /d ${MASK} /f"`,
    violations: 1,
  },
  {
    name: "a password from Secrets Manager stays a note, its line as written",
    script: ps(
      "$pw = ConvertTo-SecureString (Get-SECSecretValue -SecretId prod/ops).SecretString -AsPlainText -Force",
      "Set-LocalUser -Name Administrator -Password $pw",
    ),
    secrets: [MASK],
    shows: '"Set-LocalUser -Name Administrator -Password $pw"',
    violations: 0,
    notes: 1,
  },
  {
    name: "a batch argument is no secret",
    script: bat("net user ops %1 /add"),
    secrets: [MASK],
    shows: '"net user ops %1 /add"',
    violations: 0,
    notes: 1,
  },
]);

rows(
  "Cloud Assistant RunShellScript: masked as user data is",
  COMMAND,
  (script) => ({ type: "RunShellScript", commandContent: b64(script) }),
  [
    {
      name: "chpasswd in a command",
      script: `echo 'root:${PW}' | chpasswd`,
      secrets: [PW],
      shows: `"echo 'root:${MASK}' | chpasswd"`,
      violations: 1,
    },
  ],
);

describe("disallow-ecs-password-login says a password is set, never its value", () => {
  it.each([
    ["an ECS instance", ECS, { imageId: "ubuntu_22_04_x64", password: PW }, "password is set"],
    ["a KMS-encrypted password", ECS, { imageId: "ubuntu_22_04_x64", kmsEncryptedPassword: PW }, "is set"],
    [
      "a Bastionhost SSH host account",
      HOST_ACCOUNT,
      { hostAccountName: "root", hostId: "15", instanceId: "bh-1", protocolName: "SSH", password: PW },
      "password is set",
    ],
  ])("%s", async (_n, type, props, says) => {
    const ds = await run(disallowEcsPasswordLogin, type, props);
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(1);
    expect(ds[0].message).toContain(says);
    for (const d of ds) expect(d.message).not.toContain(PW);
  });
});

describe("through @pulumi/policy's Analyze handler, as a preview prints it", () => {
  it("masks a Linux password in the reported message", async () => {
    const ds = await analyzeThroughHandler(EC2, "web", {
      ami: "ami-1",
      userData: b64(`#!/bin/bash\necho 'root:${PW}' | chpasswd\nuseradd -m -p '${HASH}' ops\n`),
    });
    const login = ds.filter((d) => d.policy === "disallow-userdata-login-weakening");
    expect(login.map((d) => d.level)).toEqual(["mandatory", "mandatory"]);
    expect(login.map((d) => d.message).join("\n")).toContain(`"echo 'root:${MASK}' | chpasswd"`);
    expect(login.map((d) => d.message).join("\n")).toContain(`"useradd -m -p '${MASK}' ops"`);
    for (const d of ds) for (const secret of [PW, HASH, "CrackableHash"]) expect(d.message).not.toContain(secret);
  });

  it("masks a Windows password in the reported message", async () => {
    const ds = await analyzeThroughHandler(EC2, "win", { ami: "ami-1", userData: ps(`net user ops ${WIN_PW} /add`) });
    const login = ds.filter((d) => d.policy === "disallow-userdata-login-weakening");
    expect(login).toHaveLength(1);
    expect(login[0].message).toContain(`"net user ops ${MASK} /add"`);
    for (const d of ds) expect(d.message).not.toContain(WIN_PW);
  });

  it("says an ECS password is set without printing it", async () => {
    const ds = await analyzeThroughHandler(ECS, "vm", { imageId: "ubuntu_22_04_x64", password: PW });
    expect(ds.some((d) => d.policy === "disallow-ecs-password-login" && d.level === "mandatory")).toBe(true);
    for (const d of ds) expect(d.message).not.toContain(PW);
  });
});
