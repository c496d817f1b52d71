// A mirror session whose sensor ENI is also one of its sources mirrors the sensor into itself. It is refused naming
// sourceEniIds and the value, plain at construction, and once known when the ids are Outputs (instance ENIs usually
// are): every child waits on that check, so nothing is created, the retained evidence stores included.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { childrenOf, one, settle, thrown } from "./mocks";
import { TrafficForensics } from "../../../components/alicloud/trafficForensics";

const out = (id: string) => pulumi.output(id);
type Sources = { sourceEniIds: pulumi.Input<string>[]; target: { type: string; id: pulumi.Input<string> } };
const args = (name: string, sources: Sources) =>
  ({ flowLogResourceId: "vpc-1", evidenceBucketName: `acme-${name}-evidence`, ...sources }) as never;
const eni = (id: pulumi.Input<string>) => ({ type: "NetworkInterface", id });

/** [probe, plain sources, the same with Outputs, the argument and value the message names]. */
const badRows: [string, Sources, Sources, string][] = [
  [
    "the sensor ENI as the only source",
    { sourceEniIds: ["eni-s"], target: eni("eni-s") },
    { sourceEniIds: [out("eni-s")], target: eni("eni-s") },
    'argument "sourceEniIds[0]" is "eni-s"',
  ],
  [
    "the sensor ENI among the sources",
    { sourceEniIds: ["eni-a", "eni-s"], target: eni("eni-s") },
    { sourceEniIds: ["eni-a", "eni-s"], target: eni(out("eni-s")) },
    'argument "sourceEniIds[1]" is "eni-s"',
  ],
  [
    "source and target both Outputs of one ENI",
    { sourceEniIds: ["eni-s"], target: eni("eni-s") },
    { sourceEniIds: [out("eni-s")], target: eni(out("eni-s")) },
    'argument "sourceEniIds[0]" is "eni-s"',
  ],
  [
    "a repeated source",
    { sourceEniIds: ["eni-a", "eni-a"], target: eni("eni-s") },
    { sourceEniIds: [out("eni-a"), out("eni-a")], target: eni("eni-s") },
    'argument "sourceEniIds[1]" is "eni-a"',
  ],
  [
    "an empty target id",
    { sourceEniIds: ["eni-a"], target: eni("") },
    { sourceEniIds: ["eni-a"], target: eni(out("")) },
    'argument "target.id" is ""',
  ],
  [
    "an empty source id",
    { sourceEniIds: [""], target: eni("eni-s") },
    { sourceEniIds: [out("")], target: eni("eni-s") },
    'argument "sourceEniIds[0]" is ""',
  ],
];

describe("TrafficForensics mirror sources", () => {
  it.each(badRows.map(([probe, plain, outputs, named], i) => [probe, `tfo-late-${i}`, plain, outputs, named] as const))(
    "%s: refused plain at construction, and as Outputs once known in the same words, nothing created",
    async (_probe, name, plain, outputs, named) => {
      const refused = thrown(() => new TrafficForensics(name, args(name, plain)));
      expect(refused).toContain(named);
      const failures = await registrationFailures(async () => {
        new TrafficForensics(name, args(name, outputs));
        await settle();
      });
      expect(failures).toEqual([refused]);
      expect(failures[0].startsWith(`TrafficForensics "${name}": 1 invalid argument`)).toBe(true);
      expect(childrenOf(name)).toEqual([]);
    },
  );

  it.each([
    ["a separate sensor ENI, plain", "tfo-good-plain", { sourceEniIds: ["eni-a"], target: eni("eni-s") }],
    ["a separate sensor ENI, Outputs", "tfo-good-out", { sourceEniIds: [out("eni-a")], target: eni(out("eni-s")) }],
    // An SLB id cannot be an ENI: the same text is no self-mirror.
    ["an SLB target", "tfo-good-slb", { sourceEniIds: [out("eni-a")], target: { type: "SLB", id: "eni-a" } }],
  ] as [string, string, Sources][])(
    "%s: the session mirrors the sources to the target",
    async (_probe, name, sources) => {
      const failures = await registrationFailures(async () => {
        new TrafficForensics(name, args(name, sources));
        await settle();
      });
      expect(failures).toEqual([]);
      const session = one(name, "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession").inputs;
      expect(session.trafficMirrorSourceIds).toEqual(["eni-a"]);
      expect(session.trafficMirrorTargetType).toBe(sources.target.type);
    },
  );
});
