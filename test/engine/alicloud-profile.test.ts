// The alicloud provider's region as terraform-provider-alicloud's providerConfigure and getConfigFromProfile find it:
// the first non-empty of config and environment, else the named profile's region_id (only for a profile with a
// `mode`), else cn-beijing; trimmed only at the end.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerRegion } from "../../engine/provider-regions";

/** A home folder whose ~/.aliyun/config.json holds `profiles` (or `text` as is), seeing nothing else. */
function home(profiles: unknown[] | string): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
  fs.mkdirSync(path.join(dir, ".aliyun"));
  const text = typeof profiles === "string" ? profiles : JSON.stringify({ current: "main", profiles });
  fs.writeFileSync(path.join(dir, ".aliyun", "config.json"), text);
  return { HOME: dir };
}

const ali = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("alicloud", inputs, env);
const known = (region: string) => ({ kind: "known", region });

describe("the alicloud profile's mode", () => {
  it.each(["AK", "StsToken", "RamRoleArn", "EcsRamRole", "ChainableRamRoleArn", "CloudSSO", ""])(
    "leaves the region_id of a %p profile in force (region_id is read before any mode test)",
    (mode) => {
      const env = home([{ name: "main", mode, region_id: "cn-shenzhen" }]);
      expect(ali({ profile: "main" }, env)).toEqual(known("cn-shenzhen"));
    },
  );

  it("ignores the region_id of a profile without a mode key, as getConfigFromProfile returns nil for it", () => {
    const env = home([{ name: "main", region_id: "cn-shenzhen" }]);
    expect(ali({ profile: "main" }, env)).toEqual(known("cn-beijing"));
  });
});

describe("the alicloud profile chosen", () => {
  it("takes the last profile of the name, the provider's loop having no break", () => {
    const env = home([
      { name: "main", mode: "AK", region_id: "cn-shenzhen" },
      { name: "main", mode: "AK", region_id: "cn-hangzhou" },
    ]);
    expect(ali({ profile: "main" }, env)).toEqual(known("cn-hangzhou"));
  });

  it("matches the profile name exactly, blanks included", () => {
    const env = home([{ name: "main", mode: "AK", region_id: "cn-shenzhen" }]);
    expect(ali({}, { ...env, ALICLOUD_PROFILE: " main" })).toEqual(known("cn-beijing"));
  });

  it("falls back to cn-beijing when the file is not JSON (the provider ignores the error)", () => {
    expect(ali({ profile: "main" }, home("{ not json"))).toEqual(known("cn-beijing"));
  });
});

describe("the alicloud region trimmed only once chosen", () => {
  it("trims a region_id or environment region", () => {
    const env = home([{ name: "main", mode: "AK", region_id: " cn-shenzhen\t" }]);
    expect(ali({ profile: "main" }, env)).toEqual(known("cn-shenzhen"));
    expect(ali({}, { ...env, ALICLOUD_REGION: " cn-shanghai " })).toEqual(known("cn-shanghai"));
  });

  it("lets a blank region stand as an empty one, not the next source", () => {
    const env = home([{ name: "main", mode: "AK", region_id: "  " }]);
    expect(ali({ profile: "main" }, env)).toEqual(known(""));
    expect(ali({}, { ...env, ALICLOUD_REGION: "  ", ALIBABA_CLOUD_REGION: "cn-qingdao" })).toEqual(known(""));
    expect(ali({ region: " " }, { ...env, ALICLOUD_REGION: "cn-qingdao" })).toEqual(known(""));
    // Only an empty one is skipped.
    expect(ali({}, { ...env, ALICLOUD_REGION: "", ALIBABA_CLOUD_REGION: "cn-qingdao" })).toEqual(known("cn-qingdao"));
  });
});
