// Scripts baked into images (EC2 Image Builder components and recipes, Alibaba Cloud Image Builder components and
// image templates) and run-command scripts beyond Command documents (Session Manager shell profiles, OOS templates):
// each may rewrite sshd_config or plant root's keys, the case's step 2, on every instance it reaches.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, run, table, UNKNOWN } from "./harness";
import { component, HARDENED, IMAGE_BUILD, OPEN_SSH, ROOT_LOGIN } from "./image-build-fixtures";

const b64 = (s: string) => Buffer.from(s).toString("base64");

const ROOT_KEYS = ["mkdir -p /root/.ssh", "echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys"];
const SET_ROOT_PASSWORD = "echo 'root:Passw0rd!' | chpasswd";

const { component: COMPONENT, ecsComponent: ECS_COMPONENT } = IMAGE_BUILD;
const RECIPE = "aws:imagebuilder/imageRecipe:ImageRecipe";
const DOCUMENT = "aws:ssm/document:Document";
const OOS = "alicloud:oos/template:Template";
const PIPELINE = "alicloud:ecs/ecsImagePipeline:EcsImagePipeline";

/** An AWSTOE document with one build step of `action` running `commands`. */
const toeDocument = (action: string, commands: unknown, extra: Record<string, unknown> = {}) => ({
  name: "base-hardening",
  schemaVersion: 1.0,
  phases: [{ name: "build", steps: [{ name: "configure", action, inputs: { commands } }] }],
  ...extra,
});

const toeYaml = `name: base-hardening
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: update
        action: UpdateOS
      - name: keys
        action: ExecuteBash
        inputs:
          commands:
            - |
              mkdir -p /root/.ssh
              cat >> /root/.ssh/authorized_keys <<'EOF'
              ssh-ed25519 AAAA attacker
              EOF
`;

const toeLoop = `name: loop
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: perUser
        action: ExecuteBash
        loop:
          name: user
          forEach:
            - root
            - admin
        inputs:
          commands:
            - sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config
`;

describe("EC2 Image Builder components", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "JSON document whose ExecuteBash step enables password authentication",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH, "systemctl restart sshd"]))),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "YAML document with a multi-line (|) command planting root keys",
      type: COMPONENT,
      props: component(toeYaml),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "ExecuteBash step inside a loop permitting root login",
      type: COMPONENT,
      props: component(toeLoop),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "ExecuteBash step in the validate phase",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          phases: [
            { name: "validate", steps: [{ name: "v", action: "ExecuteBash", inputs: { commands: ROOT_KEYS } }] },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "command naming a parameter whose default enables password authentication",
      type: COMPONENT,
      props: component(
        JSON.stringify(
          toeDocument("ExecuteBash", ["{{ script }}"], {
            parameters: [{ script: { type: "string", default: OPEN_SSH } }],
          }),
        ),
      ),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "the same line in two steps is one violation",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          phases: [
            { name: "build", steps: [{ name: "a", action: "ExecuteBash", inputs: { commands: [OPEN_SSH] } }] },
            { name: "test", steps: [{ name: "b", action: "ExecuteBash", inputs: { commands: [OPEN_SSH] } }] },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "hardening sshd is no finding",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [HARDENED, "systemctl restart sshd"]))),
      violations: 0,
    },
    {
      name: "ExecutePowerShell step is not shell",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecutePowerShell", [OPEN_SSH]))),
      violations: 0,
    },
    {
      name: "Windows component is skipped",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH])), "Windows"),
      violations: 0,
    },
    {
      name: "platform unknown at preview is read",
      type: COMPONENT,
      props: component(JSON.stringify(toeDocument("ExecuteBash", [OPEN_SSH])), UNKNOWN),
      violations: 1,
    },
    {
      name: "component given by uri has no text to read",
      type: COMPONENT,
      props: { name: "base", platform: "Linux", version: "1.0.0", uri: "s3://bucket/component.yaml" },
      violations: 0,
    },
    { name: "data unknown at preview is a note", type: COMPONENT, props: component(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "data that does not parse is a note",
      type: COMPONENT,
      props: component("phases: [\n  - {"),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("says why data that does not parse cannot be verified", async () => {
    const ds = await run(disallowUserdataLoginWeakening, COMPONENT, component("phases: [\n  - {"));
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining("data is unknown (it does not parse as JSON or YAML)"),
    ]);
  });
});

const KIT_DROP_IN = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
/** An AWSTOE document whose build phase runs `steps` in order. */
const toeSteps = (...steps: Record<string, unknown>[]) =>
  JSON.stringify({ name: "steps", schemaVersion: 1.0, phases: [{ name: "build", steps }] });
const bashStep = (...commands: string[]) => ({ name: "bash", action: "ExecuteBash", inputs: { commands } });
const createFile = (path: string, content: unknown, extra: Record<string, unknown> = {}) => ({
  name: "create",
  action: "CreateFile",
  inputs: [{ path, content, ...extra }],
});
const appendFile = (path: string, content: string) => ({
  name: "append",
  action: "AppendFile",
  inputs: [{ path, content }],
});
const binaryStep = (path: string, args: unknown) => ({
  name: "binary",
  action: "ExecuteBinary",
  inputs: { path, arguments: args },
});

const createFileYaml = `name: sshd-settings
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: cloudDropIn
        action: CreateFile
        inputs:
          - path: /etc/ssh/sshd_config.d/50-cloud-init.conf
            content: |
              # written by the image pipeline
              PasswordAuthentication yes
            permissions: "0600"
            overwrite: true
`;

describe("EC2 Image Builder component files (CreateFile, AppendFile)", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "CreateFile of a drop-in enabling password authentication (YAML block content)",
      type: COMPONENT,
      props: component(createFileYaml),
      violations: 1,
      mentions: 'data enables SSH password authentication: "PasswordAuthentication yes"',
    },
    {
      name: "CreateFile rewriting sshd_config to permit root login",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config", "Port 22\nPasswordAuthentication no\nPermitRootLogin yes\n")),
      ),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "CreateFile replacing sshd_config without PasswordAuthentication (sshd's default is yes)",
      type: COMPONENT,
      props: component(toeSteps(createFile("/etc/ssh/sshd_config", "Port 22\nPermitRootLogin no\n"))),
      violations: 1,
      mentions:
        "data enables SSH password authentication: \"cat > /etc/ssh/sshd_config <<'CreateFile'\" (replaces sshd_config",
    },
    {
      name: "CreateFile replacing sshd_config with both hardened",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config", "Port 22\nPasswordAuthentication no\nPermitRootLogin no\n")),
      ),
      violations: 0,
    },
    {
      name: "CreateFile replacing sshd_config with the Include of the drop-ins",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n")),
      ),
      violations: 0,
    },
    {
      name: "CreateFile of root's authorized_keys",
      type: COMPONENT,
      props: component(toeSteps(createFile("/root/.ssh/authorized_keys", "ssh-ed25519 AAAA attacker\n"))),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "AppendFile adding root login to sshd_config",
      type: COMPONENT,
      props: component(toeSteps(appendFile("/etc/ssh/sshd_config", "PermitRootLogin yes"))),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "AppendFile continuing a line an earlier AppendFile left open",
      type: COMPONENT,
      props: component(
        toeSteps(appendFile("/etc/ssh/sshd_config", "PermitRootLogin"), appendFile("/etc/ssh/sshd_config", " yes\n")),
      ),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "CreateFile inputs given as one mapping, not a list",
      type: COMPONENT,
      props: component(
        toeSteps({
          name: "one",
          action: "createFile",
          inputs: { path: "/etc/ssh/sshd_config.d/99-x.conf", content: "PasswordAuthentication yes" },
        }),
      ),
      violations: 1,
    },
    {
      name: "CreateFile that may not overwrite still writes a file that does not exist yet",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config.d/99-x.conf", "PermitRootLogin yes", { overwrite: false })),
      ),
      violations: 1,
    },
    {
      name: "CreateFile of rc.local, whose commands run at every boot",
      type: COMPONENT,
      props: component(toeSteps(createFile("/etc/rc.local", `#!/bin/sh\n${OPEN_SSH}\nexit 0\n`))),
      violations: 1,
      mentions: "via /etc/rc.local",
    },
    {
      name: "CreateFile to a path naming a parameter may be sshd's configuration",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          parameters: [{ dir: { type: "string", default: "/etc/ssh/sshd_config.d" } }],
          phases: [{ name: "build", steps: [createFile("{{ dir }}/99-x.conf", "PermitRootLogin yes")] }],
        }),
      ),
      violations: 1,
    },
    {
      name: "CreateFile of a hardened drop-in",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config.d/01-base.conf", "PasswordAuthentication no\nPermitRootLogin no\n")),
      ),
      violations: 0,
    },
    {
      name: "CreateFile of a drop-in whose weakening lines are commented out",
      type: COMPONENT,
      props: component(
        toeSteps(createFile("/etc/ssh/sshd_config.d/01-base.conf", "# PermitRootLogin yes\nPermitRootLogin no\n")),
      ),
      violations: 0,
    },
    {
      name: "CreateFile of the ssh client's configuration is not sshd's",
      type: COMPONENT,
      props: component(toeSteps(createFile("/etc/ssh/ssh_config", "Host *\n  PasswordAuthentication yes\n"))),
      violations: 0,
    },
    {
      name: "content holding a line equal to the here-document's label stays content",
      type: COMPONENT,
      props: component(
        toeSteps(
          createFile("/opt/notes/sshd.txt", "CreateFile\nPermitRootLogin yes\n"),
          appendFile("/opt/notes/sshd.txt", "AppendFile\nPasswordAuthentication yes\n"),
        ),
      ),
      violations: 0,
    },
    {
      // The reader counts a directive in a command's own text, so the line is quoted whole: it stayed one line.
      name: "path with a line break stays on the line of the command that writes it",
      type: COMPONENT,
      props: component(toeSteps(createFile("/opt/x\nPermitRootLogin yes", "hello"))),
      violations: 1,
      mentions: `"cat > '/opt/x?PermitRootLogin yes' <<'CreateFile'"`,
    },
    {
      name: "AppendFile of nothing changes nothing",
      type: COMPONENT,
      props: component(toeSteps(appendFile("/root/.ssh/authorized_keys", ""))),
      violations: 0,
    },
    {
      name: "platform unknown at preview: files are read",
      type: COMPONENT,
      props: component(toeSteps(createFile("/root/.ssh/authorized_keys", "ssh-rsa AAAA")), UNKNOWN),
      violations: 1,
    },
    {
      name: "document with file content from an output unknown at preview is a note",
      type: COMPONENT,
      props: component(UNKNOWN),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("EC2 Image Builder component steps read in order", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "a file written by CreateFile, then made sshd's by an Include in a later step",
      type: COMPONENT,
      props: component(
        toeSteps(
          createFile("/opt/sshd/extra.conf", "PermitRootLogin yes\n"),
          bashStep("echo 'Include /opt/sshd/extra.conf' >> /etc/ssh/sshd_config"),
        ),
      ),
      violations: 1,
      mentions: "written to /opt/sshd/extra.conf, which sshd is made to read",
    },
    {
      name: "CreateFile of a hardened sshd_config, then a sed in a later step enabling passwords",
      type: COMPONENT,
      props: component(
        toeSteps(
          createFile("/etc/ssh/sshd_config", "PasswordAuthentication no\nPermitRootLogin no\n"),
          bashStep("sed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config"),
        ),
      ),
      violations: 1,
      mentions: "sed -i",
    },
    {
      name: "the kit's drop-in taken away, then written back hardened by CreateFile",
      type: COMPONENT,
      props: component(
        toeSteps(
          bashStep(`rm -f ${KIT_DROP_IN}`),
          createFile(KIT_DROP_IN, "PasswordAuthentication no\nPermitRootLogin no\n"),
        ),
      ),
      violations: 0,
    },
    {
      name: "the kit's drop-in written, then taken away by a later step",
      type: COMPONENT,
      props: component(
        toeSteps(
          createFile(KIT_DROP_IN, "PasswordAuthentication no\nPermitRootLogin no\n"),
          bashStep(`rm -f ${KIT_DROP_IN}`),
        ),
      ),
      violations: 2,
      mentions: "takes the kit's hardened drop-in",
    },
    {
      name: "phases read in the order Image Builder runs them, not as listed",
      type: COMPONENT,
      props: component(
        JSON.stringify({
          schemaVersion: 1.0,
          phases: [
            { name: "validate", steps: [bashStep(`rm -f ${KIT_DROP_IN}`)] },
            { name: "build", steps: [createFile(KIT_DROP_IN, "PasswordAuthentication no\nPermitRootLogin no\n")] },
          ],
        }),
      ),
      violations: 2,
    },
    {
      name: "a here-document a step leaves open does not swallow the next step",
      type: COMPONENT,
      props: component(
        toeSteps(bashStep("cat > /etc/systemd/system/motd.service <<'UNIT'", "[Service]"), bashStep(...ROOT_KEYS)),
      ),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "a here-document whose delimiter cannot close does not swallow the next step",
      type: COMPONENT,
      props: component(
        toeSteps(bashStep("cat > /etc/systemd/system/motd.service <<' UNIT '", "[Service]"), bashStep(OPEN_SSH)),
      ),
      violations: 1,
    },
    {
      // Read on into the next step, the open quote would close inside it and take its redirection for quoted text.
      name: "a quote a failed step leaves open does not swallow the next step",
      type: COMPONENT,
      props: component(
        toeSteps(
          { ...bashStep("echo '"), onFailure: "Continue" },
          bashStep("cat >> /root/.ssh/authorized_keys <<'KEY' # it's the key", "ssh-rsa AAAA", "KEY"),
        ),
      ),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "steps that only install packages",
      type: COMPONENT,
      props: component(
        toeSteps(bashStep("yum install -y openssh-server"), createFile("/etc/motd", "Authorized use only\n")),
      ),
      violations: 0,
    },
  ] as Case[]);
});

describe("EC2 Image Builder ExecuteBinary steps", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "/bin/bash -c enabling password authentication",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/bin/bash", ["-c", OPEN_SSH]))),
      violations: 1,
      mentions: `data enables SSH password authentication: "${OPEN_SSH}"`,
    },
    {
      name: "sh with grouped options (-ec) permitting root login",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("sh", ["-ec", ROOT_LOGIN]))),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      name: "/usr/bin/env bash -o pipefail -c over several lines planting root keys",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/usr/bin/env", ["bash", "-o", "pipefail", "-c", ROOT_KEYS.join("\n")]))),
      violations: 1,
      mentions: "data writes /root/.ssh/authorized_keys",
    },
    {
      name: "a path written with its program's first word (/usr/bin/env bash)",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/usr/bin/env bash", ["-c", SET_ROOT_PASSWORD]))),
      violations: 1,
      mentions: "data sets a login password",
    },
    {
      name: "bash -c hardening sshd",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/bin/bash", ["-c", HARDENED]))),
      violations: 0,
    },
    {
      name: "a shell given a script file has no script in the document",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/bin/bash", ["/tmp/setup.sh", "-c"]))),
      violations: 0,
    },
    {
      name: "sed run directly enabling password authentication",
      type: COMPONENT,
      props: component(
        toeSteps(
          binaryStep("/usr/bin/sed", [
            "-i",
            "s/^#\\?PasswordAuthentication.*/PasswordAuthentication yes/",
            "/etc/ssh/sshd_config",
          ]),
        ),
      ),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "sed run directly turning password authentication off",
      type: COMPONENT,
      props: component(
        toeSteps(
          binaryStep("/usr/bin/sed", [
            "-i",
            "s/^#\\?PasswordAuthentication.*/PasswordAuthentication no/",
            "/etc/ssh/sshd_config",
          ]),
        ),
      ),
      violations: 0,
    },
    {
      name: "another binary installing a package is read and harmless",
      type: COMPONENT,
      props: component(toeSteps(binaryStep("/usr/bin/yum", ["install", "-y", "openssh-server"]))),
      violations: 0,
    },
    {
      name: "document with arguments from an output unknown at preview is a note",
      type: COMPONENT,
      props: component(UNKNOWN),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("EC2 Image Builder image recipes", () => {
  const recipe = (userDataBase64: unknown) => ({
    name: "base",
    parentImage: "ami-1",
    version: "1.0.0",
    userDataBase64,
  });
  table(disallowUserdataLoginWeakening, [
    {
      name: "user data override planting root keys on the build instance",
      type: RECIPE,
      props: recipe(b64(["#!/bin/bash", ...ROOT_KEYS].join("\n"))),
      violations: 1,
      mentions: "userDataBase64 writes /root/.ssh/authorized_keys",
    },
    { name: "user data override hardening sshd", type: RECIPE, props: recipe(b64(HARDENED)), violations: 0 },
    { name: "recipe without user data", type: RECIPE, props: { name: "base", parentImage: "ami-1" }, violations: 0 },
    { name: "user data unknown at preview is a note", type: RECIPE, props: recipe(UNKNOWN), violations: 0, notes: 1 },
  ] as Case[]);
});

describe("EC2 Image Builder container recipes", () => {
  const CONTAINER_RECIPE = "aws:imagebuilder/containerRecipe:ContainerRecipe";
  const containerRecipe = (dockerfileTemplateData: unknown, platformOverride?: unknown) => ({
    name: "base",
    version: "1.0.0",
    containerType: "DOCKER",
    parentImage: "arn:aws:imagebuilder:eu-central-1:aws:image/amazon-linux-x86-latest/x.x.x",
    targetRepository: { repositoryName: "base", service: "ECR" },
    dockerfileTemplateData,
    ...(platformOverride === undefined ? {} : { platformOverride }),
  });
  const dockerfile = (...lines: string[]) =>
    ["FROM {{{ imagebuilder:parentImage }}}", "{{{ imagebuilder:environments }}}", ...lines].join("\n");
  table(disallowUserdataLoginWeakening, [
    {
      name: "RUN permitting root login",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("RUN yum install -y openssh-server", `RUN ${ROOT_LOGIN}`)),
      violations: 1,
      mentions: "dockerfileTemplateData permits root login",
    },
    {
      name: "RUN in exec form through env and bash -c setting root's password",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`RUN ${JSON.stringify(["/usr/bin/env", "bash", "-c", SET_ROOT_PASSWORD])}`)),
      violations: 1,
      mentions: `dockerfileTemplateData sets a login password: "echo 'root:********' | chpasswd"`,
    },
    {
      name: "RUN with a flag, continued over lines, planting root keys",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          "RUN --mount=type=cache,target=/var/cache/yum mkdir -p /root/.ssh && \\",
          "    # the key",
          "    echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys",
        ),
      ),
      violations: 1,
      mentions: "dockerfileTemplateData writes /root/.ssh/authorized_keys",
    },
    {
      name: "RUN whose script is a here-document",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("RUN <<EOF", "set -e", OPEN_SSH, "EOF", 'CMD ["/usr/sbin/sshd", "-D"]')),
      violations: 1,
      mentions: `dockerfileTemplateData enables SSH password authentication: "${OPEN_SSH}"`,
    },
    {
      name: "RUN writing a drop-in from a here-document",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile("RUN cat > /etc/ssh/sshd_config.d/50-x.conf <<'EOF'", "PermitRootLogin yes", "EOF"),
      ),
      violations: 1,
      mentions: 'dockerfileTemplateData permits root login: "PermitRootLogin yes"',
    },
    {
      name: "COPY of a here-document into sshd's drop-ins",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile("COPY --chmod=600 <<EOF /etc/ssh/sshd_config.d/50-x.conf", "PasswordAuthentication yes", "EOF"),
      ),
      violations: 1,
      mentions: 'dockerfileTemplateData enables SSH password authentication: "PasswordAuthentication yes"',
    },
    {
      name: "ONBUILD RUN, run in every image built from this one, planting root keys from a here-document",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ONBUILD RUN <<EOF", ...ROOT_KEYS, "EOF")),
      violations: 1,
      mentions: "dockerfileTemplateData writes /root/.ssh/authorized_keys",
    },
    {
      name: "RUN continued with the escape character a parser directive sets",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        ["# escape=`", "FROM amazonlinux:2023", "RUN echo starting `", `    && ${ROOT_LOGIN}`].join("\n"),
      ),
      violations: 1,
    },
    {
      name: "the kit's drop-in taken away by one RUN, written back by a later COPY",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          `RUN rm -f ${KIT_DROP_IN}`,
          `COPY <<EOF ${KIT_DROP_IN}`,
          "PasswordAuthentication no",
          "PermitRootLogin no",
          "EOF",
        ),
      ),
      violations: 0,
    },
    {
      name: "RUN hardening sshd",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`RUN ${HARDENED}`, "{{{ imagebuilder:components }}}")),
      violations: 0,
    },
    {
      // The sshd_config copied in holds text from outside the document: a note for each directive, no violation.
      name: "ADD of a key file to root's authorized_keys writes root's keys, whatever the file holds",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile("COPY sshd_config /etc/ssh/sshd_config", "ADD authorized_keys /root/.ssh/authorized_keys"),
      ),
      violations: 1,
      notes: 2,
      mentions: "writes /root/.ssh/authorized_keys",
    },
    {
      name: "a commented-out RUN and a heredoc line naming RUN",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(`# RUN ${OPEN_SSH}`, "RUN cat > /opt/notes.txt <<'EOF'", "RUN steps are logged", "EOF"),
      ),
      violations: 0,
    },
    {
      name: "Windows container is skipped",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`RUN ${OPEN_SSH}`), "Windows"),
      violations: 0,
    },
    {
      name: "Dockerfile given by uri has no text to read",
      type: CONTAINER_RECIPE,
      props: { ...containerRecipe(undefined), dockerfileTemplateUri: "s3://bucket/Dockerfile" },
      violations: 0,
    },
    {
      name: "platform override unknown at preview is read",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`RUN ${OPEN_SSH}`), UNKNOWN),
      violations: 1,
    },
    {
      name: "Dockerfile unknown at preview is a note",
      type: CONTAINER_RECIPE,
      props: containerRecipe(UNKNOWN),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("Systems Manager Session documents", () => {
  const session = (content: unknown, documentFormat = "JSON", documentType: unknown = "Session") => ({
    name: "SSM-SessionManagerRunShell",
    documentType,
    documentFormat,
    content,
  });
  const standardStream = (shellProfile: Record<string, string>) =>
    JSON.stringify({
      schemaVersion: "1.0",
      description: "Session Manager preferences",
      sessionType: "Standard_Stream",
      inputs: { s3BucketName: "", runAsEnabled: false, shellProfile },
    });
  const yamlProfile = `schemaVersion: "1.0"
sessionType: Standard_Stream
inputs:
  shellProfile:
    linux: |
      cd ~
      sudo sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config
      exec bash
    windows: ""
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "Linux shell profile enabling password authentication",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}`, windows: "" })),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "YAML shell profile (| block) permitting root login",
      type: DOCUMENT,
      props: session(yamlProfile, "YAML"),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "interactive command session whose command is a parameter default planting root keys",
      type: DOCUMENT,
      props: session(
        JSON.stringify({
          schemaVersion: "1.0",
          sessionType: "InteractiveCommands",
          parameters: { script: { type: "String", default: ROOT_KEYS.join(" && ") } },
          properties: { linux: { commands: "{{ script }}", runAsElevated: true } },
        }),
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "Windows shell profile is not shell",
      type: DOCUMENT,
      props: session(standardStream({ linux: "", windows: OPEN_SSH })),
      violations: 0,
    },
    {
      name: "shell profile hardening sshd",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${HARDENED}` })),
      violations: 0,
    },
    {
      name: "document type unknown at preview is read as a Session document too",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}` }), "JSON", UNKNOWN),
      violations: 1,
    },
    {
      name: "shell profile in a Command document is not a session",
      type: DOCUMENT,
      props: session(standardStream({ linux: `sudo ${OPEN_SSH}` }), "JSON", "Command"),
      violations: 0,
    },
    { name: "content unknown at preview is a note", type: DOCUMENT, props: session(UNKNOWN), violations: 0, notes: 1 },
  ] as Case[]);
});

describe("OOS templates", () => {
  const template = (content: unknown) => ({ templateName: "maintenance", content });
  /** A template of one task; `props` are the task's Properties. */
  const oneTask = (action: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      FormatVersion: "OOS-2019-06-01",
      Tasks: [{ Name: "run", Action: action, Properties: { regionId: "cn-hangzhou", instanceId: "i-1", ...props } }],
      ...extra,
    });
  const runCommand = (commandContent: unknown, commandType: unknown = "RunShellScript") =>
    oneTask("ACS::ECS::RunCommand", { commandType, commandContent });
  const yamlTemplate = `FormatVersion: OOS-2019-06-01
Description: fleet maintenance
Tasks:
  - Name: addKey
    Action: ACS::ECS::RunCommand
    Properties:
      regionId: cn-hangzhou
      instanceId: i-1
      commandType: RunShellScript
      commandContent: |-
        mkdir -p /root/.ssh
        echo 'ssh-rsa AAAA attacker' >> /root/.ssh/authorized_keys
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "JSON task running a plain shell script that enables password authentication",
      type: OOS,
      props: template(runCommand(OPEN_SSH)),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "YAML task with a multi-line (|-) script planting root keys",
      type: OOS,
      props: template(yamlTemplate),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "base64 command content permitting root login",
      type: OOS,
      props: template(runCommand(b64(`#!/bin/bash\n${ROOT_LOGIN}\n`))),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "RunPowerShellScript is not shell",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "RunPowerShellScript")),
      violations: 0,
    },
    {
      name: "RunBatScript is not shell",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "RunBatScript")),
      violations: 0,
    },
    {
      name: "templated command type may be shell and is read",
      type: OOS,
      props: template(runCommand(OPEN_SSH, "{{ commandType }}")),
      violations: 1,
    },
    {
      name: "command content naming a template parameter whose default sets root's password",
      type: OOS,
      props: template(
        oneTask(
          "ACS::ECS::RunCommand",
          { commandType: "RunShellScript", commandContent: "{{ commandContent }}" },
          { Parameters: { commandContent: { Type: "String", Default: SET_ROOT_PASSWORD } } },
        ),
      ),
      violations: 1,
      mentions: "content sets a login password",
    },
    {
      name: "task nested in an ACS::Loop's LoopTasks",
      type: OOS,
      props: template(
        JSON.stringify({
          FormatVersion: "OOS-2019-06-01",
          Tasks: [
            {
              Name: "eachInstance",
              Action: "ACS::Loop",
              Properties: {
                LoopItems: ["i-1", "i-2"],
                LoopTasks: [
                  {
                    Name: "open",
                    Action: "ACS::ECS::RunCommand",
                    Properties: {
                      instanceId: "{{ ACS::TaskLoopItem }}",
                      commandType: "RunShellScript",
                      commandContent: OPEN_SSH,
                    },
                  },
                ],
              },
            },
          ],
        }),
      ),
      violations: 1,
    },
    {
      name: "ACS::ExecuteAPI calling ECS RunCommand with base64 content",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteAPI", {
          Service: "ECS",
          API: "RunCommand",
          Parameters: { Type: "RunShellScript", CommandContent: b64(ROOT_KEYS.join("\n")), InstanceIds: ["i-1"] },
        }),
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "ACS::ExecuteApi creating a command from Fn::Base64Encode",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteApi", {
          Service: "ecs",
          API: "CreateCommand",
          Parameters: { Type: "RunShellScript", CommandContent: { "Fn::Base64Encode": OPEN_SSH } },
        }),
      ),
      violations: 1,
    },
    {
      name: "ECS CreateCommand of a PowerShell script is not shell",
      type: OOS,
      props: template(
        oneTask("ACS::ExecuteAPI", {
          Service: "ECS",
          API: "CreateCommand",
          Parameters: { Type: "RunPowerShellScript", CommandContent: OPEN_SSH },
        }),
      ),
      violations: 0,
    },
    {
      name: "ACS::ESS::RunCommandOnSpecifiedInstance runs shell without a type",
      type: OOS,
      props: template(oneTask("ACS::ESS::RunCommandOnSpecifiedInstance", { commandContent: ROOT_LOGIN })),
      violations: 1,
    },
    {
      name: "ACS::RDC::RunCommand takes CommandContent",
      type: OOS,
      props: template(oneTask("ACS::RDC::RunCommand", { CommandContent: OPEN_SSH, RegionId: "cn-hangzhou" })),
      violations: 1,
    },
    {
      name: "task hardening sshd",
      type: OOS,
      props: template(runCommand(`${HARDENED}\nsystemctl restart sshd`)),
      violations: 0,
    },
    {
      name: "invoking an existing command by id has no content to read",
      type: OOS,
      props: template(oneTask("ACS::ECS::InvokeCommand", { commandId: "c-1" })),
      violations: 0,
    },
    {
      name: "other API calls are not commands",
      type: OOS,
      props: template(oneTask("ACS::ExecuteAPI", { Service: "ECS", API: "DescribeInstances", Parameters: {} })),
      violations: 0,
    },
    { name: "content unknown at preview is a note", type: OOS, props: template(UNKNOWN), violations: 0, notes: 1 },
    {
      name: "content that does not parse is a note",
      type: OOS,
      props: template('{"Tasks": ['),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("Alibaba Cloud Image Builder components and image templates", () => {
  const ecsComponent = (content: unknown, systemType: unknown = "Linux") => ({
    imageComponentName: "Base",
    componentType: "Build",
    systemType,
    content,
  });
  const pipeline = (buildContent: unknown) => ({ baseImage: "aliyun_3_x64", baseImageType: "IMAGE", buildContent });
  const yamlComponent = `Parameters:
  key:
    Type: String
    DefaultValue: ssh-rsa AAAA attacker
Tasks:
  - Name: update
    Action: RunShellCommand
    Properties:
      commandContent: yum update -y
  - Name: plantKey
    Action: RunShellCommand
    Properties:
      commandContent: |
        mkdir -p /root/.ssh
        echo '{{ key }}' >> /root/.ssh/authorized_keys
`;
  table(disallowUserdataLoginWeakening, [
    {
      name: "RUN line permitting root login",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN yum update -y\nRUN ${ROOT_LOGIN}\n`),
      violations: 1,
      mentions: "content permits root login",
    },
    {
      name: "RUN continued over lines with trailing backslashes plants root keys",
      type: ECS_COMPONENT,
      props: ecsComponent(
        "ENV KEY=placeholder\nRUN mkdir -p /root/.ssh && \\\n    echo 'ssh-rsa AAAA attacker' \\\n    >> /root/.ssh/authorized_keys\n",
      ),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "lower-case run keyword",
      type: ECS_COMPONENT,
      props: ecsComponent(`run ${OPEN_SSH}`),
      violations: 1,
    },
    {
      name: "RUN in exec form",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${JSON.stringify(["sh", "-c", OPEN_SSH])}`),
      violations: 1,
      mentions: "content enables SSH password authentication",
    },
    {
      name: "commented-out RUN line is no finding",
      type: ECS_COMPONENT,
      props: ecsComponent(`# RUN ${OPEN_SSH}\nRUN yum update -y`),
      violations: 0,
    },
    {
      name: "RUN lines hardening sshd",
      type: ECS_COMPONENT,
      props: ecsComponent(`WORKDIR /root\nRUN ${HARDENED}\nRUN systemctl restart sshd`),
      violations: 0,
    },
    {
      name: "YAML tasks whose script uses a parameter's DefaultValue to plant root keys",
      type: ECS_COMPONENT,
      props: ecsComponent(yamlComponent),
      violations: 1,
      mentions: "content writes /root/.ssh/authorized_keys",
    },
    {
      name: "YAML RunPowerShellCommand task is not shell",
      type: ECS_COMPONENT,
      props: ecsComponent(
        `Tasks:\n  - Name: win\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: "${OPEN_SSH}"\n`,
      ),
      violations: 0,
    },
    {
      name: "Windows component is skipped",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${OPEN_SSH}`, "Windows"),
      violations: 0,
    },
    {
      name: "system type unknown at preview is read",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN ${OPEN_SSH}`, UNKNOWN),
      violations: 1,
    },
    {
      name: "component content unknown at preview is a note",
      type: ECS_COMPONENT,
      props: ecsComponent(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "YAML tasks read in order: a file one task writes, made sshd's by a later task's Include",
      type: ECS_COMPONENT,
      props: ecsComponent(
        [
          "Tasks:",
          "  - Name: extra",
          "    Action: RunShellCommand",
          "    Properties:",
          "      commandContent: echo 'PermitRootLogin yes' > /opt/sshd/extra.conf",
          "  - Name: include",
          "    Action: RunShellCommand",
          "    Properties:",
          "      commandContent: echo 'Include /opt/sshd/extra.conf' >> /etc/ssh/sshd_config",
        ].join("\n"),
      ),
      violations: 1,
      mentions: "which sshd is made to read",
    },
    {
      name: "RUN lines read in order: the kit's drop-in taken away, then written back hardened",
      type: ECS_COMPONENT,
      props: ecsComponent(
        `RUN rm -f ${KIT_DROP_IN}\nRUN printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${KIT_DROP_IN}`,
      ),
      violations: 0,
    },
    {
      // Neither syntax writes a file from inline text, but where a download lands is in the document: sshd_config
      // from the web is a note for each directive, a key file into root's keys the violation, as EC2's downloads are.
      name: "download tasks onto sshd_config and root's keys: notes, and the planted key",
      type: ECS_COMPONENT,
      props: ecsComponent(
        [
          "Tasks:",
          "  - Name: fetch",
          "    Action: WebDownload",
          "    Properties:",
          "      sourcePath: https://example.com/sshd_config",
          "      destinationDir: /etc/ssh",
          "  - Name: oss",
          "    Action: OSSDownload",
          "    Properties:",
          "      bucketName: images",
          "      objectName: authorized_keys",
          "      destinationDir: /root/.ssh",
        ].join("\n"),
      ),
      violations: 1,
      notes: 2,
      mentions: "writes /root/.ssh/authorized_keys",
    },
    {
      // A download into sshd's folder: what it sets cannot be verified, a note for each directive.
      name: "Dockerfile COPY of a URL is no violation, a note",
      type: ECS_COMPONENT,
      props: ecsComponent("COPY https://example.com/sshd_config /etc/ssh/"),
      violations: 0,
      notes: 2,
    },
    {
      name: "image template setting root's password",
      type: PIPELINE,
      props: pipeline(`COMPONENT ic-bp1example\nRUN ${SET_ROOT_PASSWORD}`),
      violations: 1,
      mentions: "buildContent sets a login password",
    },
    { name: "image template hardening sshd", type: PIPELINE, props: pipeline(`RUN ${HARDENED}`), violations: 0 },
    {
      name: "image template of components only",
      type: PIPELINE,
      props: pipeline("COMPONENT ic-bp1example"),
      violations: 0,
    },
    {
      name: "image template without build content",
      type: PIPELINE,
      props: { baseImage: "aliyun_3_x64" },
      violations: 0,
    },
    {
      name: "build content unknown at preview is a note",
      type: PIPELINE,
      props: pipeline(UNKNOWN),
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

describe("documents of hostile shapes read without throwing", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "component data that is a self-referencing list, not a mapping",
      type: COMPONENT,
      props: component("&a [*a]"),
      violations: 0,
      notes: 1,
    },
    {
      name: "component whose phases contain themselves",
      type: COMPONENT,
      props: component("phases: &p\n  - steps: *p\n    action: ExecuteBash\n    inputs: 7\n"),
      violations: 0,
    },
    {
      name: "template whose loop body is its own task list",
      type: OOS,
      props: {
        content: "Tasks: &t\n  - Action: ACS::Loop\n    Properties:\n      LoopTasks: *t\n",
      },
      violations: 0,
    },
    {
      name: "template whose command content encodes itself",
      type: OOS,
      props: {
        content:
          "Tasks:\n  - Action: ACS::ECS::RunCommand\n    Properties:\n      commandContent: &c\n        Fn::Base64Encode: *c\n",
      },
      violations: 0,
    },
    {
      name: "template of odd task shapes",
      type: OOS,
      props: { content: JSON.stringify({ Tasks: [null, 5, "x", { Action: 7 }, { Action: "ACS::ECS::RunCommand" }] }) },
      violations: 0,
    },
    {
      name: "image component whose Tasks is a number",
      type: ECS_COMPONENT,
      props: { systemType: "Linux", content: "Tasks: 5" },
      violations: 0,
    },
    {
      name: "component of odd file and binary step shapes",
      type: COMPONENT,
      props: component(
        toeSteps(
          { action: "CreateFile", inputs: 5 },
          { action: "AppendFile", inputs: [null, { path: 7 }, { path: "  " }, { path: "/opt/x", content: { a: 1 } }] },
          { action: "ExecuteBinary", inputs: { path: ["/bin/bash"], arguments: "-c" } },
          binaryStep("/usr/bin/env", ["-u"]),
          binaryStep("bash", ["-c"]),
          binaryStep("", null),
        ),
      ),
      violations: 0,
    },
    {
      name: "Dockerfile whose here-document never closes and whose last line continues",
      type: "aws:imagebuilder/containerRecipe:ContainerRecipe",
      props: { dockerfileTemplateData: "RUN cat > /opt/x <<EOF\nhello\nRUN echo \\" },
      violations: 0,
    },
    {
      name: "Dockerfile of odd instructions",
      type: "aws:imagebuilder/containerRecipe:ContainerRecipe",
      props: {
        dockerfileTemplateData: '\uFEFF# escape=x\n\\\nRUN\nRUN []\nRUN ["sh", 1]\nCOPY <<\nCOPY <<EOF\nEOF\n<<EOF',
      },
      violations: 0,
    },
    {
      name: "Dockerfile that is not text",
      type: "aws:imagebuilder/containerRecipe:ContainerRecipe",
      props: { dockerfileTemplateData: { RUN: OPEN_SSH } },
      violations: 0,
    },
  ] as Case[]);

  it("reads long hostile documents to the end without a finding", async () => {
    const longContinuation = `RUN echo ${"a \\\n".repeat(50_000)}done`;
    const manyAppends = toeSteps(...Array.from({ length: 5_000 }, () => appendFile("/opt/x", "x".repeat(20))));
    const manyHereDocuments = `RUN cat ${"<<A ".repeat(20_000)}\n${"A\n".repeat(20_000)}`;
    const results = [
      await run(disallowUserdataLoginWeakening, "aws:imagebuilder/containerRecipe:ContainerRecipe", {
        dockerfileTemplateData: longContinuation,
      }),
      await run(disallowUserdataLoginWeakening, COMPONENT, component(manyAppends)),
      await run(disallowUserdataLoginWeakening, ECS_COMPONENT, { content: manyHereDocuments }),
    ];
    // Nothing in them weakens login; how long they take is measured by bench/fuzz.js, not asserted here.
    expect(results).toEqual([[], [], []]);
  });
});
