// A bastion's `hardening:allowed-cidrs` tag has an address budget: its public entries of a family together (overlaps
// counted once) may hold no more addresses than sixteen entries at the bound (4,096 IPv4 addresses in /24s, sixteen
// IPv6 /48s): room for a handful of offices and VPN exits. Entries scattered with gaps between them join into no wide
// range, yet 256 /24s a /16 apart admit as many addresses as a /16.
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { broadUnion, overBudgetText } from "../../policies/stack/allow-list-union";
import { TAG_ENTRY_PREFIX, taggedAllowList } from "../../policies/stack/roles";
import { UNKNOWN } from "../../lib/reachability";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

/** 256 /24s a /16 apart (1.0.0.0/24, 1.1.0.0/24 … 1.255.0.0/24): no two touch. */
const SPREAD_24S = Array.from({ length: 256 }, (_, i) => `1.${i}.0.0/24`);
/** Exactly the budget: 4,096 addresses in sixteen scattered /24s. */
const SIXTEEN_24S = SPREAD_24S.slice(0, 16);
const SEVENTEEN_24S = SPREAD_24S.slice(0, 17);

/** /48s with a /48 between each two (2001:db8:1::/48, 2001:db8:3::/48 …): no two touch. */
const spread48s = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${(2 * i + 1).toString(16)}::/48`);
const SIXTEEN_48S = spread48s(16);
const SEVENTEEN_48S = spread48s(17);

/** 2,000 /24s, one in every /16 of 1.0.0.0–99.39.255.255 whose first octet is odd: a large part of the internet. */
const THOUSANDS_OF_24S = Array.from({ length: 50 }, (_, a) => 2 * a + 1).flatMap((a) =>
  Array.from({ length: 40 }, (_, b) => `${a}.${b}.0.0/24`),
);

const ONE_24 = 256n;
const ONE_48 = 1n << 80n;
const BUDGET_V4 = 16n * ONE_24;
const BUDGET_V6 = 16n * ONE_48;

const listOf = (entries: readonly string[]) =>
  taggedAllowList({ tags: { "hardening:allowed-cidrs": entries.join(" ") } });
const allRefused = (entries: string[]) => ({ trusted: [], refused: entries });
const allTrusted = (entries: string[]) => ({ trusted: entries, refused: [] });

describe("taggedAllowList: the address budget of the tag's public entries", () => {
  it("refuses 256 /24s a /16 apart: 65,536 addresses in all (was: all trusted)", () => {
    expect(listOf(SPREAD_24S)).toEqual(allRefused(SPREAD_24S));
  });

  it("refuses thousands of scattered /24s (was: all trusted)", () => {
    expect(listOf(THOUSANDS_OF_24S)).toEqual(allRefused(THOUSANDS_OF_24S));
  });

  it.each([
    // Two offices' /24s, and an office beside a VPN exit: well inside the budget.
    [["203.0.113.0/24", "198.51.100.0/24"], allTrusted(["203.0.113.0/24", "198.51.100.0/24"])],
    [["203.0.113.0/24", "198.51.100.7/32"], allTrusted(["203.0.113.0/24", "198.51.100.7/32"])],
    // At the budget: sixteen scattered /24s hold 4,096 addresses.
    [SIXTEEN_24S, allTrusted(SIXTEEN_24S)],
    // At the budget in uneven blocks: fifteen /24s and two /25s apart.
    [
      [...SIXTEEN_24S.slice(0, 15), "203.0.113.0/25", "198.51.100.128/25"],
      allTrusted([...SIXTEEN_24S.slice(0, 15), "203.0.113.0/25", "198.51.100.128/25"]),
    ],
    // One address over.
    [[...SIXTEEN_24S, "192.0.2.1/32"], allRefused([...SIXTEEN_24S, "192.0.2.1/32"])],
    [
      [...SIXTEEN_24S.slice(0, 15), "203.0.113.0/25", "198.51.100.128/25", "192.0.2.1"],
      allRefused([...SIXTEEN_24S.slice(0, 15), "203.0.113.0/25", "198.51.100.128/25", "192.0.2.1"]),
    ],
    // A seventeenth scattered /24.
    [SEVENTEEN_24S, allRefused(SEVENTEEN_24S)],
    // Overlaps and duplicates count once: a /24 with addresses inside it spends no more than the /24.
    [
      [...SIXTEEN_24S, "1.0.0.0/25", "1.3.0.7", "1.15.0.0/24"],
      allTrusted([...SIXTEEN_24S, "1.0.0.0/25", "1.3.0.7", "1.15.0.0/24"]),
    ],
    // Host bits set read as the block: 1.0.0.9/24 is 1.0.0.0/24, the same 256 addresses.
    [[...SIXTEEN_24S, "1.0.0.9/24"], allTrusted([...SIXTEEN_24S, "1.0.0.9/24"])],
    // Private entries admit no internet address and spend nothing.
    [[...SIXTEEN_24S, "10.0.0.0/24", "192.168.0.0/16"], allTrusted([...SIXTEEN_24S, "10.0.0.0/24", "192.168.0.0/16"])],
    // An entry already refused (broad alone) admits nothing and spends nothing: the sixteen beside it stay trusted.
    [[...SIXTEEN_24S, "100.0.0.0/8"], { trusted: SIXTEEN_24S, refused: ["100.0.0.0/8"] }],
    // So do the entries of a refused contiguous run.
    [
      [...SIXTEEN_24S, "203.0.112.0/24", "203.0.113.0/24"],
      { trusted: SIXTEEN_24S, refused: ["203.0.112.0/24", "203.0.113.0/24"] },
    ],
    // The contiguous-run bound is unchanged by the budget: two adjacent /24s are one 512-address range.
    [["203.0.112.0/24", "203.0.113.0/24"], allRefused(["203.0.112.0/24", "203.0.113.0/24"])],
    // Families are budgeted apart: over in IPv4, the IPv6 /48 stays trusted.
    [[...SEVENTEEN_24S, "2001:db8::/48"], { trusted: ["2001:db8::/48"], refused: SEVENTEEN_24S }],
    // IPv6 at the budget: sixteen scattered /48s.
    [SIXTEEN_48S, allTrusted(SIXTEEN_48S)],
    // IPv6 one address over, and a seventeenth /48.
    [[...SIXTEEN_48S, "2001:db9::1"], allRefused([...SIXTEEN_48S, "2001:db9::1"])],
    [SEVENTEEN_48S, allRefused(SEVENTEEN_48S)],
    // A value unknown at preview is no CIDR: it spends nothing and admits nothing.
    [[UNKNOWN, ...SIXTEEN_24S], allTrusted([UNKNOWN, ...SIXTEEN_24S])],
    [[UNKNOWN, ...SEVENTEEN_24S], { trusted: [UNKNOWN], refused: SEVENTEEN_24S }],
  ])("%j → %j", (entries, expected) => {
    expect(listOf(entries)).toEqual(expected);
  });
});

describe("broadUnion: the totals it reports", () => {
  it("names each family over budget with its total, the budget and its blocks, BigInt for IPv6", () => {
    const union = broadUnion([...SEVENTEEN_24S, ...SEVENTEEN_48S], { ipv4: 24, ipv6: 48 });
    expect(union.overBudget).toEqual([
      { family: "ipv4", total: 17n * ONE_24, limit: BUDGET_V4, blocks: 16, prefix: 24 },
      { family: "ipv6", total: 17n * ONE_48, limit: BUDGET_V6, blocks: 16, prefix: 48 },
    ]);
    expect(union.ranges).toEqual([]);
    expect(union.overBudget.map(overBudgetText)).toEqual([
      "public IPv4 entries: 4352 addresses in all, at most 4096 (16 blocks of /24)",
      "public IPv6 entries: 17 /48 blocks in all, at most 16 /48 blocks",
    ]);
  });

  it("reports nothing at the budget", () => {
    expect(broadUnion([...SIXTEEN_24S, ...SIXTEEN_48S], TAG_ENTRY_PREFIX).overBudget).toEqual([]);
  });

  it("counts the 2,000 scattered /24s once each", () => {
    expect(broadUnion(THOUSANDS_OF_24S, TAG_ENTRY_PREFIX).overBudget).toEqual([
      { family: "ipv4", total: 2000n * ONE_24, limit: BUDGET_V4, blocks: 16, prefix: 24 },
    ]);
  });
});

/** A public AWS bastion whose group admits SSH from `ipv4` and `ipv6`, its tag listing `allowList`. */
function bastion(ipv4: string[], ipv6: string[], allowList: readonly string[]) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: true });
  const sg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ipv4, ipv6CidrBlocks: ipv6 }],
  });
  const host = b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    ipv6AddressCount: 1,
    tags: { "hardening:role": "bastion", "hardening:allowed-cidrs": allowList.join(",") },
  });
  return { b, host };
}

describe("disallow-internet-admin-ports-except-bastions: a tag over its address budget", () => {
  it("blocks SSH from one of 256 /24s a /16 apart, naming the total and the budget (was: passed)", async () => {
    const { b, host } = bastion(["1.7.0.0/24"], [], SPREAD_24S);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source 1.7.0.0/24 is outside the bastion's allow-list (empty)");
    expect(out[0].message).toContain("more addresses in all than 16 such blocks");
    expect(out[0].message).toContain("public IPv4 entries: 65536 addresses in all, at most 4096 (16 blocks of /24)");
  });

  it("blocks SSH from one of seventeen scattered /48s over IPv6", async () => {
    const { b, host } = bastion([], ["2001:db8:1::/48"], SEVENTEEN_48S);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source 2001:db8:1::/48 is outside the bastion's allow-list");
    expect(out[0].message).toContain("public IPv6 entries: 17 /48 blocks in all, at most 16 /48 blocks");
  });

  it("passes SSH from entries exactly at the budget", async () => {
    const { b } = bastion(SIXTEEN_24S, SIXTEEN_48S, [...SIXTEEN_24S, ...SIXTEEN_48S]);
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("passes SSH from two offices' /24s and a VPN exit", async () => {
    const sources = ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.7/32"];
    const { b } = bastion(sources, [], sources);
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("passes IPv6 SSH while the IPv4 entries are over budget, and blocks the IPv4", async () => {
    const { b, host } = bastion(["1.0.0.0/24"], ["2001:db8::/48"], [...SEVENTEEN_24S, "2001:db8::/48"]);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => [f.urn, f.message.includes("source 1.0.0.0/24")])).toEqual([[host.urn, true]]);
    expect(out[0].message).toContain("public IPv4 entries: 4352 addresses in all, at most 4096 (16 blocks of /24)");
    expect(out[0].message).not.toContain("IPv6 entries:");
  });

  it("a source unknown at preview is a note that names the total", async () => {
    const { b, host } = bastion([UNKNOWN], [], SPREAD_24S);
    const out = await runStackPolicy(policy, b.resources);
    expect(out.map((f) => [f.urn, f.advisory])).toEqual([[host.urn, true]]);
    expect(out[0].message).toContain("cannot be verified at preview");
    expect(out[0].message).toContain("public IPv4 entries: 65536 addresses in all, at most 4096 (16 blocks of /24)");
  });

  it("a tag with an entry unknown at preview still spends the known ones", async () => {
    const { b, host } = bastion(["1.0.0.0/24"], [], [UNKNOWN, ...SEVENTEEN_24S]);
    expect(mandatory(await runStackPolicy(policy, b.resources)).map((f) => f.urn)).toEqual([host.urn]);
  });
});
