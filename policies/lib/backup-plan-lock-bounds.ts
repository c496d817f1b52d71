// A vault lock bounds how long every backup or copy job into the vault may keep what it makes: a lifecycle shorter
// than the lock's minRetentionDays, longer than its maxRetentionDays, or keeping recovery points forever when the lock
// has a maximum, and AWS Backup fails the job, so backups stop. Each plan rule and copy action is compared with the
// lock of the vault of the stack it writes to (a logically air-gapped vault is its own lock); what cannot be read at
// preview (the lock's bounds, the lifecycle, which vault) is a note.
import { GenericResource, isUnknown, list, num, prop, str } from "../../lib/reachability/internals";
import { AIR_GAPPED_VAULT, BACKUP_PLAN, dependsOnStackVault, namesVault, VAULTS } from "./backup-plan-vaults";
import { unverifiable } from "./findings";
import { StackFinding } from "./stack-rule";
import { StoreLocks } from "./store-locks";

/** The bounds one lock puts on a vault; `sure` when that lock surely configures the vault. */
interface Bounds {
  label: string;
  min: unknown;
  max: unknown;
  sure: boolean;
}

/** Where a rule or copy action writes, what it keeps there and for how long. */
interface Destination {
  path: string;
  target: unknown;
  lifecycle: unknown;
  action: string;
  job: string;
}

/** A vault the destination writes to; `sure` when it can be no other vault. */
interface Target {
  vault: GenericResource;
  sure: boolean;
}

/** Days kept: left out, 0 or -1 keeps recovery points forever (as backup-plan-retention reads it). */
type Kept = number | "forever" | "unknown";

function keptFor(lifecycle: unknown): Kept {
  if (isUnknown(lifecycle)) return "unknown";
  const deleteAfter = prop(lifecycle, "deleteAfter");
  if (isUnknown(deleteAfter)) return "unknown";
  const days = num(deleteAfter);
  return days === undefined || days <= 0 ? "forever" : days;
}

function destinationsOf(rule: unknown, i: number): Destination[] {
  // A rule unknown as a whole is already a note of require-backup-vault-lock-compliance (how long it keeps them).
  if (isUnknown(rule)) return [];
  const own: Destination = {
    path: `rules[${i}]`,
    target: prop(rule, "targetVaultName"),
    lifecycle: prop(rule, "lifecycle"),
    action: "stores its recovery points",
    job: "backup",
  };
  // A copy action unknown as a whole is a note of require-backup-vault-lock-compliance too.
  const copies = list(prop(rule, "copyActions")).flatMap((c, j): Destination[] =>
    isUnknown(c)
      ? []
      : [
          {
            path: `rules[${i}].copyActions[${j}]`,
            target: prop(c, "destinationVaultArn"),
            lifecycle: prop(c, "lifecycle"),
            action: "copies its recovery points",
            job: "copy",
          },
        ],
  );
  return [own, ...copies];
}

/** The vaults of the stack a destination surely names, or the ones its unknown value is built from alone. */
function targetsOf(plan: GenericResource, value: unknown, vaults: readonly GenericResource[]): Target[] {
  if (isUnknown(value)) {
    // Linked to anything else, the destination may be outside the stack: backup-plan-vaults notes it.
    if (!dependsOnStackVault(plan, vaults)) return [];
    const deps = new Set(plan.propertyDependencies.rules ?? []);
    const linked = vaults.filter((v) => deps.has(v.urn));
    return linked.map((vault) => ({ vault, sure: linked.length === 1 }));
  }
  const name = str(value);
  if (name === undefined || name === "") return [];
  // A vault the destination only may name is noted by backup-plan-vaults.
  const named = vaults.find((v) => namesVault(plan, name, v).link === "yes");
  return named ? [{ vault: named, sure: true }] : [];
}

function boundsOf(vault: GenericResource, locksOf: ReadonlyMap<string, StoreLocks>): Bounds[] {
  if (vault.type === AIR_GAPPED_VAULT)
    return [
      {
        label: "logically air-gapped lock",
        min: vault.inputs.minRetentionDays,
        max: vault.inputs.maxRetentionDays,
        sure: true,
      },
    ];
  const { sure, possible } = locksOf.get(vault.urn) ?? { sure: [], possible: [] };
  const bound = (lock: GenericResource, isSure: boolean): Bounds => ({
    label: `lock configuration ${lock.name}`,
    min: lock.inputs.minRetentionDays,
    max: lock.inputs.maxRetentionDays,
    sure: isSure,
  });
  return [...sure.map((l) => bound(l, true)), ...possible.map((l) => bound(l, false))];
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** The problem when `kept` breaks the lock's bounds, "unknown" when that cannot be told at preview. */
function breach(kept: Kept, b: Bounds): string | "unknown" | undefined {
  const min = num(b.min);
  const max = num(b.max);
  if (typeof kept === "number" && min !== undefined && kept < min)
    return `keeps them at least ${days(min)} (minRetentionDays), but lifecycle.deleteAfter is ${kept}`;
  if (typeof kept === "number" && max !== undefined && kept > max)
    return `keeps them at most ${days(max)} (maxRetentionDays), but lifecycle.deleteAfter is ${kept}`;
  if (kept === "forever" && max !== undefined)
    return `keeps them at most ${days(max)} (maxRetentionDays), but lifecycle sets no deleteAfter (kept forever)`;
  const minOpen = isUnknown(b.min) && kept !== "forever";
  const maxOpen = isUnknown(b.max);
  const keptOpen = kept === "unknown" && (min !== undefined || max !== undefined);
  return minOpen || maxOpen || keptOpen ? "unknown" : undefined;
}

/** The fix: a deleteAfter inside the lock's bounds, as far as they are known. */
function fix(d: Destination, b: Bounds): string {
  const [min, max] = [num(b.min), num(b.max)];
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min} (or leave it out to keep them forever)`
        : `at most ${max}`;
  return `set ${d.path}.lifecycle.deleteAfter ${range}, or target a vault whose lock allows it`;
}

/** One finding for a destination: a violation against a sure lock of a sure vault, else a note. */
function destinationFinding(
  plan: GenericResource,
  ruleName: string,
  d: Destination,
  targets: readonly Target[],
  locksOf: ReadonlyMap<string, StoreLocks>,
): StackFinding | undefined {
  const kept = keptFor(d.lifecycle);
  const where = `backup plan ${plan.name} rule ${ruleName}`;
  const judged = targets.flatMap((t) => boundsOf(t.vault, locksOf).map((b) => ({ t, b, problem: breach(kept, b) })));
  const broken = judged.find((j) => j.problem !== undefined && j.problem !== "unknown" && j.t.sure && j.b.sure);
  if (broken)
    return {
      urn: plan.urn,
      message: `${where} (${d.path}) ${d.action} in backup vault ${broken.t.vault.name}, whose ${broken.b.label} ${broken.problem}: AWS Backup fails the ${d.job} job, so backups stop; ${fix(d, broken.b)}`,
    };
  const open = judged.find((j) => j.problem !== undefined);
  if (!open) return undefined;
  const vault = `backup vault ${open.t.vault.name}`;
  if (open.problem !== "unknown")
    return {
      urn: plan.urn,
      ...unverifiable(
        `which vault and lock ${d.path} of backup plan ${plan.name} writes to`,
        `rule ${ruleName} may write to ${vault}, whose ${open.b.label} ${open.problem}: AWS Backup would fail the ${d.job} job; ${fix(d, open.b)}`,
      ),
    };
  const field =
    kept === "unknown"
      ? `${d.path}.lifecycle.deleteAfter of backup plan ${plan.name}`
      : `the retention bounds of ${open.b.label} of ${vault}`;
  return {
    urn: plan.urn,
    ...unverifiable(
      field,
      `whether rule ${ruleName} keeps what it writes to ${vault} within the lock's minRetentionDays and maxRetentionDays; outside them AWS Backup fails the ${d.job} job`,
    ),
  };
}

/** Findings for every plan rule and copy action whose lifecycle the lock of its target vault refuses. */
export function planLockBounds(
  resources: readonly GenericResource[],
  locksOf: ReadonlyMap<string, StoreLocks>,
): StackFinding[] {
  const vaults = resources.filter((r) => VAULTS.includes(r.type));
  return resources
    .filter((r) => r.type === BACKUP_PLAN)
    .flatMap((plan): StackFinding[] => {
      const rules = plan.inputs.rules;
      // Rules unknown as a whole are a note of require-backup-vault-lock-compliance, and of backup-plan-vaults when
      // they may write outside the stack.
      if (isUnknown(rules)) return [];
      return list(rules).flatMap((rule, i) => {
        const ruleName = str(prop(rule, "ruleName")) ?? `rules[${i}]`;
        return destinationsOf(rule, i).flatMap((d) => {
          const finding = destinationFinding(plan, ruleName, d, targetsOf(plan, d.target, vaults), locksOf);
          return finding ? [finding] : [];
        });
      });
    });
}
