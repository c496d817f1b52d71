import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

const vault: StackInput = { type: VAULT, name: "recovery", props: { name: "recovery-vault" } };
/** A lock linked to the vault at preview (vault name flows from the vault's output). */
const lockWith = (props: Record<string, unknown>): StackInput => ({
  type: LOCK,
  name: "recovery-lock",
  props: { backupVaultName: UNKNOWN, minRetentionDays: 30, ...props },
  propertyDependencies: { backupVaultName: [urnOf(VAULT, "recovery")] },
});
const check = (resources: StackInput[], config = {}) => runStack(requireLockedBackupVaults, resources, config);

describe("require-locked-backup-vaults", () => {
  it("flags a vault without a lock", async () => {
    const ds = mandatory(await check([vault]));
    expect(ds.map((d) => d.urn)).toEqual([urnOf(VAULT, "recovery")]);
    expect(ds[0].message).toContain("has no vault lock");
  });

  it("passes a vault with a compliance-mode lock", async () => {
    expect(await check([vault, lockWith({ changeableForDays: 3 })])).toEqual([]);
  });

  it("flags a vault with only a governance-mode lock", async () => {
    const ds = mandatory(await check([vault, lockWith({})]));
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("governance-mode");
  });

  it("notes a lock whose mode is unknown at preview", async () => {
    const ds = await check([vault, lockWith({ changeableForDays: UNKNOWN })]);
    expect(mandatory(ds)).toEqual([]);
    expect(advisory(ds)).toHaveLength(1);
    expect(
      mandatory(await check([vault, lockWith({ changeableForDays: UNKNOWN })], { failClosed: true })),
    ).toHaveLength(1);
  });

  it("links a lock after deployment through the vault name", async () => {
    const lock = { type: LOCK, name: "l", props: { backupVaultName: "recovery-vault", changeableForDays: 3 } };
    expect(await check([vault, lock])).toEqual([]);
    const other = { ...lock, props: { ...lock.props, backupVaultName: "other-vault" } };
    expect(mandatory(await check([vault, other]))).toHaveLength(1);
  });

  it("checks every vault on its own", async () => {
    const second = { type: VAULT, name: "archive", props: { name: "archive-vault" } };
    const ds = mandatory(await check([vault, second, lockWith({ changeableForDays: 3 })]));
    expect(ds.map((d) => d.urn)).toEqual([urnOf(VAULT, "archive")]);
  });
});

describe("require-locked-backup-vaults: the vaults backup plans write to", () => {
  const PLAN = "aws:backup/plan:Plan";
  const AIR_GAPPED = "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
  const locked = lockWith({ changeableForDays: 3 });
  const COPY_ARN = "arn:aws:backup:eu-west-1:123456789012:backup-vault:offsite";
  const rule = (targetVaultName: unknown, copyActions?: unknown[]) => ({
    ruleName: "daily",
    targetVaultName,
    schedule: "cron(0 3 * * ? *)",
    ...(copyActions ? { copyActions } : {}),
  });
  const plan = (rules: unknown, rulesDependOn: StackInput[] = []): StackInput => ({
    type: PLAN,
    name: "nightly",
    props: { name: "nightly", rules },
    propertyDependencies: { rules: rulesDependOn.map((r) => urnOf(r.type, r.name)) },
  });
  const copyTo = (destinationVaultArn: unknown) => [{ destinationVaultArn, lifecycle: { deleteAfter: 35 } }];
  const airGapped: StackInput = { type: AIR_GAPPED, name: "bunker", props: { name: "bunker", minRetentionDays: 7 } };

  stackTable(requireLockedBackupVaults, [
    {
      name: "rule targeting a locked vault of the stack by name",
      resources: [vault, locked, plan([rule("recovery-vault")])],
      violations: 0,
    },
    {
      name: "rule targeting an unlocked vault of the stack: the vault is flagged, once",
      resources: [vault, plan([rule("recovery-vault")])],
      violations: 1,
      urn: urnOf(VAULT, "recovery"),
      mentions: "backup vault recovery has no vault lock",
    },
    {
      name: "target unknown at preview, rules depending only on a locked vault of the stack",
      resources: [vault, locked, plan([rule(UNKNOWN)], [vault])],
      violations: 0,
    },
    {
      name: "target unknown at preview, rules depending on an unlocked vault: the vault is flagged",
      resources: [vault, plan([rule(UNKNOWN)], [vault])],
      violations: 1,
      urn: urnOf(VAULT, "recovery"),
    },
    {
      name: "target unknown at preview and linked to no vault is a note, never a pass",
      resources: [vault, locked, plan([rule(UNKNOWN)])],
      violations: 0,
      notes: 1,
    },
    {
      name: "target unknown at preview, rules also depending on something else than vaults: a note",
      resources: [
        vault,
        locked,
        airGapped,
        plan([rule(UNKNOWN)], [vault, { ...vault, type: LOCK, name: "recovery-lock" }]),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the account's Default vault is a note",
      resources: [vault, locked, plan([rule("Default")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "the Default vault fails closed when configured",
      resources: [plan([rule("Default")])],
      violations: 1,
      mentions: "failing closed",
      config: { failClosed: true },
    },
    {
      name: "a vault outside the stack is a note",
      resources: [plan([rule("legacy-vault")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "a vault outside the stack fails closed when configured",
      resources: [plan([rule("legacy-vault")])],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "copy to a vault outside the stack by ARN is a note",
      resources: [vault, locked, plan([rule("recovery-vault", copyTo(COPY_ARN))])],
      violations: 0,
      notes: 1,
    },
    {
      name: "copy to a vault of the stack named by ARN after deployment",
      resources: [
        vault,
        locked,
        // Deployed, the vault shows its ARN (its region and account).
        { type: VAULT, name: "offsite", props: { name: "offsite", arn: COPY_ARN } },
        {
          type: LOCK,
          name: "offsite-lock",
          props: { backupVaultName: "offsite", changeableForDays: 3 },
        },
        plan([rule("recovery-vault", copyTo(COPY_ARN))]),
      ],
      violations: 0,
    },
    {
      name: "copy to an unlocked vault of the stack: the vault is flagged",
      resources: [
        vault,
        locked,
        {
          type: VAULT,
          name: "offsite",
          props: { name: "offsite", region: "eu-west-1" },
          // The copy names account 123456789012: the vault's provider acts only there.
          provider: "urn:pulumi:test::hardening-kit::pulumi:providers:aws::offsite",
          providerProps: { allowedAccountIds: ["123456789012"] },
        },
        plan([rule("recovery-vault", copyTo(COPY_ARN))]),
      ],
      violations: 1,
      urn: urnOf(VAULT, "offsite"),
    },
    {
      name: "copy ARNs unknown at preview to a logically air-gapped vault (always compliance-locked)",
      resources: [vault, locked, airGapped, plan([rule("recovery-vault", copyTo(UNKNOWN))], [vault, airGapped])],
      violations: 0,
    },
    {
      name: "copy ARN unknown at preview and linked to no vault is a note",
      resources: [vault, locked, plan([rule("recovery-vault", copyTo(UNKNOWN))])],
      violations: 0,
      notes: 1,
    },
    {
      name: "copy action unknown as a whole, linked to no vault, is a note",
      resources: [vault, locked, plan([rule("recovery-vault", [UNKNOWN])])],
      violations: 0,
      notes: 1,
    },
    {
      name: "rules unknown at preview and linked to no vault are a note",
      resources: [vault, locked, plan(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "one rule unknown at preview, rules depending only on a locked vault",
      resources: [vault, locked, plan([UNKNOWN], [vault])],
      violations: 0,
    },
    {
      name: "each rule and copy outside the stack is its own note",
      resources: [plan([rule("Default", copyTo(COPY_ARN)), { ...rule("legacy-vault"), ruleName: "weekly" }])],
      violations: 0,
      notes: 3,
    },
  ] as StackCase[]);

  it("names the plan, the rule and the vault, says why and the fix", async () => {
    const ds = await check([plan([rule("Default", copyTo(COPY_ARN))])]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([
      ["advisory", urnOf(PLAN, "nightly")],
      ["advisory", urnOf(PLAN, "nightly")],
    ]);
    expect(ds[0].message).toContain('the lock of backup vault "Default" is unknown');
    expect(ds[0].message).toContain(
      "backup plan nightly rule daily stores its recovery points in the account's Default vault, which AWS Backup creates without a lock",
    );
    expect(ds[0].message).toContain("VaultLockConfiguration in compliance mode (changeableForDays set)");
    expect(ds[0].message).toContain("the kit's ImmutableBackup component");
    expect(ds[1].message).toContain('the lock of backup vault "offsite" is unknown');
    expect(ds[1].message).toContain(
      "backup plan nightly rule daily copies its recovery points there, outside the stack",
    );
    const unknown = await check([plan([rule(UNKNOWN)])]);
    expect(unknown[0].message).toContain("rules[0].targetVaultName of backup plan nightly is unknown");
  });

  it("honours an exemption of the plan", async () => {
    const exemptions = [
      { resource: "nightly", reason: "vault locked by the org", owner: "sec", expires: "2999-01-01" },
    ];
    const ds = await check([plan([rule("legacy-vault")])], { exemptions });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("exempted until 2999-01-01");
  });
});
