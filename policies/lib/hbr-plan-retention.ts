// How long an Alibaba Cloud HBR backup plan keeps what it makes beyond the plan's own retention. Each rule of a plan
// (an OTS plan's rules) keeps its backups for its own retention, the plan's when left out. A rule or detail (an ECS
// server plan's details) that copies backups to another region (doCopy, to destinationRegionId) keeps the copies for
// destinationRetention days, forever when left out: a copy deleted within days is no fallback once the source
// region's backups are gone. Once set, destinationRetention cannot be emptied again (the provider's docs), so the fix
// is a longer retention. A backup policy's rules (hbr.Policy) keep their backups for their own retention, and the
// backups their advanced retention picks (retentionRules) for that rule's days: each is held to the same minimum.
// A negative count of days is held short (retentionVerdict). Fields unknown at preview are notes.
import { unwrap } from "../../lib/reachability/resource";
import { bool, isUnknown, list, num, obj } from "../../lib/values";
import { ruleLabel } from "./backup-plan-retention";
import { Finding, unverifiable, violation } from "./findings";
import { shown } from "./text-values";

type Verdict = "ok" | "short" | "negative" | "unknown";

/**
 * A retention that is set keeps at least `min` days; a value that is no number keeps nothing known. A negative count
 * (destinationRetention -1, say) is documented nowhere for HBR: the provider documents only that a destinationRetention
 * left out keeps the copies permanently (hbr.ServerBackupPlan details), and retentions elsewhere as a number of days.
 * It names no day on which backups are deleted, so it is no proof they are kept: it does not meet the minimum, and
 * the fix is a day count (or, for copies on a new plan, leaving it out).
 */
function retentionVerdict(secretOrValue: unknown, min: number): Verdict {
  // @pulumi/policy unwraps secrets before a check reads them; an engine's resource may still carry the wrapper.
  const value = unwrap(secretOrValue);
  if (isUnknown(value)) return "unknown";
  if (value === undefined || value === null || value === "") return "ok";
  const days = num(value);
  if (days !== undefined && days < 0) return "negative";
  return days !== undefined && days >= min ? "ok" : "short";
}

const NEGATIVE = "a negative count of days is no retention HBR documents, so nothing says the backups are kept";

/** A retention of what `at` makes, against `min` days: `kept` names what is deleted, for messages. */
function retentionFindings(value: unknown, at: string, kept: string, min: number): Finding[] {
  const verdict = retentionVerdict(value, min);
  if (verdict === "unknown") return [unverifiable(at, `how long ${kept} are kept`)];
  if (verdict === "ok") return [];
  const why =
    verdict === "negative" ? `${NEGATIVE}; set at least ${min} days` : `${kept} are deleted before ${min} days`;
  return [violation(`${at} is ${shown(value)}: ${why}`)];
}

/** A rule's own retention of the backups it makes. */
const ownRetention = (entry: Record<string, unknown>, at: string, min: number): Finding[] =>
  retentionFindings(entry.retention, `${at}.retention`, "the rule's backups", min);

/** The copies a rule or detail makes in another region (doCopy), kept destinationRetention days. */
function copyRetention(entry: Record<string, unknown>, at: string, min: number): Finding[] {
  const kept = entry.destinationRetention;
  const verdict = retentionVerdict(kept, min);
  if (verdict === "ok" || (!isUnknown(entry.doCopy) && bool(entry.doCopy) !== true)) return [];
  const region = entry.destinationRegionId;
  const where = typeof region === "string" && !isUnknown(region) && region !== "" ? ` in ${region}` : "";
  if (verdict === "unknown")
    return [unverifiable(`${at}.destinationRetention`, `how long the copies${where} are kept`)];
  if (isUnknown(entry.doCopy))
    return [
      unverifiable(
        `${at}.doCopy`,
        `whether backups are copied${where}, where destinationRetention ${shown(kept)} ${verdict === "negative" ? "names no documented retention" : `deletes them before ${min} days`}`,
      ),
    ];
  const why =
    verdict === "negative"
      ? `${NEGATIVE} (the copies${where}, doCopy); set it to at least ${min} days, or leave it out on a new plan to keep them forever`
      : `the copies${where} (doCopy) are deleted before ${min} days; raise destinationRetention to at least ${min} days`;
  return [violation(`${at}.destinationRetention is ${shown(kept)}: ${why}`)];
}

type EntryCheck = (entry: Record<string, unknown>, at: string, min: number) => Finding[];

function eachEntry(p: Record<string, unknown>, field: string, min: number, checks: EntryCheck[]): Finding[] {
  const entries = p[field];
  if (isUnknown(entries)) return [unverifiable(field, "how long the plan's backups and their copies are kept")];
  return list(entries).flatMap((entry, i) => {
    const at = ruleLabel(entry, i, field);
    if (isUnknown(entry)) return [unverifiable(at, "how long its backups and their copies are kept")];
    return checks.flatMap((check) => check(obj(entry) ?? {}, at, min));
  });
}

/**
 * Every rule's retention, and every copy to another region (a rule's or a detail's), against `min` days. Disabled
 * rules are judged too: one can be enabled outside the stack, keeping its backups as briefly as it says.
 */
export function hbrPlanRuleRetention(p: Record<string, unknown>, min: number): Finding[] {
  return [
    ...eachEntry(p, "rules", min, [ownRetention, copyRetention]),
    ...eachEntry(p, "details", min, [copyRetention]),
  ];
}

/**
 * The advanced retention of a backup policy rule (rules[].retentionRules[]: the first backup of each day, week, month
 * or year, kept its own retention days), each against `min` days as the rule's own retention is.
 */
function advancedRetention(rule: Record<string, unknown>, at: string, min: number): Finding[] {
  const field = `${at}.retentionRules`;
  const entries = unwrap(rule.retentionRules);
  if (isUnknown(entries)) return [unverifiable(field, "how long the rule's kept backups are kept")];
  return list(entries).flatMap((secretOrEntry, j) => {
    const entry = unwrap(secretOrEntry);
    const type = obj(entry)?.advancedRetentionType;
    const named = typeof type === "string" && !isUnknown(type) && type !== "" ? ` (${type})` : "";
    const here = `${field}[${j}]${named}`;
    if (isUnknown(entry)) return [unverifiable(here, "how long the rule's kept backups are kept")];
    return retentionFindings(obj(entry)?.retention, `${here}.retention`, "the backups it keeps", min);
  });
}

/** Every retention in an hbr.Policy's rules, the rule's own and its advanced retention, against `min` days. */
export function hbrPolicyRuleRetention(p: Record<string, unknown>, min: number): Finding[] {
  return eachEntry(p, "rules", min, [ownRetention, advancedRetention]);
}
