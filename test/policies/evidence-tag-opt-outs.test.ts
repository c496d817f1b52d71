// Tags that opt a bucket out of backups, or select it for them, do not make it a store of evidence or backups: a key
// that negates ("no-backup", "exclude-from-backup", "SkipBackup", "backup-disabled", "opt-out") marks nothing, and
// "auto-backup" selects the bucket's data for backup. A provider's default tags mark a bucket only by a key naming the
// purpose with a yes value, never by a value naming a word (the provider tags every resource it makes).
import { classifyBucket } from "../../policies/lib/evidence";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { StackInput, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";

describe("which buckets hold evidence: opt-out and selection tags", () => {
  it.each([
    // Opt-outs: whatever the value.
    [{ "exclude-from-backup": "on" }, "other"],
    [{ "no-backup": "yes" }, "other"],
    [{ "skip-backup": "true" }, "other"],
    [{ "backup-disabled": "true" }, "other"],
    [{ "disable-backup": "true" }, "other"],
    [{ "opt-out": "backup" }, "other"],
    [{ "backup-opt-out": "forensics" }, "other"],
    [{ NoBackup: "true" }, "other"],
    [{ SkipBackup: "yes" }, "other"],
    [{ ExcludeFromBackup: "true" }, "other"],
    [{ nobackup: "1" }, "other"],
    [{ "acme:no-backup": "true" }, "other"],
    [{ "without-backup": "y" }, "other"],
    [{ "evidence-excluded": "true" }, "other"],
    [{ "no-backup": UNKNOWN }, "other"],
    // A backup selection: the data is backed up, the bucket is no store.
    [{ "auto-backup": "y" }, "other"],
    [{ AutoBackup: "true" }, "other"],
    [{ "automated-backup": "enabled" }, "other"],
    [{ "auto-backup": "forensic-evidence" }, "evidence"],
    // Still marks: the purpose with a yes, or "no" that is a number.
    [{ "backup-store": "yes" }, "evidence"],
    [{ "hardening:evidence": "true" }, "evidence"],
    [{ "case-no": "forensics-2024" }, "evidence"],
    [{ notes: "forensic evidence" }, "evidence"],
    [{ "no-backup": "true", purpose: "evidence" }, "evidence"],
  ])("tags %j: %s", (tags, verdict) => {
    expect(classifyBucket({ tags }, "store")).toBe(verdict);
  });
});

describe("require-evidence-s3-default-retention: provider default tags naming a team or project", () => {
  const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::site";
  const site = (defaults: Record<string, unknown>): StackInput => ({
    type: "aws:s3/bucketV2:BucketV2",
    name: "site",
    props: { bucket: "acme-site", acl: "public-read" },
    provider: PROVIDER,
    providerProps: { defaultTags: JSON.stringify({ tags: defaults }) },
  });
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known good: the defaults say whose the bucket is, not what it holds.
    { name: 'Team "forensics-lab"', resources: [site({ Team: "forensics-lab" })], violations: 0 },
    { name: 'Project "backup-portal"', resources: [site({ Project: "backup-portal" })], violations: 0 },
    { name: 'purpose "evidence"', resources: [site({ purpose: "evidence" })], violations: 0 },
    // Known bad: a default key naming the purpose with a yes value marks every bucket of the provider.
    { name: '"backup-store" "yes"', resources: [site({ "backup-store": "yes" })], violations: 2 },
    { name: '"hardening:evidence" "true"', resources: [site({ "hardening:evidence": "true" })], violations: 2 },
  ]);
});
