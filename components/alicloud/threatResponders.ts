// The case's red/yellow/blue response levels (GUIDE §1 step 6) as CloudMonitor event levels of Security Center's
// alerts: red = serious (CRITICAL), yellow = suspicious (WARN), blue = reminder (INFO).
import { Problems } from "../validation";

/** CloudMonitor alert contact group names that receive each level. */
export interface ResponderGroups {
  red?: string[];
  yellow?: string[];
  blue?: string[];
}

/**
 * Security Center's product code in CloudMonitor event patterns. The provider's comment says only "The type of the
 * cloud service"; "Sas" is Security Center's API product code, to be checked against the CloudMonitor console
 * (Event Monitoring > System Events) before relying on it.
 */
export const SECURITY_CENTER_EVENT_PRODUCT = "Sas";

export const RESPONSE_LEVELS = [
  { key: "red", cmsLevel: "CRITICAL", meaning: "serious", product: SECURITY_CENTER_EVENT_PRODUCT },
  { key: "yellow", cmsLevel: "WARN", meaning: "suspicious", product: SECURITY_CENTER_EVENT_PRODUCT },
  { key: "blue", cmsLevel: "INFO", meaning: "reminder", product: SECURITY_CENTER_EVENT_PRODUCT },
] as const;

/** PutEventRuleTargets takes at most five contact parameters per rule. */
export const MAX_GROUPS_PER_LEVEL = 5;

export function checkResponders(problems: Problems, responders: unknown): void {
  if (
    !problems.check(
      typeof responders === "object" && responders !== null && !Array.isArray(responders),
      "responders",
      responders,
      "an object { red?, yellow?, blue? } of CloudMonitor contact group names",
      'pass e.g. { red: ["oncall"] }, or omit responders',
    )
  ) {
    return;
  }
  const known = RESPONSE_LEVELS.map((l) => l.key as string);
  for (const [key, groups] of Object.entries(responders as Record<string, unknown>)) {
    const argument = `responders.${key}`;
    if (!problems.check(known.includes(key), argument, key, known.join(", "), "use red, yellow or blue")) continue;
    if (
      !problems.check(
        Array.isArray(groups) && groups.length <= MAX_GROUPS_PER_LEVEL,
        argument,
        groups,
        `a list of at most ${MAX_GROUPS_PER_LEVEL} contact group names`,
        'pass e.g. ["security-oncall"]',
      )
    ) {
      continue;
    }
    const seen = new Set<unknown>();
    (groups as unknown[]).forEach((g, i) => {
      problems.check(
        typeof g === "string" && g.length > 0 && g.trim() === g,
        `${argument}[${i}]`,
        g,
        "an existing CloudMonitor contact group name",
        "copy the name from CloudMonitor > Alert Contacts > Alert Contact Group",
      );
      problems.check(!seen.has(g), `${argument}[${i}]`, g, "each group once", "remove the duplicate");
      seen.add(g);
    });
  }
}
