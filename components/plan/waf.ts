// WAF rule planning: which AWS managed groups, in which order, and the scanner User-Agent match. No resources here.
import { SCANNER_USER_AGENTS } from "./scanners";

/** AWS managed rule groups the WebFirewall always uses, in priority order, and the case step each one breaks. */
export const BASELINE_MANAGED_RULE_GROUPS: readonly { name: string; why: string }[] = [
  { name: "AWSManagedRulesAmazonIpReputationList", why: "drops known scanners and botnets before anything else" },
  { name: "AWSManagedRulesCommonRuleSet", why: "OWASP core rule set" },
  { name: "AWSManagedRulesKnownBadInputsRuleSet", why: "exploit payloads such as Log4Shell" },
  { name: "AWSManagedRulesSQLiRuleSet", why: "SQL injection against the database the attackers reached" },
  { name: "AWSManagedRulesLinuxRuleSet", why: "Linux LFI and command paths" },
  { name: "AWSManagedRulesUnixRuleSet", why: "POSIX command injection" },
];

export const ANONYMOUS_IP_RULE_GROUP = "AWSManagedRulesAnonymousIpList";

/** Managed groups in the order the WebACL evaluates them. */
export function managedRuleGroupNames(opts: { blockAnonymousIps: boolean }): string[] {
  const names = BASELINE_MANAGED_RULE_GROUPS.map((g) => g.name);
  return opts.blockAnonymousIps ? [names[0], ANONYMOUS_IP_RULE_GROUP, ...names.slice(1)] : names;
}

/** A byte-match statement on the lower-cased User-Agent header containing `token`. */
export function userAgentContains(token: string) {
  return {
    byteMatchStatement: {
      fieldToMatch: { singleHeader: { name: "user-agent" } },
      positionalConstraint: "CONTAINS",
      searchString: token,
      textTransformations: [{ priority: 0, type: "LOWERCASE" }],
    },
  };
}

/**
 * The statement that matches any scanner User-Agent: an OR of CONTAINS matches (WAF requires at least two operands in
 * an OR, so a single token is used on its own). Tokens are lower-cased and de-duplicated.
 */
export function scannerUserAgentStatement(tokens: readonly string[] = SCANNER_USER_AGENTS) {
  const unique = [...new Set(tokens.map((t) => t.toLowerCase()))];
  if (unique.length === 0) throw new Error("scannerUserAgentStatement: at least one token is needed");
  const statements = unique.map(userAgentContains);
  return statements.length === 1 ? statements[0] : { orStatement: { statements } };
}
