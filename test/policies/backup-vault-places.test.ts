// Backup vault names are unique per account and region: a lock or a plan names a vault only in its own place
// (provider, and region where one is named), a known name must equal the vault's (a dependency on the vault proves
// nothing about a known value), and a lock built from what the vault's name is built from may be its own (a note).
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const RANDOM = "random:index/randomString:RandomString";
const WEST = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::west";
const HOME = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::default_7_0_0";
/** Providers with their inputs, as the engine sends them. */
const inRegion = (provider: string, region: string): Partial<StackInput> => ({ provider, providerProps: { region } });
const inAccount = (account: string): Partial<StackInput> => ({
  provider: HOME,
  providerProps: { allowedAccountIds: [account] },
});

/** A provider acting through a role: the role's account is the provider's. */
const inRole = (account: string): Partial<StackInput> => ({
  provider: HOME,
  providerProps: { assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/backup` }] },
});

const vault = (name: string, props: Record<string, unknown>, provider?: string): StackInput => ({
  type: VAULT,
  name,
  props: { name: "backup-vault", ...props },
  ...(provider ? { provider } : {}),
});
const lock = (
  name: string,
  props: Record<string, unknown>,
  extra: Partial<StackInput> = {},
  dependsOn: StackInput[] = [],
): StackInput => ({
  type: LOCK,
  name,
  props: { backupVaultName: "backup-vault", changeableForDays: 3, minRetentionDays: 30, ...props },
  propertyDependencies: { backupVaultName: dependsOn.map((r) => urnOf(r.type, r.name)) },
  ...extra,
});

const east = vault("east", {});
const westByProvider = vault("west", {}, WEST);
const westByRegion = vault("west", { region: "us-west-2" });
const eastLock = lock("east-lock", {}, {}, [east]);
const WEST_URN = urnOf(VAULT, "west");

describe("require-locked-backup-vaults: a lock names a vault in its own provider and region", () => {
  stackTable(requireLockedBackupVaults, [
    {
      name: "same name under another provider, only the default provider's vault locked",
      resources: [east, westByProvider, eastLock],
      violations: 1,
      urn: WEST_URN,
      mentions: "has no vault lock",
    },
    {
      name: "same, the lock linked by its known name only (after deployment)",
      resources: [east, westByProvider, lock("east-lock", {})],
      violations: 1,
      urn: WEST_URN,
    },
    {
      name: "each provider's vault with its own lock",
      resources: [east, westByProvider, eastLock, lock("west-lock", {}, { provider: WEST })],
      violations: 0,
    },
    {
      name: "a lock under another provider in another region does not lock the default provider's vault",
      resources: [{ ...east, ...inRegion(HOME, "us-east-1") }, lock("west-lock", {}, inRegion(WEST, "us-west-2"))],
      violations: 1,
      urn: urnOf(VAULT, "east"),
    },
    {
      name: "a lock under another provider whose region the plan does not show: a note",
      resources: [east, lock("west-lock", {}, { provider: WEST })],
      violations: 0,
      notes: 1,
    },
    {
      name: "same name by an explicit region input, the lock in the provider's region",
      resources: [east, westByRegion, eastLock],
      violations: 1,
      urn: WEST_URN,
    },
    {
      name: "each region's vault with its own lock (region inputs)",
      resources: [east, westByRegion, eastLock, lock("west-lock", { region: "us-west-2" })],
      violations: 0,
    },
    {
      name: "a lock naming us-west-2 does not lock a vault in eu-west-1",
      resources: [vault("eu", { region: "eu-west-1" }), lock("l", { region: "us-west-2" })],
      violations: 1,
      urn: urnOf(VAULT, "eu"),
    },
    {
      name: "a lock naming a region, the only vault of that name in its provider's: a note",
      resources: [east, lock("l", { region: "us-west-2" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [east, lock("l", { region: "us-west-2" })],
      violations: 1,
      mentions: "a vault of the same name elsewhere: a region is left to the provider's environment",
      config: { failClosed: true },
    },
    {
      name: "a lock whose region is unknown at preview: a note",
      resources: [east, lock("l", { region: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "last applied wins per place: a governance-mode lock beside the compliance one in us-west-2",
      resources: [
        east,
        westByRegion,
        eastLock,
        lock("west-lock", { region: "us-west-2" }),
        lock("west-weak", { region: "us-west-2", changeableForDays: undefined }),
      ],
      violations: 1,
      urn: WEST_URN,
      mentions: "governance-mode lock configuration(s) among its 2",
    },
    {
      name: "changeableForDays as a string still makes a compliance-mode lock",
      resources: [westByRegion, lock("west-lock", { region: "us-west-2", changeableForDays: "3" })],
      violations: 0,
    },
  ]);
});

describe("require-locked-backup-vaults: a known lock name must be the vault's", () => {
  const recovery: StackInput = { type: VAULT, name: "recovery", props: { name: "recovery" } };
  const archive: StackInput = { type: VAULT, name: "archive", props: { name: "recovery-archive" } };
  stackTable(requireLockedBackupVaults, [
    {
      name: "a lock on `${recovery.name}-archive` leaves recovery unlocked",
      resources: [recovery, lock("l", { backupVaultName: "recovery-archive" }, {}, [recovery])],
      violations: 1,
      urn: urnOf(VAULT, "recovery"),
    },
    {
      name: "the same lock locks recovery-archive, not recovery",
      resources: [recovery, archive, lock("l", { backupVaultName: "recovery-archive" }, {}, [recovery])],
      violations: 1,
      urn: urnOf(VAULT, "recovery"),
    },
    {
      name: "a known name equal to the vault's, with the dependency",
      resources: [recovery, lock("l", { backupVaultName: "recovery" }, {}, [recovery])],
      violations: 0,
    },
    {
      name: "a name unknown at preview with a dependency on the vault",
      resources: [recovery, lock("l", { backupVaultName: UNKNOWN }, {}, [recovery])],
      violations: 0,
    },
  ]);
});

describe("require-locked-backup-vaults: a vault and its lock named from one random suffix", () => {
  const random: StackInput = { type: RANDOM, name: "sfx", props: { length: 6 } };
  const SFX = [urnOf(RANDOM, "sfx")];
  const suffixed: StackInput = { ...vault("vault", { name: UNKNOWN }), propertyDependencies: { name: SFX } };
  const suffixedLock = (props: Record<string, unknown> = {}): StackInput => ({
    ...lock("vl", { backupVaultName: UNKNOWN, ...props }),
    propertyDependencies: { backupVaultName: SFX },
  });
  stackTable(requireLockedBackupVaults, [
    {
      name: "both unknown at preview, built from the same suffix: a note, never a violation",
      resources: [random, suffixed, suffixedLock()],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [random, suffixed, suffixedLock()],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "a governance-mode lock from the same suffix fails either way",
      resources: [random, suffixed, suffixedLock({ changeableForDays: undefined })],
      violations: 1,
      mentions: "governance-mode",
    },
    {
      name: "a lock unknown at preview and linked to nothing locks no vault (fail closed)",
      resources: [random, suffixed, lock("vl", { backupVaultName: UNKNOWN })],
      violations: 1,
      mentions: "has no vault lock",
    },
    {
      name: "a lock that surely names another vault is not this one's",
      resources: [
        random,
        suffixed,
        vault("other", { name: "other" }),
        { ...suffixedLock(), propertyDependencies: { backupVaultName: [...SFX, urnOf(VAULT, "other")] } },
      ],
      violations: 1,
      urn: urnOf(VAULT, "vault"),
    },
  ]);
});

describe("require-locked-backup-vaults: plans name vaults in their region", () => {
  const plan = (destinationVaultArn: string): StackInput => ({
    type: PLAN,
    name: "nightly",
    props: {
      name: "nightly",
      rules: [{ ruleName: "daily", targetVaultName: "backup-vault", copyActions: [{ destinationVaultArn }] }],
    },
  });
  const WEST_ARN = "arn:aws:backup:us-west-2:111122223333:backup-vault:backup-vault";
  const westLock = lock("west-lock", { region: "us-west-2" });
  stackTable(requireLockedBackupVaults, [
    {
      name: "a copy by ARN to the unlocked us-west-2 vault of the same name: that vault is flagged",
      resources: [east, eastLock, { ...westByRegion, ...inAccount("111122223333") }, plan(WEST_ARN)],
      violations: 1,
      urn: WEST_URN,
    },
    {
      name: "the same with the us-west-2 vault locked",
      resources: [
        east,
        eastLock,
        { ...westByRegion, ...inAccount("111122223333") },
        { ...westLock, ...inAccount("111122223333") },
        plan(WEST_ARN),
      ],
      violations: 0,
    },
    {
      name: "the same with the vault's account shown by the role its provider assumes",
      resources: [
        east,
        eastLock,
        { ...westByRegion, ...inRole("111122223333") },
        { ...westLock, ...inRole("111122223333") },
        plan(WEST_ARN),
      ],
      violations: 0,
    },
    {
      name: "a copy by ARN to an account other than the one the vault's provider assumes a role in: outside the stack",
      resources: [
        east,
        eastLock,
        { ...westByRegion, ...inRole("444455556666") },
        { ...westLock, ...inRole("444455556666") },
        plan(WEST_ARN),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a copy to us-west-2 with only the provider-region vault of that name in the stack: a note",
      resources: [east, eastLock, plan(WEST_ARN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [east, eastLock, plan(WEST_ARN)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "a copy to us-west-2 when the stack's vault of that name is in eu-west-1: outside the stack",
      resources: [vault("eu", { region: "eu-west-1" }), lock("eu-lock", { region: "eu-west-1" }), plan(WEST_ARN)],
      violations: 0,
      // The target vault name is the plan's own region's (eu-west-1 may not be it) and the copy is outside.
      notes: 2,
    },
    {
      name: "a copy to another account's vault of the same name (the stack's vault shows its ARN)",
      resources: [
        vault("west", { region: "us-west-2", arn: WEST_ARN }),
        lock("west-lock", { region: "us-west-2" }),
        east,
        eastLock,
        plan("arn:aws:backup:us-west-2:444455556666:backup-vault:backup-vault"),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a target name of a vault under another provider: outside the plan's place",
      resources: [westByProvider, lock("west-lock", {}, { provider: WEST }), plan(WEST_ARN)],
      violations: 0,
      notes: 2,
    },
    {
      name: "plan, vault and lock under the same provider",
      resources: [
        westByProvider,
        lock("west-lock", {}, { provider: WEST }),
        {
          type: PLAN,
          name: "nightly",
          props: { name: "nightly", rules: [{ ruleName: "daily", targetVaultName: "backup-vault" }] },
          provider: WEST,
        },
      ],
      violations: 0,
    },
  ]);
});
