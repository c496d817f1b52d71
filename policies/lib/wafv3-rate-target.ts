// What a WAF 3.0 custom rule's rate limit counts by (config.rateLimit.target). Only remoteAddr, the default, follows
// the client's address. The others are values the client sends: the session cookie acw_tc (cookie.acw_tc) and a
// named header, query argument or cookie (header, queryarg, cookie with subKey). A client that drops or varies the
// value is counted anew with each request, or not at all, so it floods without ever reaching the threshold.
import { isUnknown, obj } from "../../lib/values";
import { fallsShort, RateVerdict, unknownField, yes } from "./rate-ceiling";
import { is, shown } from "./text-values";

/** The statistical object WAF 3.0 counts by when rateLimit.target is not set. */
export const DEFAULT_RATE_TARGET = "remoteAddr";

/** Whether the rate limit `rateLimit` of the rule `where` counts each client address on its own. */
export function countsPerAddress(rateLimit: unknown, where: string): RateVerdict {
  if (isUnknown(rateLimit)) return unknownField(`config.rateLimit of ${where}`);
  const limit = obj(rateLimit) ?? {};
  const target = limit.target;
  if (isUnknown(target)) return unknownField(`config.rateLimit.target of ${where}`);
  if (target === undefined || target === null || is(target, DEFAULT_RATE_TARGET)) return yes;
  const subKey = limit.subKey;
  const what = subKey === undefined || subKey === null || isUnknown(subKey) ? "" : ` ${shown(subKey)}`;
  return fallsShort(
    `${where} counts per ${shown(target)}${what} (rateLimit.target), a value the client sends, not per client address (remoteAddr): a client that varies or drops it escapes the limit`,
  );
}
