// Where a resource lives when it names no region: its provider's region, which AnalyzeStack sends with the provider's
// inputs. Two providers of one region are one place unless their inputs set the accounts apart; a region the plan
// does not show (left to the provider's environment, or unknown at preview) keeps the verdict open: a note.
import { PolicyResource } from "@pulumi/policy";
import { accountOfProvider } from "../../policies/lib/provider-account";
import { sameAccount } from "../../policies/lib/provider-accounts";
import { samePlace, sameProviderRegion } from "../../policies/lib/provider-region";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { toGenericResources } from "../../policies/stack/resources";
import { GenericResource } from "../../lib/reachability";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const PROVIDER = (name: string) => `urn:pulumi:test::hardening-kit::pulumi:providers:aws::${name}`;
const HOME = PROVIDER("default_7_0_0");
const TWIN = PROVIDER("east-twin");
const under = (provider: string, providerProps: Record<string, unknown>): Partial<StackInput> => ({
  provider,
  providerProps,
});
const EAST = under(HOME, { region: "us-east-1" });
const EAST_TWIN = under(TWIN, { region: "us-east-1" });

describe("toGenericResources carries the provider's inputs", () => {
  const resource = (provider?: PolicyResource["provider"]) =>
    ({
      urn: "urn:pulumi:test::p::aws:ecr/repository:Repository::r",
      type: "aws:ecr/repository:Repository",
      name: "r",
      props: {},
      dependencies: [],
      propertyDependencies: {},
      ...(provider ? { provider } : {}),
    }) as unknown as PolicyResource;
  it("keeps the provider's region, known or unknown", () => {
    const [known] = toGenericResources([resource({ urn: HOME, type: "", name: "", props: { region: "us-east-1" } })]);
    expect(known).toMatchObject({ provider: HOME, providerInputs: { region: "us-east-1" } });
    const [unknown] = toGenericResources([resource({ urn: HOME, type: "", name: "", props: { region: UNKNOWN } })]);
    expect(unknown).toMatchObject({ providerInputs: { region: UNKNOWN } });
  });
  it("has none when no provider is sent", () => {
    const [none] = toGenericResources([resource()]);
    expect(none).not.toHaveProperty("providerInputs");
    expect(none).not.toHaveProperty("provider");
  });
});

describe("samePlace with the providers' inputs", () => {
  const r = (inputs: Record<string, unknown>, provider?: string, providerInputs?: Record<string, unknown>) =>
    ({
      urn: `u${Math.random()}`,
      type: "t",
      name: "n",
      inputs,
      propertyDependencies: {},
      dependencies: [],
      ...(provider ? { provider } : {}),
      ...(providerInputs ? { providerInputs } : {}),
    }) as GenericResource;
  const east = { region: "us-east-1" };
  it.each([
    [
      "provider us-east-1, no region vs eu-west-1 named",
      r({}, HOME, east),
      r({ region: "eu-west-1" }, HOME, east),
      "other",
    ],
    [
      "provider us-east-1, no region vs us-east-1 named",
      r({}, HOME, east),
      r({ region: "us-east-1" }, HOME, east),
      "same",
    ],
    ["twin providers of one region", r({}, HOME, east), r({}, TWIN, east), "same"],
    ["twin providers of two regions", r({}, HOME, east), r({}, TWIN, { region: "eu-west-1" }), "other"],
    ["twin providers, one region unknown at preview", r({}, HOME, east), r({}, TWIN, { region: UNKNOWN }), "maybe"],
    ["twin providers, one region not shown", r({}, HOME, east), r({}, TWIN, {}), "maybe"],
    [
      "twin providers of one region assuming another role",
      r({}, HOME, east),
      r({}, TWIN, { ...east, assumeRole: { roleArn: "arn:aws:iam::999999999999:role/x" } }),
      "maybe",
    ],
    [
      "twin providers of one region with other profiles",
      r({}, HOME, { ...east, profile: "a" }),
      r({}, TWIN, { ...east, profile: "b" }),
      "maybe",
    ],
    [
      "twin providers of one region allowed in one account (JSON text, as some SDKs send lists)",
      r({}, HOME, { ...east, allowedAccountIds: '["111122223333"]' }),
      r({}, TWIN, { ...east, allowedAccountIds: ["111122223333"] }),
      "same",
    ],
    [
      "providers allowed in different accounts",
      r({}, HOME, { ...east, allowedAccountIds: ["111122223333"] }),
      r({}, TWIN, { ...east, allowedAccountIds: ["999999999999"] }),
      "other",
    ],
    [
      "one provider, its region unknown, no region on either",
      r({}, HOME, { region: UNKNOWN }),
      r({}, HOME, { region: UNKNOWN }),
      "same",
    ],
    ["one provider, own region unknown", r({ region: UNKNOWN }, HOME, east), r({}, HOME, east), "maybe"],
  ])("%s", (_n, a, b, expected) => {
    expect(samePlace(a, b)).toBe(expected);
    expect(samePlace(b, a)).toBe(expected);
  });
  it("sameProviderRegion: a provider region shown decides, an unknown one under one provider is shared", () => {
    expect(sameProviderRegion(r({}, HOME, east), r({ region: "eu-west-1" }, HOME, east))).toBe(false);
    expect(sameProviderRegion(r({}, HOME, {}), r({ region: "eu-west-1" }, HOME, {}))).toBe(true);
    expect(sameProviderRegion(r({}, HOME, east), r({}, TWIN, {}))).toBe(false);
  });
});

describe("sameAccount: the account a single allowedAccountIds or an assumed role names decides", () => {
  const ALI = "urn:pulumi:test::hardening-kit::pulumi:providers:alicloud::";
  const r = (provider: string, providerInputs: Record<string, unknown>) =>
    ({
      urn: "u",
      type: "t",
      name: "n",
      inputs: {},
      propertyDependencies: {},
      dependencies: [],
      provider,
      providerInputs,
    }) as GenericResource;
  const pinned = (extra: Record<string, unknown> = {}) => ({ allowedAccountIds: ["111111111111"], ...extra });
  const role = (arn: unknown, extra: Record<string, unknown> = {}) => ({ roleArn: arn, ...extra });
  const ROLE1 = "arn:aws:iam::111111111111:role/deploy";
  const ROLE2 = "arn:aws:iam::222222222222:role/deploy";
  it.each([
    // Pinned to one account: nothing else tells them apart.
    [
      "pinned (JSON text and list), assumeRoles session names differ",
      { allowedAccountIds: '["111111111111"]', assumeRoles: [role(ROLE1, { sessionName: "a" })] },
      pinned({ assumeRoles: [role(ROLE1, { sessionName: "b" })] }),
      "same",
    ],
    [
      "pinned, role/deploy vs role/audit of the account",
      pinned({ assumeRoles: [role(ROLE1)] }),
      pinned({ assumeRoles: [role("arn:aws:iam::111111111111:role/audit")] }),
      "same",
    ],
    [
      "pinned, assumeRole keys in another order (JSON text)",
      pinned({ assumeRole: '{"roleArn":"arn:aws:iam::9:role/x","sessionName":"s"}' }),
      pinned({ assumeRole: { sessionName: "s", roleArn: "arn:aws:iam::9:role/x" } }),
      "same",
    ],
    ["pinned, profiles differ", pinned({ profile: "a" }), pinned({ profile: "b" }), "same"],
    ["pinned, access keys differ", pinned({ accessKey: "AKIAA" }), pinned({ accessKey: "AKIAB" }), "same"],
    ["pinned, a profile unknown at preview", pinned({ profile: UNKNOWN }), pinned(), "same"],
    ["pinned to one account listed twice", { allowedAccountIds: ["111111111111", "111111111111"] }, pinned(), "same"],
    // The role's account.
    ["role of the pinned account (assumeRoles)", { assumeRoles: [role(ROLE1)] }, pinned(), "same"],
    ["role of the pinned account (older assumeRole)", { assumeRole: role(ROLE1) }, pinned(), "same"],
    ["web-identity role of the pinned account", { assumeRoleWithWebIdentity: role(ROLE1) }, pinned(), "same"],
    [
      "role in another partition's ARN form",
      { assumeRoles: [role("arn:aws-cn:iam::111111111111:role/x")] },
      pinned(),
      "same",
    ],
    [
      "roles of one account, no pin",
      { assumeRoles: [role(ROLE1)] },
      { assumeRole: role("arn:aws:iam::111111111111:role/a") },
      "same",
    ],
    ["chain ending in the pinned account", { assumeRoles: [role(ROLE2), role(ROLE1)] }, pinned(), "same"],
    ["chain ending in another account", { assumeRoles: [role(ROLE1), role(ROLE2)] }, pinned(), "other"],
    ["role in another account than the pinned one", { assumeRoles: [role(ROLE2)] }, pinned(), "other"],
    [
      "role in another account, the pin unknown in the role's provider",
      { allowedAccountIds: UNKNOWN, assumeRole: role(ROLE2) },
      pinned(),
      "other",
    ],
    ["roles in two accounts", { assumeRoles: [role(ROLE1)] }, { assumeRoles: [role(ROLE2)] }, "other"],
    [
      "role in one of two allowed accounts",
      { assumeRoles: [role(ROLE2)] },
      { allowedAccountIds: ["111111111111", "222222222222"] },
      "maybe",
    ],
    ["role whose ARN is unknown at preview", { assumeRoles: [role(UNKNOWN)] }, pinned(), "maybe"],
    [
      "roles whose ARNs are both unknown at preview",
      { assumeRoles: [role(UNKNOWN)] },
      { assumeRoles: [role(UNKNOWN)] },
      "maybe",
    ],
    ["role whose ARN names no account", { assumeRole: role("arn:aws:iam::9:role/x") }, pinned(), "maybe"],
    // Credentials: may be two accounts, never surely.
    ["access keys differ", { accessKey: "AKIAA" }, { accessKey: "AKIAB" }, "maybe"],
    ["one access key, the other provider none", { accessKey: "AKIAA" }, {}, "maybe"],
    ["tokens differ", { token: "t1" }, { token: "t2" }, "maybe"],
    ["credentials files differ", { sharedCredentialsFiles: ["/a"] }, { sharedCredentialsFiles: '["/b"]' }, "maybe"],
    ["config files differ", { sharedConfigFiles: ["/a"] }, { sharedConfigFiles: ["/b"] }, "maybe"],
    ["an access key unknown at preview", { accessKey: UNKNOWN }, { accessKey: UNKNOWN }, "maybe"],
    [
      "the same access key and credentials file (JSON text)",
      { accessKey: "AKIAA", sharedCredentialsFiles: '["/a"]' },
      { accessKey: "AKIAA", sharedCredentialsFiles: ["/a"] },
      "same",
    ],
    [
      "allowed in the same two accounts, listed in another order",
      { allowedAccountIds: ["1", "2"] },
      { allowedAccountIds: ["2", "1"] },
      "same",
    ],
  ])("AWS: %s", (_n, a, b, expected) => {
    expect(sameAccount(r(HOME, a), r(TWIN, b))).toBe(expected);
    expect(sameAccount(r(TWIN, b), r(HOME, a))).toBe(expected);
  });
  const UID = "1234567890123456";
  it.each([
    [
      "roles of one uid",
      { assumeRole: role(`acs:ram::${UID}:role/a`) },
      { assumeRole: role(`acs:ram::${UID}:role/b`) },
      "same",
    ],
    [
      "roles of two uids (JSON text)",
      { assumeRole: role(`acs:ram::${UID}:role/a`) },
      { assumeRole: '{"roleArn":"acs:ram::6543210987654321:role/a"}' },
      "other",
    ],
    ["the same declared accountId", { accountId: UID }, { accountId: UID, region: "cn-shanghai" }, "same"],
    ["declared accountIds differ", { accountId: UID }, { accountId: "6543210987654321" }, "maybe"],
    ["a declared accountId unknown at preview", { accountId: UID }, { accountId: UNKNOWN }, "maybe"],
    [
      "a role of the uid the other only declares",
      { assumeRole: role(`acs:ram::${UID}:role/a`) },
      { accountId: UID },
      "maybe",
    ],
    ["security tokens differ", { securityToken: "a" }, { securityToken: "b" }, "maybe"],
  ])("Alibaba Cloud: %s", (_n, a, b, expected) => {
    expect(sameAccount(r(ALI + "a", a), r(ALI + "b", b))).toBe(expected);
    expect(sameAccount(r(ALI + "b", b), r(ALI + "a", a))).toBe(expected);
  });
  it("one provider is one account whatever its inputs", () => {
    expect(sameAccount(r(HOME, { accessKey: UNKNOWN }), r(HOME, { accessKey: UNKNOWN }))).toBe("same");
  });
  it("accountOfProvider: certain for a pin or a role, only declared for Alibaba Cloud's accountId", () => {
    expect(accountOfProvider(pinned())).toEqual({ account: "111111111111", certain: true, within: ["111111111111"] });
    expect(accountOfProvider({ assumeRoles: '[{"roleArn":"' + ROLE2 + '"}]' })).toMatchObject({
      account: "222222222222",
      certain: true,
    });
    expect(accountOfProvider({ allowedAccountIds: ["1", "2"] })).toEqual({ certain: false, within: ["1", "2"] });
    expect(accountOfProvider({ accountId: UID })).toEqual({ account: UID, certain: false });
    expect(accountOfProvider({ accountId: UNKNOWN })).toEqual({ certain: false });
    expect(accountOfProvider(undefined)).toEqual({ certain: false });
  });
});

const REPO = "aws:ecr/repository:Repository";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const CACHE = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";
const enhancedAll = {
  scanType: "ENHANCED",
  rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
};
const config = (name: string, props: Record<string, unknown>, place: Partial<StackInput>): StackInput => ({
  type: SCANNING,
  name,
  props,
  ...place,
});
const repo = (props: Record<string, unknown>, place: Partial<StackInput>): StackInput => ({
  type: REPO,
  name: "r",
  props: { name: "app", ...props },
  ...place,
});

describe("require-registry-image-scanning: the provider's region", () => {
  stackTable(requireRegistryImageScanning, [
    {
      name: "configuration in the provider's us-east-1, repository in eu-west-1 without scanOnPush",
      resources: [
        config("c", enhancedAll, EAST),
        repo({ region: "eu-west-1", imageScanningConfiguration: { scanOnPush: false } }, EAST),
      ],
      violations: 1,
      urn: urnOf(REPO, "r"),
      mentions: "another provider or in another region",
    },
    {
      name: "the same repository with scanOnPush",
      resources: [
        config("c", enhancedAll, EAST),
        repo({ region: "eu-west-1", imageScanningConfiguration: { scanOnPush: true } }, EAST),
      ],
      violations: 0,
    },
    {
      name: "pull-through cache rule in eu-west-1, configuration in the provider's us-east-1",
      resources: [
        config("c", enhancedAll, EAST),
        { type: CACHE, name: "ptc", props: { ecrRepositoryPrefix: "docker-hub", region: "eu-west-1" }, ...EAST },
      ],
      violations: 1,
      urn: urnOf(CACHE, "ptc"),
    },
    {
      name: "configuration in eu-west-1 only, repository in the provider's us-east-1 without scanOnPush",
      resources: [
        config("c", { ...enhancedAll, region: "eu-west-1" }, EAST),
        repo({ imageScanningConfiguration: { scanOnPush: false } }, EAST),
      ],
      violations: 1,
    },
    {
      name: "configuration naming the provider's region covers the repository naming none: one place",
      resources: [config("c", { ...enhancedAll, region: "us-east-1" }, EAST), repo({}, EAST)],
      violations: 0,
    },
    {
      name: "a secure default-region configuration and a narrow eu-west-1 one do not compete",
      resources: [
        config("c", enhancedAll, EAST),
        config("eu", { scanType: "ENHANCED", rules: [], region: "eu-west-1" }, EAST),
        repo({}, EAST),
      ],
      violations: 0,
    },
    {
      name: "a configuration under a twin provider of the same region covers the repository",
      resources: [
        config("c", enhancedAll, EAST_TWIN),
        repo({ imageScanningConfiguration: { scanOnPush: false } }, EAST),
      ],
      violations: 0,
    },
    {
      name: "a BASIC configuration without rules under a twin provider competes with ENHANCED *",
      resources: [
        config("c", enhancedAll, EAST),
        config("basic", { scanType: "BASIC", rules: [] }, EAST_TWIN),
        repo({}, EAST),
      ],
      violations: 1,
      mentions: "applied last",
    },
    {
      name: "configuration in eu-west-1, repository's provider region not shown: a note",
      resources: [
        config("c", { ...enhancedAll, region: "eu-west-1" }, under(HOME, {})),
        repo({ imageScanningConfiguration: { scanOnPush: false } }, under(HOME, {})),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same note fails closed when configured",
      resources: [
        config("c", { ...enhancedAll, region: "eu-west-1" }, under(HOME, {})),
        repo({ imageScanningConfiguration: { scanOnPush: false } }, under(HOME, {})),
      ],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "repository scanned on push either way: no note for a configuration that may not reach it",
      resources: [
        config("c", { scanType: "BASIC", rules: [] }, under(HOME, {})),
        repo({ region: "eu-west-1", imageScanningConfiguration: { scanOnPush: true } }, under(HOME, {})),
      ],
      violations: 0,
    },
    {
      name: "a repository unscanned either way is a violation whatever the configuration's place",
      resources: [
        config("c", { scanType: "BASIC", rules: [] }, under(HOME, {})),
        repo({ region: "eu-west-1", imageScanningConfiguration: { scanOnPush: false } }, under(HOME, {})),
      ],
      violations: 1,
    },
    {
      name: "provider region unknown at preview: a note",
      resources: [
        config("c", enhancedAll, under(TWIN, { region: UNKNOWN })),
        repo({ imageScanningConfiguration: { scanOnPush: false } }, EAST),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

const VAULT = "aws:backup/vault:Vault";
const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const PLAN = "aws:backup/plan:Plan";
const vault = (place: Partial<StackInput>, props: Record<string, unknown> = {}): StackInput => ({
  type: VAULT,
  name: "v",
  props: { name: "evidence-vault", ...props },
  ...place,
});
const lock = (place: Partial<StackInput>, props: Record<string, unknown> = {}): StackInput => ({
  type: LOCK,
  name: "l",
  props: { backupVaultName: "evidence-vault", changeableForDays: 3, minRetentionDays: 7, ...props },
  propertyDependencies: { backupVaultName: [urnOf(VAULT, "v")] },
  ...place,
});

describe("require-locked-backup-vaults: the provider's region and account", () => {
  stackTable(requireLockedBackupVaults, [
    {
      name: "lock naming the provider's region locks the vault naming none",
      resources: [vault(EAST), lock(EAST, { region: "us-east-1" })],
      violations: 0,
    },
    {
      name: "lock naming another region than the provider's does not",
      resources: [vault(EAST), lock(EAST, { region: "eu-west-1" })],
      violations: 1,
      mentions: "has no vault lock",
    },
    {
      name: "vault under provider A, compliance lock under twin provider B of the same region",
      resources: [vault(EAST), lock(EAST_TWIN)],
      violations: 0,
    },
    {
      name: "twin provider B assuming a role (maybe another account): a note",
      resources: [
        vault(EAST),
        lock(under(TWIN, { region: "us-east-1", assumeRole: { roleArn: "arn:aws:iam::9:role/x" } })),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "twin provider B in another region: the vault has no lock",
      resources: [vault(EAST), lock(under(TWIN, { region: "eu-west-1" }))],
      violations: 1,
      mentions: "has no vault lock",
    },
  ]);
});

describe("require-locked-backup-vaults: copies to an ARN name its account", () => {
  const plan = (arn: string): StackInput => ({
    type: PLAN,
    name: "p",
    props: {
      region: "us-east-1",
      rules: [{ ruleName: "daily", targetVaultName: "vault", copyActions: [{ destinationVaultArn: arn }] }],
    },
    ...EAST,
  });
  const local = { ...vault(EAST, { name: "vault", region: "us-east-1" }) };
  const localLock = lock(EAST, { backupVaultName: "vault", region: "us-east-1" });
  const OTHER_ACCOUNT = "arn:aws:backup:us-east-1:999999999999:backup-vault:vault";
  const OWN_ACCOUNT = "arn:aws:backup:us-east-1:111122223333:backup-vault:vault";
  const inAccount = under(HOME, { region: "us-east-1", allowedAccountIds: ["111122223333"] });
  stackTable(requireLockedBackupVaults, [
    {
      name: "copy to a same-named vault of another account, the stack's vault's account not shown: a note",
      resources: [local, localLock, plan(OTHER_ACCOUNT)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed",
      resources: [local, localLock, plan(OTHER_ACCOUNT)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "copy to another account than the provider's allowed one: outside the stack (a note)",
      resources: [
        { ...local, ...inAccount },
        { ...localLock, ...inAccount },
        { ...plan(OTHER_ACCOUNT), ...inAccount },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "copy to the vault's own account (allowedAccountIds): the stack's locked vault",
      resources: [
        { ...local, ...inAccount },
        { ...localLock, ...inAccount },
        { ...plan(OWN_ACCOUNT), ...inAccount },
      ],
      violations: 0,
    },
    {
      name: "copy to the vault's own account known from its arn",
      resources: [vault(EAST, { name: "vault", region: "us-east-1", arn: OWN_ACCOUNT }), localLock, plan(OWN_ACCOUNT)],
      violations: 0,
    },
    {
      name: "copy to another account than the vault's arn shows: outside the stack (a note)",
      resources: [
        vault(EAST, { name: "vault", region: "us-east-1", arn: OWN_ACCOUNT }),
        localLock,
        plan(OTHER_ACCOUNT),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});
