// Region arguments are names; the providers decide where things are made. The check that both agree can only run once
// the providers answer, so every child waits for it: a mismatch must leave no retained store, key, WORM policy or HBR
// vault behind (with `pulumi up --skip-preview` too), and read as one message naming the argument, its value, the
// provider's region and the fix, not as a property Pulumi failed to serialize.
import * as alicloud from "@pulumi/alicloud";
import { registrationFailures } from "../registration-failures";
import { childrenOf, recorded, REGION, settle } from "./mocks";
import { AuditTrail } from "../../../components/alicloud/auditTrail";
import { ImmutableBackup } from "../../../components/alicloud/immutableBackup";

const shanghai = new alicloud.Provider("rc-shanghai", { region: "cn-shanghai" });
const hangzhou = new alicloud.Provider("rc-hangzhou", { region: REGION });

const backupArgs = (name: string) => ({
  primaryRegion: REGION,
  secondaryRegion: "cn-shanghai",
  secondaryProvider: shanghai,
  bucketName: `acme-${name}-backup`,
  replicaBucketName: `acme-${name}-backup-sh`,
  diskIds: ["d-1"],
  hbrInstanceIds: ["i-1"],
});

/** Only the component itself was registered under `name`: no child at all. */
function expectNothingCreated(name: string, type: string): void {
  expect(recorded.filter((r) => r.name === name).map((r) => r.type)).toEqual([type]);
  expect(childrenOf(name)).toEqual([]);
}

describe("ImmutableBackup region check", () => {
  it.each([
    [
      "a secondaryProvider of the primary's region",
      "rc-bk-standby",
      { secondaryProvider: hangzhou },
      // Passing cn-hangzhou as secondaryRegion would be refused (the same as primaryRegion): only moving the
      // provider is offered.
      [
        'argument "secondaryRegion" is "cn-shanghai"; allowed: the region of secondaryProvider (cn-hangzhou); ' +
          'fix: give secondaryProvider region "cn-shanghai" (cn-hangzhou is also the region of the component\'s ' +
          "provider, and the two must be in different regions)",
      ],
      ["as secondaryRegion"],
    ],
    [
      "both providers in one region, both arguments naming others",
      "rc-bk-one-region",
      { primaryRegion: "cn-beijing", secondaryProvider: hangzhou },
      [
        'argument "primaryRegion" is "cn-beijing"; allowed: the region of the component\'s provider (cn-hangzhou); ' +
          'fix: give the component\'s provider region "cn-beijing" (cn-hangzhou is also the region of ' +
          "secondaryProvider, and the two must be in different regions)",
        'argument "secondaryRegion" is "cn-shanghai"',
        'fix: give secondaryProvider region "cn-shanghai" (cn-hangzhou',
      ],
      ["as primaryRegion", "as secondaryRegion"],
    ],
    [
      "a primaryRegion the component's provider is not in",
      "rc-bk-primary",
      { primaryRegion: "cn-beijing" },
      [
        'argument "primaryRegion" is "cn-beijing"; allowed: the region of the component\'s provider (cn-hangzhou); ' +
          'fix: pass "cn-hangzhou" as primaryRegion, or give the component\'s provider region "cn-beijing"',
      ],
      [],
    ],
    [
      "both regions named wrong",
      "rc-bk-both",
      { primaryRegion: "cn-beijing", secondaryRegion: "cn-shenzhen" },
      // The providers are in two regions, so passing each provider's region works for both at once.
      [
        '1. argument "primaryRegion" is "cn-beijing"',
        'fix: pass "cn-hangzhou" as primaryRegion',
        '2. argument "secondaryRegion" is "cn-shenzhen"',
        'fix: pass "cn-shanghai" as secondaryRegion',
      ],
      [],
    ],
  ])("with %s registers no child, HBR vault and keys included", async (_how, name, changed, parts, absent) => {
    const failures = await registrationFailures(async () => {
      new ImmutableBackup(name, { ...backupArgs(name), ...changed });
      await settle();
    });
    expectNothingCreated(name, "hardening:alicloud:ImmutableBackup");
    expect(failures).toHaveLength(1);
    const problems = parts.filter((part) => part.includes('argument "')).length;
    expect(failures[0]).toMatch(new RegExp(`^ImmutableBackup "${name}": ${problems} invalid argument`));
    for (const part of parts) expect(failures[0]).toContain(part);
    for (const fix of absent) expect(failures[0]).not.toContain(`fix: pass "cn-hangzhou" ${fix}`);
    expect(failures[0]).not.toContain("error serializing");
  });

  it("creates every child, the HBR vault, plans and both keys included, when the providers agree", async () => {
    const name = "rc-bk-good";
    const failures = await registrationFailures(async () => {
      new ImmutableBackup(name, backupArgs(name));
      await settle();
    });
    expect(failures).toEqual([]);
    const types = childrenOf(name).map((r) => r.type);
    for (const type of [
      "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy",
      "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment",
      "alicloud:hbr/vault:Vault",
      "alicloud:hbr/ecsBackupPlan:EcsBackupPlan",
      "alicloud:oss/bucketWorm:BucketWorm",
      "alicloud:oss/bucketReplication:BucketReplication",
    ]) {
      expect(types).toContain(type);
    }
    expect(types.filter((t) => t === "alicloud:kms/key:Key")).toHaveLength(2);
    // Waiting for the check leaves the values as they were.
    const policy = childrenOf(name).find((r) => r.name === `${name}-snapshots`)!;
    expect(policy.inputs.targetCopyRegions).toEqual(["cn-shanghai"]);
    const replica = childrenOf(name).find((r) => r.name === `${name}-replica`)!;
    expect(replica.inputs.bucket).toBe(`acme-${name}-backup-sh`);
    expect(replica.provider).toBe("rc-shanghai");
  });
});

describe("AuditTrail region check", () => {
  it("with a region the provider is not in registers no child: no project, logstore, key, bucket or WORM", async () => {
    const name = "rc-trail-bad";
    const failures = await registrationFailures(async () => {
      new AuditTrail(name, { bucketName: `acme-${name}`, region: "cn-shanghai" });
      await settle();
    });
    expectNothingCreated(name, "hardening:alicloud:AuditTrail");
    expect(failures).toEqual([
      `AuditTrail "${name}": 1 invalid argument:\n` +
        '  1. argument "region" is "cn-shanghai"; allowed: the region of the component\'s provider (cn-hangzhou), ' +
        'where the SLS project is made; fix: pass "cn-hangzhou" as region, or give the component\'s provider ' +
        'region "cn-shanghai"',
    ]);
  });

  it.each([
    ["the provider's region given", "rc-trail-given", { region: REGION }],
    ["no region", "rc-trail-default", {}],
    ["a region and a provider of that region", "rc-trail-shanghai", { region: "cn-shanghai", provider: shanghai }],
  ])("creates every child with %s", async (_how, name, changed) => {
    const { provider, ...args } = changed as { region?: string; provider?: alicloud.Provider };
    const failures = await registrationFailures(async () => {
      new AuditTrail(name, { bucketName: `acme-${name}`, ...args }, { provider });
      await settle();
    });
    expect(failures).toEqual([]);
    const types = childrenOf(name).map((r) => r.type);
    for (const type of [
      "alicloud:log/project:Project",
      "alicloud:log/store:Store",
      "alicloud:kms/key:Key",
      "alicloud:oss/bucket:Bucket",
      "alicloud:oss/bucketWorm:BucketWorm",
      "alicloud:actiontrail/trail:Trail",
    ]) {
      expect(types).toContain(type);
    }
    const trail = childrenOf(name).find((r) => r.type === "alicloud:actiontrail/trail:Trail")!;
    expect(trail.inputs.slsProjectArn).toBe(
      `acs:log:${args.region ?? REGION}:1234567890123456:project/${name}-actiontrail`,
    );
  });
});
