// The policy pack's require-backup-vault-lock-compliance refuses a vault lock removable for longer than its
// maxChangeableForDays (30 by default). ImmutableBackup refuses such a changeableForDays before anything is created,
// naming the rule, instead of creating a lock the pack then blocks; up to the limit it warns, as any weakening does.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireBackupVaultLockCompliance } from "../../../policies/rules/require-backup-vault-lock-compliance";
import { mandatory, run } from "../../policies/harness";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { ImmutableBackup, PACK_MAX_CHANGEABLE_FOR_DAYS } from "../../../components/aws/immutableBackup";

const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";

let copyProvider: aws.Provider;
beforeAll(async () => {
  // Registered once, before any row, so a refused row can be shown to have registered nothing at all.
  copyProvider = new aws.Provider("backup-copy", { region: "eu-west-1" });
  await settle();
});

describe("ImmutableBackup changeableForDays beyond the pack's limit", () => {
  it.each([
    ["one day over (the red team's probe)", 31],
    ["a year", 365],
    ["a hundred years, the most accepted until now", 36500],
  ])("refuses %s before anything is registered, naming the rule", async (_label, changeableForDays) => {
    reset();
    const error = validationErrorOf(() => new ImmutableBackup("vault", { copyProvider, changeableForDays }));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["changeableForDays", changeableForDays]]);
    expect(error.message).toContain(
      `argument "changeableForDays" is ${changeableForDays}; allowed: at most 30 days: the policy pack's ` +
        "require-backup-vault-lock-compliance refuses a lock that can be removed for longer",
    );
    expect(error.message).toContain("fix: omit it for 3 days, or give at most 30");
    await settle();
    expect(recorded).toEqual([]);
  });

  it("accepts the limit itself, with the weakening warning", async () => {
    reset();
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      new ImmutableBackup("vault", { copyProvider, changeableForDays: PACK_MAX_CHANGEABLE_FOR_DAYS });
      await settle();
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringMatching(/^ImmutableBackup vault: changeableForDays is 30, above the default 3/),
      ]);
    } finally {
      warn.mockRestore();
    }
    expect(ofType(LOCK).map((l) => l.inputs.changeableForDays)).toEqual([30, 30]);
  });

  it("holds the limit the pack applies: the pack passes the component's lock at the limit, not one day above", async () => {
    reset();
    new ImmutableBackup("vault", { copyProvider, changeableForDays: PACK_MAX_CHANGEABLE_FOR_DAYS });
    await settle();
    const lock = ofType(LOCK)[0].inputs;
    const judged = async (changeableForDays: number) =>
      mandatory(await run(requireBackupVaultLockCompliance, LOCK, { ...lock, changeableForDays }));
    expect(await judged(PACK_MAX_CHANGEABLE_FOR_DAYS)).toEqual([]);
    expect((await judged(PACK_MAX_CHANGEABLE_FOR_DAYS + 1)).map((d) => d.policy)).toEqual([
      "require-backup-vault-lock-compliance",
    ]);
  });
});
