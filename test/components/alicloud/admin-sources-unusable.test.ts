// Alibaba Cloud admin sources (Bastion.allowedCidrs, HardenedVpc.adminSourceCidrs) no operator connects from are
// refused, naming the argument, the entry and the block it lies in, before anything is registered; private ranges
// and narrow public blocks stay accepted.
import { recorded, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";
import { checkAdminSourceCidrs } from "../../../components/plan/alicloud-sg";
import { UNUSABLE_ROWS, USABLE_ROWS } from "../unusable-admin-sources.rows";

describe("checkAdminSourceCidrs", () => {
  it.each(UNUSABLE_ROWS)("%s is refused, naming %s", (cidr, block) => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["203.0.113.0/28", cidr]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[1]", cidr]]);
    expect(problems[0].allowed).toContain(`(${block})`);
    expect(problems[0].allowed).toMatch(/^a source operators connect from, not /);
    expect(problems[0].fix).toMatch(/office or VPN egress|IPv4 notation/);
  });

  it.each([
    ["a bare multicast address", "224.0.0.251", "224.0.0.0/4"],
    ["a bare loopback address", "127.0.0.1", "127.0.0.0/8"],
    ["IPv4-mapped in dotted form", "::ffff:203.0.113.5", "::ffff:0:0/96"],
  ])("%s (%s) is refused too", (_label, cidr, block) => {
    const problems = checkAdminSourceCidrs("allowedCidrs", [cidr]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[0]", cidr]]);
    expect(problems[0].allowed).toContain(`(${block})`);
  });

  it("accepts private ranges and narrow public blocks, all at once", () => {
    expect(checkAdminSourceCidrs("allowedCidrs", USABLE_ROWS)).toEqual([]);
  });

  it("reports a duplicate reserved entry once per entry, as reserved", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["0.0.0.0/8", "0.0.0.0/8"]);
    expect(problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]"]);
    for (const p of problems) expect(p.allowed).toContain("(0.0.0.0/8)");
  });

  it("still reports the internet as exposing", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["0.0.0.0/0"]);
    expect(problems).toHaveLength(1);
    expect(problems[0].allowed).toMatch(/together do not cover the internet/);
  });
});

describe("components refuse them before registering anything", () => {
  const bastionBase = { vpcId: "vpc-1", vswitchId: "vsw-1", keyName: "ops" };

  it("Bastion allowedCidrs [0.0.0.0/8, 224.0.0.0/4] names both entries", async () => {
    const before = recorded.length;
    const message = thrown(
      () => new Bastion("reserved", { ...bastionBase, allowedCidrs: ["0.0.0.0/8", "224.0.0.0/4"] }),
    );
    expect(message).toContain('argument "allowedCidrs[0]" is "0.0.0.0/8"; allowed: a source operators connect from');
    expect(message).toContain('argument "allowedCidrs[1]" is "224.0.0.0/4"; allowed: a source operators connect from');
    await settle();
    expect(recorded.length).toBe(before);
  });

  it.each(["::/96", "64:ff9b:1::/48"])("HardenedVpc adminSourceCidrs [%s] with IPv6 enabled", async (cidr) => {
    const before = recorded.length;
    const message = thrown(() => new HardenedVpc("v6src", { enableIpv6: true, adminSourceCidrs: [cidr] }));
    expect(message).toContain(`argument "adminSourceCidrs[0]" is "${cidr}"; allowed: a source operators connect from`);
    await settle();
    expect(recorded.length).toBe(before);
  });

  it("private 10.0.0.0/8 stays accepted on the bastion", async () => {
    new Bastion("privsrc", { ...bastionBase, allowedCidrs: ["10.0.0.0/8"] });
    await settle();
    expect(recorded.filter((r) => r.type === "hardening:alicloud:Bastion").map((r) => r.name)).toContain("privsrc");
  });
});

describe("checkAdminSourceCidrs: the pack's bounds on the list's union", () => {
  const SEVENTEEN_24S = Array.from({ length: 17 }, (_, i) => `45.${10 + i * 2}.0.0/24`);

  it("refuses two adjacent /24s: one contiguous range of 512 addresses", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["203.0.112.0/24", "203.0.113.0/24"]);
    expect(problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]"]);
    expect(problems[0].allowed).toContain("512 addresses in one contiguous range");
  });

  it("refuses 17 scattered /24s: more addresses than 16 blocks of /24", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", SEVENTEEN_24S);
    expect(problems).toHaveLength(17);
    expect(problems[0].allowed).toContain("at most 4096 addresses of public space in all");
    expect(problems[0].allowed).toContain("these hold 4352 addresses");
  });

  it("accepts two offices and a VPN exit, and sixteen scattered /24s", () => {
    expect(checkAdminSourceCidrs("allowedCidrs", ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.7/32"])).toEqual([]);
    expect(checkAdminSourceCidrs("allowedCidrs", SEVENTEEN_24S.slice(0, 16))).toEqual([]);
  });

  it("refuses the same IPv6 block written in another case", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["2001:DB8:1::/48", "2001:db8:1::/48"]);
    expect(problems.map((p) => [p.argument, p.allowed])).toEqual([["allowedCidrs[1]", "each source once"]]);
  });
});
