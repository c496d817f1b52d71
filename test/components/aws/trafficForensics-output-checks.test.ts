// A mirror session whose source is the sensor's own interface mirrors the interface into itself: AWS refuses it, but
// only when the session is created, after the retained key and evidence bucket exist. TrafficForensics refuses it
// before anything is registered, and, for ids given as Outputs (an instance's primaryNetworkInterfaceId), once known,
// before the mirror target, filter and sessions.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { TrafficForensics, TrafficMirroringArgs } from "../../../components/aws/trafficForensics";

const SESSION = "aws:ec2/trafficMirrorSession:TrafficMirrorSession";
const MIRROR_TYPES = [
  "aws:ec2/trafficMirrorTarget:TrafficMirrorTarget",
  "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter",
  "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule",
  SESSION,
];
const allowedFor = (target: string) =>
  `allowed: an interface other than the sensor's (mirroring.targetEniId is "${target}"): AWS refuses a session ` +
  "that mirrors an interface into itself";

const build = (mirroring: TrafficMirroringArgs) => new TrafficForensics("net", { vpcId: "vpc-1", mirroring });

beforeEach(() => reset());

describe("TrafficForensics mirroring an interface into itself", () => {
  it.each<[string, TrafficMirroringArgs, [string, string][]]>([
    [
      "the only source (the red team's probe)",
      { targetEniId: "eni-s", sourceEniIds: ["eni-s"] },
      [["mirroring.sourceEniIds[0]", "eni-s"]],
    ],
    [
      "one source among others",
      { targetEniId: "eni-sensor", sourceEniIds: ["eni-app", "eni-sensor", "eni-db"] },
      [["mirroring.sourceEniIds[1]", "eni-sensor"]],
    ],
  ])("refuses the sensor's interface as %s, before anything is registered", async (_label, mirroring, problems) => {
    const error = validationErrorOf(() => build(mirroring));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual(problems);
    const [argument, value] = problems[0];
    expect(error.message).toContain(
      `argument "${argument}" is "${value}"; ${allowedFor(mirroring.targetEniId as string)}; ` +
        `fix: remove "${value}" from sourceEniIds, or mirror into a separate sensor interface`,
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it.each<[string, TrafficMirroringArgs, string, string]>([
    [
      "the source an Output",
      { targetEniId: "eni-s", sourceEniIds: [pulumi.output("eni-s")] },
      "mirroring.sourceEniIds[0]",
      "eni-s",
    ],
    [
      "the target an Output",
      { targetEniId: pulumi.output("eni-s"), sourceEniIds: ["eni-a", "eni-s"] },
      "mirroring.sourceEniIds[1]",
      "eni-s",
    ],
  ])("refuses it with %s once known, before the mirror target, filter and sessions", async (_l, m, argument, value) => {
    const failures = await registrationFailures(async () => {
      build(m);
      await settle();
    });
    expect(failures).toEqual([expect.stringMatching(/^TrafficForensics net: 1 invalid argument:/)]);
    expect(failures[0]).toContain(`argument "${argument}" is "${value}"; ${allowedFor(value)}`);
    expect(failures[0]).not.toContain("error serializing");
    for (const type of MIRROR_TYPES) expect([type, ofType(type).length]).toEqual([type, 0]);
  });

  it.each<[string, TrafficMirroringArgs, string, unknown]>([
    [
      "one source given twice, once as an Output",
      { targetEniId: "eni-s", sourceEniIds: ["eni-a", pulumi.output("eni-a")] },
      "mirroring.sourceEniIds[1]",
      "eni-a",
    ],
    ["an empty source", { targetEniId: "eni-s", sourceEniIds: [pulumi.output("")] }, "mirroring.sourceEniIds[0]", ""],
    ["an empty target", { targetEniId: pulumi.output(""), sourceEniIds: ["eni-a"] }, "mirroring.targetEniId", ""],
  ])("refuses %s once known, like the plain form", async (_label, m, argument, value) => {
    const failures = await registrationFailures(async () => {
      build(m);
      await settle();
    });
    expect(failures).toEqual([expect.stringContaining(`argument "${argument}" is ${JSON.stringify(value)}; allowed:`)]);
    for (const type of MIRROR_TYPES) expect([type, ofType(type).length]).toEqual([type, 0]);
  });

  it.each<[string, TrafficMirroringArgs]>([
    ["plain ids", { targetEniId: "eni-s", sourceEniIds: ["eni-a", "eni-b"] }],
    ["Output ids", { targetEniId: pulumi.output("eni-s"), sourceEniIds: [pulumi.output("eni-a"), "eni-b"] }],
    [
      "a sensor load balancer",
      {
        targetNlbArn: pulumi.output(
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/sensor/0123456789abcdef",
        ),
        sourceEniIds: ["eni-s"],
      },
    ],
  ])("mirrors other interfaces into the sensor, given as %s", async (_label, mirroring) => {
    const failures = await registrationFailures(async () => {
      build(mirroring);
      await settle();
    });
    expect(failures).toEqual([]);
    expect(
      ofType(SESSION)
        .map((s) => s.inputs.networkInterfaceId)
        .sort(),
    ).toEqual(mirroring.targetNlbArn ? ["eni-s"] : ["eni-a", "eni-b"]);
  });
});

describe("TrafficForensics mirror ids given as Outputs, and the retained stores", () => {
  const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
  const eni = pulumi.output("eni-0123456789abcdef0");

  it.each<[string, TrafficMirroringArgs]>([
    ["the sensor's own interface (one Output as target and source)", { targetEniId: eni, sourceEniIds: [eni] }],
    [
      "the source a plain copy of the sensor's Output id",
      { targetEniId: eni, sourceEniIds: ["eni-0123456789abcdef0"] },
    ],
    ["an empty source Output", { targetEniId: "eni-s", sourceEniIds: [pulumi.output("")] }],
  ])("refuses %s once known, registering no key, bucket or flow log", async (_label, mirroring) => {
    const failures = await registrationFailures(async () => {
      build(mirroring);
      await settle();
    });
    expect(failures).toEqual([expect.stringMatching(/^TrafficForensics net: 1 invalid argument:/)]);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });

  it("reports a bad bucket name and a self-mirror arriving together in one message", async () => {
    const failures = await registrationFailures(async () => {
      new TrafficForensics("net", {
        vpcId: "vpc-1",
        bucketName: pulumi.output("Bad_Bucket"),
        mirroring: { targetEniId: eni, sourceEniIds: [eni] },
      });
      await settle();
    });
    expect(failures).toEqual([expect.stringMatching(/^TrafficForensics net: 2 invalid arguments:/)]);
    expect(children()).toEqual([]);
  });

  it("registers the stores with known names and tags while the ids are unknown at preview", async () => {
    const failures = await registrationFailures(async () => {
      new TrafficForensics("net", {
        vpcId: "vpc-1",
        tags: { team: "sec" },
        mirroring: { targetEniId: unknownAtPreview<string>(), sourceEniIds: [unknownAtPreview<string>(), "eni-b"] },
      });
      await settle();
    });
    expect(failures).toEqual([]);
    const bucket = ofType("aws:s3/bucket:Bucket");
    expect(bucket.map((b) => b.inputs.bucket)).toEqual(["net-evidence-123456789012"]);
    expect(ofType("aws:kms/key:Key").map((k) => typeof k.inputs.policy)).toEqual(["string"]);
    expect(ofType("aws:ec2/flowLog:FlowLog").map((f) => f.inputs.tags)).toEqual([
      { team: "sec", Name: "net-flow-log" },
    ]);
    for (const type of MIRROR_TYPES.slice(0, 2))
      expect(ofType(type).map((r) => r.inputs.tags)).toEqual([{ team: "sec" }]);
    const sessions = ofType(SESSION).map((r): [string, unknown] => [r.name, r.inputs.networkInterfaceId]);
    expect(sessions.sort()).toEqual([
      ["net-mirror-session-0", undefined],
      ["net-mirror-session-1", "eni-b"],
    ]);
  });
});
