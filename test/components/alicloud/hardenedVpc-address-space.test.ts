// HardenedVpc cidrBlock outside private space: Alibaba Cloud takes a custom block (all but 100.64.0.0/10, multicast,
// loopback and link-local, refused before anything exists), but its addresses belong to someone on the internet, so
// the VPC is built with a warning naming cidrBlock, the value and the fix, as AWS's twin does (plan/vpcCidrSpace.ts).
import * as pulumi from "@pulumi/pulumi";
import { ofType, recorded, settle, thrown } from "./mocks";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const spaceWarnings = () => warn.mock.calls.filter((c) => /outside private space/.test(String(c[0])));
const nameOf = (cidrBlock: string) => `space-${cidrBlock.split("/")[0].replace(/\./g, "-")}`;

describe("cidrBlock outside private space is built, with a warning", () => {
  it.each([
    ["public space", "8.8.0.0/16"],
    ["just past 172.16.0.0/12", "172.32.0.0/16"],
    ["just before 172.16.0.0/12", "172.15.0.0/16"],
    ["just past 192.168.0.0/16", "192.169.0.0/16"],
    ["just past 100.64.0.0/10", "100.128.0.0/16"],
    ["just before 100.64.0.0/10", "100.63.0.0/16"],
    ["just past 10.0.0.0/8", "11.0.0.0/16"],
  ])("%s: %s warns once, naming cidrBlock, the value and the fix", async (_label, cidrBlock) => {
    const name = nameOf(cidrBlock);
    const vpc = new HardenedVpc(name, { cidrBlock });
    await settle();
    expect(ofType(name, "alicloud:vpc/network:Network").map((n) => n.inputs.cidrBlock)).toEqual([cidrBlock]);
    const found = spaceWarnings();
    expect(found).toHaveLength(1);
    const [message, resource] = found[0];
    // Logged on the component, which exists by then.
    expect(resource).toBe(vpc);
    expect(message).toMatch(new RegExp(`^HardenedVpc "${name}": cidrBlock is "${cidrBlock.replace(/\./g, "\\.")}"`));
    expect(message).toContain("outside private space");
    expect(message).toMatch(/shadows whoever owns those addresses/);
    expect(message).toMatch(/use private space unless it does/);
    expect(message).toContain(
      "on Alibaba Cloud that is 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (100.64.0.0/10 is kept for its own services)",
    );
  });

  it.each([
    ["the default", undefined],
    ["the bottom of 10.0.0.0/8", "10.0.0.0/16"],
    ["the top of 10.0.0.0/8", "10.255.0.0/16"],
    ["the bottom of 172.16.0.0/12", "172.16.0.0/16"],
    ["the top of 172.16.0.0/12", "172.31.0.0/16"],
    ["192.168.0.0/16 itself", "192.168.0.0/16"],
  ])("%s does not warn", async (_label, cidrBlock) => {
    const name = nameOf(cidrBlock ?? "default");
    new HardenedVpc(name, cidrBlock === undefined ? {} : { cidrBlock });
    await settle();
    expect(ofType(name, "alicloud:vpc/network:Network")).toHaveLength(1);
    expect(spaceWarnings()).toEqual([]);
  });

  it("refuses 100.64.0.0/10 space, Alibaba Cloud's own, without warning or registering anything", async () => {
    const message = thrown(() => new HardenedVpc("cgnat", { cidrBlock: "100.64.0.0/16" }));
    expect(message).toContain('argument "cidrBlock" is "100.64.0.0/16"');
    await settle();
    expect(recorded.filter((r) => r.name.startsWith("cgnat"))).toEqual([]);
    expect(spaceWarnings()).toEqual([]);
  });

  it("reports a public block with every other bad argument, and warns about none of them", async () => {
    const message = thrown(() => new HardenedVpc("mixed", { cidrBlock: "8.8.0.0/16", flowLogRetentionDays: 30 }));
    expect(message).toContain('argument "flowLogRetentionDays" is 30');
    await settle();
    expect(recorded.filter((r) => r.name.startsWith("mixed"))).toEqual([]);
    expect(spaceWarnings()).toEqual([]);
  });
});
