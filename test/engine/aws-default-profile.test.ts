// AWS_DEFAULT_PROFILE: the AWS provider's SDK (aws-sdk-go-v2, config/env_config.go profileEnvKeys) reads the profile
// from AWS_PROFILE, then AWS_DEFAULT_PROFILE; the provider's `profile` config comes before both.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerRegion } from "../../engine/provider-regions";

/** A home whose ~/.aws/config names a region for the default profile and for profiles "ops" and "dev". */
function homeWithProfiles(): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
  fs.mkdirSync(path.join(dir, ".aws"));
  fs.writeFileSync(
    path.join(dir, ".aws", "config"),
    "[default]\nregion = eu-north-1\n[profile ops]\nregion = ap-south-1\n[profile dev]\nregion = eu-west-3\n",
  );
  return { HOME: dir };
}

const regionOf = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws", inputs, env);
const known = (region: string) => ({ kind: "known", region });

describe("the AWS provider's profile from AWS_DEFAULT_PROFILE", () => {
  it("reads the profile AWS_DEFAULT_PROFILE names when AWS_PROFILE is unset or empty", () => {
    const env = homeWithProfiles();
    expect(regionOf({}, { ...env, AWS_DEFAULT_PROFILE: "ops" })).toEqual(known("ap-south-1"));
    expect(regionOf({}, { ...env, AWS_PROFILE: "", AWS_DEFAULT_PROFILE: "ops" })).toEqual(known("ap-south-1"));
  });

  it("lets AWS_PROFILE and the provider's profile config win over it", () => {
    const env = { ...homeWithProfiles(), AWS_DEFAULT_PROFILE: "ops" };
    expect(regionOf({}, { ...env, AWS_PROFILE: "dev" })).toEqual(known("eu-west-3"));
    expect(regionOf({ profile: "dev" }, env)).toEqual(known("eu-west-3"));
    expect(regionOf({ profile: "default" }, env)).toEqual(known("eu-north-1"));
  });

  it("names the profile it read where it found no region", () => {
    const env = { ...homeWithProfiles(), AWS_DEFAULT_PROFILE: "nameless" };
    expect(regionOf({}, env)).toMatchObject({
      kind: "missing",
      looked: expect.stringMatching(/^profile "nameless" of /),
    });
  });

  it("does not let it change a region config or AWS_REGION gives", () => {
    const env = { ...homeWithProfiles(), AWS_DEFAULT_PROFILE: "ops" };
    expect(regionOf({ region: "us-west-2" }, env)).toEqual(known("us-west-2"));
    expect(regionOf({}, { ...env, AWS_REGION: "ca-central-1" })).toEqual(known("ca-central-1"));
  });
});
