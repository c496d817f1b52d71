// The zone check runs once the region's zones are known. Its failure must read as one message, the check's own
// (argument, value, fix), not as a property Pulumi failed to serialize, repeated at every child that waited on it.
import { registrationFailures } from "../registration-failures";
import { childrenOf, REGION, settle } from "./mocks";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";
import { HardenedVpcArgs } from "../../../components/alicloud/hardenedVpcArgs";

async function failuresOf(name: string, args: HardenedVpcArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new HardenedVpc(name, args);
    await settle();
  });
}

describe("HardenedVpc zone check message", () => {
  it.each([
    [
      "zones of another region",
      "zm-shanghai",
      { zones: ["cn-shanghai-a", "cn-shanghai-b"] },
      'argument "zones[0]" is "cn-shanghai-a"',
    ],
    [
      "one zone the region lacks",
      "zm-one-missing",
      { zones: [`${REGION}-h`, `${REGION}-z`] },
      `argument "zones[1]" is "${REGION}-z"`,
    ],
    ["more zones than the region has", "zm-five", { zoneCount: 5 }, 'argument "zoneCount" is 5'],
  ])("%s: one failure, the check's own message only", async (_probe, name, args, names) => {
    const failures = await failuresOf(name, args as HardenedVpcArgs);
    expect(failures).toHaveLength(1);
    const [message] = failures;
    expect(message.startsWith(`HardenedVpc "${name}": `)).toBe(true);
    expect(message).toContain(names);
    expect(message).toContain("fix: ");
    expect(message).not.toContain("error serializing property");
    expect(childrenOf(name)).toEqual([]);
  });

  it.each([
    ["zones the region offers", "zm-listed", { zones: [`${REGION}-h`, `${REGION}-j`] }],
    ["as many zones as the region has", "zm-three", { zoneCount: 3 }],
  ])("%s: no failure, every vSwitch built", async (_probe, name, args) => {
    const failures = await failuresOf(name, args as HardenedVpcArgs);
    expect(failures).toEqual([]);
    const switches = childrenOf(name).filter((r) => r.type === "alicloud:vpc/switch:Switch");
    expect(switches.length).toBeGreaterThan(0);
    expect(switches.every((s) => String(s.inputs.zoneId).startsWith(`${REGION}-`))).toBe(true);
  });
});
