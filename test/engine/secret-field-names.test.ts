// A secret that equals one of the engine's own field names ("message", "urn", "name"…) is cut from values and from
// the keys of user data (tags, outputs), never from the names of the engine's fields: the text output still finds
// each log's message, and the --json document keeps every resource's urn, so it reads back as a --baseline.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SECRETS_ENV } from "../../engine/config";
import { SECRET_MARKER } from "../../engine/secrets";
import { stripAnsi } from "../../engine/text";
import { runCli, type CliRun } from "./helpers";

const REPO = path.join(__dirname, "../..");
const KIT_PACK = path.join(REPO, "policies");

const FIELD_NAMES = ["message", "urn", "name", "type", "parent", "severity", "inputs"];
/** A secret no field is named like: the run every other run must match, exit code included. */
const CONTROL = "zq-control-x7";
const WORDS = [CONTROL, ...FIELD_NAMES];
const stackOf = (word: string) => (word === CONTROL ? "control" : word);

const PROGRAM = `
const pulumi = require("@pulumi/pulumi");

class Res extends pulumi.CustomResource {
  constructor(type, name, props, opts) {
    super(type, name, { ...props, id: undefined }, opts);
  }
}

const cfg = new pulumi.Config();
const word = cfg.require(cfg.require("key"));
const tier = new pulumi.ComponentResource("p:app:Tier", "tier", {});
const sg = new Res(
  "aws:ec2/securityGroup:SecurityGroup",
  "sg-" + word,
  {
    description: word,
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    tags: { [word]: word, ["owner-" + word]: "team" },
  },
  { parent: tier },
);
new Res("aws:ec2/instance:Instance", "web", { vpcSecurityGroupIds: [sg.id], ami: "ami-123", instanceType: "t3.micro" }, { parent: tier });
pulumi.log.warn("warned about " + word, sg);
module.exports = { [word]: word, plain: "x" };
`;

const secure = "    secure: v1:c2FsdHNhbHQ=:Y2lwaGVydGV4dA==\n";

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-field-names-"));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  WORDS.forEach((word, i) => {
    const config = `config:\n  aws:region: eu-central-1\n  p:key: w${i}\n  p:w${i}:\n${secure}`;
    fs.writeFileSync(path.join(dir, `Pulumi.${stackOf(word)}.yaml`), config);
  });
  return dir;
}

interface Runs {
  text: CliRun;
  json: CliRun;
  again: CliRun;
}

/** A slow run prints progress lines (`preview: analyzing … (5 s)`) that a fast one does not: not part of the result. */
const withoutProgress = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => !/^preview: .* \(\d+ s\)$/.test(l))
    .join("\n");

const RESOURCE_FIELDS = ["urn", "type", "name", "parent", "inputs", "dependencies", "propertyDependencies", "step"];
const DIAGNOSTIC_FIELDS = ["policyPackName", "policyName", "enforcementLevel", "severity", "urn", "message"];
const EXPOSURE_FIELDS = ["urn", "resourceName", "type", "protocol", "ports", "sources", "path"];

describe("secrets equal to the engine's field names", () => {
  let dir: string;
  const runs = new Map<string, Runs>();
  const savedEnv = process.env[SECRETS_ENV];

  beforeAll(async () => {
    process.env[SECRETS_ENV] = JSON.stringify(Object.fromEntries(WORDS.map((w, i) => [`p:w${i}`, w])));
    dir = project();
    for (const w of WORDS) {
      const base = ["--cwd", dir, "--stack", stackOf(w), "--policy-pack", KIT_PACK];
      const json = await runCli([...base, "--json"]);
      const baseline = path.join(dir, `${stackOf(w)}.json`);
      fs.writeFileSync(baseline, json.stdout);
      runs.set(w, { json, text: await runCli(base), again: await runCli([...base, "--json", "--baseline", baseline]) });
    }
  }, 240_000);
  afterAll(() => {
    if (savedEnv === undefined) delete process.env[SECRETS_ENV];
    else process.env[SECRETS_ENV] = savedEnv;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe.each(FIELD_NAMES)("%j", (word) => {
    const doc = (w: string) => JSON.parse(runs.get(w)!.json.stdout);

    it("exits with the policy result's code in text mode, as a run without it does", () => {
      const control = runs.get(CONTROL)!.text;
      const text = runs.get(word)!.text;
      expect(control.code).not.toBe(2);
      expect({ code: text.code, stderr: withoutProgress(text.stderr) }).toEqual({
        code: control.code,
        stderr: withoutProgress(control.stderr),
      });
      const out = stripAnsi(text.stdout);
      expect(out).toContain(`aws:ec2/securityGroup:SecurityGroup (sg-${SECRET_MARKER}):`);
      expect(out).toContain(`warning: warned about ${SECRET_MARKER}`);
      expect(out).toMatch(/✖ Blocked|✔ Passed/);
    });

    it("keeps every field of resources, diagnostics and exposures in --json", () => {
      expect(runs.get(word)!.json.code).toBe(runs.get(CONTROL)!.json.code);
      const { resources, diagnostics, exposures } = doc(word);
      expect(resources.length).toBe(doc(CONTROL).resources.length);
      for (const r of resources) expect(Object.keys(r)).toEqual(expect.arrayContaining(RESOURCE_FIELDS));
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.length).toBe(doc(CONTROL).diagnostics.length);
      for (const d of diagnostics) expect(Object.keys(d)).toEqual(DIAGNOSTIC_FIELDS);
      expect(exposures.length).toBeGreaterThan(0);
      for (const e of exposures) expect(Object.keys(e)).toEqual(EXPOSURE_FIELDS);
    });

    it("still cuts the secret where it is user data: names, input values, tag keys, output keys", () => {
      const { resources, outputs } = doc(word);
      const sg = resources.find((r: { type: string }) => r.type === "aws:ec2/securityGroup:SecurityGroup");
      expect(sg.name).toBe(`sg-${SECRET_MARKER}`);
      expect(sg.inputs.description).toBe(SECRET_MARKER);
      expect(sg.inputs.tags).toEqual({ [SECRET_MARKER]: SECRET_MARKER, [`owner-${SECRET_MARKER}`]: "team" });
      expect(outputs).toEqual({ [SECRET_MARKER]: SECRET_MARKER, plain: "x" });
      expect(runs.get(word)!.json.stdout).not.toContain(`sg-${word}`);
    });

    it("reads its --json back as a --baseline: every resource unchanged, nothing deleted", () => {
      const again = runs.get(word)!.again;
      expect(again.code).toBe(runs.get(CONTROL)!.again.code);
      const { steps, deleted, resources } = JSON.parse(again.stdout);
      expect(steps).toMatchObject({ create: 0, update: 0, delete: 0, same: resources.length });
      expect(deleted).toEqual([]);
    });
  });
});
