// A Glacier vault lock keeps archives only by a Deny of glacier:DeleteArchive for everyone, for at least a day of an
// archive's life: a Deny for one principal, or for archives younger than 0 days, keeps nothing.
import { lockPolicyDeniesDeletes } from "../../policies/lib/glacier-lock-policy";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { table, UNKNOWN } from "./harness";

const statement = (overrides: Record<string, unknown>) => ({
  Effect: "Deny",
  Principal: "*",
  Action: "glacier:DeleteArchive",
  Resource: "arn:aws:glacier:us-east-1:123456789012:vaults/evidence-archive",
  ...overrides,
});
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const youngerThan = (days: unknown, operator = "NumericLessThan") => ({
  Condition: { [operator]: { "glacier:ArchiveAgeInDays": days } },
});

describe("lockPolicyDeniesDeletes: principal and condition", () => {
  it.each([
    ["everyone, no condition", policy(statement({})), "yes"],
    ["everyone, a year", policy(statement(youngerThan("365"))), "yes"],
    ["everyone, one day", policy(statement(youngerThan("1"))), "yes"],
    ["everyone, a year as a number", policy(statement(youngerThan(365))), "yes"],
    ["everyone, LessThanEquals 30", policy(statement(youngerThan("30", "NumericLessThanEquals"))), "yes"],
    ['Principal {"AWS": "*"}', policy(statement({ Principal: { AWS: "*" } })), "yes"],
    ['Principal ["*"]', policy(statement({ Principal: ["*"] })), "yes"],
    ['Principal {"AWS": ["*"]}', policy(statement({ Principal: { AWS: ["*"] } })), "yes"],
    ["one IAM user only", policy(statement({ Principal: { AWS: "arn:aws:iam::111122223333:user/nobody" } })), "no"],
    ["no Principal", policy(statement({ Principal: undefined })), "no"],
    ["archives younger than 0 days", policy(statement(youngerThan("0"))), "no"],
    ["archives younger than 0.5 days", policy(statement(youngerThan("0.5"))), "no"],
    ["age not a number", policy(statement(youngerThan("soon"))), "no"],
    ["age unknown at preview", policy(statement(youngerThan(UNKNOWN))), "unknown"],
    ["Principal unknown at preview", policy(statement({ Principal: UNKNOWN })), "unknown"],
    [
      "another condition (source IP) may narrow the Deny",
      policy(statement({ Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })),
      "unknown",
    ],
    [
      "ArchiveAgeInDays under NumericGreaterThan",
      policy(statement(youngerThan("365", "NumericGreaterThan"))),
      "unknown",
    ],
    [
      "a narrow statement beside a full one",
      policy(statement({ Principal: { AWS: "arn:aws:iam::1:user/x" } }), statement(youngerThan("365"))),
      "yes",
    ],
  ])("%s", (_n, doc, expected) => {
    expect(lockPolicyDeniesDeletes(doc)).toBe(expected);
  });
});

const GLACIER_LOCK = "aws:glacier/vaultLock:VaultLock";
const lockWith = (doc: string) => ({ vaultName: "evidence-vault", completeLock: true, policy: doc });

describe("require-evidence-bucket-immutability: Glacier lock policies", () => {
  table(requireEvidenceBucketImmutability, [
    {
      name: "Deny for everyone while younger than 365 days",
      type: GLACIER_LOCK,
      props: lockWith(policy(statement(youngerThan("365")))),
      violations: 0,
    },
    {
      name: "Deny of DeleteArchive only for one IAM user",
      type: GLACIER_LOCK,
      props: lockWith(policy(statement({ Principal: { AWS: "arn:aws:iam::111122223333:user/nobody" } }))),
      violations: 1,
      mentions: "glacier:DeleteArchive",
    },
    {
      name: "Deny only while an archive is younger than 0 days",
      type: GLACIER_LOCK,
      props: lockWith(policy(statement(youngerThan("0")))),
      violations: 1,
    },
    {
      name: "Deny under a source-IP condition: a note",
      type: GLACIER_LOCK,
      props: lockWith(policy(statement({ Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }))),
      violations: 0,
      notes: 1,
    },
  ]);
});
