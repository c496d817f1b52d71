// The children that write the evidence are held like the stores: a transformation cannot shorten the backup plan's
// lifecycle or drop its copies, weaken the role the backups run as, turn the trail single-region or its log
// validation off, narrow a flow log to rejected traffic, point mirroring or the GuardDuty findings export elsewhere or
// switch the detector off, and it cannot move a retained store to another provider. Each attempt is undone and
// reported; tags still change, and each writer's other values stay as the component made them.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { build, ComponentName, createCopyProvider } from "./redteam-args.fixtures";

const byName = (name: string) => recorded.find((r) => r.name === name)!;

/** Builds the component once plainly and once under `transformation`, and returns both records and the warnings. */
async function compare(component: ComponentName, name: string, transformation: pulumi.ResourceTransformation) {
  reset();
  build(component, {}, undefined, name);
  await settle();
  const plain = new Map(recorded.map((r) => [r.name, r]));
  reset();
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    build(component, {}, { transformations: [transformation] }, name);
    await settle();
    return { plain, warned: warn.mock.calls.map((c) => String(c[0])) };
  } finally {
    warn.mockRestore();
  }
}

/** A transformation that changes children of `type` only, as written. */
const onType =
  (type: string, change: (props: pulumi.Inputs) => pulumi.Inputs): pulumi.ResourceTransformation =>
  (args) =>
    args.type === type ? { props: change(args.props), opts: args.opts } : undefined;

beforeAll(async () => {
  createCopyProvider();
  await settle();
});

describe("evidence writers under a transformation", () => {
  it.each([
    [
      "the backup plan: one-day lifecycle, no copies",
      "ImmutableBackup",
      "wr-plan",
      "aws:backup/plan:Plan",
      (p: pulumi.Inputs) => ({
        ...p,
        rules: p.rules.map((r: object) => ({ ...r, lifecycle: { deleteAfter: 1 }, copyActions: [] })),
      }),
      "rules",
    ],
    [
      "the backup selection: another tag",
      "ImmutableBackup",
      "wr-selection",
      "aws:backup/selection:Selection",
      (p: pulumi.Inputs) => ({ ...p, selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "never" }] }),
      "selectionTags",
    ],
    [
      "the backup role: trusted by anyone, a boundary, its policies detached, a deny",
      "ImmutableBackup",
      "wr-role",
      "aws:iam/role:Role",
      (p: pulumi.Inputs) => ({
        ...p,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
        }),
        permissionsBoundary: "arn:aws:iam::aws:policy/AWSDenyAll",
        managedPolicyArns: [],
        inlinePolicies: [{ name: "deny", policy: '{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' }],
      }),
      "assumeRolePolicy, inlinePolicies, managedPolicyArns, permissionsBoundary",
    ],
    [
      "a backup role's policy: read-only instead",
      "ImmutableBackup",
      "wr-attach",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      (p: pulumi.Inputs) => ({ ...p, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
      "policyArn",
    ],
    [
      "a backup role's policy: attached to another role",
      "ImmutableBackup",
      "wr-other-role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      (p: pulumi.Inputs) => ({ ...p, role: "someone-elses-role" }),
      "role",
    ],
    [
      "the GuardDuty detector: off, updates every six hours",
      "ThreatDetection",
      "wr-detector",
      "aws:guardduty/detector:Detector",
      (p: pulumi.Inputs) => ({ ...p, enable: false, findingPublishingFrequency: "SIX_HOURS" }),
      "enable, findingPublishingFrequency",
    ],
    [
      "the findings export: another bucket, no key",
      "ThreatDetection",
      "wr-export",
      "aws:guardduty/publishingDestination:PublishingDestination",
      (p: pulumi.Inputs) => ({ ...p, destinationArn: "arn:aws:s3:::attacker-bucket", kmsKeyArn: undefined }),
      "destinationArn, kmsKeyArn",
    ],
    [
      "the trail: one region, no log-file validation, logging off",
      "AuditTrail",
      "wr-trail",
      "aws:cloudtrail/trail:Trail",
      (p: pulumi.Inputs) => ({ ...p, isMultiRegionTrail: false, enableLogFileValidation: false, enableLogging: false }),
      "enableLogFileValidation, enableLogging, isMultiRegionTrail",
    ],
    [
      "the VPC flow log: rejected traffic only",
      "HardenedVpc",
      "wr-vpc",
      "aws:ec2/flowLog:FlowLog",
      (p: pulumi.Inputs) => ({ ...p, trafficType: "REJECT" }),
      "trafficType",
    ],
    [
      "the forensics flow log: rejected traffic, 10-minute aggregation",
      "TrafficForensics",
      "wr-tf",
      "aws:ec2/flowLog:FlowLog",
      (p: pulumi.Inputs) => ({ ...p, trafficType: "REJECT", maxAggregationInterval: 600 }),
      "maxAggregationInterval, trafficType",
    ],
    [
      "the mirror session: another interface",
      "TrafficForensics",
      "wr-session",
      "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
      (p: pulumi.Inputs) => ({ ...p, networkInterfaceId: "eni-elsewhere" }),
      "networkInterfaceId",
    ],
    [
      "a mirror filter rule: reject instead of accept",
      "TrafficForensics",
      "wr-rule",
      "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule",
      (p: pulumi.Inputs) => ({ ...p, ruleAction: "reject" }),
      "ruleAction",
    ],
  ] as const)("%s is undone and reported", async (_how, component, name, type, change, undone) => {
    const { plain, warned } = await compare(
      component,
      name,
      onType(type, (p) => ({ ...change(p), tags: { t: "1" } })),
    );
    const writers = recorded.filter((r) => r.type === type);
    expect(writers.length).toBeGreaterThan(0);
    for (const writer of writers) {
      const { tags, ...settings } = writer.inputs;
      const { tags: _plainTags, ...plainSettings } = plain.get(writer.name)!.inputs;
      expect([writer.name, settings]).toEqual([writer.name, plainSettings]);
      // Tags are the one thing a transformation may change (a selection and a filter rule have none).
      if ("tags" in plain.get(writer.name)!.inputs) expect(tags).toEqual({ t: "1" });
      expect(warned).toContainEqual(
        expect.stringContaining(
          `: a transformation tried to change ${undone} of evidence writer ${writer.name}; that was undone ` +
            "(evidence writers may only be tagged)",
        ),
      );
    }
    expect(warned).toHaveLength(writers.length);
  });

  it("takes a tags-only change without a warning", async () => {
    const { warned } = await compare(
      "AuditTrail",
      "wr-tags",
      onType("aws:cloudtrail/trail:Trail", (p) => ({ ...p, tags: { team: "audit" } })),
    );
    expect(byName("wr-tags-trail").inputs.tags).toEqual({ team: "audit" });
    expect(warned).toEqual([]);
  });
});

describe("a retained store's provider", () => {
  it("stays the copy provider when a transformation moves the copy vault, key and lock to the primary", async () => {
    const primary = new aws.Provider("wr-primary-again", { region: "us-east-1" });
    const { warned } = await compare("ImmutableBackup", "wr-move", (args) =>
      args.name.startsWith("wr-move-copy-vault")
        ? { props: args.props, opts: { ...args.opts, provider: primary } }
        : undefined,
    );
    for (const name of ["wr-move-copy-vault", "wr-move-copy-vault-key", "wr-move-copy-vault-lock"]) {
      expect([name, byName(name).provider]).toEqual([name, expect.stringContaining("::redteam-copy::")]);
      expect(warned).toContainEqual(
        `ImmutableBackup wr-move: a transformation tried to change provider of evidence store ${name}; ` +
          "that was undone (evidence stores may only be tagged); " +
          "the component chose this provider: move it through the component (provider/providers in its options, or " +
          "its provider arguments)",
      );
    }
    expect(warned).toHaveLength(3);
  });

  // The primary vault inherits the component's provider: giving it one explicitly is the usual explicit-provider
  // pattern (the same as passing it on the component), not a move away from a provider the component chose.
  it("takes a provider given to the primary vault, which the component lets inherit one", async () => {
    const elsewhere = new aws.Provider("wr-elsewhere", { region: "eu-central-1" });
    const { warned } = await compare("ImmutableBackup", "wr-prim", (args) =>
      args.name === "wr-prim-vault" ? { props: args.props, opts: { ...args.opts, provider: elsewhere } } : undefined,
    );
    expect(byName("wr-prim-vault").provider).toContain("::wr-elsewhere::");
    expect(byName("wr-prim-copy-vault").provider).toContain("::redteam-copy::");
    expect(warned).toEqual([]);
  });
});
