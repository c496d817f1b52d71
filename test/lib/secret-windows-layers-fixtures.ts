// Windows user data that carries the line the Windows reader quotes inside a script a statement runs or writes
// (`-EncodedCommand` and its short forms, `-Command`, `cmd /c`, Invoke-Expression, Start-Process, a .ps1 or .cmd
// written, several deep), in each kind of Windows user data (EC2 `<powershell>`/`<script>`, Alibaba `[powershell]`/
// `[bat]`, EC2Launch v2 task documents, base64 whole). Each line carries a marker of its own; given as a secret,
// neither the quoted line nor the marker may be printed. The scripts are data; nothing here runs them.
import type { NestedRow } from "./secret-nested-layers-fixtures";

/** PowerShell's `-EncodedCommand` argument: base64 of the UTF-16LE text. */
export const encoded = (script: string) => Buffer.from(script, "utf16le").toString("base64");

/** A PowerShell line setting a password, its account named with the row's marker. */
export const setPassword = (tag: string) =>
  `Set-LocalUser -Name adm-marker-7f3a9c-${tag} -Password (ConvertTo-SecureString 'Pw-${tag}-91x!' -AsPlainText -Force)`;
/** The same line as the reader quotes it: its password masked. */
const quotedSetPassword = (tag: string) =>
  `Set-LocalUser -Name adm-marker-7f3a9c-${tag} -Password (ConvertTo-SecureString '********' -AsPlainText -Force)`;
/** A batch (or PowerShell) line adding an account with a password, and as the reader quotes it. */
export const netUser = (tag: string) => `net user ops-marker-7f3a9c-${tag} Pw-${tag}-91x! /add`;
const quotedNetUser = (tag: string) => `net user ops-marker-7f3a9c-${tag} ******** /add`;

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>\n`;
const bat = (...lines: string[]) => `<script>\n${lines.join("\n")}\n</script>\n`;

const setPasswordRow = (name: string, tag: string, script: string): NestedRow => ({
  name,
  script,
  hidden: [quotedSetPassword(tag), `marker-7f3a9c-${tag}`, `Pw-${tag}-91x!`],
});
const netUserRow = (name: string, tag: string, script: string): NestedRow => ({
  name,
  script,
  hidden: [quotedNetUser(tag), `marker-7f3a9c-${tag}`, `Pw-${tag}-91x!`],
});

/** The scripts the Windows reader reads apart, in each kind of Windows user data. */
export const WINDOWS_ROWS: NestedRow[] = [
  setPasswordRow(
    "<powershell>: powershell.exe -EncodedCommand",
    "ps-encoded",
    ps(`powershell.exe -EncodedCommand ${encoded(setPassword("ps-encoded"))}`),
  ),
  setPasswordRow(
    "<powershell>: powershell -enc, options before it",
    "ps-enc",
    ps(`powershell -NoProfile -ExecutionPolicy Bypass -enc ${encoded(setPassword("ps-enc"))}`),
  ),
  setPasswordRow("<script>: powershell -e", "bat-e", bat(`powershell -e ${encoded(setPassword("bat-e"))}`)),
  setPasswordRow(
    "Alibaba [powershell]: pwsh -ec, the decoded text of several lines",
    "ali-ps",
    `[powershell]\npwsh -ec ${encoded(`Write-Host start\r\n${setPassword("ali-ps")}\r\nWrite-Host done`)}\n`,
  ),
  netUserRow(
    "Alibaba [bat]: powershell -EncodedCommand running net user",
    "ali-bat",
    `[bat]\npowershell.exe -NonInteractive -EncodedCommand ${encoded(netUser("ali-bat"))}\n`,
  ),
  netUserRow(
    "powershell -Command with the command quoted",
    "command",
    ps(`powershell -Command "${netUser("command")}"`),
  ),
  netUserRow("cmd /c with the command quoted", "cmd", bat(`cmd /c "${netUser("cmd")}"`)),
  setPasswordRow("Invoke-Expression of a literal", "iex", ps(`iex "${setPassword("iex").replace(/'/g, "''")}"`)),
  netUserRow(
    "Start-Process powershell with -EncodedCommand in its arguments",
    "start",
    ps(`Start-Process powershell -ArgumentList '-EncodedCommand ${encoded(netUser("start"))}'`),
  ),
  setPasswordRow(
    "a .ps1 written with Set-Content",
    "written",
    ps(`Set-Content -Path C:\\setup.ps1 -Value "${setPassword("written").replace(/'/g, "''")}"`, "& C:\\setup.ps1"),
  ),
  netUserRow(
    "a .cmd written with echo",
    "echoed",
    bat(`echo ${netUser("echoed")} > C:\\setup.cmd`, "call C:\\setup.cmd"),
  ),
  netUserRow(
    "three layers: -EncodedCommand running cmd /c running -EncodedCommand",
    "deep",
    bat(`powershell -enc ${encoded(`cmd /c "powershell -enc ${encoded(netUser("deep"))}"`)}`),
  ),
  setPasswordRow(
    "an EC2Launch v2 task document in JSON, its script on one line",
    "task-json",
    JSON.stringify({
      version: "1.0",
      tasks: [
        {
          task: "executeScript",
          inputs: [
            {
              frequency: "once",
              type: "powershell",
              content: `Write-Host setup\npowershell -EncodedCommand ${encoded(setPassword("task-json"))}`,
            },
          ],
        },
      ],
    }),
  ),
  setPasswordRow(
    "an EC2Launch v2 task document in YAML",
    "task-yaml",
    [
      "version: 1.0",
      "tasks:",
      "  - task: executeScript",
      "    inputs:",
      "      - frequency: always",
      "        type: powershell",
      "        runAs: localSystem",
      "        content: |-",
      `          powershell -EncodedCommand ${encoded(setPassword("task-yaml"))}`,
      "",
    ].join("\n"),
  ),
  setPasswordRow(
    "the whole user data base64 of <powershell> with -EncodedCommand",
    "whole",
    Buffer.from(ps(`powershell -EncodedCommand ${encoded(setPassword("whole"))}`)).toString("base64"),
  ),
];

/** A run command: its script in a field of its own, with no header, its language named by another field. */
export interface RunCommandRow extends NestedRow {
  type: string;
  /** The resource's inputs, `script` (or the secret wrapping it) in its field. */
  props: (script: unknown) => Record<string, unknown>;
}

const cloudAssistant = (type: string) => (script: unknown) => ({ name: "setup", type, commandContent: script });
const base64 = (text: string) => Buffer.from(text).toString("base64");

/** Cloud Assistant and Systems Manager commands whose PowerShell or batch script runs one it decodes or reads apart. */
export const RUN_COMMAND_ROWS: RunCommandRow[] = [
  {
    ...setPasswordRow(
      "Cloud Assistant RunPowerShellScript, its content base64 of powershell -enc",
      "ca-ps",
      base64(`Write-Host setup\npowershell -enc ${encoded(setPassword("ca-ps"))}\n`),
    ),
    type: "alicloud:ecs/command:Command",
    props: cloudAssistant("RunPowerShellScript"),
  },
  {
    ...netUserRow(
      "Cloud Assistant RunBatScript, its content base64 of cmd /c",
      "ca-bat",
      base64(`cmd /c "${netUser("ca-bat")}"\n`),
    ),
    type: "alicloud:ecs/command:Command",
    props: cloudAssistant("RunBatScript"),
  },
  {
    ...setPasswordRow(
      "an AWS-RunPowerShellScript association, its command powershell -EncodedCommand",
      "ssm",
      `powershell -EncodedCommand ${encoded(setPassword("ssm"))}`,
    ),
    type: "aws:ssm/association:Association",
    props: (script) => ({ name: "AWS-RunPowerShellScript", parameters: { commands: script } }),
  },
];
