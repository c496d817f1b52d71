// Shared config files the provider's SDK fails on, whatever the region: an AWS file holding a value that is one quote
// (aws-sdk-go-v2 internal/ini's unquote slices s[1:0] and panics), an AWS file path that is a directory (loadIniFiles
// fails the load), and an Alibaba Cloud config.json whose shape breaks the provider's unchecked type assertions. The
// provider cannot be configured: the preview fails as it does for a provider without a region.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { sharedFilesProblem } from "../../engine/aws-shared-config";
import { PreviewError, runPreview } from "../../engine/preview";
import { providerRegion, providerRegionFailure, type FailedRegion } from "../../engine/provider-regions";
import { SECRET_SIG, SIG_KEY } from "../../lib/wire-values";
import { programProject } from "./program-project";
import { noAwsEnv } from "./provider-env";

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
}

/** A file holding `text`, in a fresh folder. */
function fileWith(text: string, name = "config"): string {
  const file = path.join(tmpDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

const aws = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws", inputs, env);
const known = (region: string) => ({ kind: "known", region });
const secretValue = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("an AWS shared file with a value that is one quote", () => {
  it.each([
    ["a double quote", '[default]\nregion = us-east-1\nfoo = "\n', 3, "foo"],
    ["a single quote", "[default]\nregion = us-east-1\nfoo = '\n", 3, "foo"],
    ["a quote before a comment", '[default]\nfoo = " # note\nregion = us-east-1\n', 2, "foo"],
    ["a quote and a CRLF", '[default]\r\nregion = us-east-1\r\nfoo = "\r\n', 3, "foo"],
    ["a quote in another section", '[default]\nregion = us-east-1\n[profile x]\nbar: "\n', 4, "bar"],
    ["a quote before any section", 'baz = "\n[default]\nregion = us-east-1\n', 1, "baz"],
    ["an indented (sub-property) quote", '[default]\ns3 =\n  addressing_style = "\n', 3, "addressing_style"],
  ])("fails the load on %s, naming the file, line and key", (_, text, line, key) => {
    const file = fileWith(text);
    const problem = sharedFilesProblem([file]);
    expect(problem).toMatchObject({ file, line, failure: expect.stringContaining(`"${key}" is a lone quote`) });
    expect(problem?.failure).toContain("slice bounds out of range [1:0]");
  });

  it.each([
    ["a quoted quote", "[default]\nfoo = '\"'\n"],
    ["two quotes (an empty value)", '[default]\nfoo = ""\n'],
    ["an unbalanced quote with text", '[default]\nfoo = "abc\n'],
    ["a quote in a continuation line", '[default]\nfoo = a\n  "\n'],
    ["a quote in a sub-property's comment", '[default]\ns3 =\n  addressing_style = x # "\n'],
    ["a quote in a header", '[profile "]\nregion = us-east-1\n'],
  ])("loads %s", (_, text) => {
    expect(sharedFilesProblem([fileWith(text)])).toBeUndefined();
  });

  it("fails the provider even when the region comes from elsewhere, as the SDK reads every file", () => {
    const file = fileWith('[default]\nregion = us-east-1\nfoo = "\n');
    const failed = { kind: "unreadable", problem: expect.objectContaining({ file, line: 3 }) };
    expect(aws({}, noAwsEnv({ AWS_CONFIG_FILE: file }))).toEqual(failed);
    expect(aws({ region: "eu-west-1" }, noAwsEnv({ AWS_CONFIG_FILE: file }))).toEqual(failed);
    expect(aws({}, noAwsEnv({ AWS_SHARED_CREDENTIALS_FILE: file, AWS_REGION: "eu-west-1" }))).toEqual(failed);
    expect(aws({ sharedConfigFiles: JSON.stringify([file]) }, noAwsEnv())).toEqual(failed);
  });

  it("names a secret file list only as secret", () => {
    const file = fileWith('[default]\nfoo = "\n');
    const region = aws({ sharedConfigFiles: secretValue(JSON.stringify([file])) }, noAwsEnv());
    expect(region).toMatchObject({ kind: "unreadable", problem: { file: "[secret]", line: 2 } });
  });

  it("reports the first bad file in the SDK's order: config files, then credentials files", () => {
    const config = fileWith('[default]\na = "\n');
    const credentials = fileWith("[default]\nb = '\n");
    const region = aws({}, noAwsEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }));
    expect(region).toMatchObject({ kind: "unreadable", problem: { file: config } });
  });
});

describe("an AWS shared file path that is a directory", () => {
  it("fails the load: the SDK opens a directory but cannot read it", () => {
    const dir = tmpDir();
    expect(sharedFilesProblem([dir])).toMatchObject({ file: dir, failure: expect.stringContaining("is a directory") });
    const env = noAwsEnv({ AWS_CONFIG_FILE: dir, AWS_REGION: "eu-west-1" });
    expect(aws({}, env)).toMatchObject({ kind: "unreadable", problem: { file: dir } });
  });

  it("skips a missing file, which the SDK cannot open (UnableToReadFile)", () => {
    const missing = path.join(tmpDir(), "none");
    expect(sharedFilesProblem([missing])).toBeUndefined();
    expect(aws({}, noAwsEnv({ AWS_CONFIG_FILE: missing, AWS_REGION: "eu-west-1" }))).toEqual(known("eu-west-1"));
  });
});

describe("the failure of a provider whose SDK cannot read a shared file", () => {
  it("names the provider, the file and line, and the fix", () => {
    const file = fileWith('[default]\nfoo = "\n');
    const region = aws({}, noAwsEnv({ AWS_CONFIG_FILE: file })) as FailedRegion;
    const message = providerRegionFailure("aws", "default", region, false);
    expect(message).toMatch(/^pulumi:providers:aws resource 'default' has a problem: /);
    expect(message).toContain(`the provider's SDK cannot read ${file}, line 2: the value of "foo" is a lone quote`);
    expect(message).toContain("Close the quote or remove it.");
  });
});

describe("an Alibaba Cloud config.json the provider panics on", () => {
  /** A home whose ~/.aliyun/config.json holds `text`. */
  function aliHome(text: string): { env: NodeJS.ProcessEnv; file: string } {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, ".aliyun"));
    const file = path.join(dir, ".aliyun", "config.json");
    fs.writeFileSync(file, text);
    return { env: { HOME: dir }, file };
  }
  const ali = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("alicloud", inputs, env);
  const AK = (extra: object = {}) => ({ name: "main", mode: "AK", region_id: "cn-shenzhen", ...extra });

  it.each([
    ["no profiles array", "{}", "`profiles`", "nil, not []interface {}"],
    ["null", "null", "`profiles`", "nil, not []interface {}"],
    [
      "profiles as an object",
      '{"profiles": {"main": {}}}',
      "`profiles`",
      "map[string]interface {}, not []interface {}",
    ],
    ["profiles null", '{"profiles": null}', "`profiles`", "nil, not []interface {}"],
    ["a string entry", JSON.stringify({ profiles: [AK(), "x"] }), "`profiles[1]`", "string, not map"],
    ["a null entry", JSON.stringify({ profiles: [null, AK()] }), "`profiles[0]`", "nil, not map"],
    ["a numeric mode", JSON.stringify({ profiles: [AK({ mode: 1 })] }), "`profiles[0].mode`", "float64, not string"],
    ["a null mode", JSON.stringify({ profiles: [AK({ mode: null })] }), "`profiles[0].mode`", "nil, not string"],
    [
      "a list region_id",
      JSON.stringify({ profiles: [AK({ region_id: ["x"] })] }),
      "`profiles[0].region_id`",
      "[]interface {}",
    ],
    [
      "a boolean region_id",
      JSON.stringify({ profiles: [AK({ region_id: true })] }),
      "`profiles[0].region_id`",
      "bool, not string",
    ],
  ])("fails the provider on %s", (_, text, what, conversion) => {
    const { env, file } = aliHome(text);
    const region = ali({ profile: "main" }, env);
    expect(region).toMatchObject({ kind: "unreadable", problem: { file } });
    const message = providerRegionFailure("alicloud", "default", region as FailedRegion, false);
    expect(message).toContain(`cannot read ${file}: ${what}`);
    expect(message).toContain(`interface conversion: interface {} is ${conversion}`);
  });

  it.each([
    ["no profile named", "{}", {}],
    ["a top-level list (Unmarshal fails; the provider ignores it)", "[]", { profile: "main" }],
    ["a top-level string", '"x"', { profile: "main" }],
    ["the region configured (the profile is not read for it)", "{}", { profile: "main", region: "cn-hangzhou" }],
  ])("leaves the provider configured with %s", (_, text, inputs) => {
    expect(ali(inputs, aliHome(text).env).kind).toBe("known");
  });

  it("reads past other profiles' non-string modes and a null region_id, as the provider does", () => {
    const profiles = [{ name: "other", mode: 1 }, AK({ region_id: null })];
    expect(ali({ profile: "main" }, aliHome(JSON.stringify({ profiles })).env)).toEqual(known("cn-beijing"));
    const named = [{ name: 7, mode: 1 }, AK()];
    expect(ali({ profile: "main" }, aliHome(JSON.stringify({ profiles: named })).env)).toEqual(known("cn-shenzhen"));
  });
});

describe("a preview whose provider's SDK cannot read a shared file", () => {
  async function failure(dir: string, env: NodeJS.ProcessEnv): Promise<PreviewError> {
    try {
      await runPreview({ stack: "s", cwd: dir, env });
    } catch (e) {
      if (e instanceof PreviewError) return e;
      throw e;
    }
    throw new Error("the preview succeeded");
  }

  it("fails against the default AWS provider, as an unconfigured provider does, though the stack names a region", async () => {
    const file = fileWith('[default]\nregion = us-east-1\nfoo = "\n');
    const dir = programProject('new Res("aws:s3/bucket:Bucket", "logs", {});\n', "config:\n  aws:region: eu-west-1\n");
    const error = await failure(dir, noAwsEnv({ AWS_CONFIG_FILE: file }));
    expect(error.kind).toBe("program");
    expect(error.resource).toBe("urn:pulumi:s::p::pulumi:providers:aws::default");
    expect(error.message).toContain(
      `pulumi:providers:aws resource 'default' has a problem: the provider's SDK cannot read ${file}, line 3`,
    );
  });

  it("fails against the default alicloud provider when the named profile's file has no profiles array", async () => {
    const home = tmpDir();
    fs.mkdirSync(path.join(home, ".aliyun"));
    fs.writeFileSync(path.join(home, ".aliyun", "config.json"), "{}");
    const dir = programProject('new Res("alicloud:oss/bucket:Bucket", "logs", {});\n');
    const error = await failure(dir, noAwsEnv({ HOME: home, ALICLOUD_PROFILE: "main", ALICLOUD_REGION: "" }));
    expect(error.resource).toBe("urn:pulumi:s::p::pulumi:providers:alicloud::default");
    expect(error.message).toContain("interface conversion: interface {} is nil, not []interface {}");
  });
});
