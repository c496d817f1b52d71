// Environment values as the providers read them: aws-sdk-go-v2 config/env_config.go (setStringFromEnvVal) and the
// bridge's EnvVars defaults take the first non-empty variable, as written, trimming nothing.
import { providerRegion } from "../../engine/provider-regions";
import { homeWith } from "./provider-env";

const known = (region: string) => ({ kind: "known", region });

describe.each(["aws", "aws-native"])("the %s provider's region from the environment", (pkg) => {
  const region = (env: NodeJS.ProcessEnv) => providerRegion(pkg, {}, { ...homeWith(), ...env });

  it("keeps blanks around AWS_REGION (a region the provider does not trim either)", () => {
    expect(region({ AWS_REGION: " eu-west-1" })).toEqual(known(" eu-west-1"));
    expect(region({ AWS_DEFAULT_REGION: "eu-west-1\t" })).toEqual(known("eu-west-1\t"));
  });

  it("lets a blank AWS_REGION hide AWS_DEFAULT_REGION, as only an empty one is skipped", () => {
    expect(region({ AWS_REGION: "  ", AWS_DEFAULT_REGION: "ap-east-1" })).toEqual(known("  "));
    expect(region({ AWS_REGION: "", AWS_DEFAULT_REGION: "ap-east-1" })).toEqual(known("ap-east-1"));
  });
});

describe("the AWS provider's profile from the environment", () => {
  const env = homeWith({ ".aws/config": "[default]\nregion = us-east-2\n[profile ops]\nregion = ap-south-1\n" });
  const aws = (extra: NodeJS.ProcessEnv) => providerRegion("aws", {}, { ...env, ...extra });

  it("reads the profile named as written: a blank around it names another profile", () => {
    expect(aws({ AWS_PROFILE: "ops" })).toEqual(known("ap-south-1"));
    expect(aws({ AWS_PROFILE: " ops" })).toMatchObject({ kind: "missing", looked: expect.stringContaining('" ops"') });
  });

  it("skips an empty AWS_PROFILE for AWS_DEFAULT_PROFILE, a blank one not", () => {
    expect(aws({ AWS_PROFILE: "", AWS_DEFAULT_PROFILE: "ops" })).toEqual(known("ap-south-1"));
    expect(aws({ AWS_PROFILE: " ", AWS_DEFAULT_PROFILE: "ops" })).toMatchObject({ kind: "missing" });
  });
});

describe("the AWS providers' inputs, as the bridge passes them on", () => {
  const env = homeWith({ ".aws/config": "[default]\nregion = us-east-2\n[profile ops]\nregion = ap-south-1\n" });

  it.each(["aws", "aws-native"])("keeps blanks around a %s region input, as around AWS_REGION", (pkg) => {
    expect(providerRegion(pkg, { region: " eu-west-1" }, { ...env, AWS_REGION: "ap-east-1" })).toEqual(
      known(" eu-west-1"),
    );
    expect(providerRegion(pkg, { region: " " }, { ...env, AWS_REGION: "ap-east-1" })).toEqual(known(" "));
    expect(providerRegion(pkg, { region: "" }, { ...env, AWS_REGION: "ap-east-1" })).toEqual(known("ap-east-1"));
  });

  it("reads a profile input as written: a blank around it names another profile", () => {
    expect(providerRegion("aws", { profile: "ops" }, env)).toEqual(known("ap-south-1"));
    expect(providerRegion("aws", { profile: " ops" }, env)).toMatchObject({
      kind: "missing",
      looked: expect.stringContaining('" ops"'),
    });
  });
});
