// What a WAFv2 rate-based statement counts by (aggregateKeyType, customKeys), and whether that singles out a flooding
// client. WAF counts each distinct value (or combination of values) of the keys separately and leaves out requests
// that lack a key. So only the request's originating address, which the client cannot choose, makes a per-client
// limit: IP (the default), or CUSTOM_KEYS holding only the ip key. A header, cookie, query argument, path, method,
// label or fingerprint key, alone or beside ip, lets a client that varies or drops it be counted anew or not at all.
// CONSTANT counts every request together: a ceiling for all clients at once, which a flood reaches for everyone.
// FORWARDED_IP reads the first address of a header: trustworthy only when a proxy in front of WAF writes that header
// over what the client sent (CloudFront and load balancers append to X-Forwarded-For, so its first address is the
// client's own text), which the stack does not show; with fallbackBehavior NO_MATCH a client that writes no valid
// address there is never counted.
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { is, shown } from "./text-values";
import { field } from "./wafv2-fields";

/** WAF's aggregateKeyType when the statement does not set one. */
export const DEFAULT_AGGREGATE_KEY_TYPE = "IP";

type Key = { name: string; kind: string } | "unknown" | "malformed";

/** A customKeys entry's one key, as written and lower-cased. */
function keyOf(entry: unknown): Key {
  if (isUnknown(entry)) return "unknown";
  const present = Object.entries(obj(entry) ?? {}).filter(([, v]) => v !== undefined && v !== null);
  if (present.length === 1) return { name: present[0][0], kind: present[0][0].toLowerCase() };
  return containsUnknown(entry) ? "unknown" : "malformed";
}

/** Counting by the first address of a header (FORWARDED_IP, or a forwardedIp custom key alone). */
function forwardedAddress(body: Record<string, unknown>, where: string): RateVerdict {
  const config = field(body, "forwardedIpConfig");
  if (isUnknown(config)) return unknownField(`forwardedIpConfig of ${where}`);
  const header = field(obj(config), "headerName");
  const fallback = field(obj(config), "fallbackBehavior");
  if (isUnknown(fallback)) return unknownField(`forwardedIpConfig.fallbackBehavior of ${where}`);
  const named = isUnknown(header) ? "(known after apply)" : shown(header);
  if (is(fallback, "NO_MATCH"))
    return fallsShort(
      `${where} counts by the first address in header ${named} with fallbackBehavior NO_MATCH: a client that writes no valid address there is never counted, and one that writes a new address each time is counted anew`,
    );
  return unknownField(
    `whether a proxy in front of WAF overwrites header ${named} that ${where} counts by (FORWARDED_IP: a client writes that header, and the first X-Forwarded-For address, itself, and is counted under whatever address it writes)`,
  );
}

function customKeys(body: Record<string, unknown>, where: string): RateVerdict {
  const keys = field(body, "customKeys");
  if (isUnknown(keys)) return unknownField(`customKeys of ${where}`);
  const read = list(keys).map(keyOf);
  if (read.length === 0) return fallsShort(`${where} has aggregateKeyType CUSTOM_KEYS without customKeys`);
  if (read.includes("malformed")) return fallsShort(`a customKeys entry of ${where} does not name one key`);
  const known = read.filter((k): k is { name: string; kind: string } => typeof k === "object");
  const others = known.filter((k) => k.kind !== "ip");
  const hasIp = known.length > others.length;
  if (!hasIp && others.length > 0 && others.every((k) => k.kind === "forwardedip") && !read.includes("unknown"))
    return forwardedAddress(body, where);
  if (others.length > 0) {
    const names = [...new Set(others.map((k) => k.name))].join(", ");
    return fallsShort(
      hasIp
        ? `${where} counts each combination of client address and ${names} separately (customKeys): a client that varies or drops ${names} escapes the limit`
        : `${where} counts per ${names} (customKeys without ip), which the client sends: a client that varies or drops it escapes the limit`,
    );
  }
  return read.includes("unknown") ? unknownField(`customKeys of ${where}`) : yes;
}

/** Whether the rate-based statement `body` of the rule `where` counts each client address on its own. */
export function countsPerClient(body: Record<string, unknown>, where: string): RateVerdict {
  const type = field(body, "aggregateKeyType");
  if (isUnknown(type)) return unknownField(`aggregateKeyType of ${where}`);
  if (type === undefined || type === null || is(type, DEFAULT_AGGREGATE_KEY_TYPE)) return yes;
  if (is(type, "CUSTOM_KEYS")) return customKeys(body, where);
  if (is(type, "FORWARDED_IP")) return forwardedAddress(body, where);
  if (is(type, "CONSTANT"))
    return fallsShort(
      `${where} counts all requests together (aggregateKeyType CONSTANT): one client's flood reaches the limit for every client, and the rule never singles it out`,
    );
  return fallsShort(`${where} has aggregateKeyType ${shown(type)}, which WAF does not count by`);
}
