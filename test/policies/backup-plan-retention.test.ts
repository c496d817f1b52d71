// AWS Backup plans that keep recovery points (or their copies) fewer days than the minimum: deleted before a hidden
// intrusion is found, and into a vault locked for longer the job fails, so backups stop.
import { requireBackupVaultLockCompliance } from "../../policies/rules/require-backup-vault-lock-compliance";
import { Case, run, table, UNKNOWN } from "./harness";

const PLAN = "aws:backup/plan:Plan";
const rule = (fields: Record<string, unknown> = {}) => ({
  ruleName: "daily",
  targetVaultName: "recovery-vault",
  schedule: "cron(0 3 * * ? *)",
  ...fields,
});
const keptFor = (deleteAfter: unknown) => ({ lifecycle: { deleteAfter } });
const copyKeptFor = (deleteAfter: unknown) => ({
  destinationVaultArn: "arn:aws:backup:eu-west-1:123456789012:backup-vault:offsite",
  lifecycle: { deleteAfter },
});
const plan = (rules: unknown, name = "nightly"): Case["props"] => ({ name, rules });
const row = (name: string, rules: unknown, violations: number, more: Partial<Case> = {}): Case => ({
  name,
  type: PLAN,
  props: plan(rules),
  violations,
  ...more,
});

describe("require-backup-vault-lock-compliance: AWS Backup plan retention", () => {
  table(requireBackupVaultLockCompliance, [
    // Known bad.
    row("a rule keeping recovery points one day", [rule(keptFor(1))], 1, {
      mentions: "rules[0] (daily).lifecycle.deleteAfter is 1: recovery points are deleted after 1 day, before 7 days",
    }),
    row("a copy action keeping its copies three days", [rule({ ...keptFor(35), copyActions: [copyKeptFor(3)] })], 1, {
      mentions: "rules[0] (daily).copyActions[0].lifecycle.deleteAfter is 3: copies are deleted after 3 days",
    }),
    row("one day short of the minimum", [rule(keptFor(6))], 1),
    row(
      "a rule and its copy both short: each is its own violation",
      [rule({ ...keptFor(2), copyActions: [copyKeptFor(2)] })],
      2,
    ),
    // Known good.
    row("no lifecycle: recovery points are kept forever", [rule()], 0),
    row("a lifecycle that only moves to cold storage", [rule({ lifecycle: { coldStorageAfter: 30 } })], 0),
    row("kept exactly the minimum", [rule(keptFor(7))], 0),
    row("kept 35 days, copies kept 35 days", [rule({ ...keptFor(35), copyActions: [copyKeptFor(35)] })], 0),
    row(
      "a copy action without a lifecycle keeps its copies forever",
      [rule({ ...keptFor(35), copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-west-1:1:backup-vault:x" }] })],
      0,
    ),
    // 0 is never sent to AWS (the provider leaves DeleteAfterDays out); -1 is AWS's "keep indefinitely".
    row("deleteAfter 0 is left out: kept forever", [rule(keptFor(0))], 0),
    row("deleteAfter -1 keeps recovery points indefinitely", [rule(keptFor(-1))], 0),
    row("a plan without rules", [], 0),
    // Tricky forms.
    row('deleteAfter as the string "1"', [rule(keptFor("1"))], 1, { mentions: 'deleteAfter is "1"' }),
    row('deleteAfter as the string "35"', [rule(keptFor("35"))], 0),
    row("several rules, the second one short", [rule(keptFor(35)), rule({ ruleName: "hourly", ...keptFor(1) })], 1, {
      mentions: "rules[1] (hourly).lifecycle.deleteAfter is 1",
    }),
    row("a rule whose name is unknown is named by its index", [rule({ ruleName: UNKNOWN, ...keptFor(1) })], 1, {
      mentions: "rules[0].lifecycle.deleteAfter is 1",
    }),
    row("deleteAfter unknown at preview is a note", [rule(keptFor(UNKNOWN))], 0, { notes: 1 }),
    row("a lifecycle unknown at preview is a note", [rule({ lifecycle: UNKNOWN })], 0, { notes: 1 }),
    row("a copy action unknown at preview is a note", [rule({ ...keptFor(35), copyActions: [UNKNOWN] })], 0, {
      notes: 1,
    }),
    row("copy actions unknown at preview are a note", [rule({ ...keptFor(35), copyActions: UNKNOWN })], 0, {
      notes: 1,
    }),
    row(
      "a copy's deleteAfter unknown at preview is a note",
      [rule({ ...keptFor(35), copyActions: [copyKeptFor(UNKNOWN)] })],
      0,
      { notes: 1 },
    ),
    row("a whole rule unknown at preview is a note", [UNKNOWN], 0, { notes: 1 }),
    row("a known short rule beside an unknown one is still a violation", [rule(keptFor(1)), UNKNOWN], 1, {
      notes: 1,
    }),
    row(
      "null lifecycle, deleteAfter, copy actions and rule",
      [rule({ lifecycle: null, copyActions: null }), rule(keptFor(null)), null],
      0,
    ),
    row("a copy action that is null", [rule({ ...keptFor(35), copyActions: [null] })], 0),
  ]);

  it("reads the whole rules list unknown at preview as a note, a violation when failing closed", async () => {
    const [note] = await run(requireBackupVaultLockCompliance, PLAN, plan(UNKNOWN));
    expect(note.level).toBe("advisory");
    expect(note.message).toMatch(/^cannot be verified at preview: rules is unknown/);
    const closed = await run(requireBackupVaultLockCompliance, PLAN, plan(UNKNOWN), { config: { failClosed: true } });
    expect(closed.map((d) => d.level)).toEqual(["mandatory"]);
  });

  it("says the job fails in a vault locked for longer, so backups stop", async () => {
    const [backup] = await run(requireBackupVaultLockCompliance, PLAN, plan([rule(keptFor(1))]));
    expect(backup.level).toBe("mandatory");
    expect(backup.message).toContain(
      "rules[0] (daily).lifecycle.deleteAfter is 1: recovery points are deleted after 1 day, before 7 days; in a vault locked with a longer minRetentionDays the backup job fails instead, so backups stop",
    );
    const [copy] = await run(requireBackupVaultLockCompliance, PLAN, plan([rule({ copyActions: [copyKeptFor(3)] })]));
    expect(copy.message).toContain(
      "rules[0] (daily).copyActions[0].lifecycle.deleteAfter is 3: copies are deleted after 3 days, before 7 days; in a vault locked with a longer minRetentionDays the copy job fails instead, so copies stop",
    );
  });

  it("reads the minimum from config", async () => {
    const config = { minRetentionDays: 30 };
    const at = (days: unknown) => run(requireBackupVaultLockCompliance, PLAN, plan([rule(keptFor(days))]), { config });
    expect(await at(14)).toHaveLength(1);
    expect((await at(14))[0].message).toContain("before 30 days");
    expect(await at(30)).toEqual([]);
  });

  it("honours an exemption of the plan", async () => {
    const exemptions = [
      { resource: "nightly", reason: "short-lived test data only", owner: "sec", expires: "2999-01-01" },
    ];
    const ds = await run(requireBackupVaultLockCompliance, PLAN, plan([rule(keptFor(1))]), {
      name: "nightly",
      config: { exemptions },
    });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
  });
});
