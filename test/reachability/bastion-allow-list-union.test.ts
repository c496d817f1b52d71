// A bastion's `hardening:allowed-cidrs` tag cannot declare a broad public range, and neither can its entries together:
// the entries' union, merged into blocks, is held to the bound one entry is held to (a public /24, IPv6 /48).
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { taggedAllowList } from "../../policies/stack/roles";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

/** The 256 /24 blocks of 1.0.0.0/16: each narrow enough, together a /16. */
const SLASH_16_IN_24S = Array.from({ length: 256 }, (_, i) => `1.0.${i}.0/24`);

const listOf = (tag: string) => taggedAllowList({ tags: { "hardening:allowed-cidrs": tag } });

describe("taggedAllowList: the union of the entries", () => {
  it("refuses 256 /24s that together are 1.0.0.0/16 (was: all trusted)", () => {
    expect(listOf(SLASH_16_IN_24S.join(" "))).toEqual({ trusted: [], refused: SLASH_16_IN_24S });
  });

  it.each([
    // Adjacent /24s merge into a /23.
    ["203.0.112.0/24 203.0.113.0/24", [], ["203.0.112.0/24", "203.0.113.0/24"]],
    // Host bits set read as their blocks, as the clouds read them.
    ["203.0.112.5/24,203.0.113.9/24", [], ["203.0.112.5/24", "203.0.113.9/24"]],
    // A /24 and a /25 elsewhere stay two blocks.
    ["203.0.113.0/24 198.51.100.0/25", ["203.0.113.0/24", "198.51.100.0/25"], []],
    // Two halves of a /24 merge into the /24 itself, which one entry may be.
    ["203.0.113.0/25 203.0.113.128/25", ["203.0.113.0/25", "203.0.113.128/25"], []],
    // Private blocks are never refused, merged or not; the public pair still is.
    [
      "10.0.0.0/24 10.0.1.0/24 203.0.112.0/24 203.0.113.0/24",
      ["10.0.0.0/24", "10.0.1.0/24"],
      ["203.0.112.0/24", "203.0.113.0/24"],
    ],
    // IPv6: two adjacent /48s merge into a /47.
    ["2001:db8::/48 2001:db8:1::/48", [], ["2001:db8::/48", "2001:db8:1::/48"]],
    ["2001:db8::/48 2001:db8:2::/48", ["2001:db8::/48", "2001:db8:2::/48"], []],
    // Families merge apart: a /24 and a /48 are each at their bound.
    ["203.0.113.0/24 2001:db8::/48", ["203.0.113.0/24", "2001:db8::/48"], []],
    // A duplicate entry adds nothing to the union.
    ["203.0.113.0/24 203.0.113.0/24", ["203.0.113.0/24", "203.0.113.0/24"], []],
  ])("%j → trusted %j, refused %j", (tag, trusted, refused) => {
    expect(listOf(tag)).toEqual({ trusted, refused });
  });
});

/** A public AWS bastion whose group admits SSH from `sources`, its tag listing `allowList`. */
function bastion(sources: string[], allowList: string[]) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "bastion", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: sources })] });
  const host = b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    tags: { "hardening:role": "bastion", "hardening:allowed-cidrs": allowList.join(",") },
  });
  return { b, host };
}

describe("disallow-internet-admin-ports-except-bastions: a tag whose entries merge into a broad range", () => {
  it("blocks SSH from 1.0.0.0/16 on a bastion whose tag lists its 256 /24s (was: passed)", async () => {
    const { b, host } = bastion(["1.0.0.0/16"], SLASH_16_IN_24S);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source 1.0.0.0/16 is outside the bastion's allow-list (empty)");
    expect(out[0].message).toContain("alone or merged with the other entries");
  });

  it("blocks one of those /24s too: no entry of a refused union is trusted", async () => {
    const { b, host } = bastion(["1.0.7.0/24"], SLASH_16_IN_24S);
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((f) => f.urn)).toEqual([host.urn]);
  });

  it("blocks SSH from a /24 whose neighbour the tag also lists: together they are a /23", async () => {
    const { b, host } = bastion(["203.0.112.0/24"], ["203.0.112.0/24", "203.0.113.0/24"]);
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((f) => f.urn)).toEqual([host.urn]);
  });

  it("passes two offices' /24s that merge into nothing broader", async () => {
    const { b } = bastion(["203.0.113.0/24", "198.51.100.0/24"], ["203.0.113.0/24", "198.51.100.0/24"]);
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });
});
