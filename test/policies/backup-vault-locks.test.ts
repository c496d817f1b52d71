import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { advisory, mandatory, runStack, StackInput, UNKNOWN, urnOf } from "./harness";

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
