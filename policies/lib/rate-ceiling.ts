// Rate limits compared across clouds and windows: AWS counts requests per evaluation window (60-600 s, default 300),
// Alibaba Cloud WAF per statistical interval (1-1800 s). A limit is judged as the requests it lets one client send in
// the configured window, so 1,000 per 60 s is 5,000 per 300 s. A flood limit proven by any candidate protects; else
// an unknown one makes a note, and otherwise the reasons each candidate falls short make the violation.
import { isUnknown, num } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { Proof } from "./proof";
import { shown } from "./text-values";

export interface RateCeiling {
  maxRequests: number;
  windowSeconds: number;
}

/** Whether a candidate limits floods; `why` says what falls short ("no") or which field is unknown ("unknown"). */
export interface RateVerdict {
  proof: Proof;
  why?: string;
}

export const yes: RateVerdict = { proof: "yes" };
export const unknownField = (why: string): RateVerdict => ({ proof: "unknown", why });
export const fallsShort = (why: string): RateVerdict => ({ proof: "no", why });

const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * A limit of `limit` requests per `window` seconds (absent: `defaultWindow`, when the cloud has one) against the ceiling; `names` name the two
 * fields in messages.
 */
export function withinCeiling(
  limit: unknown,
  window: unknown,
  defaultWindow: number | undefined,
  ceiling: RateCeiling,
  names: { limit: string; window: string },
): RateVerdict {
  if (isUnknown(limit)) return unknownField(names.limit);
  if (isUnknown(window)) return unknownField(names.window);
  const requests = num(limit);
  const seconds = absent(window) ? defaultWindow : num(window);
  if (requests === undefined) return fallsShort(`no ${names.limit}`);
  if (absent(window) && seconds === undefined) return fallsShort(`no ${names.window}`);
  if (seconds === undefined || seconds <= 0) return fallsShort(`${names.window} ${shown(window)} is not a duration`);
  const perWindow = (requests * ceiling.windowSeconds) / seconds;
  if (perWindow <= ceiling.maxRequests) return yes;
  const normalised =
    seconds === ceiling.windowSeconds ? "" : ` (${Math.round(perWindow)} per ${ceiling.windowSeconds} s)`;
  return fallsShort(
    `${names.limit} is ${requests} requests per ${seconds} s${normalised}, above the ceiling of ${ceiling.maxRequests} per ${ceiling.windowSeconds} s`,
  );
}

/** Either of two answers (an ambiguous reference): only an agreed one stands. */
export function bothWays(a: RateVerdict, b: RateVerdict): RateVerdict {
  if (a.proof === b.proof) return a.proof === "no" ? fallsShort([a.why, b.why].filter(Boolean).join("; ")) : a;
  return unknownField([a.why, b.why].filter(Boolean).join(", ") || "which resource the reference names");
}

/** Every part must hold: the first that does not decides, else the first unknown; later parts are not read. */
export function allHold(parts: readonly (() => RateVerdict)[]): RateVerdict {
  let open: RateVerdict | undefined;
  for (const part of parts) {
    const v = part();
    if (v.proof === "no") return v;
    if (v.proof === "unknown") open ??= v;
  }
  return open ?? yes;
}

/** One candidate proven is enough; the first unknown otherwise; else every reason it falls short. */
export function firstEffective(verdicts: readonly RateVerdict[]): RateVerdict {
  if (verdicts.some((v) => v.proof === "yes")) return yes;
  const open = verdicts.filter((v) => v.proof === "unknown");
  if (open.length > 0) return unknownField([...new Set(open.map((v) => v.why))].join(", "));
  return fallsShort(
    verdicts
      .map((v) => v.why)
      .filter(Boolean)
      .join("; "),
  );
}

/** The finding for a protected thing whose candidates are `verdicts`: `none` opens the violation. */
export function coverageFindings(verdicts: readonly RateVerdict[], none: string, question: string): Finding[] {
  const v = firstEffective(verdicts);
  if (v.proof === "yes") return [];
  if (v.proof === "unknown") return [unverifiable(v.why ?? "a rate limit", question)];
  return [violation(v.why ? `${none}; found: ${v.why}` : none)];
}
