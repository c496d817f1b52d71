// The region of a named profile in the Alibaba Cloud CLI's config file (`aliyun configure`), as the alicloud
// provider reads it (terraform-provider-alicloud alicloud/provider.go, getConfigFromProfile): the last of
// `profiles[]` whose `name` is the profile, exactly; its `region_id` only when the profile has a `mode` key, whatever
// the mode (AK, StsToken, RamRoleArn, EcsRamRole, ChainableRamRoleArn...: `if ProfileKey == "region_id"` comes before
// any test of the mode). A file that cannot be read or parsed names no region: the provider ignores that error.
// A file that parses but has the wrong shape crashes the provider: its Go type assertions are unchecked.
//
//     config := map[string]interface{}{}
//     err = json.Unmarshal(data, &config)
//     ...
//     for _, v := range config["profiles"].([]interface{}) {
//         if current == v.(map[string]interface{})["name"] {
//             providerConfig = v.(map[string]interface{})
//         }
//     }
//     ...
//     if v, ok := providerConfig["mode"]; ok {
//         mode = v.(string)
//     ...
//     return providerConfig[ProfileKey], nil
//
// and providerConfigure's getProviderConfig takes the value with `str = value.(string)` when it is not nil.
import * as fs from "fs";
import type { ConfigFileProblem } from "./provider-failures";

/** The profile's `region_id` as written (the caller trims it, as the provider does), or why the provider panics. */
export interface ProfileRead {
  regionId?: string;
  problem?: ConfigFileProblem;
}

const FIX = "Fix the file's shape (as `aliyun configure` writes it), or unset the profile.";

/** The dynamic type Go's encoding/json gives a JSON value in an interface{}, as a failed type assertion names it. */
function goJsonType(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "object") return "map[string]interface {}";
  return typeof value === "number" ? "float64" : typeof value === "boolean" ? "bool" : "string";
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The panic of an unchecked assertion of `what` (holding `value`) to Go type `want`. */
function panicOn(file: string, what: string, value: unknown, want: string): ProfileRead {
  const failure =
    `\`${what}\` is not what the provider expects, and its unchecked type assertion panics ` +
    `(interface conversion: interface {} is ${goJsonType(value)}, not ${want})`;
  return { problem: { file, failure, fix: FIX } };
}

/** Reads `profile` from the config file `file` as getConfigFromProfile does. */
export function readProfile(file: string, profile: string): ProfileRead {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return {};
  }
  // Unmarshal into a map fails on any other top-level value, an error the provider ignores; `null` makes it nil.
  if (doc !== null && !isObject(doc)) return {};
  const profiles = (doc as Record<string, unknown> | null)?.profiles;
  if (!Array.isArray(profiles)) return panicOn(file, "profiles", profiles, "[]interface {}");
  const bad = profiles.findIndex((p) => !isObject(p));
  if (bad >= 0) return panicOn(file, `profiles[${bad}]`, profiles[bad], "map[string]interface {}");
  // No `break` in the provider's loop: a later profile of the same name wins.
  const match = (profiles as Record<string, unknown>[]).filter((p) => p.name === profile).pop();
  if (!match || !("mode" in match)) return {};
  const at = `profiles[${profiles.lastIndexOf(match)}]`;
  if (typeof match.mode !== "string") return panicOn(file, `${at}.mode`, match.mode, "string");
  const regionId = match.region_id;
  if (regionId === null || regionId === undefined) return {};
  if (typeof regionId !== "string") return panicOn(file, `${at}.region_id`, regionId, "string");
  return regionId ? { regionId } : {};
}
