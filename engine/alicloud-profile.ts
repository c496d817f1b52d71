// The region of a named profile in the Alibaba Cloud CLI's config file (`aliyun configure`), as the alicloud
// provider reads it (terraform-provider-alicloud alicloud/provider.go, getConfigFromProfile): the last of
// `profiles[]` whose `name` is the profile, exactly; its `region_id` only when the profile has a `mode` key, whatever
// the mode (AK, StsToken, RamRoleArn, EcsRamRole, ChainableRamRoleArn...: `if ProfileKey == "region_id"` comes before
// any test of the mode). A file that cannot be read or parsed names no region: the provider ignores that error.
import * as fs from "fs";

/** The profile's `region_id` as written (the caller trims it, as the provider does); undefined when none applies. */
export function profileRegionId(file: string, profile: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const profiles = (doc as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles)) return undefined;
  // No `break` in the provider's loop: a later profile of the same name wins.
  const match = profiles.filter((p) => p && typeof p === "object" && p.name === profile).pop();
  if (!match || !("mode" in match)) return undefined;
  return typeof match.region_id === "string" && match.region_id ? match.region_id : undefined;
}
