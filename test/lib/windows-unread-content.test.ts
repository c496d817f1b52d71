// What the Windows reader's bounds keep it from reading is one "unread-content" finding, not a silent pass: scripts
// run by scripts past the nesting limit, past the nested-text budget, literals joined past their levels, length or
// parentheses, arrays of lines grown past their bound. Under the bounds the same shapes are read and found. Script
// text lives only in these strings; nothing here runs it.
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { windowsDocumentFindings } from "../../lib/windows-ssm-runs";

const NET = "net user Administrator P@ssw0rd123!";
const FOUND = 'userData sets a login password written in the script: "net user Administrator ********"';
const UNREAD =
  "userData holds content past what the pack reads, so what it runs cannot be cleared (real user data inflates to " +
  "tens of KB and nests a few layers: shrink or flatten it): ";
const PAST_NESTING = `${UNREAD}"scripts run by scripts more than 3 levels deep"`;
const PAST_BUDGET = `${UNREAD}"scripts run or written past 1 MB of nested text in all"`;
const PAST_LITERAL = `${UNREAD}"a script run or written joined past what the reader builds (length, variables or parentheses)"`;

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const messages = (text: string) => (windowsDecodedUserDataFindings("userData", text) ?? []).map((f) => f.message);
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
const iexNested = (depth: number, inner: string) => {
  let text = inner;
  for (let i = 0; i < depth; i++) text = `Invoke-Expression ${quoted(text)}`;
  return text;
};
const encNested = (depth: number, inner: string) => {
  let text = inner;
  for (let i = 0; i < depth; i++)
    text = `powershell -EncodedCommand ${Buffer.from(text, "utf16le").toString("base64")}`;
  return text;
};
/** A 64 KB comment in $p6, run `count` times by Invoke-Expression: each spends 64 KB of the 1 MB budget. */
const spent = (count: number) => [
  `$p0 = '#${"x".repeat(1023)}'`,
  ...Array.from({ length: 6 }, (_, i) => `$p${i + 1} = $p${i} + $p${i}`),
  ...Array.from({ length: count }, () => "Invoke-Expression $p6"),
];

describe("scripts run by scripts past the nesting limit", () => {
  it.each([
    ["Invoke-Expression 3 deep", ps(iexNested(3, NET)), [FOUND]],
    ["Invoke-Expression 4 deep", ps(iexNested(4, NET)), [PAST_NESTING]],
    ["-EncodedCommand 3 deep", ps(encNested(3, NET)), [FOUND]],
    ["-EncodedCommand 4 deep", ps(encNested(4, NET)), [PAST_NESTING]],
    ["a harmless command 3 deep", ps(iexNested(3, "Write-Host ready")), []],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });

  it("is one weakness, its reason the line", () => {
    const scripts = [{ language: "powershell" as const, text: `${iexNested(4, NET)}\n${iexNested(5, NET)}` }];
    expect(findWindowsLoginWeaknesses(scripts)).toEqual([
      { kind: "unread-content", line: "scripts run by scripts more than 3 levels deep" },
    ]);
  });
});

describe("scripts run past the nested-text budget", () => {
  it.each([
    ["15 x 64 KB run, then the weakening", ps(...spent(15), `Invoke-Expression ${quoted(NET)}`), [FOUND]],
    ["16 x 64 KB run, then the weakening", ps(...spent(16), `Invoke-Expression ${quoted(NET)}`), [PAST_BUDGET]],
    ["15 x 64 KB run, then a harmless command", ps(...spent(15), "Invoke-Expression 'Write-Host ready'"), []],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("literals past windows-literals.ts's bounds", () => {
  const copies = (n: number) => Array.from({ length: n }, (_, i) => `$v${i + 1} = $v${i}`);
  const joins = (n: number) => Array.from({ length: n }, (_, i) => `$v${i + 1} = $v${i} + ''`);
  const doubled = (n: number) => [
    `$p0 = '${" ".repeat(1024)}'`,
    ...Array.from({ length: n }, (_, i) => `$p${i + 1} = $p${i} + $p${i}`),
    `$c = $p${n} + ${quoted(NET)}`,
    "Invoke-Expression $c",
  ];
  const name = "v".repeat(300);
  it.each([
    ["a copy chain 10 long", ps(`$v0 = ${quoted(NET)}`, ...copies(10), "Invoke-Expression $v10"), [FOUND]],
    ["a join chain 8 long", ps(`$v0 = ${quoted(NET)}`, ...joins(8), "Invoke-Expression $v8"), [FOUND]],
    ["a join chain 9 long", ps(`$v0 = ${quoted(NET)}`, ...joins(9), "Invoke-Expression $v9"), [PAST_LITERAL]],
    ["a value joined to 32 KB", ps(...doubled(5)), [FOUND]],
    ["a value joined past 64 KB", ps(...doubled(6)), [PAST_LITERAL]],
    ["4 parentheses", ps(`Invoke-Expression ((((${quoted(NET)}))))`), [FOUND]],
    ["5 parentheses", ps(`Invoke-Expression (((((${quoted(NET)})))))`), [PAST_LITERAL]],
    ["5 parentheses around no literal", ps("Write-Output (((((Get-Date)))))"), []],
    ["a 300-character name, expanded", ps(`$${name} = ${quoted(NET)}`, `Invoke-Expression "$${name}"`), [FOUND]],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("arrays of lines past windows-line-arrays.ts's bounds", () => {
  const pad = `'#${"x".repeat(1023)}'`;
  const grown = (doublings: number) => [
    `$l = @(${pad})`,
    ...Array.from({ length: doublings }, () => "$l = $l + $l"),
    `$l += ${quoted(NET)}`,
    "Set-Content -Path C:\\s.ps1 -Value $l",
    "& C:\\s.ps1",
  ];
  const wrapped = (n: number) =>
    ps(`Set-Content -Path C:\\s.ps1 -Value ${"(".repeat(n)}'Write-Output 1',${quoted(NET)}${")".repeat(n)}`);
  it.each([
    ["an array grown to 32 KB written to a .ps1", ps(...grown(5)), [FOUND]],
    ["an array grown past 64 KB written to a .ps1", ps(...grown(6)), [PAST_LITERAL]],
    ["an array in 4 parentheses", wrapped(4), [FOUND]],
    ["an array in 5 parentheses", wrapped(5), [PAST_LITERAL]],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("variables read as keys, values and names, however long (read once per assignment)", () => {
  const pad = (n: number) => Array.from({ length: n }, (_, i) => `'HKLM:\\SOFTWARE\\Vendor\\Key${i}'`).join(", ");
  const winlogon = "'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon'";
  const rdp = "'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp'";
  const autologon = (n: number) =>
    ps(
      `$keys = @(${pad(n)}, ${winlogon})`,
      "Set-ItemProperty -Path $keys -Name AutoAdminLogon -Value '1'",
      "Set-ItemProperty -Path $keys -Name DefaultPassword -Value 'P@ssw0rd123!'",
    );
  const nla = (n: number) =>
    ps(`$keys = @(${pad(n)}, ${rdp})`, "Set-ItemProperty -Path $keys -Name UserAuthentication -Value 0");
  const features = (n: number) =>
    ps(
      `$features = @(${Array.from({ length: n }, (_, i) => `'Web-Feature-${i}'`).join(", ")}, 'Telnet-Server')`,
      "Install-WindowsFeature -Name $features",
    );
  const AUTOLOGON = [
    "userData sets a login password written in the script: \"Set-ItemProperty -Path $keys -Name DefaultPassword -Value '********'\" (auto-logon's DefaultPassword, kept in the registry in plain text)",
  ];
  const NLA = [
    'userData opens a remote login to password guessing or clear-text passwords: "Set-ItemProperty -Path $keys -Name UserAuthentication -Value 0" (RDP without Network Level Authentication shows the logon screen to anyone and lets them guess passwords)',
  ];
  const TELNET = [
    'userData opens a remote login to password guessing or clear-text passwords: "Install-WindowsFeature -Name $features" (Telnet Server sends passwords in clear text; use SSH with keys through the bastion and remove the server)',
  ];
  it.each([
    ["auto-logon keys, 3 padding", autologon(3), AUTOLOGON],
    ["auto-logon keys past 1 KB", autologon(60), AUTOLOGON],
    ["RDP keys, 3 padding", nla(3), NLA],
    ["RDP keys past 1 KB", nla(60), NLA],
    ["features, 3 padding", features(3), TELNET],
    ["features past 1 KB", features(80), TELNET],
    ["features past 1 KB, no Telnet", features(80).replace(", 'Telnet-Server'", ""), []],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("sshd and keys files written from variables, however often (read once per assignment)", () => {
  const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEx attacker";
  /** A 3 KB comment written \`times\` times to a scratch sshd_config: past 1 MB at 342. */
  const padded = (times: number, ...tail: string[]) =>
    ps(
      `$b = '#${"x".repeat(3071)}'`,
      "$t = 'C:\\Windows\\Temp\\sshd_config'",
      "$c = 'C:\\ProgramData\\ssh\\sshd_config'",
      ...Array.from({ length: times }, () => "ac $t $b"),
      ...tail,
    );
  const yes = ["$h = 'PasswordAuthentication yes'", "Add-Content $c $h"];
  const keysFile = [
    `Set-Content C:\\k '${KEY}'`,
    "$h = @'",
    ...Array.from({ length: 20 }, (_, i) => `# setting ${i} ${"-".repeat(60)}`),
    "AuthorizedKeysFile C:\\k",
    "'@",
    "Add-Content $c $h",
  ];
  const files = (n: number) =>
    ps(
      `$files = @(${Array.from({ length: n }, (_, i) => `'C:\\Windows\\Temp\\cfg${i}\\sshd_config'`).join(", ")}, 'C:\\ProgramData\\ssh\\sshd_config')`,
      "Set-Content -Path $files -Value 'PasswordAuthentication yes'",
    );
  /** 64 files written by each of \`runs\` Invoke-Expressions, then the key written to C:\\k and sshd pointed at it. */
  const destinations = (runs: number) => {
    const redirects = Array.from({ length: 64 }, (_, i) => `'''' > "\${d}_f${i}"`).join("; ");
    return ps(
      `$s = '${redirects}'`,
      ...Array.from({ length: runs }, (_, i) => [`$d = 'C:\\Windows\\Temp\\r${i}'`, "Invoke-Expression $s"]).flat(),
      `Set-Content -Path C:\\k -Value '${KEY}'`,
      "Add-Content -Path C:\\ProgramData\\ssh\\sshd_config -Value 'AuthorizedKeysFile C:\\k'",
    );
  };
  const YES = ['userData enables SSH password authentication: "Add-Content $c $h"'];
  const KEYS = [`userData writes an administrator's authorized_keys: "Set-Content C:\\k '${KEY}'"`];
  const FILES = [
    "userData enables SSH password authentication: \"Set-Content -Path $files -Value 'PasswordAuthentication yes'\"",
  ];
  const WROTE_KEYS = [`userData writes an administrator's authorized_keys: "Set-Content -Path C:\\k -Value '${KEY}'"`];
  const PAST_DESTINATIONS = `${UNREAD}"files written past 4096 destinations, one maybe the keys file sshd is pointed at"`;
  it.each([
    ["yes from a variable, little written before", padded(3, ...yes), YES],
    ["yes from a variable, past 1 MB written before", padded(342, ...yes), YES],
    ["AuthorizedKeysFile in a here-string, little written before", padded(3, ...keysFile), KEYS],
    ["AuthorizedKeysFile in a here-string, past 1 MB written before", padded(342, ...keysFile), KEYS],
    ["sshd_config in an array of paths, 3 padding", files(3), FILES],
    ["sshd_config in an array of paths past 1 KB", files(40), FILES],
    ["4032 files written, then the keys file", destinations(63), WROTE_KEYS],
    ["4480 files written, then the keys file", destinations(70), [PAST_DESTINATIONS]],
    ["4480 files written, no keys file", destinations(70).replace(/\nAdd-Content -Path C:.*sshd_config.*\n/, "\n"), []],
  ])("%s", (_name, text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe("an SSM document's parameter defaults filled in past the budget", () => {
  /** A Command document writing a 60 KB {{ pad }} \`refs\` times (past 1 MB at 17), then running {{ cmd }}. */
  const doc = (refs: number, cmd: string) => ({
    documentType: "Command",
    content: JSON.stringify({
      schemaVersion: "2.2",
      parameters: { pad: { type: "String", default: `#${"x".repeat(61679)}` }, cmd: { type: "String", default: cmd } },
      mainSteps: [
        {
          action: "aws:runPowerShellScript",
          name: "run",
          inputs: {
            runCommand: [
              ...Array.from({ length: refs }, () => "Write-Output '{{ pad }}'"),
              "Invoke-Expression '{{ cmd }}'",
            ],
          },
        },
      ],
    }),
  });
  const messagesOf = (p: Record<string, unknown>) => windowsDocumentFindings(p).map((f) => f.message);
  it.each([
    ["16 pads, then the weakening", doc(16, NET), [FOUND.replace("userData", "content")]],
    [
      "17 pads, then the weakening",
      doc(17, NET),
      [`${UNREAD.replace("userData", "content")}"parameter values filled into the document past 1 MB in all"`],
    ],
    ["16 pads, then a harmless command", doc(16, "Write-Host ready"), []],
  ])("%s", (_name, p, expected) => {
    expect(messagesOf(p)).toEqual(expected);
  });
});
