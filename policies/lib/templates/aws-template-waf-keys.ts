// CloudFormation writes WAFv2 rules in the API's shapes with PascalCase keys; the Pulumi AWS provider takes the same
// shapes with camelCase keys, acronyms written as words (IPSetReferenceStatement → ipSetReferenceStatement,
// ForwardedIPConfig → forwardedIpConfig, JA3Fingerprint → ja3Fingerprint). A rule block is converted key by key.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";

/** Keys the word rule gets wrong: the provider spells these its own way. */
const RENAMED: ReadonlyMap<string, string> = new Map([
  ["CloudWatchMetricsEnabled", "cloudwatchMetricsEnabled"],
  ["AWSManagedRulesAntiDDoSRuleSet", "awsManagedRulesAntiDdosRuleSet"],
]);

/** Words of a PascalCase key: an acronym ends where a capitalised word or a digit starts. */
const WORDS = /[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|\d+/g;

/** The provider's name for a CloudFormation key. */
export function providerKey(key: string): string {
  const renamed = RENAMED.get(key);
  if (renamed) return renamed;
  const words = key.match(WORDS);
  if (!words || words.join("") !== key) return key.charAt(0).toLowerCase() + key.slice(1);
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
}

/** `SearchStringBase64` (CloudFormation only) is the provider's `searchString`, decoded. */
function decodedSearchString(v: unknown): unknown {
  if (typeof v !== "string" || isUnknown(v)) return UNKNOWN;
  return Buffer.from(v, "base64").toString("utf8");
}

/** Deeper than any rule nests (statements nest a few levels); a value deeper still is unknown. */
const MAX_DEPTH = 64;

/** A WAFv2 block with every key in the provider's spelling; values (unknown markers, references) stay as they are. */
export function providerShape(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (Array.isArray(v)) return v.map((item) => providerShape(item, depth + 1));
  const o = obj(v);
  if (!o) return v;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (key === "SearchStringBase64") {
      if (o.SearchString === undefined) out.searchString = decodedSearchString(value);
      continue;
    }
    out[providerKey(key)] = providerShape(value, depth + 1);
  }
  return out;
}
