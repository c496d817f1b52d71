// Aliases as the SDK sends them to a monitor advertising `aliasSpecs` (the CLI's), collapsed as the step generator
// collapses them; and `Resource.get` of a type whose class carries type aliases (aws.s3.Bucket), which the SDK could
// not register when it computed alias URNs itself.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import pc from "picocolors";
import { aliasUrnsOf } from "../../engine/alias-specs";
import { resourcePb } from "../../engine/grpc";
import { runPreview } from "../../engine/preview";
import { renderText } from "../../engine/render";

const NODE_MODULES = path.join(__dirname, "../../node_modules");
const aliasPb = require("@pulumi/pulumi/proto/alias_pb");

function project(program: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alias-specs-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config: {}\n");
  const header =
    'const pulumi = require("@pulumi/pulumi");\n' +
    "class Res extends pulumi.CustomResource {\n" +
    "  constructor(t, n, p, o) { super(t, n, { ...p, id: undefined }, o); }\n" +
    "}\n" +
    "class Site extends pulumi.ComponentResource {\n" +
    '  constructor(n, o) { super("fixture:web:Site", n, {}, o); this.registerOutputs({}); }\n' +
    "}\n";
  fs.writeFileSync(path.join(dir, "index.js"), header + program);
  return dir;
}

const urn = (qualifiedType: string, name: string, stack = "s", proj = "p") =>
  `urn:pulumi:${stack}::${proj}::${qualifiedType}::${name}`;
const STACK = urn("pulumi:pulumi:Stack", "p-s");
const SITE = "fixture:web:Site";
const BUCKET = "aws:s3/bucket:Bucket";

describe("aliasUrnsOf", () => {
  const target = { stack: "s", project: "p", type: BUCKET, name: "logs2", parent: urn(SITE, "site") };
  function request(...aliases: any[]): any {
    const req = new resourcePb.RegisterResourceRequest();
    req.setAliasesList(aliases);
    return req;
  }
  function spec(fields: { name?: string; type?: string; stack?: string; project?: string }, parent?: string | null) {
    const s = new aliasPb.Alias.Spec();
    if (fields.name) s.setName(fields.name);
    if (fields.type) s.setType(fields.type);
    if (fields.stack) s.setStack(fields.stack);
    if (fields.project) s.setProject(fields.project);
    if (parent === null) s.setNoparent(true);
    else if (parent) s.setParenturn(parent);
    const a = new aliasPb.Alias();
    a.setSpec(s);
    return a;
  }
  const plainUrn = (u: string) => {
    const a = new aliasPb.Alias();
    a.setUrn(u);
    return a;
  };

  it("defaults a spec's empty fields to the resource's own name, type, parent, project and stack", () => {
    expect(aliasUrnsOf(request(spec({ name: "logs" })), target)).toEqual([urn(`${SITE}$${BUCKET}`, "logs")]);
    expect(aliasUrnsOf(request(spec({ type: "aws:s3/bucketV2:BucketV2" })), target)).toEqual([
      urn(`${SITE}$aws:s3/bucketV2:BucketV2`, "logs2"),
    ]);
    expect(aliasUrnsOf(request(spec({ stack: "old", project: "q" })), target)).toEqual([
      urn(`${SITE}$${BUCKET}`, "logs2", "old", "q"),
    ]);
  });

  it("places a spec under the parent it names, under none for noParent or the root stack", () => {
    const other = urn(`${SITE}$${SITE}`, "inner");
    expect(aliasUrnsOf(request(spec({}, other)), target)).toEqual([urn(`${SITE}$${SITE}$${BUCKET}`, "logs2")]);
    expect(aliasUrnsOf(request(spec({}, null)), target)).toEqual([urn(BUCKET, "logs2")]);
    expect(aliasUrnsOf(request(spec({}, STACK)), target)).toEqual([urn(BUCKET, "logs2")]);
  });

  it("keeps URN aliases as given and drops duplicates", () => {
    const old = urn(BUCKET, "legacy");
    const req = request(plainUrn(old), spec({ name: "legacy" }, STACK), spec({ name: "logs" }));
    req.setAliasurnsList([old]);
    expect(aliasUrnsOf(req, target)).toEqual([old, urn(`${SITE}$${BUCKET}`, "logs")]);
  });
});

describe("a preview of a program whose aliases are specs", () => {
  const program =
    'const site = new Site("site2", { aliases: [{ name: "site" }] });\n' +
    // Named after its parent: follows the parent's rename without an alias of its own.
    'new Res("aws:s3/bucket:Bucket", "site2-logs", { acl: "private" }, { parent: site });\n' +
    // Renamed itself inside the renamed parent.
    'new Res("aws:s3/bucket:Bucket", "archive2", { acl: "private" }, { parent: site, aliases: [{ name: "archive" }] });\n' +
    // Moved from the stack's root into the component.
    'new Res("aws:s3/bucket:Bucket", "moved", {}, { parent: site, aliases: [{ parent: pulumi.rootStackResource }] });\n' +
    // The same move written as noParent (`parent: undefined`).
    'new Res("aws:s3/bucket:Bucket", "rooted", {}, { parent: site, aliases: [{ parent: undefined }] });\n' +
    // Moved out of the component to the root.
    'new Res("aws:s3/bucket:Bucket", "freed", {}, { aliases: [{ parent: site }] });\n' +
    // Renamed by a stack transform, which hands its aliases back as Alias messages.
    "pulumi.runtime.registerResourceTransform((a) =>\n" +
    '  a.name === "renamed2" ? { props: a.props, opts: { ...a.opts, aliases: [{ name: "renamed" }] } } : undefined);\n' +
    'new Res("aws:s3/bucket:Bucket", "renamed2", {});\n' +
    // Type changed.
    'new Res("aws:s3/bucketV2:BucketV2", "typed", {}, { aliases: [{ type: "aws:s3/bucket:Bucket" }] });\n';
  const olds = [
    { urn: urn(SITE, "site"), type: SITE, name: "site", parent: STACK, inputs: {} },
    { urn: urn(`${SITE}$${BUCKET}`, "site-logs"), type: BUCKET, name: "site-logs", inputs: { acl: "private" } },
    { urn: urn(`${SITE}$${BUCKET}`, "archive"), type: BUCKET, name: "archive", inputs: { acl: "private" } },
    { urn: urn(BUCKET, "moved"), type: BUCKET, name: "moved", parent: STACK, inputs: {} },
    { urn: urn(BUCKET, "rooted"), type: BUCKET, name: "rooted", parent: STACK, inputs: {} },
    { urn: urn(`${SITE}$${BUCKET}`, "freed"), type: BUCKET, name: "freed", inputs: {} },
    { urn: urn(BUCKET, "typed"), type: BUCKET, name: "typed", parent: STACK, inputs: {} },
    { urn: urn(BUCKET, "renamed"), type: BUCKET, name: "renamed", parent: STACK, inputs: {} },
  ];

  it("claims every resource of the previous stack through the collapsed aliases: nothing deleted or created", async () => {
    const result = await runPreview({
      stack: "s",
      cwd: project(program),
      baseline: { stack: "s", resources: olds },
    });
    const claimed = Object.fromEntries(result.resources.map((r) => [r.name, r.aliasOf]));
    const steps = Object.fromEntries(result.resources.map((r) => [r.name, r.step]));
    expect(result.deleted).toEqual([]);
    expect(result.steps).toMatchObject({ create: 1, delete: 0 }); // only the stack itself is new
    for (const name of ["site2", "site2-logs", "archive2", "moved", "rooted", "freed", "typed", "renamed2"])
      expect(steps[name]).toBe("same");
    expect(claimed).toMatchObject({
      site2: urn(SITE, "site"),
      "site2-logs": urn(`${SITE}$${BUCKET}`, "site-logs"),
      archive2: urn(`${SITE}$${BUCKET}`, "archive"),
      moved: urn(BUCKET, "moved"),
      rooted: urn(BUCKET, "rooted"),
      freed: urn(`${SITE}$${BUCKET}`, "freed"),
      typed: urn(BUCKET, "typed"),
      renamed2: urn(BUCKET, "renamed"),
    });
  }, 90_000);

  it("without those aliases the same program deletes and re-creates them", async () => {
    const bare = program.replace(/aliases: \[[^\]]*\]/g, "aliases: []");
    const result = await runPreview({
      stack: "s",
      cwd: project(bare),
      baseline: { stack: "s", resources: olds },
    });
    expect(result.deleted.map((d) => d.urn).sort()).toEqual(olds.map((o) => o.urn).sort());
  }, 90_000);
});

describe("Resource.get of a class with type aliases", () => {
  it("reads the resource instead of failing on the aliases the SDK used to collapse", async () => {
    const dir = project(
      'const aws = require("@pulumi/aws");\n' +
        'const b = aws.s3.Bucket.get("existing", "my-bucket");\n' +
        'new Res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: b.bucket });\n',
    );
    const result = await runPreview({ stack: "s", cwd: dir });
    const read = result.resources.find((r) => r.name === "existing")!;
    expect(read).toMatchObject({ type: BUCKET, urn: urn(BUCKET, "existing") });
    expect(result.steps).toMatchObject({ read: 1 });
    const text = renderText(result, pc.createColors(false));
    expect(text).toContain("> 1 to read");
  }, 90_000);
});
