// Image-build steps that fill sshd's configuration or the account files with text from outside the document (a file
// of the build context, another stage's file, a download, an archive, a repository) are read as the shell reader
// reads the same copy or download: a note for each sshd directive it may set (password authentication, root login),
// one for the account files (a login password). Text the document writes itself, copied into place, is judged there.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, table } from "./harness";
import { containerRecipe, dockerfile, IMAGE_BUILD, step, toe } from "./image-build-fixtures";

const MAIN = "/etc/ssh/sshd_config";
const DROP_IN = "/etc/ssh/sshd_config.d/50-site.conf";
const SHADOW = "/etc/shadow";
const OPEN = "PasswordAuthentication yes\n";
const HARDENED = "PasswordAuthentication no\nPermitRootLogin no\n";
const ROOT_PASSWORD = "root:$6$salt$hash:19000:0:99999:7:::\n";
const ROOT_LOCKED = "root:!:19000:0:99999:7:::\n";
const SSHD_NOTES = { violations: 0, notes: 2 };
const ACCOUNT_NOTE = { violations: 0, notes: 1 };
const OPENED = { violations: 1, mentions: "enables SSH password authentication" };
const PASSWORD_SET = { violations: 1, mentions: "sets a login password" };
const PIPELINE = "alicloud:ecs/ecsImagePipeline:EcsImagePipeline";

const ecsComponent = (content: unknown) => ({
  imageComponentName: "Base",
  componentType: "Build",
  systemType: "Linux",
  content,
});
/** Alibaba Cloud Image Builder YAML: `tasks` as [action, properties], optional parameters. */
const ecsTasks = (tasks: [string, Record<string, string>][], parameters = "") =>
  [
    ...(parameters ? ["Parameters:", parameters] : []),
    "Tasks:",
    ...tasks.flatMap(([action, properties], i) => [
      `  - Name: task${i}`,
      `    Action: ${action}`,
      "    Properties:",
      ...Object.entries(properties).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`),
    ]),
  ].join("\n");
const webDownload = (sourcePath: string, destinationDir: string): [string, Record<string, string>] => [
  "WebDownload",
  { sourcePath, destinationDir },
];
const ossDownload = (objectName: string, destinationDir: string): [string, Record<string, string>] => [
  "OSSDownload",
  { bucketName: "images", objectName, destinationDir },
];
const shellTask = (commandContent: string): [string, Record<string, string>] => ["RunShellCommand", { commandContent }];

/** `printf` of `text` to `path`, as a script line. */
const printed = (text: string, path: string) => `printf '${text.replace(/\n/g, "\\n")}' > ${path}`;

/** A file, placed by `action`, with the expected outcome on each target. */
const fileActions = ["CopyFile", "MoveFile", "S3Download", "WebDownload"] as const;
const sourceOf = (action: string) =>
  action === "S3Download"
    ? "s3://images/site.conf"
    : action === "WebDownload"
      ? "https://example.com/site.conf"
      : "/tmp/site.conf";

describe("EC2 Image Builder component steps placing outside text", () => {
  const rows: Case[] = fileActions.flatMap((action) => [
    {
      name: `${action} onto sshd_config is two notes`,
      type: IMAGE_BUILD.component,
      props: toe([step(action, [{ source: sourceOf(action), destination: MAIN }])]),
      ...SSHD_NOTES,
    },
    {
      name: `${action} onto a drop-in is two notes`,
      type: IMAGE_BUILD.component,
      props: toe([step(action, [{ source: sourceOf(action), destination: DROP_IN }])]),
      ...SSHD_NOTES,
    },
    {
      name: `${action} onto /etc/shadow is one note`,
      type: IMAGE_BUILD.component,
      props: toe([step(action, [{ source: sourceOf(action), destination: SHADOW }])]),
      ...ACCOUNT_NOTE,
    },
    {
      name: `${action} into /opt is nothing`,
      type: IMAGE_BUILD.component,
      props: toe([step(action, [{ source: sourceOf(action), destination: "/opt/site/sshd_config" }])]),
      violations: 0,
    },
  ]);
  table(disallowUserdataLoginWeakening, [
    ...rows,
    ...(["CopyFolder", "MoveFolder"] as const).map((action) => ({
      name: `${action} of an unwritten folder into the drop-in folder is two notes`,
      type: IMAGE_BUILD.component,
      props: toe([step(action, [{ source: "/tmp/sshd.d", destination: "/etc/ssh/sshd_config.d" }])]),
      ...SSHD_NOTES,
    })),
    {
      name: "S3Download of a key prefix into the drop-in folder is two notes",
      type: IMAGE_BUILD.component,
      props: toe([step("S3Download", [{ source: "s3://images/sshd/*", destination: "/etc/ssh/sshd_config.d/" }])]),
      ...SSHD_NOTES,
    },
    {
      name: "CreateSymlink making sshd_config a link to an unwritten file is two notes",
      type: IMAGE_BUILD.component,
      props: toe([step("CreateSymlink", [{ path: MAIN, target: "/opt/vendor/sshd_config" }])]),
      ...SSHD_NOTES,
    },
    {
      name: "CreateSymlink making /etc/shadow a link to an unwritten file is one note",
      type: IMAGE_BUILD.component,
      props: toe([step("CreateSymlink", [{ path: SHADOW, target: "/opt/vendor/shadow" }])]),
      ...ACCOUNT_NOTE,
    },
    {
      name: "CreateFile text opening password authentication, moved onto a drop-in, is the violation",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/tmp/site.conf", content: OPEN }]),
        step("MoveFile", [{ source: "/tmp/site.conf", destination: DROP_IN }]),
      ]),
      ...OPENED,
    },
    {
      name: "CreateFile text in a folder copied into the drop-in folder is judged there",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/tmp/sshd.d/50-site.conf", content: OPEN }]),
        step("CopyFolder", [{ source: "/tmp/sshd.d", destination: "/etc/ssh/sshd_config.d" }]),
      ]),
      ...OPENED,
    },
    {
      name: "CreateFile text giving root a password hash, moved onto /etc/shadow, is the violation",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/tmp/shadow", content: ROOT_PASSWORD }]),
        step("MoveFile", [{ source: "/tmp/shadow", destination: SHADOW }]),
      ]),
      ...PASSWORD_SET,
    },
    {
      name: "CreateFile text locking root, copied onto /etc/shadow, is nothing",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/tmp/shadow", content: ROOT_LOCKED }]),
        step("CopyFile", [{ source: "/tmp/shadow", destination: SHADOW }]),
      ]),
      violations: 0,
    },
    {
      name: "a hardened CreateFile text copied onto a drop-in is nothing",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/tmp/site.conf", content: HARDENED }]),
        step("CopyFile", [{ source: "/tmp/site.conf", destination: DROP_IN }]),
      ]),
      violations: 0,
    },
    {
      name: "a hardened CreateFile text linked as sshd_config is nothing",
      type: IMAGE_BUILD.component,
      props: toe([
        step("CreateFile", [{ path: "/opt/site/sshd_config", content: HARDENED }]),
        step("CreateSymlink", [{ path: MAIN, target: "/opt/site/sshd_config" }]),
      ]),
      violations: 0,
    },
    {
      name: "a source given by a parameter without a default is unknown at preview: two notes",
      type: IMAGE_BUILD.component,
      props: toe([step("CopyFile", [{ source: "{{ source }}", destination: MAIN }])], {
        parameters: [{ source: { type: "string" } }],
      }),
      ...SSHD_NOTES,
    },
    {
      name: "a download whose URL is a parameter's default is read with it: one note on /etc/shadow",
      type: IMAGE_BUILD.component,
      props: toe([step("WebDownload", [{ source: "{{ url }}", destination: SHADOW }])], {
        parameters: [{ url: { type: "string", default: "https://example.com/shadow" } }],
      }),
      ...ACCOUNT_NOTE,
    },
  ]);
});

/** The same Dockerfile lines read from an EC2 container recipe and from Alibaba Cloud Image Builder's syntax. */
const dockerfileRows = (name: string, lines: string[], expected: Omit<Case, "name" | "type" | "props">): Case[] => [
  {
    name: `container recipe: ${name}`,
    type: IMAGE_BUILD.containerRecipe,
    props: containerRecipe(dockerfile(...lines)),
    ...expected,
  },
  {
    name: `Alibaba Cloud Dockerfile syntax: ${name}`,
    type: IMAGE_BUILD.ecsComponent,
    props: ecsComponent(lines.join("\n")),
    ...expected,
  },
];

describe("Dockerfiles placing outside text", () => {
  table(disallowUserdataLoginWeakening, [
    ...dockerfileRows("COPY from the context onto sshd_config is two notes", [`COPY sshd_config ${MAIN}`], SSHD_NOTES),
    ...dockerfileRows(
      "COPY from the context into the drop-in folder is two notes",
      [`COPY 50-site.conf /etc/ssh/sshd_config.d/`],
      SSHD_NOTES,
    ),
    ...dockerfileRows(
      "ADD of a URL onto /etc/shadow is one note",
      [`ADD https://example.com/shadow ${SHADOW}`],
      ACCOUNT_NOTE,
    ),
    ...dockerfileRows("ADD of a URL into /opt is nothing", ["ADD https://example.com/sshd_config /opt/site/"], {
      violations: 0,
    }),
    ...dockerfileRows("ADD of a tar archive into /etc/ssh is two notes", ["ADD sshd.tar.gz /etc/ssh/"], SSHD_NOTES),
    ...dockerfileRows(
      "ADD of a Git repository into the drop-in folder is two notes",
      ["ADD git@github.com:example/sshd.git /etc/ssh/sshd_config.d/"],
      SSHD_NOTES,
    ),
    ...dockerfileRows(
      "ADD of an https Git repository into the drop-in folder is two notes",
      ["ADD https://github.com/example/sshd.git#main /etc/ssh/sshd_config.d/"],
      SSHD_NOTES,
    ),
    ...dockerfileRows(
      "COPY --from another stage onto sshd_config, after this stage hardened it, is two notes",
      ["FROM alpine AS config", `RUN ${printed(HARDENED, MAIN)}`, `COPY --from=config ${MAIN} ${MAIN}`],
      SSHD_NOTES,
    ),
    ...dockerfileRows(
      "COPY --from an image onto /etc/shadow is one note",
      [`COPY --from=vendor/base:1 /etc/shadow ${SHADOW}`],
      ACCOUNT_NOTE,
    ),
    ...dockerfileRows(
      "a here-document opening password authentication, moved onto a drop-in, is the violation",
      ["COPY <<EOF /tmp/site.conf", OPEN.trim(), "EOF", `RUN mv /tmp/site.conf ${DROP_IN}`],
      OPENED,
    ),
    ...dockerfileRows(
      "a here-document giving root a password hash, copied onto /etc/shadow, is the violation",
      ["COPY <<'EOF' /tmp/shadow", ROOT_PASSWORD.trim(), "EOF", `RUN cp /tmp/shadow ${SHADOW}`],
      PASSWORD_SET,
    ),
    ...dockerfileRows(
      "a hardened here-document copied onto a drop-in is nothing",
      ["COPY <<EOF /tmp/site.conf", ...HARDENED.trim().split("\n"), "EOF", `RUN cp /tmp/site.conf ${DROP_IN}`],
      { violations: 0 },
    ),
    ...dockerfileRows(
      "a source named by a build argument is unknown at preview: two notes",
      ["ARG SOURCE", `COPY $SOURCE ${MAIN}`],
      SSHD_NOTES,
    ),
  ]);
});

describe("Alibaba Cloud Image Builder download tasks", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "WebDownload of sshd_config into /etc/ssh is two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("https://example.com/sshd_config", "/etc/ssh")])),
      ...SSHD_NOTES,
    },
    {
      name: "OSSDownload of a drop-in into the drop-in folder is two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([ossDownload("sshd/50-site.conf", "/etc/ssh/sshd_config.d/")])),
      ...SSHD_NOTES,
    },
    {
      name: "WebDownload of shadow into /etc is one note",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("https://example.com/shadow", "/etc")])),
      ...ACCOUNT_NOTE,
    },
    {
      name: "OSSDownload of shadow into /etc is one note",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([ossDownload("accounts/shadow", "/etc")])),
      ...ACCOUNT_NOTE,
    },
    {
      name: "an image template's download onto sshd_config is two notes",
      type: PIPELINE,
      props: {
        baseImage: "aliyun_3_x64",
        buildContent: ecsTasks([webDownload("https://example.com/sshd_config", "/etc/ssh")]),
      },
      ...SSHD_NOTES,
    },
    {
      name: "downloads into /opt are nothing",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks([
          webDownload("https://example.com/sshd_config", "/opt/site"),
          ossDownload("accounts/shadow", "/opt/site"),
        ]),
      ),
      violations: 0,
    },
    {
      name: "a download into /tmp, moved onto a drop-in by a later task, is two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks([webDownload("https://example.com/site.conf", "/tmp"), shellTask(`mv /tmp/site.conf ${DROP_IN}`)]),
      ),
      ...SSHD_NOTES,
    },
    {
      name: "a task's text opening password authentication, moved onto a drop-in, is the violation",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks([shellTask(printed(OPEN, "/tmp/site.conf")), shellTask(`mv /tmp/site.conf ${DROP_IN}`)]),
      ),
      ...OPENED,
    },
    {
      name: "a task's hardened text copied onto a drop-in, then a download into /opt, is nothing",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks([
          shellTask(printed(HARDENED, "/tmp/site.conf")),
          shellTask(`cp /tmp/site.conf ${DROP_IN}`),
          webDownload("https://example.com/site.conf", "/opt"),
        ]),
      ),
      violations: 0,
    },
    {
      name: "a source URL given by a parameter's default is read with it: two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks(
          [webDownload("{{ source }}", "/etc/ssh")],
          "  source:\n    Type: String\n    DefaultValue: https://example.com/sshd_config",
        ),
      ),
      ...SSHD_NOTES,
    },
    {
      name: "a source host given by a parameter without a default is unknown at preview: two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks([webDownload("https://{{ host }}/sshd_config", "/etc/ssh")], "  host:\n    Type: String"),
      ),
      ...SSHD_NOTES,
    },
    {
      name: "a whole source given by a parameter without a default, into /etc/ssh, is unknown at preview: two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("{{ src }}", "/etc/ssh")], "  src:\n    Type: String")),
      ...SSHD_NOTES,
    },
    {
      name: "a whole source given by a parameter without a default, into the drop-in folder: two notes",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("{{ src }}", "/etc/ssh/sshd_config.d")], "  src:\n    Type: String")),
      ...SSHD_NOTES,
    },
    {
      name: "a whole source given by a parameter without a default, into /etc, may be an account file: one note",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("{{ src }}", "/etc")], "  src:\n    Type: String")),
      ...ACCOUNT_NOTE,
    },
    {
      name: "a whole source given by a parameter without a default, into /opt or /etc/ssh's neighbours, is nothing",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks(
          [webDownload("{{ src }}", "/opt/site"), webDownload("{{ src }}", "/etc/ssh/ssh_config.d")],
          "  src:\n    Type: String",
        ),
      ),
      violations: 0,
    },
    {
      name: "a source whose name is given, into /etc, is nothing: /etc/motd is no account file",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(ecsTasks([webDownload("https://{{ host }}/motd", "/etc")], "  host:\n    Type: String")),
      violations: 0,
    },
    {
      name: "a destination folder given by a parameter's default is read with it: one note",
      type: IMAGE_BUILD.ecsComponent,
      props: ecsComponent(
        ecsTasks(
          [ossDownload("accounts/shadow", "{{ folder }}")],
          "  folder:\n    Type: String\n    DefaultValue: /etc",
        ),
      ),
      ...ACCOUNT_NOTE,
    },
  ]);
});
