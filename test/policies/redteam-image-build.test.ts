// Adversarial forms of image-build and run-command scripts: values spliced into commands from parameters, loops and
// intrinsic functions, files placed without a shell, alternate spellings, and secure builds that must pass.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, table, UNKNOWN } from "./harness";
import {
  component,
  containerRecipe,
  dockerfile,
  HARDENED,
  IMAGE_BUILD,
  OPEN_SSH,
  step,
  toe,
} from "./image-build-fixtures";

const { component: COMPONENT, containerRecipe: CONTAINER_RECIPE, ecsComponent: ECS_COMPONENT } = IMAGE_BUILD;
const DOCUMENT = "aws:ssm/document:Document";
const OOS = "alicloud:oos/template:Template";
const PIPELINE = "alicloud:ecs/ecsImagePipeline:EcsImagePipeline";

const bash = (...commands: string[]) => ({ name: "bash", action: "ExecuteBash", inputs: { commands } });

describe("adversarial EC2 Image Builder components", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "a parameter default spliced into the middle of a command",
      type: COMPONENT,
      props: toe([bash("echo 'PasswordAuthentication {{ answer }}' >> /etc/ssh/sshd_config")], {
        parameters: [{ answer: { type: "string", default: "yes" } }],
      }),
      violations: 1,
    },
    {
      name: "a constant spliced into a command",
      type: COMPONENT,
      props: toe([bash("echo '{{ line }}' >> /etc/ssh/sshd_config")], {
        constants: [{ line: { type: "string", value: "PermitRootLogin yes" } }],
      }),
      violations: 1,
    },
    {
      name: "a parameter default hardening sshd spliced into a command",
      type: COMPONENT,
      props: toe([bash("echo 'PasswordAuthentication {{ answer }}' >> /etc/ssh/sshd_config")], {
        parameters: [{ answer: { type: "string", default: "no" } }],
      }),
      violations: 0,
    },
    {
      name: "a loop value spliced into a command",
      type: COMPONENT,
      props: toe([
        {
          ...bash("echo '{{ loop.value }}' >> /etc/ssh/sshd_config"),
          loop: { name: "line", forEach: ["UseDNS no", "PermitRootLogin yes"] },
        },
      ]),
      violations: 1,
    },
    {
      name: "a named loop's value spliced into a command",
      type: COMPONENT,
      props: toe([
        {
          ...bash("echo '{{ line.value }}' >> /etc/ssh/sshd_config"),
          loop: { name: "line", forEach: ["PasswordAuthentication yes"] },
        },
      ]),
      violations: 1,
    },
    {
      name: "a loop over hardened values",
      type: COMPONENT,
      props: toe([
        {
          ...bash("echo '{{ loop.value }}' >> /etc/ssh/sshd_config"),
          loop: { forEach: ["PasswordAuthentication no", "PermitRootLogin no"] },
        },
      ]),
      violations: 0,
    },
    {
      name: "commands given as one string rather than a list",
      type: COMPONENT,
      props: toe([{ name: "s", action: "ExecuteBash", inputs: { commands: OPEN_SSH } }]),
      violations: 1,
    },
    {
      name: "action in lower case",
      type: COMPONENT,
      props: toe([{ name: "s", action: "executebash", inputs: { commands: [OPEN_SSH] } }]),
      violations: 1,
    },
    {
      name: "CreateFile whose content is a parameter default",
      type: COMPONENT,
      props: toe([step("CreateFile", [{ path: "/etc/ssh/sshd_config.d/00-x.conf", content: "{{ body }}" }])], {
        parameters: [{ body: { type: "string", default: "PermitRootLogin yes" } }],
      }),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "WebDownload of a key to root's authorized_keys",
      type: COMPONENT,
      props: toe([
        step("WebDownload", [{ source: "https://keys.example/k.pub", destination: "/root/.ssh/authorized_keys" }]),
      ]),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "S3Download of a key to root's authorized_keys",
      type: COMPONENT,
      props: toe([step("S3Download", [{ source: "s3://bucket/k.pub", destination: "/root/.ssh/authorized_keys" }])]),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "CopyFile of a key to root's authorized_keys",
      type: COMPONENT,
      props: toe([step("CopyFile", [{ source: "/tmp/k.pub", destination: "/root/.ssh/authorized_keys" }])]),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "MoveFile of a key to root's authorized_keys",
      type: COMPONENT,
      props: toe([step("MoveFile", [{ source: "/tmp/k.pub", destination: "/root/.ssh/authorized_keys" }])]),
      violations: 1,
    },
    {
      // A folder copied into root's .ssh lands whatever it holds there, authorized_keys included.
      name: "CopyFolder of a folder to root's .ssh",
      type: COMPONENT,
      props: toe([step("CopyFolder", [{ source: "/tmp/keys/", destination: "/root/.ssh" }])]),
      violations: 1,
    },
    {
      // What the file holds is not in the document: unverifiable, a note for each directive, never a violation.
      name: "CopyFile of a vetted sshd_config into place is no violation, a note",
      type: COMPONENT,
      props: toe([step("CopyFile", [{ source: "/tmp/sshd_config", destination: "/etc/ssh/sshd_config" }])]),
      violations: 0,
      notes: 2,
    },
    {
      name: "S3Download of a key to a service account's authorized_keys is no finding",
      type: COMPONENT,
      props: toe([
        step("S3Download", { source: "s3://b/deploy.pub", destination: "/home/deploy/.ssh/authorized_keys" }),
      ]),
      violations: 0,
    },
    {
      name: "a hostile download beside a weakening step",
      type: COMPONENT,
      props: toe([step("WebDownload", [{ source: "https://x/a", destination: "/tmp/a\n'<<EOF" }]), bash(OPEN_SSH)]),
      violations: 1,
    },
    {
      name: "WebDownload of a package elsewhere is harmless",
      type: COMPONENT,
      props: toe([step("WebDownload", [{ source: "https://pkg.example/a.rpm", destination: "/tmp/a.rpm" }])]),
      violations: 0,
    },
    {
      name: "CreateFile through a path that climbs back into /etc/ssh",
      type: COMPONENT,
      props: toe([
        step("CreateFile", [{ path: "/etc/ssh/sshd_config.d/../sshd_config", content: "PermitRootLogin yes" }]),
      ]),
      violations: 1,
    },
    {
      name: "ExecuteBinary of sh with -xc",
      type: COMPONENT,
      props: toe([step("ExecuteBinary", { path: "/bin/sh", arguments: ["-xc", OPEN_SSH] })]),
      violations: 1,
    },
    {
      name: "ExecuteBinary through sudo -u root bash -c",
      type: COMPONENT,
      props: toe([step("ExecuteBinary", { path: "sudo", arguments: ["-u", "root", "bash", "-c", OPEN_SSH] })]),
      violations: 1,
    },
    {
      name: "ExecuteBinary of chpasswd with its input unknown is no password set",
      type: COMPONENT,
      props: toe([step("ExecuteBinary", { path: "/usr/bin/systemctl", arguments: ["restart", "sshd"] })]),
      violations: 0,
    },
    {
      name: "the same step listed in an unknown phase name is still read",
      type: COMPONENT,
      props: component(JSON.stringify({ schemaVersion: 1.0, phases: [{ name: "Build", steps: [bash(OPEN_SSH)] }] })),
      violations: 1,
    },
    {
      name: "YAML with anchors reusing a weakening step",
      type: COMPONENT,
      props: component(
        [
          "schemaVersion: 1.0",
          "x-step: &weak",
          "  name: w",
          "  action: ExecuteBash",
          "  inputs:",
          "    commands:",
          `      - "${OPEN_SSH}"`,
          "phases:",
          "  - name: build",
          "    steps:",
          "      - *weak",
        ].join("\n"),
      ),
      violations: 1,
    },
    {
      name: "a hostile document: deeply nested lists",
      type: COMPONENT,
      props: component(JSON.stringify({ phases: JSON.parse("[".repeat(500) + "]".repeat(500)) })),
      violations: 0,
    },
    {
      name: "a hostile document: data is a number",
      type: COMPONENT,
      props: component(42),
      violations: 0,
    },
    {
      name: "a hostile document: steps whose inputs are null",
      type: COMPONENT,
      props: toe([step("CreateFile", null), step("ExecuteBinary", null), step("ExecuteBash", null)]),
      violations: 0,
    },
    {
      name: "hardening with a parameter default",
      type: COMPONENT,
      props: toe([bash("{{ harden }}")], { parameters: [{ harden: { type: "string", default: HARDENED } }] }),
      violations: 0,
    },
    {
      name: "a parameter default unknown at preview spliced into a command is still read around it",
      type: COMPONENT,
      props: toe([bash("echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # {{ x }}")], {
        parameters: [{ x: { type: "string", default: "a" } }],
      }),
      violations: 1,
    },
  ] as Case[]);
});

describe("adversarial Dockerfiles", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "ENV value expanded in a later RUN",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ENV PA=yes", 'RUN echo "PasswordAuthentication $PA" >> /etc/ssh/sshd_config')),
      violations: 1,
    },
    {
      name: "ARG default expanded in a later RUN",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ARG ROOT=yes", 'RUN echo "PermitRootLogin ${ROOT}" >> /etc/ssh/sshd_config')),
      violations: 1,
    },
    {
      name: "lower-case run instruction",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`run ${OPEN_SSH}`)),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "COPY of a file to root's authorized_keys",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY --chown=root:root id.pub /root/.ssh/authorized_keys")),
      violations: 1,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "ADD of a URL to root's authorized_keys",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ADD https://keys.example/k.pub /root/.ssh/authorized_keys")),
      violations: 1,
    },
    {
      // What the file holds is not in the document: unverifiable, a note for each directive, never a violation.
      name: "COPY of a vetted sshd_config is no violation, a note",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY sshd_config /etc/ssh/sshd_config")),
      violations: 0,
      notes: 2,
    },
    {
      // What a copied file holds is not in the document, but that it lands in root's keys is.
      name: "COPY in JSON form of a key into root's .ssh directory",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile('COPY ["authorized_keys", "/root/.ssh/"]')),
      violations: 1,
    },
    {
      name: "ENV in the legacy form with spaces, hardening",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ENV SSHD_OPTS -o PasswordAuthentication=no", "RUN echo $SSHD_OPTS")),
      violations: 0,
    },
    {
      name: "a hostile ENV: a value that tries to end the assignment and run a command",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ENV A=\"x\";echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config")),
      violations: 0,
    },
    {
      name: "COPY of application files is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY . /app", "COPY --from=build /out/app /usr/local/bin/app")),
      violations: 0,
    },
    {
      name: "COPY of a here-document to root's keys with a quoted name",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile('COPY <<"KEY" /root/.ssh/authorized_keys', "ssh-ed25519 AAAA x", "KEY")),
      violations: 1,
    },
    {
      name: "RUN here-document run by bash",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("RUN bash <<EOF", OPEN_SSH, "EOF")),
      violations: 1,
    },
    {
      name: "CRLF line endings with a continued RUN",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("RUN true && \\", OPEN_SSH).replace(/\n/g, "\r\n")),
      violations: 1,
    },
    {
      name: "backtick escape directive continuing a RUN",
      type: CONTAINER_RECIPE,
      props: containerRecipe(["# escape=`", "FROM x", "RUN true && `", `    ${OPEN_SSH}`].join("\n")),
      violations: 1,
    },
    {
      name: "ONBUILD RUN in exec form",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ONBUILD RUN ${JSON.stringify(["sh", "-c", OPEN_SSH])}`)),
      violations: 1,
    },
    {
      name: "production Dockerfile installing and hardening sshd",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          "RUN yum install -y openssh-server && yum clean all",
          `RUN ${HARDENED}`,
          "COPY <<EOF /etc/ssh/sshd_config.d/00-hardening.conf",
          "PasswordAuthentication no",
          "PermitRootLogin no",
          "EOF",
          'CMD ["/usr/sbin/sshd", "-D"]',
        ),
      ),
      violations: 0,
    },
    {
      name: "a hostile Dockerfile: unterminated here-documents and a lone backslash",
      type: CONTAINER_RECIPE,
      props: containerRecipe("RUN <<A <<B <<C\n\\\nCOPY <<D\n"),
      violations: 0,
    },
  ] as Case[]);
});

const ossTemplate = (tasks: unknown[], extra: Record<string, unknown> = {}) => ({
  templateName: "t",
  content: JSON.stringify({ FormatVersion: "OOS-2019-06-01", ...extra, Tasks: tasks }),
});
const runCommand = (commandContent: unknown, extra: Record<string, unknown> = {}) => ({
  Name: "run",
  Action: "ACS::ECS::RunCommand",
  Properties: { commandType: "RunShellScript", commandContent, ...extra },
});

describe("adversarial OOS templates", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "commandContent joined with Fn::Join",
      type: OOS,
      props: ossTemplate([runCommand({ "Fn::Join": ["\n", ["set -e", OPEN_SSH]] })]),
      violations: 1,
    },
    {
      name: "Fn::Base64Encode of an Fn::Join",
      type: OOS,
      props: ossTemplate([
        runCommand({
          "Fn::Base64Encode": { "Fn::Join": ["", ["echo 'PermitRootLogin yes'", " >> /etc/ssh/sshd_config"]] },
        }),
      ]),
      violations: 1,
    },
    {
      name: "a parameter default spliced into the middle of a command",
      type: OOS,
      props: ossTemplate([runCommand("echo 'PasswordAuthentication {{ answer }}' >> /etc/ssh/sshd_config")], {
        Parameters: { answer: { Type: "String", Default: "yes" } },
      }),
      violations: 1,
    },
    {
      name: "Fn::Join of hardening is harmless",
      type: OOS,
      props: ossTemplate([runCommand({ "Fn::Join": ["\n", [HARDENED, "systemctl restart sshd"]] })]),
      violations: 0,
    },
    {
      name: "a hostile Fn::Join: not a list",
      type: OOS,
      props: ossTemplate([runCommand({ "Fn::Join": 7 }), runCommand({ "Fn::Join": ["\n", 5] })]),
      violations: 0,
    },
    {
      name: "the task in an ACS::Loop's LoopTasks, written in YAML",
      type: OOS,
      props: {
        content: [
          "FormatVersion: OOS-2019-06-01",
          "Tasks:",
          "  - Name: each",
          "    Action: ACS::ECS::RunCommand",
          "    Properties:",
          "      commandType: RunShellScript",
          `      commandContent: "${OPEN_SSH}"`,
          "    Loop:",
          "      Items: [i-1, i-2]",
        ].join("\n"),
      },
      violations: 1,
    },
  ] as Case[]);
});

describe("adversarial Alibaba Cloud Image Builder content", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "Tasks in JSON",
      type: ECS_COMPONENT,
      props: {
        componentType: "Build",
        systemType: "Linux",
        content: JSON.stringify({
          Tasks: [{ Name: "t", Action: "RunShellCommand", Properties: { commandContent: OPEN_SSH } }],
        }),
      },
      violations: 1,
    },
    {
      name: "Tasks whose parameter default is spliced into the command",
      type: ECS_COMPONENT,
      props: {
        systemType: "Linux",
        content: [
          "Parameters:",
          "  answer:",
          "    Type: String",
          "    DefaultValue: 'yes'",
          "Tasks:",
          "  - Name: t",
          "    Action: RunShellCommand",
          "    Properties:",
          "      commandContent: echo 'PasswordAuthentication {{ answer }}' >> /etc/ssh/sshd_config",
        ].join("\n"),
      },
      violations: 1,
    },
    {
      name: "pipeline build content in lower-case Dockerfile syntax",
      type: PIPELINE,
      props: { buildContent: `run ${OPEN_SSH}`, imageId: "m-1", instanceType: "ecs.g7.large" },
      violations: 1,
    },
    {
      name: "pipeline build content unknown at preview is a note",
      type: PIPELINE,
      props: { buildContent: UNKNOWN, imageId: "m-1" },
      violations: 0,
      notes: 1,
    },
    {
      // Windows components are read by the Windows reader: the password written in the RUN line (masked).
      name: "systemType in lower case windows: a password written in a RUN line",
      type: ECS_COMPONENT,
      props: { systemType: "windows", content: "RUN net user administrator P@ss" },
      violations: 1,
      mentions: "net user administrator ********",
    },
  ] as Case[]);
});

describe("adversarial Session documents", () => {
  const session = (content: unknown, documentFormat = "JSON") => ({
    name: "shell",
    documentType: "Session",
    documentFormat,
    content: typeof content === "string" ? content : JSON.stringify(content),
  });
  table(disallowUserdataLoginWeakening, [
    {
      name: "shell profile in YAML",
      type: DOCUMENT,
      props: session(
        [
          "schemaVersion: '1.0'",
          "sessionType: Standard_Stream",
          "inputs:",
          "  shellProfile:",
          `    linux: "${OPEN_SSH}"`,
        ].join("\n"),
        "YAML",
      ),
      violations: 1,
    },
    {
      name: "InteractiveCommands with commands as a list",
      type: DOCUMENT,
      props: session({
        schemaVersion: "1.0",
        sessionType: "InteractiveCommands",
        properties: { linux: { commands: ["sudo -i", OPEN_SSH], runAsElevated: true } },
      }),
      violations: 1,
    },
    {
      name: "shell profile that only starts bash",
      type: DOCUMENT,
      props: session({
        schemaVersion: "1.0",
        sessionType: "Standard_Stream",
        inputs: { shellProfile: { linux: "cd $HOME; exec bash -l" } },
      }),
      violations: 0,
    },
    {
      name: "document type in lower case",
      type: DOCUMENT,
      props: {
        ...session({
          schemaVersion: "1.0",
          sessionType: "Standard_Stream",
          inputs: { shellProfile: { linux: OPEN_SSH } },
        }),
        documentType: "session",
      },
      violations: 1,
    },
  ] as Case[]);
});
