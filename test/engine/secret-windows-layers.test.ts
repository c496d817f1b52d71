// A secret Windows user data whose weakening line sits inside a script the Windows reader decodes or reads apart
// (`-EncodedCommand`, `-enc`, `-e`, `-Command`, `cmd /c`, Invoke-Expression, a script written, a task document): the
// redactor cuts the line as the pack quotes it (its password masked), its marker and its password from the message
// the pack writes for the plain user data. The scripts are data; nothing here runs them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT_MANDATORY } from "../../engine/cli";
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { RUN_COMMAND_ROWS, WINDOWS_ROWS } from "../lib/secret-windows-layers-fixtures";
import { runCli, type CliRun } from "./helpers";
import { customRegistration } from "./registration-fixture";

const REPO = path.join(__dirname, "../..");
const KIT_PACK = path.join(REPO, "policies");
const RULE = "disallow-userdata-login-weakening";
const TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"];
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

/** What a message says after the policy's description, which names settings in its own words. */
const finding = (message: string) => message.slice(message.indexOf("\n") + 1);

const registration = customRegistration;

/** The redactor, knowing `secretProps`, cuts every `hidden` needle from the messages the pack wrote for `openProps`. */
async function expectRedacted(
  type: string,
  openProps: Record<string, unknown>,
  secretProps: Record<string, unknown>,
  hidden: string[],
) {
  const messages = (await analyzeThroughHandler(type, "n", openProps))
    .filter((d) => d.policy === RULE)
    .map((d) => d.message);
  expect(hidden.some((needle) => messages.some((m) => finding(m).includes(needle)))).toBe(true);
  const redactor = new Redactor().addRegistrations([registration(type, secretProps)]);
  for (const message of messages) {
    const printed = [
      redactor.text(message),
      redactor.fields({ message }).message,
      redactor.text(JSON.stringify(message)),
    ];
    const leaks = printed.flatMap((p) => hidden.filter((needle) => finding(p).includes(needle)));
    expect(leaks).toEqual([]);
    expect(finding(redactor.text(message))).toContain(SECRET_MARKER);
  }
}

describe.each(TYPES)("%s: the redactor cuts the lines the pack quotes out of a secret Windows script", (type) => {
  it.each(WINDOWS_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
    await expectRedacted(type, { userData: script }, { userData: secret(script) }, hidden);
  });
});

describe("the redactor cuts the lines the pack quotes out of a secret run command's Windows script", () => {
  it.each(RUN_COMMAND_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { type, props, script, hidden }) => {
    await expectRedacted(type, props(script), props(secret(script)), hidden);
  });
});

/** One instance of each type per row, its userData secret. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");

class Res extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, { ...props, id: undefined }, opts);
  }
}

const scripts = ${JSON.stringify(WINDOWS_ROWS.map((row) => row.script))};
const types = ${JSON.stringify(TYPES)};
scripts.forEach((script, i) => {
  new Res(types[0], "ec2-" + i, { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: pulumi.secret(script) });
  new Res(types[1], "ecs-" + i, { imageId: "win2022_21H2_x64", instanceType: "ecs.g7.large", userData: pulumi.secret(script) });
});
`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-windows-layers-"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(
    path.join(dir, "Pulumi.s.yaml"),
    "config:\n  aws:region: eu-central-1\n  alicloud:region: cn-hangzhou\n",
  );
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  return dir;
}

describe("offline preview of secret Windows user data with decoded scripts", () => {
  let dir: string;
  let json: CliRun;
  let outputs: Record<string, string>;
  let diagnostics: { urn: string; policyName: string; message: string }[];

  beforeAll(async () => {
    dir = project();
    const sarif = path.join(dir, "out", "preview.sarif");
    const markdown = path.join(dir, "out", "preview.md");
    json = await runCli([
      "--cwd",
      dir,
      "--stack",
      "s",
      "--policy-pack",
      KIT_PACK,
      "--json",
      "--sarif",
      sarif,
      "--markdown",
      markdown,
    ]);
    outputs = {
      "--json": json.stdout,
      stderr: json.stderr,
      sarif: fs.readFileSync(sarif, "utf8"),
      markdown: fs.readFileSync(markdown, "utf8"),
    };
    diagnostics = JSON.parse(json.stdout).diagnostics;
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("still reports each instance's weakening", () => {
    expect(json.code).toBe(EXIT_MANDATORY);
    for (const prefix of ["ec2-", "ecs-"])
      WINDOWS_ROWS.forEach((row, i) => {
        const reported = diagnostics.some((d) => d.policyName === RULE && d.urn.endsWith(`::${prefix}${i}`));
        expect({ row: row.name, prefix, reported }).toEqual({ row: row.name, prefix, reported: true });
      });
  });

  it("prints no decoded line, marker or password in --json, SARIF or Markdown", () => {
    const needles = WINDOWS_ROWS.flatMap((row) => row.hidden);
    for (const [output, content] of Object.entries(outputs))
      for (const needle of needles)
        expect({ output, needle, leaks: content.includes(needle) }).toEqual({ output, needle, leaks: false });
  });
});
