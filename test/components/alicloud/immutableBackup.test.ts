import * as alicloud from "@pulumi/alicloud";
import { childrenOf, one, ofType, options, recordOptions, settle, thrown } from "./mocks";
import { ImmutableBackup } from "../../../components/alicloud/immutableBackup";
import { assertProviderRegions } from "../../../components/alicloud/zones";
import { invokes } from "./mocks";

describe("ImmutableBackup", () => {
  const secondary = new alicloud.Provider("shanghai", { region: "cn-shanghai" });
  beforeAll(async () => {
    new ImmutableBackup(
      "bk",
      {
        primaryRegion: "cn-hangzhou",
        secondaryRegion: "cn-shanghai",
        secondaryProvider: secondary,
        bucketName: "acme-backup",
        replicaBucketName: "acme-backup-sh",
        diskIds: ["d-1", "d-2"],
        hbrInstanceIds: ["i-app"],
      },
      { transformations: [recordOptions] },
    );
    await settle();
  });

  it("snapshots daily and copies snapshots to the second region", () => {
    expect(one("bk", "alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy").inputs).toMatchObject({
      timePoints: ["2"],
      repeatWeekdays: ["1", "2", "3", "4", "5", "6", "7"],
      retentionDays: 30,
      enableCrossRegionCopy: true,
      targetCopyRegions: ["cn-shanghai"],
      copiedSnapshotsRetentionDays: 30,
    });
    expect(
      ofType("bk", "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment").map(
        (a) => a.inputs.diskId,
      ),
    ).toEqual(["d-1", "d-2"]);
  });

  it("backs instances up with HBR into a WORM vault", () => {
    expect(one("bk", "alicloud:hbr/vault:Vault").inputs.wormEnabled).toBe(true);
    expect(one("bk", "alicloud:hbr/ecsBackupPlan:EcsBackupPlan").inputs).toMatchObject({
      instanceId: "i-app",
      vaultId: "bk-vault-id",
      retention: "30",
    });
    expect(options.get("bk-vault")?.retainOnDelete).toBe(true);
  });

  it("locks both buckets with WORM and creates the replica through the second-region provider", () => {
    const worms = ofType("bk", "alicloud:oss/bucketWorm:BucketWorm");
    expect(worms.map((w) => [w.inputs.bucket, w.inputs.retentionPeriodInDays, w.inputs.status, w.provider])).toEqual([
      ["acme-backup", 30, "Locked", undefined],
      ["acme-backup-sh", 30, "Locked", "shanghai"],
    ]);
    const buckets = ofType("bk", "alicloud:oss/bucket:Bucket");
    expect(buckets.map((b) => [b.inputs.bucket, b.inputs.versioning.status, b.provider])).toEqual([
      ["acme-backup", "Enabled", undefined],
      ["acme-backup-sh", "Enabled", "shanghai"],
    ]);
    expect(ofType("bk", "alicloud:kms/key:Key").map((k) => [k.name, k.provider])).toEqual([
      ["bk-bucket-key", undefined],
      ["bk-replica-key", "shanghai"],
    ]);
    for (const name of ["bk-bucket", "bk-replica", "bk-bucket-worm", "bk-replica-worm"]) {
      expect(options.get(name)?.retainOnDelete).toBe(true);
    }
  });

  it("replicates new objects (not deletions) to the second region", () => {
    expect(one("bk", "alicloud:oss/bucketReplication:BucketReplication").inputs).toMatchObject({
      bucket: "acme-backup",
      action: "PUT",
      historicalObjectReplication: "enabled",
      destination: { bucket: "acme-backup-sh", location: "oss-cn-shanghai" },
      encryptionConfiguration: { replicaKmsKeyId: "bk-replica-key-id" },
    });
  });

  it("reads both providers' regions before it stores or copies anything", () => {
    const current = invokes.filter((i) => i.token === "alicloud:index/getRegions:getRegions" && i.inputs.current);
    expect(current.length).toBeGreaterThanOrEqual(2);
    // The checked values reach the cross-region children unchanged.
    expect(ofType("bk", "alicloud:oss/bucket:Bucket").map((b) => b.inputs.bucket)).toEqual([
      "acme-backup",
      "acme-backup-sh",
    ]);
  });

  it.each([
    [
      "a standby provider in the primary's region",
      [{ argument: "secondaryRegion", declared: "cn-shanghai", provider: "secondaryProvider", actual: "cn-hangzhou" }],
      'argument "secondaryRegion" is "cn-shanghai"; allowed: the region of secondaryProvider (cn-hangzhou); ' +
        'fix: pass "cn-hangzhou" as secondaryRegion, or give secondaryProvider region "cn-shanghai"',
    ],
    [
      "a component provider in another region than primaryRegion",
      [
        {
          argument: "primaryRegion",
          declared: "cn-hangzhou",
          provider: "the component's provider",
          actual: "cn-shanghai",
        },
      ],
      'argument "primaryRegion" is "cn-hangzhou"; allowed: the region of the component\'s provider (cn-shanghai)',
    ],
  ])("refuses %s once the regions are read", (_label, pairs, text) => {
    expect(() => assertProviderRegions('ImmutableBackup "bk"', pairs)).toThrow(text);
  });

  it("accepts providers whose regions match, and a region the invoke cannot tell", () => {
    expect(() =>
      assertProviderRegions('ImmutableBackup "bk"', [
        { argument: "primaryRegion", declared: "cn-hangzhou", provider: "p", actual: "cn-hangzhou" },
        { argument: "secondaryRegion", declared: "cn-shanghai", provider: "s", actual: undefined },
      ]),
    ).not.toThrow();
  });

  it("rejects a 'second' region equal to the first and short retention together, creating nothing", () => {
    const message = thrown(
      () =>
        new ImmutableBackup("bad", {
          primaryRegion: "cn-hangzhou",
          secondaryRegion: "cn-hangzhou",
          secondaryProvider: secondary,
          bucketName: "same-name",
          replicaBucketName: "same-name",
          retentionDays: 1,
          snapshotHours: [25],
        }),
    );
    for (const arg of ["secondaryRegion", "replicaBucketName", "retentionDays", "snapshotHours"]) {
      expect(message).toContain(`argument "${arg}"`);
    }
    expect(message).toContain("4 invalid arguments");
    expect(childrenOf("bad")).toEqual([]);
  });
});
