// HBR backup plans keep backups beyond the plan's own retention: each rule of an OTS plan for its own retention, and
// copies in another region (doCopy) for destinationRetention. Each is held to minRetentionDays (7 by default).
import { requireBackupVaultLockCompliance } from "../../policies/rules/require-backup-vault-lock-compliance";
import { Case, run, table, UNKNOWN } from "./harness";

/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const OTS_PLAN = "alicloud:hbr/otsBackupPlan:OtsBackupPlan";
const SERVER_PLAN = "alicloud:hbr/serverBackupPlan:ServerBackupPlan";
const NAS_PLAN = "alicloud:hbr/nasBackupPlan:NasBackupPlan";

const otsRule = (fields: Record<string, unknown> = {}) => ({
  ruleName: "daily",
  backupType: "COMPLETE",
  schedule: "I|1602673264|P1D",
  retention: "30",
  ...fields,
});
const otsPlan = (rules: unknown): Case["props"] => ({ vaultId: "v-1", retention: "30", rules });
const otsRow = (name: string, rules: unknown, violations: number, more: Partial<Case> = {}): Case => ({
  name,
  type: OTS_PLAN,
  props: otsPlan(rules),
  violations,
  ...more,
});

const detail = (fields: Record<string, unknown> = {}) => ({ appConsistent: true, snapshotGroup: true, ...fields });
const copyTo = (destinationRetention: unknown, fields: Record<string, unknown> = {}) =>
  detail({ doCopy: true, destinationRegionId: "cn-shanghai", destinationRetention, ...fields });
const serverRow = (name: string, details: unknown, violations: number, more: Partial<Case> = {}): Case => ({
  name,
  type: SERVER_PLAN,
  props: { instanceId: "i-1", schedule: "I|1602673264|PT2H", retention: 30, details },
  violations,
  ...more,
});

describe("require-backup-vault-lock-compliance: each rule of an HBR OTS plan", () => {
  table(requireBackupVaultLockCompliance, [
    // Known bad.
    otsRow("a rule keeping its backups one day", [otsRule({ retention: "1" })], 1, {
      mentions: 'rules[0] (daily).retention is "1": the rule\'s backups are deleted before 7 days',
    }),
    otsRow("a rule one day short of the minimum", [otsRule({ retention: "6" })], 1),
    otsRow("the second rule short", [otsRule(), otsRule({ ruleName: "hourly", retention: 2 })], 1, {
      mentions: "rules[1] (hourly).retention is 2",
    }),
    otsRow("a disabled rule is judged too", [otsRule({ retention: "1", disabled: true })], 1),
    otsRow("a rule without a name is named by its index", [otsRule({ ruleName: undefined, retention: "3" })], 1, {
      mentions: 'rules[0].retention is "3"',
    }),
    otsRow("a retention that is no number", [otsRule({ retention: "a week" })], 1),
    otsRow("a retention of 0", [otsRule({ retention: "0" })], 1),
    otsRow("a retention of -1", [otsRule({ retention: -1 })], 1, { mentions: "a negative count of days" }),
    {
      name: "a short rule beside a short plan: each is its own violation",
      type: OTS_PLAN,
      props: { vaultId: "v-1", retention: "1", rules: [otsRule({ retention: "1" })] },
      violations: 2,
    },
    // Known good.
    otsRow("a rule kept exactly the minimum", [otsRule({ retention: "7" })], 0),
    otsRow("a rule kept exactly the minimum, as a number", [otsRule({ retention: 7 })], 0),
    otsRow("rules kept 30 and 365 days", [otsRule(), otsRule({ ruleName: "weekly", retention: "365" })], 0),
    otsRow("a rule without its own retention keeps the plan's", [otsRule({ retention: undefined })], 0),
    otsRow('a rule whose retention is "" keeps the plan\'s (the provider sends none)', [otsRule({ retention: "" })], 0),
    otsRow("a plan without rules", undefined, 0),
    // Unknown at preview.
    otsRow("a rule's retention unknown at preview is a note", [otsRule({ retention: UNKNOWN })], 0, { notes: 1 }),
    otsRow("a rule unknown at preview is a note", [UNKNOWN], 0, { notes: 1 }),
    otsRow("the rules unknown at preview are a note", UNKNOWN, 0, { notes: 1 }),
    // Any HBR plan with rules is read the same way.
    {
      name: "a NAS plan's rule keeping its backups two days",
      type: NAS_PLAN,
      props: { vaultId: "v-1", retention: "30", rules: [{ ruleName: "daily", retention: 2 }] },
      violations: 1,
      mentions: "rules[0] (daily).retention is 2",
    },
  ]);
});

describe("require-backup-vault-lock-compliance: HBR copies to another region", () => {
  table(requireBackupVaultLockCompliance, [
    // Known bad.
    serverRow("copies kept one day", [copyTo(1)], 1, {
      mentions: "details[0].destinationRetention is 1: the copies in cn-shanghai (doCopy) are deleted before 7 days",
    }),
    serverRow("copies kept one day short of the minimum", [copyTo(6)], 1, {
      // Once set, destinationRetention cannot be emptied (the provider's docs): the fix is a longer retention.
      mentions: "raise destinationRetention to at least 7 days",
    }),
    serverRow('copies kept "2" days (a string)', [copyTo("2")], 1, { mentions: 'destinationRetention is "2"' }),
    serverRow('doCopy as the string "true"', [copyTo(1, { doCopy: "true" })], 1),
    serverRow("copies kept 0 days", [copyTo(0)], 1),
    // A negative count is documented nowhere for HBR (reverted to accepting -1, these two pass).
    serverRow("copies kept -1 days (undocumented)", [copyTo(-1)], 1, {
      mentions: "details[0].destinationRetention is -1: a negative count of days is no retention HBR documents",
    }),
    serverRow('copies kept "-1" days (a string)', [copyTo("-1")], 1, { mentions: 'destinationRetention is "-1"' }),
    serverRow("copies kept -30 days", [copyTo(-30)], 1),
    serverRow("copies kept a secret -1 days", [copyTo(secret(-1))], 1),
    serverRow("doCopy unknown, copies kept -1 days: a note", [copyTo(-1, { doCopy: UNKNOWN })], 0, {
      notes: 1,
      mentions: "names no documented retention",
    }),
    serverRow("copies without a named region, kept one day", [copyTo(1, { destinationRegionId: undefined })], 1, {
      mentions: "details[0].destinationRetention is 1: the copies (doCopy)",
    }),
    serverRow("the second detail copies for a day", [detail(), copyTo(1)], 1, { mentions: "details[1]" }),
    {
      name: "a plan rule copying for a day",
      type: NAS_PLAN,
      props: {
        vaultId: "v-1",
        retention: "30",
        rules: [{ ruleName: "daily", retention: 30, doCopy: true, destinationRetention: 1 }],
      },
      violations: 1,
      mentions: "rules[0] (daily).destinationRetention is 1",
    },
    // Known good.
    serverRow("copies kept exactly the minimum", [copyTo(7)], 0),
    serverRow("copies kept 30 days", [copyTo(30)], 0),
    serverRow("copies kept a secret 30 days", [copyTo(secret(30))], 0),
    serverRow("copies kept forever (destinationRetention left out)", [copyTo(undefined)], 0),
    serverRow("no copy (doCopy false): destinationRetention is not used", [copyTo(1, { doCopy: false })], 0),
    serverRow("no copy (doCopy left out): destinationRetention is not used", [copyTo(1, { doCopy: undefined })], 0),
    serverRow("a region named without doCopy makes no copy", [detail({ destinationRegionId: "cn-shanghai" })], 0),
    serverRow("no copy settings at all", [detail()], 0),
    // Unknown at preview.
    serverRow("copies kept for a number of days unknown at preview: a note", [copyTo(UNKNOWN)], 0, { notes: 1 }),
    serverRow("doCopy unknown, copies kept one day: a note", [copyTo(1, { doCopy: UNKNOWN })], 0, { notes: 1 }),
    serverRow("doCopy unknown, copies kept 30 days", [copyTo(30, { doCopy: UNKNOWN })], 0),
    serverRow("doCopy false, destinationRetention unknown", [copyTo(UNKNOWN, { doCopy: false })], 0),
    serverRow("a detail unknown at preview is a note", [UNKNOWN], 0, { notes: 1 }),
    serverRow("the details unknown at preview are a note", UNKNOWN, 0, { notes: 1 }),
  ]);
});

describe("require-backup-vault-lock-compliance: HBR rule retention follows minRetentionDays", () => {
  const config = { minRetentionDays: 30 };
  it.each([
    ["an OTS rule kept 29 days", OTS_PLAN, otsPlan([otsRule({ retention: "29" })]), 1],
    ["an OTS rule kept 30 days", OTS_PLAN, otsPlan([otsRule({ retention: "30" })]), 0],
    ["copies kept 29 days", SERVER_PLAN, { retention: 30, details: [copyTo(29)] }, 1],
    ["copies kept 30 days", SERVER_PLAN, { retention: 30, details: [copyTo(30)] }, 0],
  ])("%s", async (_n, type, props, violations) => {
    const ds = await run(requireBackupVaultLockCompliance, type, props, { config });
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(violations);
    for (const d of ds) expect(d.message).toContain("before 30 days");
  });
});

const HBR_POLICY = "alicloud:hbr/policy:Policy";

const backupRule = (fields: Record<string, unknown> = {}) => ({
  ruleType: "BACKUP",
  backupType: "COMPLETE",
  schedule: "I|1631685600|P1D",
  retention: 30,
  vaultId: "v-1",
  ...fields,
});
const keep = (advancedRetentionType: unknown, retention: unknown) => ({ advancedRetentionType, retention });
const transition = (retentionRules: unknown, fields: Record<string, unknown> = {}) => ({
  ruleType: "TRANSITION",
  retention: 365,
  archiveDays: 30,
  retentionRules,
  ...fields,
});
const policyRow = (name: string, rules: unknown, violations: number, more: Partial<Case> = {}): Case => ({
  name,
  type: HBR_POLICY,
  props: { policyName: "evidence-backups", policyType: "STANDARD", rules },
  violations,
  ...more,
});

describe("require-backup-vault-lock-compliance: every retention of an HBR backup policy's rules", () => {
  table(requireBackupVaultLockCompliance, [
    // Known bad: advanced retention (reverted to reading only rules[].retention, these pass).
    policyRow("weekly backups kept one day", [backupRule(), transition([keep("WEEKLY", 1)])], 1, {
      mentions: "rules[1].retentionRules[0] (WEEKLY).retention is 1: the backups it keeps are deleted before 7 days",
    }),
    policyRow("the second retention rule short", [transition([keep("MONTHLY", 365), keep("DAILY", "3")])], 1, {
      mentions: 'retentionRules[1] (DAILY).retention is "3"',
    }),
    policyRow("a secret retention rule kept one day", [transition([keep("WEEKLY", secret(1))])], 1),
    policyRow("secret retention rules, one kept one day", [transition(secret([keep("DAILY", 1)]))], 1),
    policyRow("a retention rule of 0 days", [transition([keep("YEARLY", 0)])], 1),
    policyRow("a retention rule of -1 days", [transition([keep("WEEKLY", -1)])], 1, {
      mentions: "a negative count of days is no retention HBR documents",
    }),
    policyRow("a retention rule that is no number", [transition([keep("WEEKLY", "a month")])], 1),
    policyRow("a retention rule without a type is named by its index", [transition([keep(undefined, 2)])], 1, {
      mentions: "rules[0].retentionRules[0].retention is 2",
    }),
    policyRow(
      "a short rule and a short retention rule: each its own",
      [backupRule({ retention: 1 }), transition([keep("WEEKLY", 1)])],
      2,
    ),
    policyRow("a backup rule kept -1 days", [backupRule({ retention: -1 })], 1, {
      mentions: "rules[0].retention is -1",
    }),
    policyRow('a backup rule kept "2" days', [backupRule({ retention: "2" })], 1, {
      mentions: 'rules[0].retention is "2"',
    }),
    // Known good.
    policyRow(
      "retention rules kept at least the minimum",
      [backupRule(), transition([keep("WEEKLY", 7), keep("MONTHLY", "365")])],
      0,
    ),
    policyRow("a secret retention rule kept 30 days", [transition([keep("WEEKLY", secret(30))])], 0),
    policyRow("secret retention rules kept 30 days", [transition(secret([secret(keep("DAILY", 30))]))], 0),
    policyRow("a rule without retention rules", [backupRule(), transition(undefined)], 0),
    policyRow("an empty list of retention rules", [transition([])], 0),
    policyRow("a retention rule without its own retention", [transition([keep("WEEKLY", undefined)])], 0),
    policyRow("a policy without rules", undefined, 0),
    // Unknown at preview.
    policyRow("a retention rule's days unknown at preview: a note", [transition([keep("WEEKLY", UNKNOWN)])], 0, {
      notes: 1,
      mentions: "retentionRules[0] (WEEKLY).retention",
    }),
    policyRow("a retention rule unknown at preview: a note", [transition([UNKNOWN])], 0, { notes: 1 }),
    policyRow("the retention rules unknown at preview: a note", [transition(UNKNOWN)], 0, { notes: 1 }),
    policyRow("a retention rule's type unknown, kept one day", [transition([keep(UNKNOWN, 1)])], 1, {
      mentions: "retentionRules[0].retention is 1",
    }),
    policyRow("the rules unknown at preview: a note", UNKNOWN, 0, { notes: 1 }),
  ]);

  it("follows minRetentionDays", async () => {
    const config = { minRetentionDays: 30 };
    const at = (days: unknown) =>
      run(requireBackupVaultLockCompliance, HBR_POLICY, { rules: [transition([keep("WEEKLY", days)])] }, { config });
    const short = await at(29);
    expect(short.filter((d) => d.level === "mandatory")).toHaveLength(1);
    expect(short[0].message).toContain("before 30 days");
    expect(await at(30)).toEqual([]);
  });
});
