// More Windows scripts read by disallow-userdata-login-weakening: keys planted for administrators (the counterpart of
// root's authorized_keys), Winlogon auto-logon passwords, Systems Manager's PowerShell steps (Command documents,
// Automation runbooks, maintenance window tasks) and EC2Launch v2 task documents. Script text lives only in these
// strings; nothing here runs it.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, run, runStack, StackInput, table, UNKNOWN, urnOf } from "./harness";

const EC2 = "aws:ec2/instance:Instance";
const DOCUMENT = "aws:ssm/document:Document";
const TASK = "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask";
const COMMAND = "alicloud:ecs/command:Command";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const ADMIN_KEYS = "C:\\ProgramData\\ssh\\administrators_authorized_keys";
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEKEY attacker";
const WINLOGON = "HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
const REG_WINLOGON = '"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"';
const AUTO_ON = `Set-ItemProperty -Path '${WINLOGON}' -Name AutoAdminLogon -Value 1`;
const NET_USER_LITERAL = "net user ops Winter2024! /add";

const ps = (...lines: string[]) => `<powershell>\n${lines.join("\n")}\n</powershell>`;
const instance = (userData: string): Record<string, unknown> => ({ ami: "ami-1", userData });

describe("disallow-userdata-login-weakening: keys planted for Windows administrators", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Add-Content to administrators_authorized_keys",
      type: EC2,
      props: instance(ps(`Add-Content -Path ${ADMIN_KEYS} -Value '${KEY}'`)),
      violations: 1,
      mentions:
        "userData writes an administrator's authorized_keys: \"Add-Content -Path C:\\ProgramData\\ssh\\administrators_authorized_keys",
    },
    {
      name: "Set-Content through $env:ProgramData, quoted",
      type: EC2,
      props: instance(ps(`Set-Content "$env:ProgramData\\ssh\\administrators_authorized_keys" '${KEY}'`)),
      violations: 1,
    },
    {
      name: "Out-File, the path held in a variable",
      type: EC2,
      props: instance(
        ps(
          '$keys = Join-Path $env:ProgramData "ssh\\administrators_authorized_keys"',
          `'${KEY}' | Out-File -FilePath $keys -Encoding ascii -Append`,
        ),
      ),
      violations: 1,
    },
    {
      name: "batch echo appended with >>",
      type: EC2,
      props: instance(`<script>\necho ${KEY} >> ${ADMIN_KEYS}\n</script>`),
      violations: 1,
    },
    {
      name: "PowerShell redirection >",
      type: EC2,
      props: instance(ps(`"${KEY}" > ${ADMIN_KEYS}`)),
      violations: 1,
    },
    {
      name: "Copy-Item onto it",
      type: EC2,
      props: instance(ps(`Copy-Item -Path C:\\temp\\id.pub -Destination ${ADMIN_KEYS} -Force`)),
      violations: 1,
    },
    {
      name: "batch copy into the ssh folder under its own name",
      type: EC2,
      props: instance("<script>\ncopy /Y D:\\setup\\administrators_authorized_keys C:\\ProgramData\\ssh\\\n</script>"),
      violations: 1,
    },
    {
      name: "[IO.File]::WriteAllText",
      type: EC2,
      props: instance(ps(`[IO.File]::WriteAllText('${ADMIN_KEYS}', '${KEY}')`)),
      violations: 1,
    },
    {
      name: "a download written onto it",
      type: EC2,
      props: instance(ps(`Invoke-WebRequest https://example.com/k.pub -OutFile ${ADMIN_KEYS}`)),
      violations: 1,
    },
    {
      name: "Administrator's own authorized_keys",
      type: EC2,
      props: instance(ps(`Add-Content C:\\Users\\Administrator\\.ssh\\authorized_keys '${KEY}'`)),
      violations: 1,
      mentions: "authorized_keys",
    },
    {
      name: "the running account's profile ($env:USERPROFILE): user data runs as SYSTEM",
      type: EC2,
      props: instance(ps(`Add-Content "$env:USERPROFILE\\.ssh\\authorized_keys" '${KEY}'`)),
      violations: 1,
      mentions: "SYSTEM or an administrator",
    },
    {
      name: "sshd_config pointed at a keys file the script wrote earlier",
      type: EC2,
      props: instance(
        ps(
          `Set-Content C:\\keys\\admins '${KEY}'`,
          "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile C:/keys/admins'",
        ),
      ),
      violations: 1,
      mentions: "C:\\keys\\admins",
    },
    {
      name: "sshd_config pointed at a keys file written later",
      type: EC2,
      props: instance(
        ps(
          "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile C:/keys/admins'",
          `Add-Content C:\\keys\\admins '${KEY}'`,
        ),
      ),
      violations: 1,
    },
    {
      name: "an AuthorizedKeysFile taken from a variable is a note",
      type: EC2,
      props: instance(ps('Add-Content C:\\ProgramData\\ssh\\sshd_config "AuthorizedKeysFile $env:KEYS_FILE"')),
      violations: 0,
      notes: 1,
    },
    {
      name: "the stock AuthorizedKeysFile written back is no finding",
      type: EC2,
      props: instance(
        ps(
          "Add-Content C:\\ProgramData\\ssh\\sshd_config 'AuthorizedKeysFile __PROGRAMDATA__/ssh/administrators_authorized_keys'",
        ),
      ),
      violations: 0,
    },
    {
      name: "a commented-out AuthorizedKeysFile is no finding",
      type: EC2,
      props: instance(
        ps(
          `Set-Content C:\\keys\\admins '${KEY}'`,
          "Add-Content C:\\ProgramData\\ssh\\sshd_config '#AuthorizedKeysFile C:/keys/admins'",
        ),
      ),
      violations: 0,
    },
    {
      name: "icacls on the keys file is no write",
      type: EC2,
      props: instance(ps(`icacls.exe ${ADMIN_KEYS} /inheritance:r /grant "Administrators:F" /grant "SYSTEM:F"`)),
      violations: 0,
    },
    {
      name: "reading the keys, or copying them elsewhere, plants nothing",
      type: EC2,
      props: instance(
        ps(
          `Get-Content ${ADMIN_KEYS} | Out-File C:\\backup\\keys.txt`,
          `Copy-Item ${ADMIN_KEYS} C:\\backup\\`,
          `Test-Path ${ADMIN_KEYS}`,
        ),
      ),
      violations: 0,
    },
    {
      name: "a backup beside it is not the file",
      type: EC2,
      props: instance(ps(`Copy-Item ${ADMIN_KEYS} ${ADMIN_KEYS}.bak`)),
      violations: 0,
    },
    {
      name: "another user's keys are not an administrator's",
      type: EC2,
      props: instance(ps(`Add-Content C:\\Users\\ops\\.ssh\\authorized_keys '${KEY}'`)),
      violations: 0,
    },
    {
      name: "a commented-out write is no finding",
      type: EC2,
      props: instance(ps(`# Add-Content ${ADMIN_KEYS} '${KEY}'`)),
      violations: 0,
    },
    {
      name: "Cloud Assistant RunBatScript writing the keys",
      type: COMMAND,
      props: { type: "RunBatScript", commandContent: b64(`echo ${KEY}>>${ADMIN_KEYS}`) },
      violations: 1,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: Winlogon auto-logon passwords", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Set-ItemProperty DefaultPassword with AutoAdminLogon 1",
      type: EC2,
      props: instance(
        ps(
          AUTO_ON,
          `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultUserName -Value ops`,
          `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value 'Winter2024!'`,
        ),
      ),
      violations: 1,
      mentions: "DefaultPassword",
    },
    {
      name: "New-ItemProperty through a variable holding the key, AutoAdminLogon set after",
      type: EC2,
      props: instance(
        ps(
          `$wl = '${WINLOGON}'`,
          "New-ItemProperty -Path $wl -Name DefaultPassword -Value Winter2024! -PropertyType String -Force",
          'Set-ItemProperty $wl AutoAdminLogon "1"',
        ),
      ),
      violations: 1,
    },
    {
      name: "batch reg add",
      type: EC2,
      props: instance(
        `<script>\nreg add ${REG_WINLOGON} /v AutoAdminLogon /t REG_SZ /d 1 /f\nreg add ${REG_WINLOGON} /v DefaultPassword /t REG_SZ /d Winter2024! /f\n</script>`,
      ),
      violations: 1,
    },
    {
      name: "the password from Secrets Manager is a note",
      type: EC2,
      props: instance(
        ps(
          AUTO_ON,
          "$pw = (Get-SECSecretValue -SecretId prod/autologon).SecretString",
          `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value $pw`,
        ),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "AutoAdminLogon from outside the script makes a written password a note",
      type: EC2,
      props: instance(
        ps(
          `Set-ItemProperty -Path '${WINLOGON}' -Name AutoAdminLogon -Value $env:AUTO_LOGON`,
          `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value 'Winter2024!'`,
        ),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "DefaultPassword without AutoAdminLogon logs nobody on",
      type: EC2,
      props: instance(ps(`Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value 'Winter2024!'`)),
      violations: 0,
    },
    {
      name: "AutoAdminLogon turned off again",
      type: EC2,
      props: instance(
        ps(
          AUTO_ON,
          `Set-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword -Value 'Winter2024!'`,
          `Set-ItemProperty -Path '${WINLOGON}' -Name AutoAdminLogon -Value 0`,
        ),
      ),
      violations: 0,
    },
    {
      name: "a DefaultPassword value under another key is not Winlogon's",
      type: EC2,
      props: instance(
        ps(
          AUTO_ON,
          "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso\\App' -Name DefaultPassword -Value 'Winter2024!'",
        ),
      ),
      violations: 0,
    },
    {
      name: "removing DefaultPassword is no finding",
      type: EC2,
      props: instance(ps(AUTO_ON, `Remove-ItemProperty -Path '${WINLOGON}' -Name DefaultPassword`)),
      violations: 0,
    },
  ] as Case[]);
});

describe("auto-logon findings quote the line, not the password", () => {
  it.each([
    ["Set-ItemProperty", ps(AUTO_ON, `Set-ItemProperty '${WINLOGON}' DefaultPassword 'Winter2024!'`)],
    [
      "reg add",
      `<script>\nreg add ${REG_WINLOGON} /v AutoAdminLogon /d 1 /f\nreg add ${REG_WINLOGON} /v DefaultPassword /d Winter2024! /f\n</script>`,
    ],
  ])("%s", async (_name, userData) => {
    const ds = await run(disallowUserdataLoginWeakening, EC2, instance(userData));
    const violations = ds.filter((d) => d.level === "mandatory");
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("DefaultPassword");
    expect(violations[0].message).not.toContain("Winter2024!");
  });
});

/** A schema 2.2 Command document running each script as an aws:runPowerShellScript step. */
const commandDocument = (runCommand: unknown, parameters?: Record<string, unknown>) =>
  JSON.stringify({
    schemaVersion: "2.2",
    description: "Windows setup",
    ...(parameters && { parameters }),
    mainSteps: [{ action: "aws:runPowerShellScript", name: "setup", inputs: { runCommand } }],
  });

describe("disallow-userdata-login-weakening: Systems Manager PowerShell", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "a Command document's aws:runPowerShellScript step writing a password",
      type: DOCUMENT,
      props: { documentType: "Command", content: commandDocument([NET_USER_LITERAL]) },
      violations: 1,
      mentions: "content",
    },
    {
      name: "schema 1.2 runtimeConfig aws:runPowerShellScript writing the administrators' keys",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: JSON.stringify({
          schemaVersion: "1.2",
          runtimeConfig: {
            "aws:runPowerShellScript": {
              properties: [{ id: "0.aws:runPowerShellScript", runCommand: [`Add-Content ${ADMIN_KEYS} '${KEY}'`] }],
            },
          },
        }),
      },
      violations: 1,
    },
    {
      name: "YAML Command document installing OpenSSH without hardening",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        documentFormat: "YAML",
        content: [
          "schemaVersion: '2.2'",
          "mainSteps:",
          "  - action: aws:runPowerShellScript",
          "    name: ssh",
          "    inputs:",
          "      runCommand:",
          "        - Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0",
          "        - Start-Service sshd",
        ].join("\n"),
      },
      violations: 1,
    },
    {
      name: "a parameter's default is filled in where the step references it",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: commandDocument(["net user ops {{ Password }} /add"], {
          Password: { type: "String", default: "Winter2024!" },
        }),
      },
      violations: 1,
      mentions: "sets a login password",
    },
    {
      name: "a parameter without a default is a value from outside: a note",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: commandDocument(["net user ops {{ Password }} /add"], { Password: { type: "String" } }),
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "a password read from Parameter Store ({{ssm:…}}) is a note",
      type: DOCUMENT,
      props: { documentType: "Command", content: commandDocument(["net user ops {{ssm:/prod/ops}} /add"]) },
      violations: 0,
      notes: 1,
    },
    {
      name: "a harmless default is no finding",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: commandDocument(["Set-TimeZone -Id '{{ Zone }}'"], { Zone: { type: "String", default: "UTC" } }),
      },
      violations: 0,
    },
    {
      name: "a line that is a reference alone runs what each run gives: a note, its default read",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: commandDocument(["{{ commands }}"], {
          commands: { type: "StringList", default: [NET_USER_LITERAL] },
        }),
      },
      violations: 1,
      notes: 1,
    },
    {
      name: "an Automation aws:runCommand step sending AWS-RunPowerShellScript",
      type: DOCUMENT,
      props: {
        documentType: "Automation",
        content: JSON.stringify({
          schemaVersion: "0.3",
          mainSteps: [
            {
              name: "send",
              action: "aws:runCommand",
              inputs: {
                DocumentName: "AWS-RunPowerShellScript",
                InstanceIds: ["i-0123456789abcdef0"],
                Parameters: { commands: [AUTO_ON, `Set-ItemProperty '${WINLOGON}' DefaultPassword 'Winter2024!'`] },
              },
            },
          ],
        }),
      },
      violations: 1,
    },
    {
      name: "a document of unknown type is read as either",
      type: DOCUMENT,
      props: { documentType: UNKNOWN, content: commandDocument([NET_USER_LITERAL]) },
      violations: 1,
    },
    {
      name: "a hardened PowerShell document is no finding",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: commandDocument([
          "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0",
          "Set-Content C:\\ProgramData\\ssh\\sshd_config 'PasswordAuthentication no'",
          "Start-Service sshd",
          "net user ops * /add",
        ]),
      },
      violations: 0,
    },
    {
      name: "a Session document's PowerShell is not a Command document's",
      type: DOCUMENT,
      props: { documentType: "Session", content: commandDocument([NET_USER_LITERAL]) },
      violations: 0,
    },
    {
      name: "shell steps are still read as shell beside PowerShell ones",
      type: DOCUMENT,
      props: {
        documentType: "Command",
        content: JSON.stringify({
          schemaVersion: "2.2",
          mainSteps: [
            { action: "aws:runShellScript", name: "linux", inputs: { runCommand: ["echo 'root:x' | chpasswd"] } },
            { action: "aws:runPowerShellScript", name: "windows", inputs: { runCommand: [NET_USER_LITERAL] } },
          ],
        }),
      },
      violations: 2,
    },
    {
      name: "a maintenance window task of AWS-RunPowerShellScript",
      type: TASK,
      props: {
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPowerShellScript",
        taskInvocationParameters: {
          runCommandParameters: { parameters: [{ name: "commands", values: [`Add-Content ${ADMIN_KEYS} '${KEY}'`] }] },
        },
      },
      violations: 1,
      mentions: "taskInvocationParameters.runCommandParameters.parameters[0].values",
    },
    {
      name: "a maintenance window task whose commands are unknown at preview",
      type: TASK,
      props: {
        taskType: "RUN_COMMAND",
        taskArn: "arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript",
        taskInvocationParameters: { runCommandParameters: { parameters: [{ name: "commands", values: UNKNOWN }] } },
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "a maintenance window task of AWS-RunPowerShellScript with safe commands",
      type: TASK,
      props: {
        taskType: "RUN_COMMAND",
        taskArn: "AWS-RunPowerShellScript",
        taskInvocationParameters: {
          runCommandParameters: {
            parameters: [
              { name: "commands", values: ["Get-Service sshd", "net user ops * /add"] },
              { name: "executionTimeout", values: ["3600"] },
            ],
          },
        },
      },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: runs of a stack's PowerShell documents", () => {
  const ASSOCIATION = "aws:ssm/association:Association";
  const passwordDocument = (parameters: Record<string, unknown>): StackInput => ({
    type: DOCUMENT,
    name: "doc",
    props: {
      name: "win-user",
      documentType: "Command",
      content: commandDocument(["net user ops {{ Password }} /add"], parameters),
    },
  });
  const association = (name: string, parameters: unknown): StackInput => ({
    type: ASSOCIATION,
    name,
    props: { name: "win-user", parameters },
    propertyDependencies: { name: [urnOf(DOCUMENT, "doc")] },
  });
  const task = (name: string, values: unknown): StackInput => ({
    type: TASK,
    name,
    props: {
      taskType: "RUN_COMMAND",
      taskArn: "win-user",
      taskInvocationParameters: { runCommandParameters: { parameters: [{ name: "Password", values }] } },
    },
    propertyDependencies: { taskArn: [urnOf(DOCUMENT, "doc")] },
  });
  const verdicts = async (resources: StackInput[]) =>
    (await runStack(disallowUserdataLoginWeakening as never, resources)).map((d) => ({
      urn: d.urn,
      note: d.level !== "mandatory",
    }));

  it("an association passing a written password is a violation on the association", async () => {
    const ds = await runStack(disallowUserdataLoginWeakening as never, [
      passwordDocument({ Password: { type: "String" } }),
      association("assoc", { Password: "Winter2024!" }),
    ]);
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[urnOf(ASSOCIATION, "assoc"), "mandatory"]]);
    expect(ds[0].message).toContain("content of doc with these parameters sets a login password");
  });

  it("a maintenance window task passing one is a violation on the task", async () => {
    expect(await verdicts([passwordDocument({ Password: { type: "String" } }), task("t", ["Winter2024!"])])).toEqual([
      { urn: urnOf(TASK, "t"), note: false },
    ]);
  });

  it("a run passing a password from Parameter Store adds nothing to the document's own note", async () => {
    expect(
      await verdicts([
        passwordDocument({ Password: { type: "String" } }),
        association("assoc", { Password: "{{ssm-secure:/prod/ops}}" }),
      ]),
    ).toEqual([]);
  });

  it("a run leaving the password out takes the default, already the document's own finding", async () => {
    expect(
      await verdicts([
        passwordDocument({ Password: { type: "String", default: "Winter2024!" } }),
        association("assoc", {}),
      ]),
    ).toEqual([]);
  });

  it("a run passing a Parameter Store value where the default is written: a note on the run", async () => {
    expect(
      await verdicts([
        passwordDocument({ Password: { type: "String", default: "Winter2024!" } }),
        association("assoc", { Password: "{{ssm-secure:/prod/ops}}" }),
      ]),
    ).toEqual([{ urn: urnOf(ASSOCIATION, "assoc"), note: true }]);
  });

  it("an association giving the commands of a line that is a reference alone", async () => {
    const commandsDocument: StackInput = {
      type: DOCUMENT,
      name: "doc",
      props: {
        name: "win-user",
        documentType: "Command",
        content: commandDocument("{{ commands }}", { commands: { type: "StringList", default: ["Get-Date"] } }),
      },
    };
    expect(
      await verdicts([
        commandsDocument,
        association("bad", { commands: [NET_USER_LITERAL] }),
        association("good", { commands: ["Get-Service sshd"] }),
      ]),
    ).toEqual([{ urn: urnOf(ASSOCIATION, "bad"), note: false }]);
  });

  it("a run whose parameters are unknown at preview adds nothing the document does not say", async () => {
    expect(await verdicts([passwordDocument({ Password: { type: "String" } }), association("assoc", UNKNOWN)])).toEqual(
      [],
    );
  });
});

/** EC2Launch v2's task document running one script. */
const ec2Launch = (type: string, content: string, runAs = "localSystem") =>
  [
    "version: 1.0",
    "tasks:",
    "  - task: executeScript",
    "    inputs:",
    "      - frequency: once",
    `        type: ${type}`,
    `        runAs: ${runAs}`,
    "        content: |-",
    ...content.split("\n").map((line) => `          ${line}`),
  ].join("\n");

/** An EC2Launch v2 document: the enableOpenSsh task, then a PowerShell executeScript task running `content`. */
const enableOpenSshThen = (content: string) =>
  ["version: 1.0", "tasks:", "  - task: enableOpenSsh", ...ec2Launch("powershell", content).split("\n").slice(2)].join(
    "\n",
  );
const CONFIG_PATH = "$env:ProgramData\\ssh\\sshd_config";

describe("disallow-userdata-login-weakening: EC2Launch v2 task documents", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "a powershell executeScript setting a written password",
      type: EC2,
      props: instance(ec2Launch("powershell", NET_USER_LITERAL)),
      violations: 1,
      mentions: "sets a login password",
    },
    {
      name: "a batch executeScript writing the administrators' keys (base64 user data)",
      type: EC2,
      props: { userDataBase64: b64(ec2Launch("batch", `echo ${KEY} >> ${ADMIN_KEYS}`, "admin")) },
      violations: 1,
    },
    {
      name: "scripts of two tasks are read as one machine's: OpenSSH started without hardening",
      type: EC2,
      props: instance(
        [
          "version: 1.0",
          "tasks:",
          "  - task: enableOpenSsh",
          "  - task: executeScript",
          "    inputs:",
          "      - frequency: always",
          "        type: powershell",
          "        runAs: localSystem",
          "        content: Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0",
          "      - frequency: always",
          "        type: powershell",
          "        runAs: localSystem",
          "        content: Start-Service sshd",
        ].join("\n"),
      ),
      violations: 1,
    },
    {
      name: "enableOpenSsh alone: the stock sshd_config lets passwords in",
      type: EC2,
      props: instance("version: 1.0\ntasks:\n  - task: enableOpenSsh\n"),
      violations: 1,
      mentions: "task: enableOpenSsh",
    },
    {
      name: "enableOpenSsh in a JSON task document, base64 user data",
      type: EC2,
      props: { userDataBase64: b64(JSON.stringify({ version: "1.0", tasks: [{ task: "enableOpenSsh" }] })) },
      violations: 1,
      mentions: "enableOpenSsh",
    },
    {
      name: "enableOpenSsh, then a script writing PasswordAuthentication no to sshd_config",
      type: EC2,
      props: instance(
        enableOpenSshThen(
          `Set-Content -Path "${CONFIG_PATH}" -Value "PasswordAuthentication no"\nRestart-Service sshd`,
        ),
      ),
      violations: 0,
    },
    {
      name: "enableOpenSsh, then a script writing PasswordAuthentication yes: the script's line is reported",
      type: EC2,
      props: instance(enableOpenSshThen(`Add-Content -Path "${CONFIG_PATH}" -Value "PasswordAuthentication yes"`)),
      violations: 1,
      mentions: "Add-Content",
    },
    {
      name: "a task document without enableOpenSsh or scripts starts nothing",
      type: EC2,
      props: instance("version: 1.0\ntasks:\n  - task: setWallpaper\n  - task: activateWindows\n"),
      violations: 0,
    },
    {
      name: "a task document written as JSON",
      type: EC2,
      props: instance(
        JSON.stringify({
          version: "1.0",
          tasks: [
            { task: "executeScript", inputs: [{ frequency: "once", type: "powershell", content: NET_USER_LITERAL }] },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "a shell script whose heredoc writes a task document is still shell",
      type: EC2,
      props: instance(
        "#!/bin/bash\ncat > /tmp/agent.yaml <<'EOF'\nversion: 1.0\ntasks:\n  - task: executeScript\nEOF\necho 'root:x' | chpasswd\n",
      ),
      violations: 1,
      mentions: "chpasswd",
    },
    {
      name: "a harmless executeScript",
      type: EC2,
      props: instance(ec2Launch("powershell", "Set-TimeZone -Id 'UTC'\nnet user ops * /add")),
      violations: 0,
    },
    {
      name: "a password from Parameter Store is a note",
      type: EC2,
      props: instance(
        ec2Launch(
          "powershell",
          "net user Administrator (Get-SSMParameterValue -Name /prod/admin -WithDecryption $true).Parameters[0].Value",
        ),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "cloud-config is still read as cloud-config, not as EC2Launch",
      type: EC2,
      props: instance("#cloud-config\nssh_pwauth: true\n"),
      violations: 1,
    },
    {
      name: "cloud-config with a version and tasks key of its own is not EC2Launch",
      type: EC2,
      props: instance(
        "#cloud-config\nversion: 1\ntasks: none\nchpasswd:\n  list: |\n    root:Winter2024!\n  expire: false\n",
      ),
      violations: 1,
    },
    {
      name: "YAML with tasks but no version is not EC2Launch",
      type: EC2,
      props: instance(
        "tasks:\n  - task: executeScript\n    inputs:\n      - type: powershell\n        content: net user ops Winter2024!\n",
      ),
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-userdata-login-weakening: Windows sshd_config made from a template", () => {
  const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
  const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
  const TEMPLATE = "Set-Content C:\\t\\sshd.tpl 'PasswordAuthentication __PA__'";
  const fill = (value: string) => `(Get-Content C:\\t\\sshd.tpl) -replace '__PA__','${value}' | Set-Content ${CONFIG}`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "the script's template filled in with yes",
      type: EC2,
      props: instance(ps(INSTALL, TEMPLATE, fill("yes"), "Start-Service sshd")),
      violations: 1,
      mentions: `userData enables SSH password authentication: "(Get-Content C:\\t\\sshd.tpl) -replace '__PA__','yes'`,
    },
    {
      name: "the script's template filled in with no",
      type: EC2,
      props: instance(ps(INSTALL, TEMPLATE, fill("no"), "Start-Service sshd")),
      violations: 0,
    },
    {
      name: "sshd_config edited in place, the replacement naming a group: hardened",
      type: EC2,
      props: instance(
        ps(
          INSTALL,
          `(Get-Content ${CONFIG}) -replace '#?(PasswordAuthentication) yes','$1 no' | Set-Content ${CONFIG}`,
          "Start-Service sshd",
        ),
      ),
      violations: 0,
    },
    {
      name: "a template the script did not write: a note",
      type: EC2,
      props: instance(ps(INSTALL, fill("no"), "Start-Service sshd")),
      violations: 0,
      notes: 1,
    },
    {
      name: "Cloud Assistant PowerShell: filled in and copied in",
      type: COMMAND,
      props: {
        type: "RunPowerShellScript",
        commandContent: b64(
          [
            INSTALL,
            TEMPLATE,
            fill("yes").replace(CONFIG, "C:\\t\\sshd.tpl"),
            `Copy-Item C:\\t\\sshd.tpl ${CONFIG}`,
          ].join("\n"),
        ),
      },
      violations: 1,
    },
  ]);
});
