// Small programs run through the offline engine, each compared with what `pulumi preview` does with them
// (pkg/resource/deploy/step_generator.go, source_eval.go and the SDK's own runtime).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { previewDocument } from "../../engine/json";
import { runPreview, type PreviewResult } from "../../engine/preview";
import { renderText } from "../../engine/render";
import { UNKNOWN } from "./helpers";

const NODE_MODULES = path.join(__dirname, "../../node_modules");
const plain = { bold: (s: string) => s } as any;
const colors = new Proxy(plain, { get: (t, k) => t[k] ?? ((s: string) => s) });

/** A throwaway project holding one program (and optional stack config) that resolves this repo's packages. */
function project(program: string, stackYaml = "config: {}\n"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-conformance-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackYaml);
  const header =
    'const pulumi = require("@pulumi/pulumi");\n' +
    "class Res extends pulumi.CustomResource {\n" +
    "  constructor(t, n, p, o) { super(t, n, { ...p, id: undefined }, o); }\n" +
    "}\n";
  fs.writeFileSync(path.join(dir, "index.js"), header + program);
  return dir;
}

/** A pack that echoes, per resource, what Analyze handed it and, per stack resource, what AnalyzeStack did. */
function echoPack(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-conformance-pack-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"echo-pack","version":"0.0.1","main":"index.js"}\n');
  fs.writeFileSync(
    path.join(dir, "index.js"),
    'const { PolicyPack } = require("@pulumi/policy");\n' +
      'new PolicyPack("echo", { policies: [\n' +
      '  { name: "echo-resource", description: "Echoes a resource.", enforcementLevel: "advisory",\n' +
      "    validateResource: (a, report) => report(JSON.stringify({ type: a.type, opts: a.opts, props: a.props })) },\n" +
      '  { name: "echo-stack", description: "Echoes the stack.", enforcementLevel: "advisory",\n' +
      "    validateStack: (a, report) => { for (const r of a.resources)\n" +
      "      report(JSON.stringify({ type: r.type, props: r.props }), r.urn); } },\n" +
      '  { name: "count-stack", description: "Counts resources.", enforcementLevel: "advisory",\n' +
      "    validateStack: (a, report) => report(`${a.resources.length} resources`) },\n" +
      "] });\n",
  );
  return dir;
}

/** What the echo pack saw of one resource, by policy; the SDK puts the description on the message's first line. */
function echoed(result: PreviewResult, policy: "echo-resource" | "echo-stack", urnSuffix: string): any {
  const d = result.diagnostics.find((x) => x.policyName === policy && x.urn.endsWith(urnSuffix));
  return d && JSON.parse(d.message.split("\n").pop()!);
}

const preview = (dir: string, extra: object = {}) => runPreview({ stack: "s", cwd: dir, ...extra });
const failure = (dir: string) =>
  preview(dir).then(
    () => {
      throw new Error("the preview was expected to fail");
    },
    (e: Error) => e.message,
  );
const byName = (r: PreviewResult, name: string) => r.resources.find((x) => x.name === name)!;

describe("conformance with pulumi preview", () => {
  it("fails on a duplicate URN with the engine's own message", async () => {
    const dir = project('new Res("aws:s3/bucket:Bucket", "b", {});\nnew Res("aws:s3/bucket:Bucket", "b", {});\n');
    expect(await failure(dir)).toContain(
      "Duplicate resource URN 'urn:pulumi:s::p::aws:s3/bucket:Bucket::b'; try giving it a unique name",
    );
  });

  it("names a missing required config key and how to set it", async () => {
    const dir = project('new pulumi.Config().require("dbName");\n');
    const message = await failure(dir);
    expect(message).toContain("p:dbName");
    expect(message).toContain("pulumi config set p:dbName");
  });

  it("hands typed and namespaced config to the program as the CLI does", async () => {
    const dir = project(
      'const c = new pulumi.Config(); const aws = new pulumi.Config("aws");\n' +
        'new Res("aws:s3/bucket:Bucket", "b", { n: c.getNumber("n"), on: c.getBoolean("on"), o: c.getObject("o"),\n' +
        '  region: aws.require("region") });\n',
      "config:\n  p:n: 42\n  p:on: true\n  p:o:\n    k: [1, 2]\n  aws:region: eu-west-1\n",
    );
    expect(byName(await preview(dir), "b").inputs).toEqual({ n: 42, on: true, o: { k: [1, 2] }, region: "eu-west-1" });
  });

  it("runs resource transforms: a resource's own, then its ancestors', then the stack's", async () => {
    const dir = project(
      "pulumi.runtime.registerResourceTransform((a) => a.type !== 'aws:s3/bucket:Bucket' ? undefined :\n" +
        "  ({ props: { ...a.props, tags: { owner: 'stack' } }, opts: { ...a.opts, protect: true } }));\n" +
        "class Site extends pulumi.ComponentResource {\n" +
        "  constructor(n, o) { super('my:site:Site', n, {}, o);\n" +
        "    new Res('aws:s3/bucket:Bucket', n + '-logs', { acl: 'public-read' }, { parent: this });\n" +
        "    this.registerOutputs({}); } }\n" +
        "new Site('site', { transforms: [(a) => ({ props: { ...a.props, acl: 'private' }, opts: a.opts })] });\n" +
        "new Res('aws:s3/bucket:Bucket', 'own', {}, { transforms: [(a) => ({ props: { ...a.props, tags: { owner: 'me' } }, opts: a.opts })] });\n",
    );
    const result = await preview(dir);
    expect(byName(result, "site-logs").inputs).toEqual({ acl: "private", tags: { owner: "stack" } });
    expect(byName(result, "site-logs").options).toMatchObject({ protect: true });
    // The stack transform runs last, so it has the final word over the resource's own.
    expect(byName(result, "own").inputs).toEqual({ tags: { owner: "stack" } });
  });

  it("fails clearly on invoke transforms, which the offline engine lacks", async () => {
    const dir = project("pulumi.runtime.registerInvokeTransform((a) => a);\n");
    expect(await failure(dir)).toContain("offline preview engine does not support invoke transforms");
  });

  it("hands analyzers custom timeouts in seconds and deleteBeforeReplace", async () => {
    const dir = project(
      'new Res("aws:s3/bucket:Bucket", "b", {}, { deleteBeforeReplace: true,\n' +
        '  customTimeouts: { create: "5m", update: "1h30m", delete: "45s" } });\n',
    );
    const result = await preview(dir, { policyPacks: [echoPack()] });
    expect(echoed(result, "echo-resource", "::b").opts).toMatchObject({
      deleteBeforeReplace: true,
      customTimeouts: { createSeconds: 300, updateSeconds: 5400, deleteSeconds: 45 },
    });
    expect(byName(result, "b").options).toMatchObject({
      customTimeouts: { create: "5m", update: "1h30m", delete: "45s" },
    });
  }, 90_000);

  it("analyzes the default provider a resource or an invoke needs, with the package's config", async () => {
    const dir = project(
      'new Res("aws:s3/bucket:Bucket", "b", {}, { version: "6.1.0" });\n' +
        'pulumi.runtime.invoke("alicloud:index/getRegions:getRegions", { current: true }, { version: "3.108.0" });\n',
      "config:\n  aws:region: eu-west-1\n  alicloud:region: cn-hangzhou\n",
    );
    const result = await preview(dir, { policyPacks: [echoPack()] });
    expect(echoed(result, "echo-resource", "::pulumi:providers:aws::default_6_1_0")).toMatchObject({
      type: "pulumi:providers:aws",
      props: { region: "eu-west-1", version: "6.1.0" },
    });
    expect(echoed(result, "echo-stack", "::pulumi:providers:alicloud::default_3_108_0")).toMatchObject({
      props: { region: "cn-hangzhou", version: "3.108.0" },
    });
    // Providers are the engine's own resources: the plan still lists only what the program declared.
    expect(result.resources.some((r) => r.type.startsWith("pulumi:providers:"))).toBe(false);
  }, 90_000);

  it("hands stack policies the outputs components and the stack registered, as AnalyzeStack gets outputs", async () => {
    const dir = project(
      "class Site extends pulumi.ComponentResource {\n" +
        "  constructor(n) { super('my:site:Site', n, { ignored: 'input' }); this.registerOutputs({ endpoint: 'site.example' }); } }\n" +
        "new Site('site');\nmodule.exports = { region: 'eu-west-1' };\n",
    );
    const result = await preview(dir, { policyPacks: [echoPack()] });
    expect(echoed(result, "echo-stack", "my:site:Site::site").props).toEqual({ endpoint: "site.example" });
    expect(echoed(result, "echo-stack", "pulumi:pulumi:Stack::p-s").props).toEqual({ region: "eu-west-1" });
  }, 90_000);

  it("attributes a stack violation that names no resource to the root stack", async () => {
    const dir = project('new Res("aws:s3/bucket:Bucket", "b", {});\n');
    const result = await preview(dir, { policyPacks: [echoPack()] });
    const counted = result.diagnostics.find((d) => d.policyName === "count-stack")!;
    expect(counted.urn).toBe("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s");
  }, 90_000);

  it("reports to analyzers only the alias that took over a previous resource", async () => {
    const dir = project(
      'new Res("aws:s3/bucket:Bucket", "logs2", { acl: "private" }, { aliases: [{ name: "logs" }] });\n',
    );
    const pack = echoPack();
    const fresh = await preview(dir, { policyPacks: [pack] });
    expect(echoed(fresh, "echo-resource", "::logs2").opts.aliases).toEqual([]);
    const old = "urn:pulumi:s::p::aws:s3/bucket:Bucket::logs";
    const baseline = {
      stack: "s",
      resources: [{ urn: old, type: "aws:s3/bucket:Bucket", name: "logs", parent: "", inputs: { acl: "private" } }],
      diagnostics: [],
    };
    const renamed = await preview(dir, { policyPacks: [pack], baseline });
    expect(echoed(renamed, "echo-resource", "::logs2").opts.aliases).toEqual([old]);
    expect(byName(renamed, "logs2")).toMatchObject({ step: "same", aliasOf: old });
  }, 90_000);

  it("keeps a resource name holding '::' whole, as the engine's URN parser does", async () => {
    const dir = project(
      'const b = new Res("aws:s3/bucket:Bucket", "site::logs ü", {});\npulumi.log.warn("no owner", b);\n',
    );
    const result = await preview(dir);
    expect(byName(result, "site::logs ü").urn).toBe("urn:pulumi:s::p::aws:s3/bucket:Bucket::site::logs ü");
    expect(renderText(result, colors)).toContain("aws:s3/bucket:Bucket (site::logs ü):");
  });

  it("says that what a StackReference or a .get reads is unknown offline, where the CLI reads it", async () => {
    const dir = project(
      'const ref = new pulumi.StackReference("org/network/prod");\n' +
        'const vpc = new Res("aws:ec2/vpc:Vpc", "shared", { cidrBlock: undefined }, { id: "vpc-0abc" });\n' +
        'new Res("aws:ec2/subnet:Subnet", "s", { vpcId: ref.getOutput("vpcId"), cidr: vpc.cidrBlock });\n',
    );
    const result = await preview(dir);
    expect(byName(result, "s").inputs).toEqual({ vpcId: UNKNOWN, cidr: UNKNOWN });
    expect(result.logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: "warning",
          urn: "urn:pulumi:s::p::pulumi:pulumi:StackReference::org/network/prod",
          message: expect.stringContaining('outputs of stack "org/network/prod" are unknown offline'),
        }),
        expect.objectContaining({
          urn: "urn:pulumi:s::p::aws:ec2/vpc:Vpc::shared",
          message: expect.stringContaining('state of existing aws:ec2/vpc:Vpc "vpc-0abc" is unknown offline'),
        }),
      ]),
    );
  });

  it("never prints a secret stack output, even when the program echoes it", async () => {
    const dir = project(
      'const token = pulumi.secret("tok-4f9a2b7c1d");\n' +
        "token.apply((t) => console.log(`token is ${t}`));\n" +
        "module.exports = { token, nested: { key: pulumi.secret('key-8e3d5a1f') } };\n",
    );
    const result = await preview(dir);
    const printed = renderText(result, colors) + JSON.stringify(previewDocument(result));
    expect(printed).toContain("token is [secret]");
    expect(printed).not.toMatch(/tok-4f9a2b7c1d|key-8e3d5a1f/);
  });

  it("records the component's children as the dependencies of dependsOn a component", async () => {
    const dir = project(
      "class Net extends pulumi.ComponentResource { constructor(n) { super('my:net:Net', n, {});\n" +
        "  new Res('aws:ec2/vpc:Vpc', n + '-vpc', {}, { parent: this });\n" +
        "  new Res('aws:ec2/subnet:Subnet', n + '-subnet', {}, { parent: this }); this.registerOutputs({}); } }\n" +
        "const net = new Net('net');\nnew Res('aws:s3/bucket:Bucket', 'after', {}, { dependsOn: [net] });\n",
    );
    const deps = byName(await preview(dir), "after").dependencies.sort();
    expect(deps).toEqual([
      "urn:pulumi:s::p::my:net:Net$aws:ec2/subnet:Subnet::net-subnet",
      "urn:pulumi:s::p::my:net:Net$aws:ec2/vpc:Vpc::net-vpc",
    ]);
  });

  it("fails the preview when the program logs an error, as the CLI fails the update", async () => {
    const dir = project(
      'const b = new Res("aws:s3/bucket:Bucket", "b", {});\npulumi.log.error("quota exceeded", b);\n',
    );
    expect(await failure(dir)).toMatch(/while declaring urn:pulumi:s::p::aws:s3\/bucket:Bucket::b.*quota exceeded/);
  });
});
