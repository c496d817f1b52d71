// Where HardenedVpc may be carved from, and what its admin sources need: reserved space is refused before anything
// is registered (AWS refuses it only at CreateVpc, after the retained flow-log key and group were started), space
// outside the private ranges is built with a warning naming cidrBlock, and adminIngressCidrs without the public tier
// whose ACL holds them is refused rather than silently dropped.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { HardenedVpc, HardenedVpcArgs } from "../../../components/aws/hardenedVpc";

let warn: jest.SpyInstance;
beforeEach(() => {
  reset();
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

const warnings = () => warn.mock.calls.map((c) => String(c[0]));
const spaceWarnings = () => warnings().filter((m) => /outside private space/.test(m));

async function refused(args: HardenedVpcArgs) {
  const error = validationErrorOf(() => new HardenedVpc("refused", args));
  await settle();
  expect(recorded).toEqual([]);
  expect(warnings()).toEqual([]);
  return error;
}

async function built(name: string, args: HardenedVpcArgs) {
  new HardenedVpc(name, args);
  await settle();
  return ofType("aws:ec2/vpc:Vpc", new RegExp(`^${name}-vpc$`));
}

describe("cidrBlock in reserved space is refused before anything exists", () => {
  it.each([
    ["multicast", "224.0.0.0/16", "224.0.0.0/4"],
    ["the top of multicast", "239.255.0.0/16", "224.0.0.0/4"],
    ["loopback", "127.0.0.0/16", "127.0.0.0/8"],
    ["link-local (instance metadata lives here)", "169.254.0.0/16", "169.254.0.0/16"],
    ['"this network"', "0.0.0.0/16", "0.0.0.0/8"],
    ["class E", "240.0.0.0/16", "240.0.0.0/4"],
    ["the broadcast end of class E", "255.255.0.0/16", "240.0.0.0/4"],
  ])("%s: %s", async (_label, cidrBlock, block) => {
    const error = await refused({ cidrBlock });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["cidrBlock", cidrBlock]]);
    expect(error.message).toContain(`argument "cidrBlock" is "${cidrBlock}"`);
    expect(error.message).toContain(block);
    expect(error.message).toMatch(/fix: .*use private space, e\.g\. "10\.20\.0\.0\/16"/);
  });

  it("reports a malformed block once, by its form, not also as reserved", async () => {
    const error = await refused({ cidrBlock: "224.0.0.1/16" });
    expect(error.problems.map((p) => p.argument)).toEqual(["cidrBlock"]);
    expect(error.message).not.toContain("224.0.0.0/4");
  });

  it("reports the reserved block together with every other bad argument", async () => {
    const error = await refused({ cidrBlock: "127.0.0.0/16", flowLogRetentionDays: 30 });
    expect(error.problems.map((p) => p.argument)).toEqual(["cidrBlock", "flowLogRetentionDays"]);
  });
});

describe("cidrBlock outside private space is built, with a warning", () => {
  it.each(["8.8.0.0/16", "203.0.113.0/24", "172.32.0.0/16", "192.169.0.0/16", "100.128.0.0/16"])(
    "%s warns naming cidrBlock, the value and why",
    async (cidrBlock) => {
      const name = `pub-${cidrBlock.split(".")[0]}-${cidrBlock.split(".")[1]}`;
      const args: HardenedVpcArgs = { cidrBlock, tiers: [{ type: "private", prefix: 28 }], natGateways: "none" };
      expect(await built(name, args)).toHaveLength(1);
      expect(spaceWarnings()).toHaveLength(1);
      const [message] = spaceWarnings();
      expect(message).toContain(`HardenedVpc ${name}: `);
      expect(message).toContain(`cidrBlock is "${cidrBlock}"`);
      expect(message).toContain("10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10");
      expect(message).toMatch(/shadows whoever owns those addresses/);
      expect(message).toMatch(/use private space unless it does/);
    },
  );

  it.each(["10.0.0.0/16", "172.31.0.0/16", "192.168.0.0/16", "100.64.0.0/16", "100.127.0.0/16"])(
    "%s, private or carrier-grade NAT space, builds without a warning",
    async (cidrBlock) => {
      expect(await built(`priv-${cidrBlock.split(".").slice(0, 2).join("-")}`, { cidrBlock })).toHaveLength(1);
      expect(warnings()).toEqual([]);
    },
  );

  it("the default 10.0.0.0/16 builds without a warning", async () => {
    expect(await built("dflt", {})).toHaveLength(1);
    expect(warnings()).toEqual([]);
  });
});

describe("adminIngressCidrs needs the public tier whose ACL holds them", () => {
  it("is refused without a public tier, naming the argument, its value and both fixes", async () => {
    const adminIngressCidrs = ["203.0.113.0/28"];
    const error = await refused({ tiers: [{ type: "private", prefix: 20 }], natGateways: "none", adminIngressCidrs });
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["adminIngressCidrs", adminIngressCidrs]]);
    expect(error.message).toContain('argument "adminIngressCidrs" is ["203.0.113.0/28"]');
    expect(error.message).toContain("given only with a public tier");
    expect(error.message).toMatch(/fix: add a \{ type: "public", prefix: 24 \} tier .*or drop adminIngressCidrs/);
  });

  it("is refused with only isolated subnets too, IPv6 sources included", async () => {
    const adminIngressCidrs = ["2001:db8:1::/48"];
    const error = await refused({ tiers: [{ type: "isolated", prefix: 24 }], natGateways: "none", adminIngressCidrs });
    expect(error.problems.map((p) => p.argument)).toEqual(["adminIngressCidrs"]);
  });

  it("an empty list without a public tier asks for nothing and is accepted", async () => {
    new HardenedVpc("empty", { tiers: [{ type: "private", prefix: 20 }], natGateways: "none", adminIngressCidrs: [] });
    await settle();
    expect(ofType("aws:ec2/networkAcl:NetworkAcl", /^empty-/).map((n) => n.name)).toEqual(["empty-private-nacl"]);
  });

  it("with a public tier the sources become the public ACL's first allows", async () => {
    new HardenedVpc("withpub", {
      tiers: [
        { type: "public", prefix: 24 },
        { type: "private", prefix: 20 },
      ],
      adminIngressCidrs: ["203.0.113.0/28"],
    });
    await settle();
    const [nacl] = ofType("aws:ec2/networkAcl:NetworkAcl", /^withpub-public-nacl$/);
    const allows = nacl.inputs.ingress.filter((r: { cidrBlock?: string }) => r.cidrBlock === "203.0.113.0/28");
    expect(allows).toEqual([expect.objectContaining({ action: "allow", fromPort: 22, toPort: 22 })]);
    expect(warnings()).toEqual([]);
  });
});
