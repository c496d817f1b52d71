// The region of a named profile in the Alibaba Cloud CLI's config file (`aliyun configure`), as the alicloud
// provider reads it: `profiles[].region_id` of the profile whose `name` matches.
import * as fs from "fs";

export function profileRegionId(file: string, profile: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const profiles = (doc as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles)) return undefined;
  const match = profiles.find((p) => p && typeof p === "object" && p.name === profile);
  return typeof match?.region_id === "string" && match.region_id ? match.region_id : undefined;
}
