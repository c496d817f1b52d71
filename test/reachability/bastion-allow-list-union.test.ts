// A bastion's `hardening:allowed-cidrs` tag cannot declare a broad public range, and neither can its entries together:
// the entries' union, merged into blocks, is held to the bound one entry is held to (a public /24, IPv6 /48).
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { ADMIN_SOURCE_MIN_PREFIX_V4, ADMIN_SOURCE_MIN_PREFIX_V6 } from "../../components/plan/adminSources";
import { UNKNOWN } from "../../lib/reachability";
import { TAG_ENTRY_PREFIX, taggedAllowList, taggedBroadRanges } from "../../policies/stack/roles";
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

// The union is measured as contiguous ranges, not as prefix-aligned blocks: 203.0.113.0/24 and 203.0.114.0/24 share
// no /23 yet are 512 contiguous addresses, twice what one entry may be.
describe("taggedAllowList: contiguous ranges, aligned or not", () => {
  it.each([
    // Unaligned neighbours: no /23 holds both (was: both trusted).
    ["203.0.113.0/24 203.0.114.0/24", [], ["203.0.113.0/24", "203.0.114.0/24"]],
    // A /25 and the /24 after it: 384 contiguous addresses (was: trusted).
    ["203.0.113.128/25 203.0.114.0/24", [], ["203.0.113.128/25", "203.0.114.0/24"]],
    // Three in a row: the aligned pair was refused, the third trusted; the run is one range.
    ["203.0.111.0/24 203.0.112.0/24 203.0.113.0/24", [], ["203.0.111.0/24", "203.0.112.0/24", "203.0.113.0/24"]],
    // Overlapping entries join too: a /25 inside the first /24, then its unaligned neighbour (was: all trusted).
    ["203.0.113.0/24 203.0.113.128/25 203.0.114.0/24", [], ["203.0.113.0/24", "203.0.113.128/25", "203.0.114.0/24"]],
    // IPv6: unaligned neighbouring /48s (was: both trusted).
    ["2001:db8:1::/48 2001:db8:2::/48", [], ["2001:db8:1::/48", "2001:db8:2::/48"]],
    // Exactly 256 contiguous addresses across a /24 boundary: as many as one entry may hold.
    ["203.0.113.128/25 203.0.114.0/25", ["203.0.113.128/25", "203.0.114.0/25"], []],
    // Scattered entries with a gap between them still pass.
    ["203.0.113.0/24 203.0.115.0/24", ["203.0.113.0/24", "203.0.115.0/24"], []],
    ["2001:db8:1::/48 2001:db8:3::/48", ["2001:db8:1::/48", "2001:db8:3::/48"], []],
    // Private neighbours are never refused; a public one beside them joins nothing.
    ["10.0.255.0/24 11.0.0.0/24", ["10.0.255.0/24", "11.0.0.0/24"], []],
  ])("%j → trusted %j, refused %j", (tag, trusted, refused) => {
    expect(listOf(tag)).toEqual({ trusted, refused });
  });

  it("names the joined ranges, first–last, IPv6 compressed", () => {
    const tags = { "hardening:allowed-cidrs": "203.0.113.0/24 203.0.114.0/24 2001:db8:1::/48 2001:db8:2::/48" };
    expect(taggedBroadRanges({ tags })).toEqual([
      "203.0.113.0–203.0.114.255",
      "2001:db8:1::–2001:db8:2:ffff:ffff:ffff:ffff:ffff",
    ]);
  });

  it("names no range for entries with gaps between them", () => {
    expect(taggedBroadRanges({ tags: { "hardening:allowed-cidrs": "203.0.113.0/24 203.0.115.0/24" } })).toEqual([]);
  });

  it("holds the tag to the Bastion components' own bound (/24, /48)", () => {
    expect(TAG_ENTRY_PREFIX).toEqual({ ipv4: ADMIN_SOURCE_MIN_PREFIX_V4, ipv6: ADMIN_SOURCE_MIN_PREFIX_V6 });
  });
});

describe("disallow-internet-admin-ports-except-bastions: unaligned neighbours in the tag", () => {
  it("blocks SSH from 203.0.113.0/24 when the tag also lists 203.0.114.0/24, naming the joined range (was: passed)", async () => {
    const { b, host } = bastion(["203.0.113.0/24"], ["203.0.113.0/24", "203.0.114.0/24"]);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("together 203.0.113.0–203.0.114.255");
    expect(out[0].message).toContain("broader than a public /24 (IPv6 /48)");
  });

  it("passes SSH from two /24s with a gap between them", async () => {
    const { b } = bastion(["203.0.113.0/24", "203.0.115.0/24"], ["203.0.113.0/24", "203.0.115.0/24"]);
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("a source unknown at preview is a note that still names the joined range", async () => {
    const { b, host } = bastion([UNKNOWN], ["203.0.113.0/24", "203.0.114.0/24"]);
    const out = await runStackPolicy(policy, b.resources);
    expect(out.map((f) => [f.urn, f.advisory])).toEqual([[host.urn, true]]);
    expect(out[0].message).toContain("cannot be verified at preview");
    expect(out[0].message).toContain("together 203.0.113.0–203.0.114.255");
  });
});
