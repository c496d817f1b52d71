// WAF 3.0 rule plans: the User-Agent block list (the case began with open-source scanners) and the rate limit.
import { chunkTokens } from "./scanners";
import { Problems } from "../validation";

/** Tokens per custom rule: WAF's contain-one operator takes a bounded list of values per condition. */
export const UA_TOKENS_PER_RULE = 10;

export interface UaBlockRulePlan {
  /** Stable suffix for the rule's resource name. */
  suffix: string;
  ruleName: string;
  conditions: { key: "User-Agent"; opValue: "contain-one"; values: string }[];
  ruleAction: "block";
}

/** One blocking custom-ACL rule per chunk of tokens; WAF joins the values of a contain-one condition with commas. */
export function uaBlockRules(tokens: readonly string[], perRule = UA_TOKENS_PER_RULE): UaBlockRulePlan[] {
  return chunkTokens(tokens, perRule).map((chunk, i) => ({
    suffix: `ua-block-${i}`,
    ruleName: `block-scanner-ua-${i}`,
    conditions: [{ key: "User-Agent", opValue: "contain-one", values: chunk.join(",") }],
    ruleAction: "block",
  }));
}

export interface RateLimitOptions {
  /** Requests one client IP may send per `intervalSeconds`. */
  threshold: number;
  intervalSeconds: number;
  /** How long a client over the limit stays blocked. */
  blockSeconds: number;
}

/** Validates the User-Agent tokens: non-empty strings without commas (commas separate WAF values). */
export function checkUaTokens(problems: Problems, argument: string, tokens: readonly unknown[] | undefined): void {
  if (
    !problems.check(
      Array.isArray(tokens) && tokens.length > 0,
      argument,
      tokens,
      "a non-empty list of User-Agent substrings",
      "keep the default SCANNER_USER_AGENTS or add to it",
    )
  ) {
    return;
  }
  (tokens as unknown[]).forEach((t, i) => {
    problems.check(
      typeof t === "string" && t.trim().length >= 3 && !t.includes(","),
      `${argument}[${i}]`,
      t,
      "a substring of at least 3 characters without commas",
      "remove the entry or split it at the comma",
    );
  });
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { threshold: 1000, intervalSeconds: 60, blockSeconds: 600 };

/** How a valid rate limit is looser than the default (more requests per second, or a shorter block), if it is. */
export function rateLimitLoosening(r: RateLimitOptions): string | undefined {
  const d = DEFAULT_RATE_LIMIT;
  const looser: string[] = [];
  if (r.threshold / r.intervalSeconds > d.threshold / d.intervalSeconds)
    looser.push(
      `${r.threshold} requests per ${r.intervalSeconds} s is more than ${d.threshold} per ${d.intervalSeconds} s`,
    );
  if (r.blockSeconds < d.blockSeconds) looser.push(`a ${r.blockSeconds} s block is shorter than ${d.blockSeconds} s`);
  return looser.length > 0 ? looser.join("; ") : undefined;
}

/** Validates the rate limit against WAF's ranges: interval 1-1800 s, block 60-86400 s, threshold ≥ 2. */
export function checkRateLimit(problems: Problems, argument: string, r: RateLimitOptions): void {
  const int = (v: unknown, min: number, max: number) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
  problems.check(
    int(r.threshold, 2, 5_000_000),
    `${argument}.threshold`,
    r.threshold,
    "an integer from 2 to 5000000 requests",
    "set the requests per interval one client may send, e.g. 1000",
  );
  problems.check(
    int(r.intervalSeconds, 1, 1800),
    `${argument}.intervalSeconds`,
    r.intervalSeconds,
    "an integer from 1 to 1800 seconds",
    "use e.g. 60",
  );
  problems.check(
    int(r.blockSeconds, 60, 86400),
    `${argument}.blockSeconds`,
    r.blockSeconds,
    "an integer from 60 to 86400 seconds",
    "use e.g. 600",
  );
}
