// `protect` against a baseline: the CLI's step generator refuses to delete a protected resource, or to replace one
// protected in both the state and the program (pkg/resource/deploy/step.go, step_generator.go); the preview fails.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseBaseline } from "../../engine/baseline";
import type { EngineLog } from "../../engine/model";
import { PreviewError, runPreview } from "../../engine/preview";
import { renderText } from "../../engine/render";
import { planSteps, type SteppedResource } from "../../engine/steps";
import { stripAnsi } from "../../engine/text";
import { runCli } from "./helpers";

const urn = (type: string, name: string) => `urn:pulumi:prod::p::${type}::${name}`;
const ROLE = "aws:iam/role:Role";
const SG = "aws:ec2/securityGroup:SecurityGroup";

const replaceRefusal = (u: string) =>
  `unable to replace resource "${u}"\nas it is currently marked for protection. To unprotect the resource, ` +
  "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`";
const deleteRefusal = (u: string) =>
  `resource "${u}" cannot be deleted\nbecause it is protected. To unprotect the resource, either remove the ` +
  "`protect` flag from the resource in your Pulumi program and run `pulumi up`, or use the command:\n" +
  `\`pulumi state unprotect '${u}'\``;

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  options: SteppedResource["options"] = {},
): SteppedResource {
  return {
    urn: urn(type, name),
    type,
    name,
    parent: "",
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options,
    aliases: [],
    read: false,
  };
}

const plan = (news: SteppedResource[], olds: SteppedResource[]) =>
  planSteps(news, parseBaseline({ stack: "prod", resources: olds }));
const errors = (p: ReturnType<typeof plan>) => p.logs.filter((l) => l.severity === "error");

describe("deleting a protected resource", () => {
  const kept = resource(ROLE, "kept", { description: "k" }, { protect: true });

  it("is refused with the CLI's message, naming the resource the baseline protected", () => {
    const gone = resource(ROLE, "gone", {}, { protect: true });
    const p = plan([kept], [kept, gone]);
    expect(p.deleted.map((d) => d.urn)).toEqual([gone.urn]);
    expect(p.logs).toEqual([{ severity: "error", urn: gone.urn, message: deleteRefusal(gone.urn) }]);
  });

  it("is refused even when retainOnDelete would keep it in the cloud", () => {
    const retained = resource(ROLE, "retained", {}, { protect: true, retainOnDelete: true });
    expect(errors(plan([], [retained])).map((l) => l.urn)).toEqual([retained.urn]);
  });

  it("passes when the baseline did not protect it, and when it is kept or renamed through an alias", () => {
    expect(plan([kept], [kept, resource(ROLE, "gone", {})]).logs).toEqual([]);
    const renamed = { ...resource(ROLE, "kept-2", kept.inputs, { protect: true }), aliases: [kept.urn] };
    const p = plan([renamed], [kept]);
    expect(p.deleted).toEqual([]);
    expect(p.logs).toEqual([]);
  });
});

describe("replacing a protected resource", () => {
  const role = resource(ROLE, "role", { description: "d-a" }, { protect: true, replaceOnChanges: ["description"] });
  const changed = (options: SteppedResource["options"]) => ({ ...role, inputs: { description: "d-b" }, options });

  it("is refused when a declared replaceOnChanges path changed and old and new are protected", () => {
    const p = plan([changed(role.options)], [role]);
    expect(p.steps.get(role.urn)).toMatchObject({ step: "update", mayReplace: ["description"] });
    expect(p.logs).toEqual([{ severity: "error", urn: role.urn, message: replaceRefusal(role.urn) }]);
  });

  it("passes when the program drops protect in the same update, or the baseline never had it", () => {
    expect(plan([changed({ replaceOnChanges: ["description"] })], [role]).logs).toEqual([]);
    const unprotected = { ...role, options: { replaceOnChanges: ["description"] } };
    expect(plan([changed(role.options)], [unprotected]).logs).toEqual([]);
  });

  it("passes an in-place update of a protected resource", () => {
    const tagged = { ...role, inputs: { description: "d-a", tags: { a: "1" } } };
    const p = plan([tagged], [role]);
    expect(p.steps.get(role.urn)).toEqual({ step: "update", changed: ["tags"] });
    expect(p.logs).toEqual([]);
  });

  it("only warns about a replace? guess: the provider's diff, absent offline, decides", () => {
    const sg = resource(SG, "web", { name: "web", description: "a" }, { protect: true });
    const p = plan([{ ...sg, inputs: { name: "web", description: "b" } }], [sg]);
    expect(p.steps.get(sg.urn)).toMatchObject({ step: "update", mayReplace: ["description"] });
    expect(errors(p)).toEqual([]);
    expect(p.logs).toEqual([
      {
        severity: "warning",
        urn: sg.urn,
        message:
          "changing description may replace this protected resource, which `pulumi preview` refuses; " +
          "only the provider's diff can tell (replace? is a guess offline)",
      },
    ]);
  });

  it("is refused for an import that replaces a protected resource", () => {
    const bucket = resource("aws:s3/bucket:Bucket", "b", { bucket: "b" }, { protect: true });
    const p = plan([{ ...bucket, options: { protect: true, import: "b-2" } as SteppedResource["options"] }], [bucket]);
    expect(p.steps.get(bucket.urn)).toMatchObject({ step: "import", mayReplace: ["import"] });
    expect(p.logs).toEqual([{ severity: "error", urn: bucket.urn, message: replaceRefusal(bucket.urn) }]);
  });
});

describe("a baseline entry without a name", () => {
  it("takes the name from its URN, so a delete reads as the resource", () => {
    const u = urn("aws:s3/bucket:Bucket", "logs::2024");
    const baseline = parseBaseline({ stack: "prod", resources: [{ urn: u, type: "aws:s3/bucket:Bucket" }] });
    expect(baseline.resources[0].name).toBe("logs::2024");
    expect(planSteps([], baseline).deleted).toMatchObject([{ urn: u, name: "logs::2024" }]);
  });
});

describe("a program that drops and replaces protected resources", () => {
  const NODE_MODULES = path.join(__dirname, "../../node_modules");
  const PROGRAM =
    'const pulumi = require("@pulumi/pulumi");\n' +
    "class Res extends pulumi.CustomResource {\n" +
    "  constructor(t, n, p, o) { super(t, n, { ...p, id: undefined }, o); }\n" +
    "}\n" +
    'const v = new pulumi.Config().require("v");\n' +
    'new Res("aws:iam/role:Role", "keep", { description: "k" }, { protect: true });\n' +
    'if (v === "a") new Res("aws:iam/role:Role", "gone", { description: "g" }, { protect: true });\n' +
    'new Res("aws:iam/role:Role", "role", { description: "d-" + v },\n' +
    '  { protect: true, replaceOnChanges: ["description"] });\n' +
    // A security group's description is a well-known create-only input: a "replace?" guess.
    'new Res("aws:ec2/securityGroup:SecurityGroup", "sg", { description: "s-" + v }, { protect: true });\n';
  const roleUrn = (name: string) => `urn:pulumi:s::p::aws:iam/role:Role::${name}`;
  const SG_URN = "urn:pulumi:s::p::aws:ec2/securityGroup:SecurityGroup::sg";
  let dir: string;
  let baselineFile: string;
  const withVersion = (v: string) => fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), `config:\n  p:v: ${v}\n`);
  const cli = (...extra: string[]) => runCli(["--cwd", dir, "--stack", "s", "--no-policy", ...extra]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-protect-"));
    fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    withVersion("a");
    const first = await cli("--json");
    expect(first.code).toBe(0);
    baselineFile = path.join(dir, "baseline.json");
    fs.writeFileSync(baselineFile, first.stdout);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("fails with exit 2, naming the deleted and the replaced resource, where its own baseline passes", async () => {
    // The --json document the baseline is records protect.
    const doc = JSON.parse(fs.readFileSync(baselineFile, "utf8"));
    const role = doc.resources.find((r: { urn: string }) => r.urn === roleUrn("role"));
    expect(role.options).toMatchObject({ protect: true, replaceOnChanges: ["description"] });
    withVersion("a");
    const same = await cli("--baseline", baselineFile);
    expect([same.code, stripAnsi(same.stderr)]).toEqual([0, ""]);

    withVersion("b");
    const run = await cli("--baseline", baselineFile);
    expect(run.code).toBe(2);
    const err = stripAnsi(run.stderr);
    expect(err).toContain(`resource "${roleUrn("gone")}" cannot be deleted\n`);
    expect(err).toContain(`\`pulumi state unprotect '${roleUrn("gone")}'\``);
    expect(err).toContain(`unable to replace resource "${roleUrn("role")}"\n`);
    // Unchanged, or only a guessed replacement: not refused.
    expect(err).not.toContain(roleUrn("keep"));
    expect(err).not.toContain(SG_URN);
    // As the CLI, the whole plan is still shown, the refusals among its diagnostics.
    const out = stripAnsi(run.stdout);
    expect(out).toMatch(/^ - +.*aws:iam\/role:Role +gone$/m);
    expect(out).toMatch(/^ \+- +.*aws:iam\/role:Role +role +\[replace\? description/m);
    expect(out).toContain(`  aws:iam/role:Role (gone):\n    error: resource "${roleUrn("gone")}" cannot be deleted\n`);
    const refused = await runPreview({ stack: "s", cwd: dir, baseline: baselineFile }).catch((e) => e);
    expect(refused).toBeInstanceOf(PreviewError);
    expect(refused.message).toMatch(/2 planned steps are refused/);
    expect(refused.partial.logs.filter((l: EngineLog) => l.severity === "error").map((l: EngineLog) => l.urn)).toEqual([
      roleUrn("role"),
      roleUrn("gone"),
    ]);
  });

  it("passes once the baseline no longer protects them, warning in Diagnostics about the guessed replacement", async () => {
    withVersion("b");
    const doc = JSON.parse(fs.readFileSync(baselineFile, "utf8"));
    for (const r of doc.resources)
      if (r.urn === roleUrn("gone") || r.urn === roleUrn("role")) r.options.protect = false;
    const result = await runPreview({ stack: "s", cwd: dir, baseline: doc });
    expect(result.deleted.map((d) => d.urn)).toEqual([roleUrn("gone")]);
    expect(result.resources.find((r) => r.urn === roleUrn("role"))).toMatchObject({ mayReplace: ["description"] });
    expect(result.resources.find((r) => r.urn === SG_URN)).toMatchObject({ mayReplace: ["description"] });
    expect(result.logs.filter((l) => l.severity !== "info")).toEqual([
      expect.objectContaining({ severity: "warning", urn: SG_URN }),
    ]);
    const text = stripAnsi(renderText(result, plainColors));
    expect(text).toMatch(/^ - +.*aws:iam\/role:Role +gone$/m);
    expect(text).toContain("Diagnostics:");
    expect(text).toContain("warning: changing description may replace this protected resource");
  });
});

const identity = (s: string) => s;
const plainColors = new Proxy({} as Record<string, (s: string) => string>, { get: () => identity }) as any;
