// Secret config values used where no value is: in resource names (so in URNs, parents and dependency lists), in
// object keys of inputs and outputs, and in what the program prints to stdout, stderr and its log. No output (text,
// --json, SARIF, Markdown, stderr, the failure paragraph) may print them; the CLI's display filter puts "[secret]"
// in their place, and so must the engine, with URNs redacted alike everywhere so the JSON still links up. Secrets
// shorter than the CLI's 3 characters stay visible, as in `pulumi preview`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SECRETS_ENV } from "../../engine/config";
import { markdownCell } from "../../engine/reports/markdownText";
import { MIN_TEXT_SECRET, SECRET_MARKER } from "../../engine/secrets";
import { runCli, type CliRun } from "./helpers";
import { stripAnsi } from "../../engine/text";
import { KIT_PACK, previewOutputs } from "./secret-output-scan";

const REPO = path.join(__dirname, "../..");

const PASSWORD = "Tr0ub4dor-NAME-9x";
/** A 4-digit PIN: short, but the CLI cuts any secret of 3 characters or more. */
const PIN = "4321";
/** Exactly the shortest secret that is searched for. */
const THREE = "k9z";
/** Below the CLI's threshold: left alone, or every "Q7" anywhere would be cut. */
const TINY = "Q7";
const SECRETS = { "p:dbpw": PASSWORD, "p:pin": PIN, "p:three": THREE, "p:tiny": TINY };
const NEEDLES = [PASSWORD, PIN, THREE];

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");

class Res extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, { ...props, id: undefined }, opts);
  }
}

class Tier extends pulumi.ComponentResource {
  constructor(name, opts) {
    super("p:app:Tier", name, {}, opts);
    // Named from the component: the secret is in the child's name and URN.
    this.vpc = new Res("aws:ec2/vpc:Vpc", name + "-vpc", { cidrBlock: "10.2.0.0/16" }, { parent: this });
    // A plain name: the secret is only in its parent.
    this.plain = new Res("aws:s3/bucket:Bucket", "plain-child", {}, { parent: this });
    this.registerOutputs({});
  }
}

const cfg = new pulumi.Config();
const pw = cfg.require("dbpw");
const pin = cfg.require("pin");
const tier = new Tier("tier-" + pw);
const sg = new Res(
  "aws:ec2/securityGroup:SecurityGroup",
  "sg-" + pin,
  {
    vpcId: tier.vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    tags: { ["owner-" + pw]: "team", [pin]: "pin-tag", nested: { ["deep-" + pw]: { [pin]: "x" } } },
  },
  { dependsOn: [tier] },
);
new Res("aws:s3/bucket:Bucket", "three-" + cfg.require("three"), { bucket: sg.id });
new Res("aws:s3/bucket:Bucket", "tiny-" + cfg.require("tiny"), {});
console.log("stdout says " + pw);
console.error("stderr says " + pw + " and pin " + pin);
console.error("stderr plain line");
pulumi.log.warn("warned about " + pw, sg);
if (cfg.get("mode") === "fail") throw new Error("cannot finish " + pw);
module.exports = { ["out-" + pw]: "x" };
`;

const secure = (key: string) => `  ${key}:\n    secure: v1:c2FsdHNhbHQ=:Y2lwaGVydGV4dA==\n`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-names-"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.js\n");
  const config = `config:\n  aws:region: eu-central-1\n${Object.keys(SECRETS).map(secure).join("")}`;
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), config);
  fs.writeFileSync(path.join(dir, "Pulumi.fail.yaml"), `${config}  p:mode: fail\n`);
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  return dir;
}

interface JsonResource {
  urn: string;
  name: string;
  parent: string;
  inputs: Record<string, any>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

describe("offline preview of secrets used in names, keys and printed text", () => {
  let dir: string;
  let json: CliRun;
  let text: CliRun;
  let again: CliRun;
  let failed: CliRun;
  let outputs: Record<string, string>;
  let resources: JsonResource[];
  const savedEnv = process.env[SECRETS_ENV];
  const byName = (name: string) => resources.find((r) => r.name === name);

  beforeAll(async () => {
    process.env[SECRETS_ENV] = JSON.stringify(SECRETS);
    dir = project();
    const preview = await previewOutputs(dir, { text: true });
    json = preview.json;
    text = preview.text!;
    const baseline = path.join(dir, "out", "baseline.json");
    fs.writeFileSync(baseline, json.stdout);
    again = await runCli(["--cwd", dir, "--stack", "s", "--policy-pack", KIT_PACK, "--json", "--baseline", baseline]);
    failed = await runCli(["--cwd", dir, "--stack", "fail", "--no-policy"]);
    outputs = {
      ...preview.outputs,
      "baseline run": again.stdout + again.stderr,
      "failure paragraph": failed.stdout + failed.stderr,
    };
    resources = JSON.parse(json.stdout).resources;
  }, 240_000);
  afterAll(() => {
    if (savedEnv === undefined) delete process.env[SECRETS_ENV];
    else process.env[SECRETS_ENV] = savedEnv;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("searches secrets as short as the CLI does", () => {
    expect(MIN_TEXT_SECRET).toBe(3);
    expect(PIN.length).toBeGreaterThanOrEqual(MIN_TEXT_SECRET);
    expect(THREE.length).toBe(MIN_TEXT_SECRET);
    expect(TINY.length).toBeLessThan(MIN_TEXT_SECRET);
  });

  it("prints no secret of 3 characters or more in any output", () => {
    for (const [output, content] of Object.entries(outputs)) {
      if (!output.endsWith("stderr")) expect({ output, empty: content === "" }).toEqual({ output, empty: false });
      for (const needle of NEEDLES) {
        expect({ output, needle, leaks: content.includes(needle) }).toEqual({ output, needle, leaks: false });
      }
    }
  });

  it("puts the marker in names, URNs and the names of a secret-named component's children", () => {
    const tier = byName(`tier-${SECRET_MARKER}`);
    const vpc = byName(`tier-${SECRET_MARKER}-vpc`);
    const plain = byName("plain-child");
    expect(tier?.urn).toBe(`urn:pulumi:s::p::p:app:Tier::tier-${SECRET_MARKER}`);
    expect(vpc?.urn).toBe(`urn:pulumi:s::p::p:app:Tier$aws:ec2/vpc:Vpc::tier-${SECRET_MARKER}-vpc`);
    expect(vpc?.parent).toBe(tier?.urn);
    expect(plain?.parent).toBe(tier?.urn);
    expect(byName(`sg-${SECRET_MARKER}`)).toBeDefined();
    expect(byName(`three-${SECRET_MARKER}`)).toBeDefined();
  });

  it("keeps --json linked: every parent and dependency is the URN of a listed resource", () => {
    const urns = new Set(resources.map((r) => r.urn));
    expect(urns.size).toBe(resources.length);
    for (const r of resources) {
      if (r.parent) expect({ urn: r.urn, parent: urns.has(r.parent) }).toEqual({ urn: r.urn, parent: true });
      for (const dep of [...r.dependencies, ...Object.values(r.propertyDependencies).flat()]) {
        expect({ urn: r.urn, dep, listed: urns.has(dep) }).toEqual({ urn: r.urn, dep, listed: true });
      }
    }
    // dependsOn a component means its children.
    const sg = byName(`sg-${SECRET_MARKER}`)!;
    expect(sg.dependencies).toEqual(expect.arrayContaining([byName(`tier-${SECRET_MARKER}-vpc`)!.urn]));
  });

  it("puts the marker in tag keys and nested keys, keeping their values", () => {
    const tags = byName(`sg-${SECRET_MARKER}`)!.inputs.tags;
    expect(tags).toEqual({
      [`owner-${SECRET_MARKER}`]: "team",
      [SECRET_MARKER]: "pin-tag",
      nested: { [`deep-${SECRET_MARKER}`]: { [SECRET_MARKER]: "x" } },
    });
    expect(JSON.parse(json.stdout).outputs).toEqual({ [`out-${SECRET_MARKER}`]: "x" });
  });

  it("leaves a secret shorter than 3 characters as the CLI does", () => {
    expect(byName(`tiny-${TINY}`)).toBeDefined();
    expect(text.stdout).toContain(`tiny-${TINY}`);
  });

  it("shows the tree, the program's stdout, stderr and log with the marker in the text output", () => {
    // Colours are on under CI=true.
    const out = stripAnsi(text.stdout);
    expect(out).toMatch(new RegExp(`p:app:Tier\\s+tier-\\[secret\\]\\n`));
    expect(out).toMatch(/└─ aws:ec2\/vpc:Vpc\s+tier-\[secret\]-vpc/);
    expect(out).toContain(`    stdout says ${SECRET_MARKER}\n`);
    expect(out).toContain(`    stderr says ${SECRET_MARKER} and pin ${SECRET_MARKER}\n`);
    expect(out).toContain("    stderr plain line\n");
    expect(out).not.toMatch(/error: stderr/);
    expect(out).toContain(
      `aws:ec2/securityGroup:SecurityGroup (sg-${SECRET_MARKER}):\n    warning: warned about ${SECRET_MARKER}`,
    );
    expect(out).toContain(`out-${SECRET_MARKER}: "x"`);
  });

  it("names the secret-named resources in SARIF and Markdown by their redacted names", () => {
    const sarif = JSON.parse(outputs.sarif);
    const urns = sarif.runs[0].results.flatMap((r: any) =>
      r.locations.flatMap((l: any) => l.logicalLocations.map((x: any) => x.fullyQualifiedName)),
    );
    expect(urns).toContain(byName(`sg-${SECRET_MARKER}`)!.urn);
    expect(outputs.markdown).toContain(`| ${markdownCell(`sg-${SECRET_MARKER}`)} |`);
    expect(outputs.markdown).toContain(`VPC tier-${SECRET_MARKER}-vpc`);
  });

  it("matches a redacted --json baseline: nothing is deleted or created again", () => {
    const doc = JSON.parse(again.stdout);
    expect(doc.steps).toMatchObject({ create: 0, delete: 0, same: resources.length });
    expect(doc.deleted).toEqual([]);
  });

  it("redacts the failure paragraph of a program that throws a secret", () => {
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`cannot finish ${SECRET_MARKER}`);
  });
});
