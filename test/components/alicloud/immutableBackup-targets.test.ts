// An ImmutableBackup with neither disks nor HBR instances snapshots and backs up nothing: the README allows it (the
// buckets still keep what is written to them), so it is no error, but it must not pass silently.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { childrenOf, settle } from "./mocks";
import { ImmutableBackup } from "../../../components/alicloud/immutableBackup";

const standby = new alicloud.Provider("targets-standby", { region: "cn-shanghai" });

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const rows: [string, string, boolean, Record<string, unknown>][] = [
  ["neither argument", "tg-none", true, {}],
  ["both lists empty", "tg-empty", true, { diskIds: [], hbrInstanceIds: [] }],
  ["an empty disk list alone", "tg-nodisk", true, { diskIds: [] }],
  ["a disk", "tg-disk", false, { diskIds: ["d-1"] }],
  ["a disk id that is an Output", "tg-output", false, { diskIds: [pulumi.output("d-2")] }],
  ["an HBR instance only", "tg-hbr", false, { hbrInstanceIds: ["i-1"] }],
  ["an HBR instance and an empty disk list", "tg-hbr-nodisk", false, { diskIds: [], hbrInstanceIds: ["i-1"] }],
];

describe("ImmutableBackup without a backup target", () => {
  it.each(rows)("with %s (%s) warns: %p", async (_how, name, warns, targets) => {
    new ImmutableBackup(name, {
      primaryRegion: "cn-hangzhou",
      secondaryRegion: "cn-shanghai",
      secondaryProvider: standby,
      bucketName: `acme-${name}-backup`,
      replicaBucketName: `acme-${name}-backup-sh`,
      ...targets,
    });
    await settle();
    // A warning, not an error: the buckets and the policy are still made.
    expect(childrenOf(name).some((r) => r.type === "alicloud:oss/bucketWorm:BucketWorm")).toBe(true);
    const messages = warn.mock.calls.map((c) => String(c[0]));
    const expected = [
      `ImmutableBackup "${name}": diskIds and hbrInstanceIds are not given (or empty), so no disk is snapshotted ` +
        "and no instance is backed up: only what is written to the backup bucket is kept; fix: pass diskIds (the " +
        "estate's system and data disks) and/or hbrInstanceIds (instances HBR backs up into the WORM vault)",
    ];
    expect(messages).toEqual(warns ? expected : []);
  });
});
