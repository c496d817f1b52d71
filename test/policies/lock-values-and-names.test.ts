// Lock configurations whose target is a known value that is no name (a list, an object, a number) lock nothing, and
// notes naming many possible locks stay short: a few names and how many more.
import { namedList } from "../../policies/lib/named-list";
import { shorterThanRequired } from "../../policies/lib/password-proofs";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const RANDOM = "random:index/randomString:RandomString";
const evidence: StackInput = {
  type: S3,
  name: "evidence",
  props: { bucket: "acme-evidence", objectLockEnabled: true },
};
const lockOf = (bucket: unknown, name = "l"): StackInput => ({
  type: LOCK,
  name,
  props: { bucket, rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  propertyDependencies: { bucket: [urnOf(S3, "evidence")] },
});

describe("require-evidence-s3-default-retention: a lock's bucket that is no name", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    { name: "bucket [] with the dependency", resources: [evidence, lockOf([])], violations: 1 },
    { name: "bucket {} with the dependency", resources: [evidence, lockOf({})], violations: 1 },
    { name: "bucket 7 with the dependency", resources: [evidence, lockOf(7)], violations: 1 },
    { name: "bucket unknown at preview with the dependency", resources: [evidence, lockOf(UNKNOWN)], violations: 0 },
    { name: "bucket named as the bucket", resources: [evidence, lockOf("acme-evidence")], violations: 0 },
  ]);
});

describe("notes naming possible locks", () => {
  it("names three and counts the rest", () => {
    const items = ["a", "b", "c", "d", "e"].map((name) => ({ name }));
    expect(namedList("lock configuration", items)).toBe("lock configurations a, b, c and 2 more");
    expect(namedList("lock configuration", items.slice(0, 1))).toBe("lock configuration a");
    expect(namedList("lock configuration", items.slice(0, 3))).toBe("lock configurations a, b, c");
  });

  it("a note over 300 possible vault locks stays short", async () => {
    const S = [urnOf(RANDOM, "sfx")];
    const resources: StackInput[] = [
      { type: RANDOM, name: "sfx", props: {} },
      { type: "aws:backup/vault:Vault", name: "vault", props: { name: UNKNOWN }, propertyDependencies: { name: S } },
    ];
    for (let i = 0; i < 300; i++)
      resources.push({
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        name: `lock-number-${i}`,
        props: { backupVaultName: UNKNOWN, changeableForDays: 3 },
        propertyDependencies: { backupVaultName: S },
      });
    const ds = await runStack(requireLockedBackupVaults, resources);
    expect(ds).toHaveLength(1);
    const note = ds[0].message.split("\n").pop() ?? "";
    expect(note).toContain("lock-number-0, lock-number-1, lock-number-2 and 297 more");
    expect(note.length).toBeLessThan(600);
  });
});

describe("password length wording", () => {
  it.each([
    [1, "password is 1 character, fewer"],
    [2, "password is 2 characters, fewer"],
    [0, "password is 0 characters, fewer"],
  ])("%d", (length, text) => {
    const [finding] = shorterThanRequired("password", length, 14, "the RAM account password policy");
    expect(finding.message).toContain(text);
  });
});
