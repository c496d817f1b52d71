// Where a provider's region comes from, as the AWS and alicloud providers look for it: config (or an explicit
// provider's inputs), the environment, then the cloud's shared config file; unknown inputs leave it unknown.
import * as path from "path";
import { profileRegion } from "../../engine/aws-shared-config";
import { packageConfig } from "../../engine/default-providers";
import { missingRegionFailure, missingRegionMessage, providerRegion } from "../../engine/provider-regions";
import { UNKNOWN } from "./helpers";
import { homeWith } from "./provider-env";

const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const known = (region: string) => ({ kind: "known", region });

describe("the AWS provider's region", () => {
  const aws = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws", inputs, env);

  it("takes config first, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { ...homeWith(), AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "ap-east-1" };
    expect(aws({ region: "us-west-2" }, env)).toEqual(known("us-west-2"));
    expect(aws({}, env)).toEqual(known("eu-west-1"));
    expect(aws({}, { ...env, AWS_REGION: "" })).toEqual(known("ap-east-1"));
  });

  it("reads the default profile of ~/.aws/config, or the profile AWS_PROFILE or aws:profile names", () => {
    const env = homeWith({
      ".aws/config":
        "[default]\nregion = eu-north-1\n\n[profile ops]\nregion=ap-south-1 # Mumbai\n[staging]\nregion = sa-east-1\n",
    });
    expect(aws({}, env)).toEqual(known("eu-north-1"));
    expect(aws({}, { ...env, AWS_PROFILE: "ops" })).toEqual(known("ap-south-1"));
    expect(aws(packageConfig("aws", { "aws:profile": "ops", "fixture:x": "1" }), env)).toEqual(known("ap-south-1"));
    // In the config file a named profile is `[profile NAME]`; `[NAME]` is the credentials file's spelling.
    expect(aws({}, { ...env, AWS_PROFILE: "staging" })).toMatchObject({ kind: "missing" });
  });

  it("honours AWS_CONFIG_FILE, and aws:sharedConfigFiles over it (the last file naming a region wins)", () => {
    const env = homeWith({
      "a.ini": "[default]\nregion = us-east-2\n",
      "b.ini": "[profile default]\nregion = ca-central-1\n",
    });
    const file = (name: string) => path.join(env.HOME!, name);
    expect(aws({}, { ...env, AWS_CONFIG_FILE: file("a.ini") })).toEqual(known("us-east-2"));
    const files = JSON.stringify([file("a.ini"), file("b.ini"), file("missing.ini")]);
    expect(aws({ sharedConfigFiles: files }, { ...env, AWS_CONFIG_FILE: file("a.ini") })).toEqual(
      known("ca-central-1"),
    );
  });

  it("ignores nested settings, comments and other keys", () => {
    const text = "# region = us-west-1\n[default]\ns3 =\n  region = eu-west-3\nsts_regional_endpoints = regional\n";
    expect(profileRegion(text, "default")).toBeUndefined();
    expect(profileRegion("[ profile   ops ]\nREGION = me-south-1\n", "ops")).toBe("me-south-1");
  });

  it("reads the shared credentials file too, whose region wins over the config file's for the same profile", () => {
    const env = homeWith({
      ".aws/credentials":
        "[default]\nregion = eu-west-1\n[profile ops]\nregion = us-west-1\n[ops]\nregion = ap-east-1\n",
    });
    expect(aws({}, env)).toEqual(known("eu-west-1"));
    expect(aws({ profile: "ops" }, env)).toEqual(known("ap-east-1"));
    const both = homeWith({
      ".aws/config": "[default]\nregion = us-east-2\n[profile ops]\nregion = ca-central-1\n",
      ".aws/credentials": "[default]\nregion = eu-west-1\n",
    });
    expect(aws({}, both)).toEqual(known("eu-west-1"));
    expect(aws({}, { ...both, AWS_PROFILE: "ops" })).toEqual(known("ca-central-1"));
    // `[profile NAME]` is not a credentials-file section.
    expect(aws({}, homeWith({ ".aws/credentials": "[profile default]\nregion = eu-west-1\n" }))).toMatchObject({
      kind: "missing",
    });
  });

  it("takes the credentials file from aws:sharedCredentialsFiles, else AWS_SHARED_CREDENTIALS_FILE", () => {
    const env = homeWith({ "a.ini": "[default]\nregion = sa-east-1\n", "b.ini": "[default]\nregion = me-central-1\n" });
    const file = (name: string) => path.join(env.HOME!, name);
    expect(aws({}, { ...env, AWS_SHARED_CREDENTIALS_FILE: file("a.ini") })).toEqual(known("sa-east-1"));
    const files = JSON.stringify([file("a.ini"), file("b.ini")]);
    expect(aws({ sharedCredentialsFiles: files }, { ...env, AWS_SHARED_CREDENTIALS_FILE: file("a.ini") })).toEqual(
      known("me-central-1"),
    );
  });

  it("names a secret profile or file list only as secret where it looked", () => {
    const looked = (inputs: Record<string, unknown>) => (aws(inputs, homeWith()) as { looked: string }).looked;
    expect(looked({ profile: SECRET("TOPSECRETPROFILE") })).toMatch(/^profile \[secret\] of /);
    expect(looked({ profile: SECRET("TOPSECRETPROFILE") })).not.toContain("TOPSECRET");
    expect(looked({ sharedConfigFiles: SECRET('["/x/TOPSECRET.ini"]') })).toMatch(/of \[secret\], .*credentials$/);
    expect(looked({ sharedCredentialsFiles: SECRET(["/x/TOPSECRET.ini"]) })).toMatch(/config, \[secret\]$/);
  });

  it("knows a secret region (it is only secret), and leaves a provider with an unknown input unknown", () => {
    expect(aws({ region: SECRET("eu-central-1") }, homeWith())).toEqual(known("eu-central-1"));
    expect(aws({ region: UNKNOWN }, { ...homeWith(), AWS_REGION: "us-east-1" })).toEqual({ kind: "unknown" });
    expect(aws({ region: "us-east-1", assumeRoles: [{ roleArn: UNKNOWN }] }, homeWith())).toEqual({ kind: "unknown" });
  });

  it("is missing when nothing names one, saying where the provider looked", () => {
    const env = homeWith();
    const aws_ = path.join(env.HOME!, ".aws");
    expect(aws({}, env)).toEqual({
      kind: "missing",
      looked: `profile "default" of ${path.join(aws_, "config")}, ${path.join(aws_, "credentials")}`,
    });
    expect(aws({}, { ...env, AWS_PROFILE: "ops" })).toMatchObject({ looked: expect.stringContaining('"ops"') });
  });

  it("words the failure with the fix for a default and for an explicit provider", () => {
    const looked = 'profile "default" of /home/me/.aws/config';
    expect(missingRegionMessage("default_7_48_0", looked, false)).toBe(
      "pulumi:providers:aws resource 'default_7_48_0' has a problem: Missing region information. Make sure you " +
        "have set your AWS region, e.g. `pulumi config set aws:region <region>`; the provider found none in " +
        `aws:region, AWS_REGION, AWS_DEFAULT_REGION or ${looked}.`,
    );
    expect(missingRegionMessage("standby", looked, true)).toContain(
      'e.g. `new aws.Provider("standby", { region: "<region>" })`; the provider found none in its region input',
    );
  });
});

describe("the AWS SDK's reading of a shared config file", () => {
  it.each([
    ["a comment after a section header", "[default]#c\nregion = eu-west-1\n", "default", "eu-west-1"],
    ["a ; comment after a profile header", "[profile x];c\nregion = eu-west-1\n", "x", "eu-west-1"],
    // trimPropertyComment (internal/ini/strings.go) cuts a value only at a blank followed by # or ;.
    ["a # right after a value, part of it", "[default]\nregion = eu-west-1#Ireland\n", "default", "eu-west-1#Ireland"],
    ["a comment after a blank", "[default]\nregion = eu-west-1 #Ireland\n", "default", "eu-west-1"],
    ["a colon separator", "[default]\nregion: eu-west-1\n", "default", "eu-west-1"],
    ["a colon before an equals sign", "[default]\nregion: eu-west-1=x\n", "default", "eu-west-1=x"],
    ["a double-quoted value", '[default]\nregion = "eu-west-1"\n', "default", "eu-west-1"],
    ["a single-quoted value", "[default]\nregion = 'eu-west-1'\n", "default", "eu-west-1"],
    [
      "[profile default] after [default]",
      "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n",
      "default",
      "eu-west-1",
    ],
    [
      "[profile default] before [default]",
      "[profile default]\nregion = eu-west-1\n[default]\nregion = us-east-1\n",
      "default",
      "eu-west-1",
    ],
    [
      "[profile default] without a region hiding [default]'s",
      "[default]\nregion = us-east-1\n[profile default]\noutput = json\n",
      "default",
      undefined,
    ],
    ["a named profile's [NAME] section (credentials-file spelling)", "[x]\nregion = eu-west-1\n", "x", undefined],
    ["a region set empty", "[default]\nregion =\n", "default", undefined],
    [
      "a repeated section adding to the first",
      "[default]\nregion = us-east-1\n[x]\n[default]\noutput = json\n",
      "default",
      "us-east-1",
    ],
  ])("%s", (_, text, profile, region) => {
    expect(profileRegion(text, profile)).toBe(region);
  });

  it("lets a later file's empty region empty an earlier one's, as the SDK merges files key by key", () => {
    const env = homeWith({ "a.ini": "[default]\nregion = us-east-2\n", "b.ini": "[default]\nregion =\n" });
    const files = JSON.stringify([path.join(env.HOME!, "a.ini"), path.join(env.HOME!, "b.ini")]);
    expect(providerRegion("aws", { sharedConfigFiles: files }, env)).toMatchObject({ kind: "missing" });
  });
});

describe("the aws-native provider's region", () => {
  const native = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws-native", inputs, env);

  it("takes config first, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { ...homeWith(), AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "ap-east-1" };
    expect(native({ region: "us-west-2" }, env)).toEqual(known("us-west-2"));
    expect(native({}, env)).toEqual(known("eu-west-1"));
    expect(native({}, { ...env, AWS_REGION: "" })).toEqual(known("ap-east-1"));
  });

  it("is missing without one, the shared config file's profile not read", () => {
    const env = homeWith({ ".aws/config": "[default]\nregion = eu-north-1\n" });
    expect(native({}, env)).toMatchObject({ kind: "missing" });
    expect(missingRegionFailure("aws-native", "default", "", false)).toContain(
      'missing required configuration key "aws-native:region"',
    );
    expect(missingRegionFailure("aws-native", "default", "", false)).toContain(
      "`pulumi config set aws-native:region <region>`",
    );
  });
});

describe("the alicloud provider's region", () => {
  const ali = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("alicloud", inputs, env);
  const aliyunConfig = JSON.stringify({
    current: "main",
    profiles: [
      { name: "main", mode: "AK", region_id: "cn-shenzhen" },
      { name: "intl", mode: "AK", region_id: "ap-southeast-1" },
    ],
  });

  it("takes config first, then ALICLOUD_REGION, then ALIBABA_CLOUD_REGION", () => {
    const env = { ...homeWith(), ALICLOUD_REGION: "cn-shanghai", ALIBABA_CLOUD_REGION: "cn-qingdao" };
    expect(ali({ region: "cn-hangzhou" }, env)).toEqual(known("cn-hangzhou"));
    expect(ali({}, env)).toEqual(known("cn-shanghai"));
    expect(ali({}, { ...env, ALICLOUD_REGION: "" })).toEqual(known("cn-qingdao"));
  });

  it("reads the region of the profile named by alicloud:profile or ALICLOUD_PROFILE from ~/.aliyun/config.json", () => {
    const env = homeWith({ ".aliyun/config.json": aliyunConfig });
    expect(ali({ profile: "intl" }, env)).toEqual(known("ap-southeast-1"));
    expect(ali({}, { ...env, ALICLOUD_PROFILE: "main" })).toEqual(known("cn-shenzhen"));
  });

  it("falls back to cn-beijing, the provider's default, without failing (no profile named, or none found)", () => {
    // The CLI's `current` profile is not read: the provider reads a profile only when one is named.
    expect(ali({}, homeWith({ ".aliyun/config.json": aliyunConfig }))).toEqual(known("cn-beijing"));
    expect(ali({ profile: "nobody" }, homeWith({ ".aliyun/config.json": aliyunConfig }))).toEqual(known("cn-beijing"));
    expect(ali({}, homeWith())).toEqual(known("cn-beijing"));
  });
});
