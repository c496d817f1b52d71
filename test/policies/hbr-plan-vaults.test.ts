// HBR backup plans and backup policy rules writing to a vault the stack does not show: the vault's immutability
// (wormEnabled) cannot be judged, as an AWS Backup plan's outside vault: a note, a violation when failing closed.
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const VAULT = "alicloud:hbr/vault:Vault";
const ECS_PLAN = "alicloud:hbr/ecsBackupPlan:EcsBackupPlan";
const HANA_PLAN = "alicloud:hbr/hanaBackupPlan:HanaBackupPlan";
const POLICY = "alicloud:hbr/policy:Policy";
const OTHER = "alicloud:ecs/instance:Instance";

const vault: StackInput = { type: VAULT, name: "hbr", props: { vaultName: "hbr", wormEnabled: true } };
const ecsPlan = (vaultId: unknown, dependsOn: StackInput[] = [], type = ECS_PLAN): StackInput => ({
  type,
  name: "ecs",
  props: { vaultId, retention: "30", instanceId: "i-1", backupType: "COMPLETE", schedule: "I|1|P1D" },
  propertyDependencies: { vaultId: dependsOn.map((r) => urnOf(r.type, r.name)) },
});
const backupRule = (vaultId: unknown) => ({ ruleType: "BACKUP", retention: 30, vaultId, schedule: "I|1|P1D" });
const policy = (rules: unknown, dependsOn: StackInput[] = []): StackInput => ({
  type: POLICY,
  name: "policy",
  props: { policyType: "STANDARD", rules },
  propertyDependencies: { rules: dependsOn.map((r) => urnOf(r.type, r.name)) },
});
const instance: StackInput = { type: OTHER, name: "app", props: {} };

describe("require-locked-backup-vaults: HBR vaults of plans and policies", () => {
  stackTable(requireLockedBackupVaults, [
    {
      name: "an ECS backup plan into a vault outside the stack: a note",
      resources: [vault, ecsPlan("v-0123outside")],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [ecsPlan("v-0123outside")],
      violations: 1,
      urn: urnOf(ECS_PLAN, "ecs"),
      mentions: "v-0123outside",
      config: { failClosed: true },
    },
    {
      name: "a HANA backup plan into a vault outside the stack: a note",
      resources: [ecsPlan("v-hana", [], HANA_PLAN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "vault id unknown at preview, from the stack's vault",
      resources: [vault, ecsPlan(UNKNOWN, [vault])],
      violations: 0,
    },
    {
      name: "vault id unknown at preview and linked to no vault: a note",
      resources: [vault, ecsPlan(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "vault id unknown at preview, also built from something else than vaults: a note",
      resources: [vault, instance, ecsPlan(UNKNOWN, [vault, instance])],
      violations: 0,
      notes: 1,
    },
    {
      name: "a known vault id equal to the stack vault's id",
      resources: [{ ...vault, props: { ...vault.props, id: "v-1" } }, ecsPlan("v-1")],
      violations: 0,
    },
    {
      name: "a known vault id other than the stack vault's known id: a note",
      resources: [{ ...vault, props: { ...vault.props, id: "v-1" } }, ecsPlan("v-2", [vault])],
      violations: 0,
      notes: 1,
    },
    {
      name: "after deployment: a known vault id from the stack's vault (ids are outputs)",
      resources: [vault, ecsPlan("v-1", [vault])],
      violations: 0,
    },
    {
      name: "no vault id at all gives no note here",
      resources: [ecsPlan(undefined)],
      violations: 0,
    },
    {
      name: "a policy rule into a vault outside the stack: a note",
      resources: [vault, policy([backupRule("v-outside")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "a policy rule from the stack's vault at preview beside one into an outside vault: one note",
      resources: [vault, policy([backupRule(UNKNOWN), backupRule("v-outside")], [vault])],
      violations: 0,
      notes: 1,
    },
    {
      name: "after deployment, more known vault ids than vaults the rules depend on: each is a note",
      resources: [vault, policy([backupRule("v-1"), backupRule("v-outside")], [vault])],
      violations: 0,
      notes: 2,
    },
    {
      name: "after deployment, the rules' one known vault id from the stack's vault",
      resources: [vault, policy([backupRule("v-1"), { ruleType: "TRANSITION" }], [vault])],
      violations: 0,
    },
    {
      name: "rules unknown at preview and linked to no vault: a note",
      resources: [vault, policy(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "rules unknown at preview, from the stack's vault",
      resources: [vault, policy(UNKNOWN, [vault])],
      violations: 0,
    },
    {
      name: "a UDM_ECS_ONLY policy keeps ECS backups in no vault: nothing to judge here",
      resources: [{ ...policy([{ ruleType: "BACKUP", retention: 30, immutable: true }]), name: "udm" }],
      violations: 0,
    },
  ]);
});
