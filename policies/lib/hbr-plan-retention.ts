// How long an Alibaba Cloud HBR backup plan keeps what it makes beyond the plan's own retention. Each rule of a plan
// (an OTS plan's rules) keeps its backups for its own retention, the plan's when left out. A rule or detail (an ECS
// server plan's details) that copies backups to another region (doCopy, to destinationRegionId) keeps the copies for
// destinationRetention days, forever when left out: a copy deleted within days is no fallback once the source
// region's backups are gone. Once set, destinationRetention cannot be emptied again (the provider's docs), so the fix
// is a longer retention. Fields unknown at preview are notes.
import { bool, isUnknown, list, num, obj } from "../../lib/values";
import { ruleLabel } from "./backup-plan-retention";
import { Finding, unverifiable, violation } from "./findings";
import { shown } from "./text-values";

/**
 * -1 is not documented for destinationRetention (the provider documents only "when not specified, the destination
 * backup will be saved permanently"; the API docs give a day count). It stays accepted: a negative count names no
 * day on which copies are deleted, so it is not a short retention, and whether HBR takes it is the deployment's error
 * to raise. The fix never suggests it.
 */
const KEEP_FOREVER = -1;

type Verdict = "ok" | "short" | "unknown";

/** A retention that is set keeps at least `min` days; a value that is no number keeps nothing known. */
function retentionVerdict(value: unknown, min: number, forever?: number): Verdict {
  if (isUnknown(value)) return "unknown";
  if (value === undefined || value === null || value === "") return "ok";
  const days = num(value);
  return days !== undefined && (days >= min || days === forever) ? "ok" : "short";
}

/** A rule's own retention of the backups it makes. */
function ownRetention(entry: Record<string, unknown>, at: string, min: number): Finding[] {
  const verdict = retentionVerdict(entry.retention, min);
  if (verdict === "unknown") return [unverifiable(`${at}.retention`, "how long the rule keeps its backups")];
  if (verdict === "ok") return [];
  return [violation(`${at}.retention is ${shown(entry.retention)}: the rule's backups are deleted before ${min} days`)];
}

/** The copies a rule or detail makes in another region (doCopy), kept destinationRetention days. */
function copyRetention(entry: Record<string, unknown>, at: string, min: number): Finding[] {
  const kept = entry.destinationRetention;
  const verdict = retentionVerdict(kept, min, KEEP_FOREVER);
  if (verdict === "ok" || (!isUnknown(entry.doCopy) && bool(entry.doCopy) !== true)) return [];
  const region = entry.destinationRegionId;
  const where = typeof region === "string" && !isUnknown(region) && region !== "" ? ` in ${region}` : "";
  if (verdict === "unknown")
    return [unverifiable(`${at}.destinationRetention`, `how long the copies${where} are kept`)];
  if (isUnknown(entry.doCopy))
    return [
      unverifiable(
        `${at}.doCopy`,
        `whether backups are copied${where}, where destinationRetention ${shown(kept)} deletes them before ${min} days`,
      ),
    ];
  return [
    violation(
      `${at}.destinationRetention is ${shown(kept)}: the copies${where} (doCopy) are deleted before ${min} days; raise destinationRetention to at least ${min} days`,
    ),
  ];
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
