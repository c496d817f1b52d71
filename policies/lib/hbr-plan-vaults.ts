// The Alibaba Cloud HBR vaults backups are written to: a backup plan's vaultId and each backup policy rule's. A vault
// of the stack is judged by require-backup-vault-lock-compliance (wormEnabled); one the stack does not show keeps
// backups whose immutability the engine cannot see, as an AWS Backup plan's outside vault (backup-plan-vaults.ts): a
// note, a violation when failing closed.
import { GenericResource, isUnknown, list, prop, str } from "../../lib/reachability/internals";
import { unverifiable } from "./findings";
import { StackFinding } from "./stack-rule";
import { shown } from "./text-values";

export const HBR_VAULT = "alicloud:hbr/vault:Vault";
/** Backup plans and the backup policy, each naming its vault by id. */
export const HBR_VAULT_USERS = [
  "alicloud:hbr/ecsBackupPlan:EcsBackupPlan",
  "alicloud:hbr/ossBackupPlan:OssBackupPlan",
  "alicloud:hbr/nasBackupPlan:NasBackupPlan",
  "alicloud:hbr/otsBackupPlan:OtsBackupPlan",
  "alicloud:hbr/serverBackupPlan:ServerBackupPlan",
  "alicloud:hbr/hanaBackupPlan:HanaBackupPlan",
];
export const HBR_POLICY = "alicloud:hbr/policy:Policy";

const FIX =
  "write to an alicloud.hbr.Vault of the stack with wormEnabled true (e.g. the kit's ImmutableBackup component), or exempt the plan once that vault's immutability is confirmed";

interface VaultRef {
  path: string;
  value: unknown;
}

/** The vault ids a plan or policy writes to; the field whose property dependencies carry them. */
function vaultRefs(r: GenericResource): { field: string; refs: VaultRef[] } {
  if (r.type !== HBR_POLICY) return { field: "vaultId", refs: [{ path: "vaultId", value: r.inputs.vaultId }] };
  const rules = r.inputs.rules;
  if (isUnknown(rules)) return { field: "rules", refs: [{ path: "rules", value: rules }] };
  const refs = list(rules).map((rule, i) => ({
    path: `rules[${i}].vaultId`,
    value: isUnknown(rule) ? rule : prop(rule, "vaultId"),
  }));
  return { field: "rules", refs };
}

/**
 * A vault id is the stack's when it equals a vault's known id, or, since ids are outputs the plan only learns from
 * the vault, when the field depends on vaults of the stack and nothing else: at preview an unknown id; after
 * deployment a known one, as long as no id beside it is still unknown (then the vaults are new and a known id is
 * another vault's) and the known ids are no more than the vaults they depend on whose id the stack does not show.
 */
function outsideRefs(r: GenericResource, vaults: readonly GenericResource[]): VaultRef[] {
  const { field, refs } = vaultRefs(r);
  const named = refs.filter((d) => d.value !== undefined && d.value !== null && d.value !== "");
  const ids = new Set(vaults.map((v) => str(v.inputs.id)).filter((id) => id !== undefined));
  const deps = new Set(r.propertyDependencies[field] ?? []);
  const sources = vaults.filter((v) => deps.has(v.urn));
  const fromVaults = deps.size > 0 && sources.length === deps.size;
  const unmatched = named.filter((d) => !isUnknown(d.value) && !ids.has(str(d.value) ?? ""));
  const distinct = new Set(unmatched.map((d) => shown(d.value))).size;
  const idsUnseen = sources.filter((v) => str(v.inputs.id) === undefined).length;
  const knownFromVaults = fromVaults && !named.some((d) => isUnknown(d.value)) && distinct <= idsUnseen;
  return named.filter((d) => (isUnknown(d.value) ? !fromVaults : unmatched.includes(d) && !knownFromVaults));
}

/** Notes for every vault id of HBR plans and policies that is no vault of the stack. */
export function unseenHbrVaults(resources: readonly GenericResource[]): StackFinding[] {
  const vaults = resources.filter((r) => r.type === HBR_VAULT);
  return resources
    .filter((r) => r.type === HBR_POLICY || HBR_VAULT_USERS.includes(r.type))
    .flatMap((r) =>
      outsideRefs(r, vaults).map((d): StackFinding => {
        const what = r.type === HBR_POLICY ? "HBR backup policy" : "HBR backup plan";
        const note = isUnknown(d.value)
          ? unverifiable(`${d.path} of ${what} ${r.name}`, `it is linked to no HBR vault of the stack; ${FIX}`)
          : unverifiable(
              `the immutability of HBR vault ${shown(d.value)}`,
              `${what} ${r.name} (${d.path}) keeps its backups there, outside the stack; ${FIX}`,
            );
        return { urn: r.urn, ...note };
      }),
    );
}
