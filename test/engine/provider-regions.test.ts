// Where a provider's region comes from, as the AWS and alicloud providers look for it: config (or an explicit
// provider's inputs), the environment, then the cloud's shared config file; unknown inputs leave it unknown.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { profileRegion } from "../../engine/aws-shared-config";
import { packageConfig } from "../../engine/default-providers";
import { missingRegionMessage, providerRegion } from "../../engine/provider-regions";
import { UNKNOWN } from "./helpers";

const SECRET = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

/** A home folder holding `files` (relative path → text), and an environment that sees nothing else. */
function home(files: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { HOME: dir };
}

const known = (region: string) => ({ kind: "known", region });

describe("the AWS provider's region", () => {
  const aws = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws", inputs, env);

  it("takes config first, then AWS_REGION, then AWS_DEFAULT_REGION", () => {
    const env = { ...home(), AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "ap-east-1" };
    expect(aws({ region: "us-west-2" }, env)).toEqual(known("us-west-2"));
    expect(aws({}, env)).toEqual(known("eu-west-1"));
    expect(aws({}, { ...env, AWS_REGION: "" })).toEqual(known("ap-east-1"));
  });

  it("reads the default profile of ~/.aws/config, or the profile AWS_PROFILE or aws:profile names", () => {
    const env = home({
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
    const env = home({
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

  it("knows a secret region (it is only secret), and leaves a provider with an unknown input unknown", () => {
    expect(aws({ region: SECRET("eu-central-1") }, home())).toEqual(known("eu-central-1"));
    expect(aws({ region: UNKNOWN }, { ...home(), AWS_REGION: "us-east-1" })).toEqual({ kind: "unknown" });
    expect(aws({ region: "us-east-1", assumeRoles: [{ roleArn: UNKNOWN }] }, home())).toEqual({ kind: "unknown" });
  });

  it("is missing when nothing names one, saying where the provider looked", () => {
    const env = home();
    expect(aws({}, env)).toEqual({
      kind: "missing",
      looked: `profile "default" of ${path.join(env.HOME!, ".aws", "config")}`,
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
    const env = { ...home(), ALICLOUD_REGION: "cn-shanghai", ALIBABA_CLOUD_REGION: "cn-qingdao" };
    expect(ali({ region: "cn-hangzhou" }, env)).toEqual(known("cn-hangzhou"));
    expect(ali({}, env)).toEqual(known("cn-shanghai"));
    expect(ali({}, { ...env, ALICLOUD_REGION: "" })).toEqual(known("cn-qingdao"));
  });

  it("reads the region of the profile named by alicloud:profile or ALICLOUD_PROFILE from ~/.aliyun/config.json", () => {
    const env = home({ ".aliyun/config.json": aliyunConfig });
    expect(ali({ profile: "intl" }, env)).toEqual(known("ap-southeast-1"));
    expect(ali({}, { ...env, ALICLOUD_PROFILE: "main" })).toEqual(known("cn-shenzhen"));
  });

  it("falls back to cn-beijing, the provider's default, without failing (no profile named, or none found)", () => {
    // The CLI's `current` profile is not read: the provider reads a profile only when one is named.
    expect(ali({}, home({ ".aliyun/config.json": aliyunConfig }))).toEqual(known("cn-beijing"));
    expect(ali({ profile: "nobody" }, home({ ".aliyun/config.json": aliyunConfig }))).toEqual(known("cn-beijing"));
    expect(ali({}, home())).toEqual(known("cn-beijing"));
  });
});
