// Tags that opt a bucket out of backups, or select it for them, do not make it a store of evidence or backups: a key
// that negates ("no-backup", "exclude-from-backup", "SkipBackup", "backup-disabled", "opt-out") marks nothing, and
// "auto-backup" selects the bucket's data for backup. A provider's default tags mark a bucket only by a key naming the
// purpose with a yes value, never by a value naming a word (the provider tags every resource it makes). A value of the
// same opt-out words marks nothing either (`purpose = "no-backup"`), under any key but Name: names never opt out.
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
    // Opt-out values, in the words of the opt-out keys (reverted to reading keys only, these mark evidence).
    [{ purpose: "no-backup" }, "other"],
    [{ purpose: "No Backup" }, "other"],
    [{ purpose: "NoBackup" }, "other"],
    [{ purpose: "nobackups" }, "other"],
    [{ purpose: "not-evidence" }, "other"],
    [{ purpose: "non-forensic" }, "other"],
    [{ purpose: "exclude-from-backup" }, "other"],
    [{ role: "backup-excluded" }, "other"],
    [{ purpose: "skip backup" }, "other"],
    [{ purpose: "backup-disabled" }, "other"],
    [{ purpose: "backup opt-out" }, "other"],
    [{ purpose: " no-backup " }, "other"],
    [{ backup: "no-evidence" }, "other"],
    [{ "backup-store": "no-backup" }, "other"],
    // Opt-out values that name no purpose marked nothing already.
    [{ backup: "none" }, "other"],
    [{ backup: "exclude" }, "other"],
    [{ evidence: "no" }, "other"],
    [{ "backup-store": "false" }, "other"],
    // An opt-out value takes back its own tag only: another tag, or the name, still marks.
    [{ purpose: "no-backup", "hardening:evidence": "true" }, "evidence"],
    // Still marks: "no" that is a number, a negation of something else, or an unknown value under a purpose key.
    [{ purpose: "case-no-4-evidence" }, "evidence"],
    [{ purpose: "evidence-never-delete" }, "evidence"],
    [{ purpose: "backups, not logs" }, "evidence"],
    [{ purpose: UNKNOWN }, "unknown"],
    // A Name tag names; it never opts out.
    [{ Name: "no-backup-archive" }, "evidence"],
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

describe("which buckets hold evidence: names never opt out", () => {
  it.each([
    [{ tags: { purpose: "no-backup" }, bucket: "acme-no-backup-evidence" }, "evidence"],
    [{ tags: { purpose: "no-backup" }, bucketPrefix: "no-backup-" }, "evidence"],
    [{ tags: { purpose: "no-backup" }, bucket: "acme-logs" }, "other"],
  ])("%j: %s", (props, verdict) => {
    expect(classifyBucket(props, "store")).toBe(verdict);
  });

  it("a resource named no-backup still names a backup", () => {
    expect(classifyBucket({ tags: { purpose: "no-backup" } }, "no-backup")).toBe("evidence");
  });
});

describe("require-evidence-s3-default-retention: a purpose tag that opts out", () => {
  const bucket = (tags: unknown, name = "acme-logs"): StackInput => ({
    type: "aws:s3/bucketV2:BucketV2",
    name: "logs",
    props: { bucket: name, tags },
  });
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known good: the bucket opts out, so it needs no lock (reverted, it is an evidence bucket without one).
    { name: 'purpose "no-backup"', resources: [bucket({ purpose: "no-backup" })], violations: 0 },
    { name: 'purpose "not-evidence"', resources: [bucket({ purpose: "not-evidence" })], violations: 0 },
    // Known bad: a purpose naming backups, or an opt-out beside the kit's own marker, still needs a lock.
    { name: 'purpose "nightly-backups"', resources: [bucket({ purpose: "nightly-backups" })], violations: 1 },
    {
      name: 'purpose "no-backup" beside hardening:evidence',
      resources: [bucket({ purpose: "no-backup", "hardening:evidence": "true" })],
      violations: 1,
    },
    {
      name: "a bucket named for evidence",
      resources: [bucket({ purpose: "no-backup" }, "acme-evidence")],
      violations: 1,
    },
  ]);
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
