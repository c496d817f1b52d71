// The `import` resource option: planned as an import of the given id, not a create, with its inputs kept and a
// warning that the existing resource could not be read offline.
import * as fs from "fs";
import * as path from "path";
import { parseBaseline } from "../../engine/baseline";
import { runPreview, type PreviewResult } from "../../engine/preview";
import { planSteps, type SteppedResource } from "../../engine/steps";
import { stripAnsi } from "../../engine/text";
import { FIXTURES, runCli } from "./helpers";

const PROJECT = path.join(FIXTURES, "imports");
const urnOf = (qualifiedType: string, name: string) => `urn:pulumi:dev::fixture::${qualifiedType}::${name}`;
const ADOPTED = urnOf("aws:s3/bucket:Bucket", "adopted");
const ADOPTED_SG = urnOf("aws:ec2/securityGroup:SecurityGroup", "adopted-sg");
const CREATED = urnOf("aws:s3/bucket:Bucket", "created");
const SITE = urnOf("fixture:web:Site", "site");
const caveat = (id: string) => `offline preview cannot read ${id}; the plan assumes its state matches the inputs`;

function resource(name: string, options: Record<string, unknown> = {}, extra: Partial<SteppedResource> = {}) {
  return {
    urn: urnOf("aws:s3/bucket:Bucket", name),
    type: "aws:s3/bucket:Bucket",
    name,
    parent: "",
    inputs: { bucket: name },
    dependencies: [],
    propertyDependencies: {},
    options,
    aliases: [],
    read: false,
    ...extra,
  };
}

describe("planSteps with the import option", () => {
  it("plans an import of the id instead of a create, and counts it apart", () => {
    const plan = planSteps([resource("a", { import: "bucket-a" }), resource("b")]);
    expect(plan.steps.get(urnOf("aws:s3/bucket:Bucket", "a"))).toEqual({ step: "import", importId: "bucket-a" });
    expect(plan.steps.get(urnOf("aws:s3/bucket:Bucket", "b"))).toEqual({ step: "create" });
    expect(plan.counts).toMatchObject({ create: 1, import: 1 });
  });

  it("leaves the import count out when nothing is imported", () => {
    expect(planSteps([resource("b"), resource("c", { import: "" })]).counts).not.toHaveProperty("import");
  });

  it("diffs a resource its baseline already imported with the same id", () => {
    const before = resource("a", { import: "bucket-a" });
    const plan = planSteps(
      [{ ...before, inputs: { bucket: "renamed" } }],
      parseBaseline({ stack: "dev", resources: [before] }),
    );
    expect(plan.steps.get(before.urn)).toMatchObject({ step: "update", changed: ["bucket"] });
    expect(plan.counts).not.toHaveProperty("import");
  });

  it("replaces the managed resource when the id differs from the baseline's, or the baseline created it", () => {
    const imported = resource("a", { import: "bucket-a" });
    const created = resource("b");
    const plan = planSteps(
      [resource("a", { import: "bucket-a2" }), resource("b", { import: "bucket-b" }), resource("c", { import: "c" })],
      parseBaseline({ stack: "dev", resources: [imported, created] }),
    );
    // The CLI's import-replacement: the resource the state holds is replaced by the one imported.
    expect(plan.steps.get(imported.urn)).toEqual({ step: "import", importId: "bucket-a2", mayReplace: ["import"] });
    expect(plan.steps.get(created.urn)).toEqual({ step: "import", importId: "bucket-b", mayReplace: ["import"] });
    // Nothing in the baseline: a plain import.
    expect(plan.steps.get(urnOf("aws:s3/bucket:Bucket", "c"))).toEqual({ step: "import", importId: "c" });
    expect(plan.counts).toMatchObject({ import: 3, importReplace: 2, mayReplace: 0, update: 0 });
    expect(plan.deleted).toEqual([]);
  });

  it("counts no import-replacement when no import replaces anything", () => {
    expect(planSteps([resource("a", { import: "bucket-a" })]).counts).not.toHaveProperty("importReplace");
  });

  it("keeps the alias it took the baseline resource over by", () => {
    const old = resource("old");
    const plan = planSteps(
      [resource("new", { import: "bucket-new" }, { aliases: [old.urn] })],
      parseBaseline({ stack: "dev", resources: [old] }),
    );
    expect(plan.steps.get(urnOf("aws:s3/bucket:Bucket", "new"))).toEqual({
      step: "import",
      importId: "bucket-new",
      aliasOf: old.urn,
      mayReplace: ["import"],
    });
  });
});

describe("a preview of a program that imports", () => {
  let result: PreviewResult;
  const step = (urn: string) => result.resources.find((r) => r.urn === urn);
  beforeAll(async () => {
    result = await runPreview({ stack: "dev", cwd: PROJECT });
  });

  it("plans each imported custom resource as an import of its id", () => {
    expect(step(ADOPTED)).toMatchObject({ step: "import", importId: "existing-bucket" });
    expect(step(ADOPTED_SG)).toMatchObject({ step: "import", importId: "sg-0123456789abcdef0" });
    expect(step(CREATED)?.step).toBe("create");
    expect(step(SITE)?.step).toBe("create");
    expect(result.steps).toMatchObject({ create: 3, import: 2 });
  });

  it("keeps the program's inputs, since the existing resource cannot be read offline", () => {
    expect(step(ADOPTED)?.inputs).toEqual({ bucket: "existing-bucket", acl: "private" });
    expect(step(ADOPTED)?.options).toEqual({ import: "existing-bucket" });
  });

  it("warns once per imported resource, naming its id", () => {
    const warnings = result.logs.filter((l) => l.message.startsWith("offline preview cannot read"));
    // Registrations arrive concurrently: order by URN.
    expect([...warnings].sort((a, b) => a.urn.localeCompare(b.urn))).toEqual([
      { severity: "warning", message: caveat("sg-0123456789abcdef0"), urn: ADOPTED_SG },
      { severity: "warning", message: caveat("existing-bucket"), urn: ADOPTED },
    ]);
  });

  it("records no import on a component", () => {
    expect(step(SITE)?.options).toEqual({});
  });

  it("puts the import step and id in --json", async () => {
    const run = await runCli(["--cwd", PROJECT, "--stack", "dev", "--no-policy", "--json"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const adopted = doc.resources.find((r: { urn: string }) => r.urn === ADOPTED);
    expect(adopted).toMatchObject({ step: "import", options: { import: "existing-bucket" } });
    expect(doc.steps).toMatchObject({ create: 3, import: 2 });
  });

  it("plans no import against a baseline that imported the same ids", async () => {
    const baseline = JSON.parse((await runCli(["--cwd", PROJECT, "--stack", "dev", "--no-policy", "--json"])).stdout);
    const again = await runPreview({ stack: "dev", cwd: PROJECT, baseline });
    expect(again.resources.map((r) => r.step)).toEqual(again.resources.map(() => "same"));
    expect(again.steps).not.toHaveProperty("import");
  });
});

describe("a preview that imports over resources its baseline created", () => {
  let baseline: ReturnType<typeof parseBaseline>;
  let result: PreviewResult;
  const step = (urn: string) => result.resources.find((r) => r.urn === urn);
  beforeAll(async () => {
    // The same program once created everything: its baseline holds both buckets without an import.
    const first = await runPreview({ stack: "dev", cwd: PROJECT });
    baseline = parseBaseline({
      stack: "dev",
      resources: first.resources.map((r) => ({ ...r, options: {}, step: "create" })),
    });
    result = await runPreview({ stack: "dev", cwd: PROJECT, baseline });
  });

  it("plans an import-replacement of each resource the baseline created", () => {
    expect(step(ADOPTED)).toMatchObject({ step: "import", importId: "existing-bucket", mayReplace: ["import"] });
    expect(step(ADOPTED_SG)).toMatchObject({ step: "import", mayReplace: ["import"] });
    expect(step(CREATED)).toMatchObject({ step: "same" });
    expect(step(CREATED)).not.toHaveProperty("mayReplace");
    expect(result.steps).toMatchObject({ create: 0, import: 2, importReplace: 2, delete: 0, mayReplace: 0 });
  });

  it("shows it as a replacement in the text output and in --json", async () => {
    const file = path.join(PROJECT, ".import-over-created.json");
    fs.writeFileSync(file, JSON.stringify(baseline));
    try {
      const text = await runCli(["--cwd", PROJECT, "--stack", "dev", "--no-policy", "--baseline", file]);
      const json = await runCli(["--cwd", PROJECT, "--stack", "dev", "--no-policy", "--baseline", file, "--json"]);
      expect(text.code).toBe(0);
      const out = stripAnsi(text.stdout);
      expect(out).toMatch(
        /^ => {2}└─ aws:s3\/bucket:Bucket\s+adopted {2}\[import existing-bucket; replaces the existing resource\]$/m,
      );
      // Unchanged: no marker.
      expect(out).toMatch(/^ {5}├─ aws:s3\/bucket:Bucket\s+created$/m);
      expect(out).toContain("= 2 to import (2 replacing an existing resource)");
      expect(out).not.toContain("replace?)");
      const adopted = JSON.parse(json.stdout).resources.find((r: { urn: string }) => r.urn === ADOPTED);
      expect(adopted).toMatchObject({ step: "import", mayReplace: ["import"] });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
