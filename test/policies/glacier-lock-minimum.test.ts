// A Glacier vault lock denying deletion while an archive is younger than N days keeps it N days: the lock of an
// evidence vault must keep archives the evidence minimum (30 days by default), as a bucket's default retention must.
import { glacierLockGaps, lockPolicyDeniesDeletes } from "../../policies/lib/glacier-lock-policy";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { table, UNKNOWN } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const denyWhileYounger = (days: unknown, operator = "NumericLessThan") => ({
  Effect: "Deny",
  Principal: "*",
  Action: "glacier:DeleteArchive",
  Resource: "*",
  Condition: { [operator]: { "glacier:ArchiveAgeInDays": days } },
});
const DENY_ALWAYS = { Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*" };
/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("lockPolicyDeniesDeletes: the days a Deny keeps an archive, against a minimum", () => {
  it.each([
    ["younger than 1 day, minimum 30", policy(denyWhileYounger("1")), 30, "no"],
    ["younger than 29 days, minimum 30", policy(denyWhileYounger("29")), 30, "no"],
    ["younger than 30 days, minimum 30", policy(denyWhileYounger("30")), 30, "yes"],
    ["younger than 30 days as a number, minimum 30", policy(denyWhileYounger(30)), 30, "yes"],
    ["LessThanEquals 30, minimum 30", policy(denyWhileYounger("30", "NumericLessThanEquals")), 30, "yes"],
    ["LessThanEquals 29, minimum 30", policy(denyWhileYounger("29", "NumericLessThanEquals")), 30, "no"],
    ["a list of ages: the longest holds", policy(denyWhileYounger(["1", "30"])), 30, "yes"],
    ["a one-day Deny beside a year-long one", policy(denyWhileYounger("1"), denyWhileYounger("365")), 30, "yes"],
    ["no condition: always denied", policy(DENY_ALWAYS), 30, "yes"],
    ["age unknown at preview", policy(denyWhileYounger(UNKNOWN)), 30, "unknown"],
    [
      "a one-day Deny beside one of unknown age",
      policy(denyWhileYounger("1"), denyWhileYounger(UNKNOWN)),
      30,
      "unknown",
    ],
    ["younger than 1 day with no minimum named (one day)", policy(denyWhileYounger("1")), undefined, "yes"],
  ])("%s", (_n, doc, minDays, expected) => {
    expect(lockPolicyDeniesDeletes(doc, minDays)).toBe(expected);
  });

  it("names the short Deny and the minimum", () => {
    const gaps = glacierLockGaps({ completeLock: true, policy: policy(denyWhileYounger("1")) }, 30);
    expect(gaps).toHaveLength(1);
    expect(gaps[0].unverifiable).toBeFalsy();
    expect(gaps[0].message).toContain("denies glacier:DeleteArchive for fewer than 30 days");
    expect(gaps[0].message).toContain("glacier:ArchiveAgeInDays");
  });

  it("a configured minimum other than the default applies", () => {
    const lock = (days: string) => ({ completeLock: true, policy: policy(denyWhileYounger(days)) });
    expect(glacierLockGaps(lock("9"), 10)).toHaveLength(1);
    expect(glacierLockGaps(lock("10"), 10)).toHaveLength(0);
  });
});

const VAULT = "aws:glacier/vault:Vault";
const LOCK = "aws:glacier/vaultLock:VaultLock";
const evidenceVault = {
  type: VAULT,
  name: "archive",
  props: { name: "archive-2024", tags: { "hardening:evidence": "true" } },
};
const lockRow = (name: string, doc: string, violations: number, more: Partial<StackCase> = {}): StackCase => ({
  name,
  resources: [
    evidenceVault,
    { type: LOCK, name: "archive-lock", props: { vaultName: "archive-2024", completeLock: true, policy: doc } },
  ],
  violations,
  ...more,
});

describe("require-evidence-s3-default-retention: a Glacier evidence vault's lock keeps archives the minimum", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    lockRow("a Deny while younger than 1 day", policy(denyWhileYounger("1")), 1, {
      mentions: "vault lock archive-lock: policy denies glacier:DeleteArchive for fewer than 30 days",
    }),
    lockRow("a Deny while younger than 29 days", policy(denyWhileYounger("29")), 1),
    lockRow("a Deny while at most 29 days old", policy(denyWhileYounger("29", "NumericLessThanEquals")), 1),
    // Known good.
    lockRow("a Deny while younger than 30 days (exactly the minimum)", policy(denyWhileYounger("30")), 0),
    lockRow("a Deny while younger than 365 days", policy(denyWhileYounger("365")), 0),
    lockRow("an unconditional Deny", policy(DENY_ALWAYS), 0),
    lockRow("a one-day Deny beside a year-long one", policy(denyWhileYounger("1"), denyWhileYounger("365")), 0),
    // The rule's configured minimum applies to the lock too.
    lockRow("a 30-day Deny under minRetentionDays 90", policy(denyWhileYounger("30")), 1, {
      config: { minRetentionDays: 90 },
      mentions: "fewer than 90 days",
    }),
    lockRow("a 90-day Deny under minRetentionDays 90", policy(denyWhileYounger("90")), 0, {
      config: { minRetentionDays: 90 },
    }),
    // Unknown at preview.
    lockRow("a Deny of an age unknown at preview is a note", policy(denyWhileYounger(UNKNOWN)), 0, { notes: 1 }),
  ]);
});

describe("require-evidence-bucket-immutability: a Glacier lock alone is held to the evidence minimum", () => {
  // The per-resource rule reads the same predicate as the stack rule, at EVIDENCE_RETENTION_DAYS (30).
  const lockOf = (vaultName: unknown, doc: unknown, completeLock: unknown = true) => ({
    vaultName,
    completeLock,
    policy: doc,
  });
  table(requireEvidenceBucketImmutability, [
    // Known bad: shorter than the minimum (reverted to a one-day minimum, the first two pass).
    {
      name: "a Deny while younger than 1 day",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger("1"))),
      violations: 1,
      mentions: "denies glacier:DeleteArchive for fewer than 30 days",
    },
    {
      name: "a Deny while younger than 29 days, as a number",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger(29))),
      violations: 1,
      mentions: "fewer than 30 days",
    },
    {
      name: "a Deny while at most 29 days old",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger("29", "NumericLessThanEquals"))),
      violations: 1,
    },
    {
      name: "a Deny while younger than 0 days",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger("0"))),
      violations: 1,
      mentions: "for at least 30 days of an archive's life",
    },
    {
      name: "a one-day Deny, the policy given as an object",
      type: LOCK,
      props: lockOf("evidence-archive", { Version: "2012-10-17", Statement: [denyWhileYounger("1")] }),
      violations: 1,
    },
    {
      name: "a one-day Deny in a secret policy",
      type: LOCK,
      props: lockOf("evidence-archive", secret(policy(denyWhileYounger("1")))),
      violations: 1,
    },
    // Known good.
    {
      name: "a Deny while younger than 30 days (exactly the minimum)",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger("30"))),
      violations: 0,
    },
    {
      name: "a Deny while younger than 365 days",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger(365))),
      violations: 0,
    },
    {
      name: "an unconditional Deny",
      type: LOCK,
      props: lockOf("evidence-archive", policy(DENY_ALWAYS)),
      violations: 0,
    },
    {
      name: "a 30-day Deny in a secret policy",
      type: LOCK,
      props: lockOf("evidence-archive", secret(policy(denyWhileYounger("30")))),
      violations: 0,
    },
    {
      name: "a one-day Deny on a vault not named as evidence is not this rule's to judge",
      type: LOCK,
      props: lockOf("media-archive", policy(denyWhileYounger("1"))),
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "an age unknown at preview is a note",
      type: LOCK,
      props: lockOf("evidence-archive", policy(denyWhileYounger(UNKNOWN))),
      violations: 0,
      notes: 1,
    },
    {
      name: "a one-day Deny on a vault whose name is unknown at preview is a note",
      type: LOCK,
      props: lockOf(UNKNOWN, policy(denyWhileYounger("1"))),
      violations: 0,
      notes: 1,
    },
  ]);
});
