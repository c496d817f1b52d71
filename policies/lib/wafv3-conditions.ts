// Whether the match conditions of a WAF 3.0 defense rule provably hold for every request. Conditions are ANDed (a
// rule applies only when all of them hold), so one scoped condition (an office IP, one path) scopes the whole rule.
// Only what every request has can make a condition total: its URL and URL path, which start with "/" for every
// request to a web application (origin-form target), and its client address. Anything else (headers, cookies,
// bodies, methods, empty values, negations, address books) is "not proven", never guessed.
import { coversInternet } from "../../lib/cidr";
import { isUnknown, obj } from "../../lib/values";
import { allOf, Proof } from "./proof";
import { regexMatchesEveryPath } from "./regex-matches-every-path";

/** A match field and operator, and when the condition's values make it hold for every request. */
interface TotalForm {
  keys: readonly string[];
  opValue: string;
  holds: (values: string) => boolean;
}

const PATH_KEYS = ["URL", "URLPath"];

/** Operators taking several values read them comma-separated (WAF docs: "Separate multiple values with commas"). */
const split = (values: string): string[] => values.split(",");

/** URL lengths are at least 1 (the leading "/"), so "longer than n" holds for every n below 1. */
const belowOne = (values: string): boolean => /^-?\d+$/.test(values.trim()) && Number(values) < 1;

const everyClient = (values: string): boolean => {
  const covered = coversInternet(split(values));
  return covered.ipv4 && covered.ipv6;
};

/** Spellings as the WAF docs list them (match fields and opValue operators). */
const TOTAL_FORMS: readonly TotalForm[] = [
  { keys: PATH_KEYS, opValue: "contain", holds: (v) => v === "/" },
  { keys: PATH_KEYS, opValue: "prefix-match", holds: (v) => v === "/" },
  { keys: PATH_KEYS, opValue: "contain-one", holds: (v) => split(v).includes("/") },
  { keys: PATH_KEYS, opValue: "regex", holds: regexMatchesEveryPath },
  { keys: PATH_KEYS, opValue: "len-gt", holds: belowOne },
  // "contain" on IP means "the address is in the list": blocks covering all of IPv4 and IPv6 hold for any client.
  { keys: ["IP"], opValue: "contain", holds: everyClient },
];

/** A field unknown at preview may take any value, so every form it does not rule out stays possible. */
const fits = (value: unknown, wanted: string): boolean => isUnknown(value) || value === wanted;

function conditionHoldsForEveryRequest(condition: unknown): Proof {
  if (isUnknown(condition)) return "unknown";
  const c = obj(condition);
  if (!c) return "no";
  const { key, opValue, values } = c;
  const forms = TOTAL_FORMS.filter((f) => f.keys.some((k) => fits(key, k)) && fits(opValue, f.opValue));
  if (forms.length === 0) return "no";
  if (isUnknown(values)) return "unknown";
  if (typeof values !== "string" || !forms.some((f) => f.holds(values))) return "no";
  return isUnknown(key) || isUnknown(opValue) ? "unknown" : "yes";
}

/**
 * "yes" when every condition holds for every request; "unknown" when that depends on a value unknown at preview.
 * An absent or empty list proves nothing: the docs do not say what a rule without conditions matches.
 */
export function conditionsMatchEveryRequest(conditions: unknown): Proof {
  if (isUnknown(conditions)) return "unknown";
  if (!Array.isArray(conditions) || conditions.length === 0) return "no";
  return allOf(conditions.map(conditionHoldsForEveryRequest));
}
