// Previews and the provider's region: a stack using AWS through the default provider with no region anywhere fails
// as `pulumi preview` fails; Alibaba Cloud falls back to its provider's default; invokes answer in the region of the
// provider that serves them, a secret region known; a provider whose region is unknown answers empty, as the CLI does.
import * as fs from "fs";
import * as path from "path";
import { PreviewError, runPreview } from "../../engine/preview";
import { programProject } from "./program-project";
import { noAwsEnv } from "./provider-env";

const preview = (dir: string, env: NodeJS.ProcessEnv) => runPreview({ stack: "s", cwd: dir, env });

async function failure(dir: string, env: NodeJS.ProcessEnv): Promise<PreviewError> {
  try {
    await preview(dir, env);
  } catch (e) {
    if (e instanceof PreviewError) return e;
    throw e;
  }
  throw new Error("the preview succeeded");
}

/** The `bucket` input a resource named `name` was registered with. */
async function bucketOf(dir: string, env: NodeJS.ProcessEnv, name: string): Promise<unknown> {
  const result = await preview(dir, env);
  return result.resources.find((r) => r.name === name)?.inputs.bucket;
}

const REGION_INTO_BUCKET = (opts: string) =>
  `pulumi.runtime.invoke("aws:index/getRegion:getRegion", {}, ${opts})` +
  `.then((r) => new Res("aws:s3/bucket:Bucket", "named", { bucket: r.name }, ${opts}));\n`;

describe("a stack without an AWS region", () => {
  it("fails a resource on the default provider with the provider's error and the fix", async () => {
    const dir = programProject('new Res("aws:s3/bucket:Bucket", "logs", {});\n');
    const env = noAwsEnv();
    const error = await failure(dir, env);
    expect(error.kind).toBe("program");
    expect(error.resource).toBe("urn:pulumi:s::p::pulumi:providers:aws::default");
    expect(error.message).toContain(
      "pulumi:providers:aws resource 'default' has a problem: Missing region information",
    );
    expect(error.message).toContain("`pulumi config set aws:region <region>`");
    expect(error.message).toContain(`profile "default" of ${path.join(env.HOME!, ".aws", "config")}`);
  });

  it("previews when the stack config names the region", async () => {
    const dir = programProject(REGION_INTO_BUCKET("{}"), "config:\n  aws:region: eu-south-1\n");
    expect(await bucketOf(dir, noAwsEnv({ AWS_REGION: "us-west-2" }), "named")).toBe("eu-south-1");
  });

  it("fails a default-provider invoke even when the program catches its rejection, as the CLI's deployment does", async () => {
    const dir = programProject(
      'pulumi.runtime.invoke("aws:index/getRegion:getRegion", {}).catch(() => undefined);\n' +
        'new Res("random:index/randomId:RandomId", "suffix", { byteLength: 4 });\n',
    );
    const error = await failure(dir, noAwsEnv());
    expect(error.message).toContain("Missing region information");
  });

  it("fails an explicit AWS provider that has no region anywhere, naming the provider's own fix", async () => {
    const dir = programProject('new pulumi.ProviderResource("aws", "standby", {});\n');
    const error = await failure(dir, noAwsEnv());
    expect(error.resource).toBe("urn:pulumi:s::p::pulumi:providers:aws::standby");
    expect(error.message).toContain('new aws.Provider("standby", { region: "<region>" })');
  });

  it("previews with the region of the shared config file's profile (AWS_CONFIG_FILE, AWS_PROFILE)", async () => {
    const env = noAwsEnv();
    const config = path.join(env.HOME!, "aws-config");
    fs.writeFileSync(config, "[default]\nregion = us-west-1\n[profile ops]\nregion = ap-northeast-1\n");
    const dir = programProject(REGION_INTO_BUCKET("{}"));
    expect(await bucketOf(dir, { ...env, AWS_CONFIG_FILE: config, AWS_PROFILE: "ops" }, "named")).toBe(
      "ap-northeast-1",
    );
  });

  it("reads an AWS_CONFIG_FILE past lines the SDK does not recognise, as the SDK skips them", async () => {
    const env = noAwsEnv();
    const config = path.join(env.HOME!, "aws-config");
    fs.writeFileSync(config, "[default]\nus-west-2\nregion = us-west-1\n");
    const dir = programProject(REGION_INTO_BUCKET("{}"));
    expect(await bucketOf(dir, { ...env, AWS_CONFIG_FILE: config }, "named")).toBe("us-west-1");
  });

  it("previews with the region of the AWS_DEFAULT_PROFILE profile", async () => {
    const env = noAwsEnv();
    const config = path.join(env.HOME!, "aws-config");
    fs.writeFileSync(config, "[default]\nregion = us-west-1\n[profile ops]\nregion = ap-northeast-1\n");
    const dir = programProject(REGION_INTO_BUCKET("{}"));
    const withProfile = { ...env, AWS_CONFIG_FILE: config, AWS_DEFAULT_PROFILE: "ops" };
    expect(await bucketOf(dir, withProfile, "named")).toBe("ap-northeast-1");
  });

  it("previews with the region of the shared credentials file's default profile", async () => {
    const env = noAwsEnv();
    fs.mkdirSync(path.join(env.HOME!, ".aws"));
    fs.writeFileSync(path.join(env.HOME!, ".aws", "credentials"), "[default]\nregion = eu-west-1\n");
    expect(await bucketOf(programProject(REGION_INTO_BUCKET("{}")), env, "named")).toBe("eu-west-1");
  });

  it("fails an aws-native resource as the aws-native provider does, and previews with aws-native:region", async () => {
    const program = 'new Res("aws-native:s3:Bucket", "logs", {});\n';
    const error = await failure(programProject(program), noAwsEnv());
    expect(error.resource).toBe("urn:pulumi:s::p::pulumi:providers:aws-native::default");
    expect(error.message).toContain('missing required configuration key "aws-native:region"');
    const configured = programProject(program, "config:\n  aws-native:region: eu-west-1\n");
    expect((await preview(configured, noAwsEnv())).resources.map((r) => r.name)).toContain("logs");
  });

  it("leaves an Alibaba Cloud stack alone: its provider defaults to cn-beijing", async () => {
    const dir = programProject(
      'pulumi.runtime.invoke("alicloud:index/getRegions:getRegions", { current: true })' +
        '.then((r) => new Res("alicloud:oss/bucket:Bucket", "named", { bucket: r.ids[0] }));\n',
    );
    expect(await bucketOf(dir, noAwsEnv(), "named")).toBe("cn-beijing");
    expect(await bucketOf(dir, noAwsEnv({ ALICLOUD_REGION: "cn-shenzhen" }), "named")).toBe("cn-shenzhen");
  });
});

describe("an invoke through an explicit AWS provider", () => {
  const stack = "config:\n  aws:region: eu-west-1\n";

  it("answers for the provider's secret region, not the stack's", async () => {
    const dir = programProject(
      'const p = new pulumi.ProviderResource("aws", "tokyo", { region: pulumi.secret("ap-northeast-1") });\n' +
        'pulumi.runtime.invoke("aws:index/getAvailabilityZones:getAvailabilityZones", {}, { provider: p })' +
        '.then((r) => new Res("aws:s3/bucket:Bucket", "named", { bucket: r.zoneIds[0] }, { provider: p }));\n',
      stack,
    );
    // The region itself prints as [secret]; the zone id it yields does not contain it.
    expect(await bucketOf(dir, noAwsEnv(), "named")).toBe("apnortheast1-az1");
  });

  /** A program invoking `token` through provider `p`, whose region is unknown in a preview (it waits on an id). */
  const throughLateProvider = (invoke: string) =>
    programProject(
      'const src = new Res("aws:s3/bucket:Bucket", "src", {});\n' +
        'const p = new pulumi.ProviderResource("aws", "late", { region: src.id.apply(() => "ap-south-1") });\n' +
        invoke,
      stack,
    );

  // The CLI's engine answers every invoke of a provider it could not configure with an empty result, known.
  it("answers an empty result when the provider's region is unknown in the preview", async () => {
    const dir = throughLateProvider(
      'pulumi.runtime.invoke("aws:index/getAvailabilityZones:getAvailabilityZones", {}, { provider: p })' +
        '.then((r) => new Res("aws:s3/bucket:Bucket", "named", { bucket: JSON.stringify(r) }, { provider: p }));\n',
    );
    expect(await bucketOf(dir, noAwsEnv(), "named")).toBe("{}");
  });

  it("gives the output form a known, empty result whose fields are undefined", async () => {
    const dir = throughLateProvider(
      'const r = pulumi.runtime.invokeOutput("aws:index/getRegion:getRegion", {}, { provider: p });\n' +
        'new Res("aws:s3/bucket:Bucket", "named", { bucket: r.apply((v) => `${JSON.stringify(v)} ${v.name}`) });\n',
    );
    expect(await bucketOf(dir, noAwsEnv(), "named")).toBe("{} undefined");
  });

  it("answers empty, without failing, even an invoke no handler answers or one a handler refuses", async () => {
    const dir = throughLateProvider(
      "Promise.all([\n" +
        '  pulumi.runtime.invoke("aws:fake/getNothing:getNothing", {}, { provider: p }),\n' +
        '  pulumi.runtime.invoke("aws:ssm/getParameter:getParameter", { name: "/app/secret" }, { provider: p }),\n' +
        ']).then((rs) => new Res("aws:s3/bucket:Bucket", "named", { bucket: JSON.stringify(rs) }));\n',
    );
    const result = await preview(dir, noAwsEnv());
    expect(result.resources.find((r) => r.name === "named")?.inputs.bucket).toBe("[{},{}]");
  });
});
