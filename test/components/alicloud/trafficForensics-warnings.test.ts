// The flow log records the whole VPC by default. Pointing it at one vSwitch or one network interface is allowed, as
// an explicit narrowing, and announced naming flowLogResourceType: traffic elsewhere in the VPC leaves no record.
import * as pulumi from "@pulumi/pulumi";
import { one, settle } from "./mocks";
import { TrafficForensics } from "../../../components/alicloud/trafficForensics";

let count = 0;
/** Builds the component and returns its name and the warnings it logged about itself. */
function build(resource: { flowLogResourceType?: string; flowLogResourceId: string }): [string, string[]] {
  const name = `tfw-${count++}`;
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    new TrafficForensics(name, {
      ...resource,
      sourceEniIds: ["eni-a"],
      target: { type: "SLB", id: "lb-sensor" },
      evidenceBucketName: `acme-${name}-evidence`,
    } as never);
    const calls = warn.mock.calls.map((call) => String(call[0]));
    return [name, calls.filter((w) => w.startsWith(`TrafficForensics "${name}"`))];
  } finally {
    warn.mockRestore();
  }
}

describe("TrafficForensics flow log scope", () => {
  it.each([
    ["VSwitch", "vsw-1"],
    ["NetworkInterface", "eni-a"],
  ])("%s warns once naming flowLogResourceType and still logs that resource", async (type, id) => {
    const [name, warnings] = build({ flowLogResourceType: type, flowLogResourceId: id });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`flowLogResourceType is "${type}"`);
    expect(warnings[0]).toContain('"VPC"');
    await settle();
    expect(one(name, "alicloud:vpc/flowLog:FlowLog").inputs).toMatchObject({ resourceType: type, resourceId: id });
  });

  it.each([
    ["omitted", undefined],
    ["VPC", "VPC"],
  ])("%s logs the whole VPC without a warning", async (_probe, type) => {
    const [name, warnings] = build({ flowLogResourceType: type, flowLogResourceId: "vpc-1" });
    expect(warnings).toEqual([]);
    await settle();
    expect(one(name, "alicloud:vpc/flowLog:FlowLog").inputs).toMatchObject({ resourceType: "VPC" });
  });
});
