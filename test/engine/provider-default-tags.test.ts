// What a pack sees of an AWS provider's default tags in a real offline preview: an explicit aws.Provider's
// `defaultTags` input (the SDK sends it as JSON text) and the default provider's `aws:defaultTags` stack config (an
// object in Pulumi.<stack>.yaml, handed to the provider as JSON text). Both reach Analyze and AnalyzeStack with the
// resource's provider, and the pack's evidence classification reads them as the bucket's tags.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPreview, type PreviewResult } from "../../engine/preview";
import { classifyBucket } from "../../policies/lib/evidence";
import { defaultTagsOf } from "../../policies/lib/provider-default-tags";

const NODE_MODULES = path.join(__dirname, "../../node_modules");
const S3 = "aws:s3/bucket:Bucket";

/** A throwaway project: an untagged bucket under an explicit provider, another under the default provider. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-default-tags-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(dir, "Pulumi.s.yaml"),
    'config:\n  aws:region: eu-west-1\n  aws:defaultTags:\n    tags:\n      backup-store: "yes"\n',
  );
  fs.writeFileSync(
    path.join(dir, "index.js"),
    'const aws = require("@pulumi/aws");\n' +
      'const p = new aws.Provider("marked", { region: "eu-west-1",\n' +
      '  defaultTags: { tags: { "hardening:evidence": "true" } } });\n' +
      'new aws.s3.Bucket("explicit", { bucket: "acme-store-1" }, { provider: p });\n' +
      'new aws.s3.Bucket("defaulted", { bucket: "acme-store-2" });\n',
  );
  return dir;
}

/** A pack that echoes each resource's provider as Analyze and AnalyzeStack hand it. */
function providerEchoPack(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-default-tags-pack-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"echo-pack","version":"0.0.1","main":"index.js"}\n');
  fs.writeFileSync(
    path.join(dir, "index.js"),
    'const { PolicyPack } = require("@pulumi/policy");\n' +
      'new PolicyPack("echo", { policies: [\n' +
      '  { name: "echo-resource", description: "Echoes a provider.", enforcementLevel: "advisory",\n' +
      "    validateResource: (a, report) => report(JSON.stringify(a.provider ?? null)) },\n" +
      '  { name: "echo-stack", description: "Echoes providers.", enforcementLevel: "advisory",\n' +
      "    validateStack: (a, report) => { for (const r of a.resources)\n" +
      "      report(JSON.stringify(r.provider ?? null), r.urn); } },\n" +
      "] });\n",
  );
  return dir;
}

describe("an AWS provider's default tags in an offline preview", () => {
  let result: PreviewResult;
  const dirs: string[] = [];
  beforeAll(async () => {
    dirs.push(project(), providerEchoPack());
    result = await runPreview({ stack: "s", cwd: dirs[0], policyPacks: [dirs[1]] });
  }, 120_000);
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** The provider a policy saw with the bucket; the SDK puts the description on the message's first line. */
  const seen = (policy: string, bucket: string) => {
    const d = result.diagnostics.find((x) => x.policyName === policy && x.urn.endsWith(`${S3}::${bucket}`));
    return d && JSON.parse(d.message.split("\n").pop()!);
  };

  it.each([
    ["echo-resource", "explicit", { "hardening:evidence": "true" }],
    ["echo-stack", "explicit", { "hardening:evidence": "true" }],
    ["echo-resource", "defaulted", { "backup-store": "yes" }],
    ["echo-stack", "defaulted", { "backup-store": "yes" }],
  ])("%s sees the default tags of bucket %s's provider", (policy, bucket, tags) => {
    const provider = seen(policy, bucket);
    expect(provider?.type).toBe("pulumi:providers:aws");
    expect(defaultTagsOf(S3, provider.props)).toEqual(tags);
    expect(classifyBucket({ bucket: `acme-store-${bucket}` }, bucket, defaultTagsOf(S3, provider.props))).toBe(
      "evidence",
    );
  });
});
