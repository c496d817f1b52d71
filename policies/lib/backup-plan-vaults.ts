// The vaults an AWS Backup plan writes to: each rule's targetVaultName and its copy actions' destinationVaultArn.
// A vault of the stack is judged by its own lock (require-locked-backup-vaults flags one without a compliance-mode
// lock); a vault the stack does not show, the account's Default vault above all (AWS Backup creates it unlocked),
// keeps recovery points the engine cannot see locked, so an intruder may delete them: a note, a violation when
// failing closed.
import { GenericResource, isUnknown, list, prop, str } from "../../lib/reachability/internals";
import { unverifiable } from "./findings";
import { Link } from "./links";
import { placeLink, samePlace } from "./placement";
import { regionOf } from "./provider-region";
import { StackFinding } from "./stack-rule";
import { shown } from "./text-values";

export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
/** Logically air-gapped vaults always carry a compliance-mode Vault Lock (AWS Backup developer guide). */
export const AIR_GAPPED_VAULT = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
const VAULTS = [BACKUP_VAULT, AIR_GAPPED_VAULT];

/** The vault AWS Backup creates in every account and region, without a lock. */
const DEFAULT_VAULT = "Default";

const FIX =
  "target a vault of the stack with an aws.backup.VaultLockConfiguration in compliance mode (changeableForDays set), e.g. the kit's ImmutableBackup component, or exempt the plan once that vault's lock is confirmed";

/** Where a rule sends recovery points: the field's path, the value, and what the rule does there. */
interface Destination {
  path: string;
  value: unknown;
  action: string;
}

function destinationsOf(rule: unknown, i: number): Destination[] {
  // A rule unknown as a whole hides its target too.
  const value = isUnknown(rule) ? rule : prop(rule, "targetVaultName");
  const target = { path: `rules[${i}].targetVaultName`, value, action: "stores" };
  const copies = list(prop(rule, "copyActions")).map((c, j) => ({
    path: `rules[${i}].copyActions[${j}].destinationVaultArn`,
    value: isUnknown(c) ? c : prop(c, "destinationVaultArn"),
    action: "copies",
  }));
  return [target, ...copies];
}

/** arn:<partition>:backup:<region>:<account>:backup-vault:<name> */
const VAULT_ARN = /^arn:[\w-]+:backup:([^:]*):([^:]*):backup-vault:(.+)$/;

/**
 * Whether a known name or ARN names a vault of the stack. Vault names are unique per account and region: a plain name
 * is the plan's own place's vault; an ARN names its region, which a vault taking its provider's region may or may not
 * be in. A vault whose ARN is known is named by that ARN alone.
 */
function namesVault(plan: GenericResource, value: string, vault: GenericResource): Link {
  const arn = VAULT_ARN.exec(value);
  const [ownArn, ownName, ownId] = ["arn", "name", "id"].map((f) => str(vault.inputs[f]));
  if (value === ownArn) return "yes";
  if (!arn) return value === ownName || value === ownId ? placeLink(samePlace(plan, vault)) : "no";
  const [, region, , name] = arn;
  if (ownArn !== undefined || (name !== ownName && name !== ownId)) return "no";
  const own = regionOf(vault);
  if (own === region) return "yes";
  return own === undefined ? "maybe" : "no";
}

/** The surest link of a destination to any vault of the stack. */
function stackVaultLink(plan: GenericResource, value: string, vaults: readonly GenericResource[]): Link {
  const links = vaults.map((v) => namesVault(plan, value, v));
  return links.includes("yes") ? "yes" : links.includes("maybe") ? "maybe" : "no";
}

/**
 * An unknown value in the rules is a vault's own name or ARN when the rules depend on vaults of the stack and on
 * nothing else: each of those vaults is judged by its own lock. Any other dependency may be where it came from.
 */
function dependsOnStackVault(plan: GenericResource, vaults: readonly GenericResource[]): boolean {
  const deps = plan.propertyDependencies.rules ?? [];
  const urns = new Set(vaults.map((v) => v.urn));
  return deps.length > 0 && deps.every((u) => urns.has(u));
}

function destinationNote(plan: GenericResource, ruleName: string, d: Destination, maybe = false): StackFinding {
  const where = `backup plan ${plan.name} rule ${ruleName}`;
  if (isUnknown(d.value))
    return {
      urn: plan.urn,
      ...unverifiable(`${d.path} of backup plan ${plan.name}`, `rule ${ruleName} names no vault of the stack; ${FIX}`),
    };
  const name = str(d.value);
  const vault = name === undefined ? shown(d.value) : (VAULT_ARN.exec(name)?.[3] ?? name);
  const why =
    vault === DEFAULT_VAULT
      ? `${where} ${d.action} its recovery points in the account's Default vault, which AWS Backup creates without a lock`
      : maybe
        ? `${where} ${d.action} its recovery points there, which may not be the region of the stack's vault of that name (one names its region, the other takes its provider's)`
        : `${where} ${d.action} its recovery points there, outside the stack`;
  return { urn: plan.urn, ...unverifiable(`the lock of backup vault ${shown(vault)}`, `${why}; ${FIX}`) };
}

/** Notes for every rule destination of the plans that is not a vault of the stack. */
export function unseenPlanVaults(resources: readonly GenericResource[]): StackFinding[] {
  const vaults = resources.filter((r) => VAULTS.includes(r.type));
  return resources
    .filter((r) => r.type === BACKUP_PLAN)
    .flatMap((plan): StackFinding[] => {
      const rules = plan.inputs.rules;
      if (isUnknown(rules))
        return dependsOnStackVault(plan, vaults)
          ? []
          : [
              {
                urn: plan.urn,
                ...unverifiable(`rules of backup plan ${plan.name}`, `its vaults cannot be judged; ${FIX}`),
              },
            ];
      return list(rules).flatMap((rule, i) => {
        const ruleName = str(prop(rule, "ruleName")) ?? `rules[${i}]`;
        return destinationsOf(rule, i).flatMap((d): StackFinding[] => {
          if (d.value === undefined || d.value === null || d.value === "") return [];
          const name = str(d.value);
          // A vault of the stack (a Default vault the stack adopts too) is judged by its own lock.
          const link = name === undefined ? "no" : stackVaultLink(plan, name, vaults);
          if (link === "yes") return [];
          if (isUnknown(d.value) && dependsOnStackVault(plan, vaults)) return [];
          return [destinationNote(plan, ruleName, d, link === "maybe")];
        });
      });
    });
}
