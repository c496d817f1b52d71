// The children that write the evidence are held like the stores: a transformation cannot narrow ActionTrail to write
// events or one region, a flow log to dropped traffic, packet mirroring to other sources, sensors or packets, or
// change which disks and instances are backed up, and it
// cannot move the replica bucket, its key, WORM policy or the replication into the primary's region. Each attempt is
// undone and reported; tags still change.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { childrenOf, settle } from "./mocks";
import { construct, Kind, validArgs } from "./redteam-fixtures";

const hangzhou = new alicloud.Provider("wr-hangzhou", { region: "cn-hangzhou" });
const targets = { diskIds: ["d-1"], hbrInstanceIds: ["i-1"] };
const argsOf = (kind: Kind, name: string) =>
  kind === "ImmutableBackup" ? { ...validArgs[kind](name), ...targets } : validArgs[kind](name);

/** Builds the component once plainly and once under `transformation`; returns the plain children and the warnings. */
async function compare(kind: Kind, name: string, transformation: pulumi.ResourceTransformation) {
  construct[kind](`${name}p`, argsOf(kind, `${name}p`));
  await settle();
  const plain = new Map(childrenOf(`${name}p`).map((r) => [r.name.slice(name.length + 1), r]));
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    construct[kind](name, argsOf(kind, name), { transformations: [transformation] });
    await settle();
    return { plain, warned: warn.mock.calls.map((c) => String(c[0])) };
  } finally {
    warn.mockRestore();
  }
}

/** Inputs without tags, with the component's name written as "@" so two builds compare. */
const settings = (inputs: Record<string, unknown>, name: string) =>
  JSON.stringify({ ...inputs, tags: undefined }).replaceAll(name, "@");

describe("Alibaba Cloud evidence writers under a transformation", () => {
  it.each([
    [
      "ActionTrail: write events only, one region",
      "AuditTrail",
      "wrtrail",
      "alicloud:actiontrail/trail:Trail",
      (p: pulumi.Inputs) => ({ ...p, eventRw: "Write", trailRegion: "cn-hangzhou" }),
      "eventRw, trailRegion",
    ],
    [
      "the VPC flow log: dropped traffic only",
      "HardenedVpc",
      "wrvpc",
      "alicloud:vpc/flowLog:FlowLog",
      (p: pulumi.Inputs) => ({ ...p, trafficType: "Drop", tags: { t: "1" } }),
      "trafficType",
    ],
    [
      "the forensics flow log: paused",
      "TrafficForensics",
      "wrtf",
      "alicloud:vpc/flowLog:FlowLog",
      (p: pulumi.Inputs) => ({ ...p, status: "Inactive" }),
      "status",
    ],
    [
      "the mirror session: another source, another sensor, switched off",
      "TrafficForensics",
      "wrms",
      "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession",
      (p: pulumi.Inputs) => ({
        ...p,
        trafficMirrorSourceIds: ["eni-unwatched"],
        trafficMirrorTargetId: "eni-attacker",
        enabled: false,
      }),
      "enabled, trafficMirrorSourceIds, trafficMirrorTargetId",
    ],
    [
      "a mirror ingress rule: drop every packet",
      "TrafficForensics",
      "wrmi",
      "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule",
      (p: pulumi.Inputs) => ({ ...p, action: "drop" }),
      "action",
    ],
    [
      "a mirror egress rule: SSH only",
      "TrafficForensics",
      "wrme",
      "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule",
      (p: pulumi.Inputs) => ({ ...p, protocol: "TCP", sourcePortRange: "22/22", destinationPortRange: "22/22" }),
      "destinationPortRange, protocol, sourcePortRange",
    ],
    [
      "a snapshot attachment: another disk",
      "ImmutableBackup",
      "wrdisk",
      "alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment",
      (p: pulumi.Inputs) => ({ ...p, diskId: "d-unimportant" }),
      "diskId",
    ],
    [
      "an HBR plan: one-day retention, nothing but /tmp",
      "ImmutableBackup",
      "wrhbr",
      "alicloud:hbr/ecsBackupPlan:EcsBackupPlan",
      (p: pulumi.Inputs) => ({ ...p, retention: "1", paths: ["/tmp"] }),
      "paths, retention",
    ],
  ] as const)("%s is undone and reported", async (_how, kind, name, type, change, undone) => {
    const { plain, warned } = await compare(kind, name, (args) =>
      args.type === type ? { props: change(args.props), opts: args.opts } : undefined,
    );
    const writers = childrenOf(name).filter((r) => r.type === type);
    expect(writers.length).toBeGreaterThan(0);
    for (const writer of writers) {
      const suffix = writer.name.slice(name.length);
      expect([suffix, settings(writer.inputs, name)]).toEqual([
        suffix,
        settings(plain.get(suffix)!.inputs, `${name}p`),
      ]);
      expect(warned).toContainEqual(
        expect.stringContaining(
          `"${name}": a transformation tried to change ${undone} of evidence writer ${writer.name}; that was undone`,
        ),
      );
    }
    expect(warned).toHaveLength(writers.length);
  });

  it("takes a tags-only change of the VPC flow log without a warning", async () => {
    const { warned } = await compare("HardenedVpc", "wrtag", (args) =>
      args.type === "alicloud:vpc/flowLog:FlowLog"
        ? { props: { ...args.props, tags: { team: "net" } }, opts: args.opts }
        : undefined,
    );
    expect(childrenOf("wrtag").find((r) => r.type === "alicloud:vpc/flowLog:FlowLog")!.inputs.tags).toEqual({
      team: "net",
    });
    expect(warned).toEqual([]);
  });
});

describe("the replica's provider", () => {
  it("stays secondaryProvider when a transformation moves the replica, its key and WORM to the primary", async () => {
    const { warned } = await compare("ImmutableBackup", "wrmove", (args) =>
      /-replica(-|$)/.test(args.name) ? { props: args.props, opts: { ...args.opts, provider: hangzhou } } : undefined,
    );
    const replicas = childrenOf("wrmove").filter((r) => /-replica(-|$)/.test(r.name));
    expect(replicas.map((r) => r.name).sort()).toEqual([
      "wrmove-replica",
      "wrmove-replica-key",
      "wrmove-replica-public-access-block",
      "wrmove-replica-worm",
    ]);
    for (const r of replicas) {
      expect([r.name, r.provider]).toEqual([r.name, "redteam-standby"]);
      expect(warned).toContainEqual(
        `ImmutableBackup "wrmove": a transformation tried to change provider of evidence store ${r.name}; ` +
          "that was undone (evidence stores may only be tagged); " +
          "the component chose this provider: move it through the component (provider/providers in its options, or " +
          "its provider arguments)",
      );
    }
    expect(warned).toHaveLength(replicas.length);
  });

  // The replication inherits the component's provider, so a transformation may give it one (the explicit-provider
  // pattern); the replica it writes to stays on secondaryProvider, the component's choice (above).
  it("takes a provider given to the replication, which the component lets inherit one", async () => {
    const standby = new alicloud.Provider("wr-standby", { region: "cn-shanghai" });
    const { warned } = await compare("ImmutableBackup", "wrrepl", (args) =>
      args.name === "wrrepl-replication" ? { props: args.props, opts: { ...args.opts, provider: standby } } : undefined,
    );
    expect(childrenOf("wrrepl").find((r) => r.name === "wrrepl-replication")!.provider).toBe("wr-standby");
    expect(childrenOf("wrrepl").find((r) => r.name === "wrrepl-replica")!.provider).toBe("redteam-standby");
    expect(warned).toEqual([]);
  });
});
