// The vaults an AWS Backup plan writes to: each rule's targetVaultName and its copy actions' destinationVaultArn.
// A vault of the stack is judged by its own lock (require-locked-backup-vaults flags one without a compliance-mode
// lock); a vault the stack does not show, the account's Default vault above all (AWS Backup creates it unlocked),
// keeps recovery points the engine cannot see locked, so an intruder may delete them: a note, a violation when
// failing closed.
import { GenericResource, isUnknown, list, prop, str } from "../../lib/reachability/internals";
import { unverifiable } from "./findings";
import { bothLinks, Link } from "./links";
import { placeLink, samePlace } from "./placement";
import { providerAccount } from "./provider-accounts";
import { placeDoubt, regionOf } from "./provider-region";
import { StackFinding } from "./stack-rule";
import { shown } from "./text-values";

export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
/** Logically air-gapped vaults always carry a compliance-mode Vault Lock (AWS Backup developer guide). */
export const AIR_GAPPED_VAULT = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
export const VAULTS = [BACKUP_VAULT, AIR_GAPPED_VAULT];

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

/** The vault's account: its ARN's, else the one account its provider may act in (allowedAccountIds or the assumed role's account). */
function accountOf(vault: GenericResource): string | undefined {
  const own = VAULT_ARN.exec(str(vault.inputs.arn) ?? "");
  if (own) return own[2];
  const ids = providerAccount(vault).within;
  return ids?.length === 1 ? ids[0] : undefined;
}

/** Whether an ARN's account is the vault's: "maybe" when the plan does not show the vault's account. */
function accountLink(account: string, vault: GenericResource): Link {
  const own = accountOf(vault);
  if (own !== undefined) return own === account ? "yes" : "no";
  return providerAccount(vault).within?.includes(account) === false ? "no" : "maybe";
}

/** How a known name or ARN names a vault of the stack, and why it only may when it may. */
export interface Naming {
  link: Link;
  why?: string;
}

/**
 * Whether a known name or ARN names a vault of the stack. Vault names are unique per account and region: a plain name
 * is the plan's own place's vault; an ARN names its account and region, which a vault whose own are not shown may or
 * may not be in. A vault whose ARN is known is named by that ARN alone.
 */
export function namesVault(plan: GenericResource, value: string, vault: GenericResource): Naming {
  const arn = VAULT_ARN.exec(value);
  const [ownArn, ownName, ownId] = ["arn", "name", "id"].map((f) => str(vault.inputs[f]));
  if (value === ownArn) return { link: "yes" };
  if (!arn) {
    if (value !== ownName && value !== ownId) return { link: "no" };
    return { link: placeLink(samePlace(plan, vault)), why: placeDoubt(plan, vault) };
  }
  const [, region, account, name] = arn;
  if (ownArn !== undefined || (name !== ownName && name !== ownId)) return { link: "no" };
  const own = regionOf(vault);
  const inRegion: Link = own === region ? "yes" : own === undefined ? "maybe" : "no";
  const inAccount = accountLink(account, vault);
  const link = bothLinks(inRegion, inAccount);
  if (link !== "maybe") return { link };
  const unseen = [
    ...(inRegion === "maybe" ? ["region (it takes its provider's, which the plan does not show)"] : []),
    ...(inAccount === "maybe" ? [`account (its arn, or its provider's allowedAccountIds, would show it)`] : []),
  ];
  return { link, why: `the plan does not show the vault's ${unseen.join(" or ")}` };
}

/** The surest naming of a destination by any vault of the stack. */
function stackVaultNaming(plan: GenericResource, value: string, vaults: readonly GenericResource[]): Naming {
  const namings = vaults.map((v) => namesVault(plan, value, v));
  return namings.find((n) => n.link === "yes") ?? namings.find((n) => n.link === "maybe") ?? { link: "no" as Link };
}

/**
 * An unknown value in the rules is a vault's own name or ARN when the rules depend on vaults of the stack and on
 * nothing else: each of those vaults is judged by its own lock. Any other dependency may be where it came from.
 */
export function dependsOnStackVault(plan: GenericResource, vaults: readonly GenericResource[]): boolean {
  const deps = plan.propertyDependencies.rules ?? [];
  const urns = new Set(vaults.map((v) => v.urn));
  return deps.length > 0 && deps.every((u) => urns.has(u));
}

/** `maybe`: why the destination may be a vault of the stack of that name, when it may. */
function destinationNote(plan: GenericResource, ruleName: string, d: Destination, maybe?: string): StackFinding {
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
        ? `${where} ${d.action} its recovery points there, which may not be the stack's vault of that name (${maybe})`
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
          const naming: Naming = name === undefined ? { link: "no" } : stackVaultNaming(plan, name, vaults);
          if (naming.link === "yes") return [];
          if (isUnknown(d.value) && dependsOnStackVault(plan, vaults)) return [];
          return [destinationNote(plan, ruleName, d, naming.link === "maybe" ? naming.why : undefined)];
        });
      });
    });
}
