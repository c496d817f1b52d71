// Exemptions: a named resource may skip one policy for a stated reason, with an owner, until a date. Expired
// exemptions fail the policy; every exemption in use is reported so none is forgotten.
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { PolicyConfigError } from "./errors";
import { wildcardMatches } from "./wildcard";

export interface Exemption {
  /** A URN or a resource name; `*` and `?` are wildcards. */
  resource: string;
  reason: string;
  owner: string;
  /** ISO date (YYYY-MM-DD); the exemption ends at the end of that day, UTC. */
  expires: string;
}

export const EXEMPTION_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  description: "Per-resource exemptions from this policy.",
  items: {
    type: "object",
    required: ["resource", "reason", "owner", "expires"],
    additionalProperties: false,
    properties: {
      resource: { type: "string", minLength: 1, description: "URN or resource name; * and ? are wildcards." },
      reason: { type: "string", minLength: 20, description: "Why the risk is accepted (at least four words)." },
      owner: { type: "string", minLength: 2, description: "Who answers for the exemption." },
      expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day the exemption applies." },
    },
  },
};

/** Reasons that say nothing: an exemption must explain why the risk is accepted. */
const TRIVIAL_REASON =
  /^(?:n\/?a|none|todo|tbd|temp(?:orary)?|test(?:ing)?|wip|ok(?:ay)?|fix later|because|needed|required|exempt(?:ed)?|legacy|approved)\b/i;

export function isSubstantialReason(reason: string): boolean {
  const text = reason.trim();
  return text.length >= 20 && text.split(/\s+/).length >= 4 && !TRIVIAL_REASON.test(text);
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export function parseExemptions(policy: string, raw: unknown): Exemption[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new PolicyConfigError(policy, "exemptions", raw, "a list of exemption objects");
  return raw.map((e, i) => {
    const key = `exemptions[${i}]`;
    if (e === null || typeof e !== "object") throw new PolicyConfigError(policy, key, e, "an object");
    const { resource, reason, owner, expires, ...extra } = e as Record<string, unknown>;
    if (Object.keys(extra).length > 0)
      throw new PolicyConfigError(policy, key, Object.keys(extra), "only resource, reason, owner and expires");
    if (typeof resource !== "string" || resource.trim() === "")
      throw new PolicyConfigError(policy, `${key}.resource`, resource, "a URN or resource name pattern");
    if (typeof reason !== "string" || !isSubstantialReason(reason))
      throw new PolicyConfigError(
        policy,
        `${key}.reason`,
        reason,
        "a reason of substance (20+ characters, 4+ words, not 'todo'/'temp'/'n/a')",
      );
    if (typeof owner !== "string" || owner.trim().length < 2)
      throw new PolicyConfigError(policy, `${key}.owner`, owner, "the person or team who answers for it");
    if (typeof expires !== "string" || !isIsoDate(expires))
      throw new PolicyConfigError(policy, `${key}.expires`, expires, "an ISO date such as 2026-12-31");
    return { resource, reason, owner, expires };
  });
}

/** The first exemption whose pattern matches the resource's URN or name. */
export function findExemption(exemptions: readonly Exemption[], urn: string, name: string): Exemption | undefined {
  return exemptions.find((e) => wildcardMatches(e.resource, urn) || wildcardMatches(e.resource, name));
}

export function isExpired(e: Exemption, now: Date = new Date()): boolean {
  return new Date(`${e.expires}T23:59:59.999Z`).getTime() < now.getTime();
}
