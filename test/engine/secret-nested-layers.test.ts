// A secret boot script whose weakening line sits inside a layer the user-data reader decodes (a write_files entry in
// base64 or gzip+base64, a base64 MIME part, a shell decode, several deep): the offline preview still reports it, and
// no output (text, --json, SARIF, Markdown) prints the decoded line or its marker. The redactor is checked on its own
// too, with the message the pack writes for the plain script. The scripts are data; nothing here runs them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXIT_MANDATORY } from "../../engine/cli";
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { NESTED_ROWS } from "../lib/secret-nested-layers-fixtures";
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

describe("the redactor cuts the decoded lines the pack quotes out of a secret script's nested layers", () => {
  it.each(NESTED_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
    const type = TYPES[0];
    const messages = (await analyzeThroughHandler(type, "n", { userData: script }))
      .filter((d) => d.policy === RULE)
      .map((d) => d.message);
    expect(hidden.some((needle) => messages.some((m) => finding(m).includes(needle)))).toBe(true);
    const redactor = new Redactor().addRegistrations([registration(type, { userData: secret(script) })]);
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

const scripts = ${JSON.stringify(NESTED_ROWS.map((row) => row.script))};
const types = ${JSON.stringify(TYPES)};
scripts.forEach((script, i) => {
  new Res(types[0], "ec2-" + i, { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: pulumi.secret(script) });
  new Res(types[1], "ecs-" + i, { imageId: "ubuntu_22_04_x64", instanceType: "ecs.g7.large", userData: pulumi.secret(script) });
});
`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-nested-layers-"));
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

describe("offline preview of secret boot scripts with nested encoded layers", () => {
  let dir: string;
  let json: CliRun;
  let text: CliRun;
  let outputs: Record<string, string>;
  let diagnostics: { urn: string; policyName: string; message: string }[];

  beforeAll(async () => {
    dir = project();
    const base = ["--cwd", dir, "--stack", "s", "--policy-pack", KIT_PACK];
    const sarif = path.join(dir, "out", "preview.sarif");
    const markdown = path.join(dir, "out", "preview.md");
    json = await runCli([...base, "--json", "--sarif", sarif, "--markdown", markdown]);
    text = await runCli(base);
    outputs = {
      "--json": json.stdout,
      "json run stderr": json.stderr,
      text: text.stdout,
      "text run stderr": text.stderr,
      sarif: fs.readFileSync(sarif, "utf8"),
      markdown: fs.readFileSync(markdown, "utf8"),
    };
    diagnostics = JSON.parse(json.stdout).diagnostics;
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("still reports each instance's weakening", () => {
    expect(json.code).toBe(EXIT_MANDATORY);
    expect(text.code).toBe(EXIT_MANDATORY);
    for (const prefix of ["ec2-", "ecs-"])
      NESTED_ROWS.forEach((row, i) => {
        const found = diagnostics.filter((d) => d.policyName === RULE && d.urn.endsWith(`::${prefix}${i}`));
        expect({ row: row.name, prefix, reported: found.length > 0 }).toEqual({
          row: row.name,
          prefix,
          reported: true,
        });
      });
  });

  it("prints no decoded line or marker in text, --json, SARIF or Markdown", () => {
    // The markers are the rows' own; the settings lines are also the pack's wording, checked in the findings below.
    const markers = NESTED_ROWS.flatMap((row) => row.hidden.filter((needle) => needle.includes("marker-7f3a9c")));
    for (const [output, content] of Object.entries(outputs))
      for (const needle of markers)
        expect({ output, needle, leaks: content.includes(needle) }).toEqual({ output, needle, leaks: false });
    for (const d of diagnostics.filter((d) => d.policyName === RULE)) {
      const leaks = NESTED_ROWS.flatMap((row) => row.hidden).filter((needle) => finding(d.message).includes(needle));
      expect({ urn: d.urn, leaks }).toEqual({ urn: d.urn, leaks: [] });
    }
  });
});
