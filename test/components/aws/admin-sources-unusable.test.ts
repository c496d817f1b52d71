// AWS admin sources (Bastion.allowedCidrs, HardenedVpc.adminIngressCidrs) no operator connects from are refused,
// naming the argument, the entry and the block it lies in, before anything is registered; private ranges and narrow
// public blocks stay accepted. So are lists the policy pack would refuse as a bastion's allowed-cidrs tag: narrow
// blocks joined into a range broader than /24 (IPv6 /48), or holding more than sixteen such blocks' addresses in all.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { Bastion } from "../../../components/aws/bastion";
import { HardenedVpc } from "../../../components/aws/hardenedVpc";
import { checkAdminSources } from "../../../components/plan/adminSources";
import { Problems } from "../../../components/validation";
import { taggedAllowList } from "../../../policies/stack/roles";
import { UNUSABLE_ROWS, USABLE_ROWS } from "../unusable-admin-sources.rows";

const problemsOf = (cidrs: string[]) => {
  const problems = new Problems("t");
  checkAdminSources(problems, "allowedCidrs", cidrs, { required: true });
  return problems.list;
};

describe("checkAdminSources", () => {
  it.each(UNUSABLE_ROWS)("%s is refused, naming %s", (cidr, block) => {
    const problems = problemsOf(["203.0.113.0/28", cidr]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[1]", cidr]]);
    expect(problems[0].allowed).toContain(`(${block})`);
    expect(problems[0].allowed).toMatch(/^a source operators connect from, not /);
    expect(problems[0].fix).toMatch(/office or VPN egress|IPv4 notation/);
  });

  it("accepts private ranges and narrow public blocks, all at once", () => {
    expect(problemsOf([...USABLE_ROWS])).toEqual([]);
  });

  it("still reports the internet and broad blocks as exposing, not as reserved", () => {
    const problems = problemsOf(["0.0.0.0/0", "::/0", "0.0.0.0/4"]);
    expect(problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]", "allowedCidrs[2]"]);
    for (const p of problems) expect(p.allowed).toMatch(/narrow source blocks/);
  });

  it("reports a misspelled reserved entry by its form, once", () => {
    const problems = problemsOf(["224.0.0.1/4"]);
    expect(problems).toHaveLength(1);
    expect(problems[0].allowed).toMatch(/host bits set/);
  });
});

/** /24s a /16 apart (1.0.0.0/24, 1.1.0.0/24 …) and /48s a /48 apart (2001:db8:1::/48, 2001:db8:3::/48 …). */
const spread24s = (n: number) => Array.from({ length: n }, (_, i) => `1.${i}.0.0/24`);
const spread48s = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${(2 * i + 1).toString(16)}::/48`);

describe("checkAdminSources: the list's union, as the policy pack judges a bastion's tag", () => {
  it.each([
    ["two offices' /24s and a VPN exit", ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.7/32"]],
    ["sixteen scattered /24s: 4,096 addresses, the budget", spread24s(16)],
    ["sixteen scattered /48s", spread48s(16)],
    ["sixteen /24s beside private ranges, which spend nothing", [...spread24s(16), "10.0.0.0/16", "fc00::/7"]],
    ["sixteen /24s and narrower blocks inside them", [...spread24s(16), "1.0.0.0/25", "1.3.0.7/32"]],
    ["two /25s joined into 256 contiguous addresses across a /24 boundary", ["203.0.113.128/25", "203.0.114.0/25"]],
  ])("accepts %s", (_name, cidrs) => {
    expect(problemsOf(cidrs)).toEqual([]);
  });

  it.each([
    ["one address over the budget", [...spread24s(16), "192.0.2.1/32"], 4097],
    ["seventeen scattered /24s", spread24s(17), 17 * 256],
    ["256 /24s a /16 apart", spread24s(256), 65536],
  ])("refuses %s, naming every entry, the total and the budget", (_name, cidrs, total) => {
    const problems = problemsOf(cidrs);
    expect(problems.map((p) => [p.argument, p.value])).toEqual(cidrs.map((c, i) => [`allowedCidrs[${i}]`, c]));
    expect(problems[0].allowed).toBe(
      `IPv4 sources holding at most 4096 addresses of public space in all (16 blocks of /24; these hold ${total} addresses)`,
    );
    expect(problems[0].fix).toMatch(
      /^list only the office and VPN egress addresses \(e\.g\. \/28s or \/32s\); .*SSM Session Manager/,
    );
  });

  it("refuses seventeen scattered /48s, and only the IPv6 entries", () => {
    const problems = problemsOf(["203.0.113.0/28", ...spread48s(17)]);
    expect(problems.map((p) => p.value)).toEqual(spread48s(17));
    expect(problems[0].allowed).toBe(
      "IPv6 sources holding at most 16 /48 blocks of public space in all (16 blocks of /48; these hold 17 /48 blocks)",
    );
  });

  it("refuses /24s that join into one 512-address range, naming the run", () => {
    const problems = problemsOf(["203.0.112.0/24", "198.51.100.0/28", "203.0.113.0/24"]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([
      ["allowedCidrs[0]", "203.0.112.0/24"],
      ["allowedCidrs[2]", "203.0.113.0/24"],
    ]);
    expect(problems[0].allowed).toBe(
      "blocks that do not join their neighbours into a range broader than a public IPv4 /24 (here 512 addresses in one contiguous range)",
    );
    expect(problems[0].fix).toMatch(/exact office or VPN egress addresses/);
  });

  it("refuses adjacent /48s that join into a /47", () => {
    expect(problemsOf(["2001:db8::/48", "2001:db8:1::/48"]).map((p) => p.value)).toEqual([
      "2001:db8::/48",
      "2001:db8:1::/48",
    ]);
  });

  it("a broad entry spends nothing: the sixteen /24s beside it are accepted, the /8 reported as exposing", () => {
    const problems = problemsOf([...spread24s(16), "100.0.0.0/8"]);
    expect(problems.map((p) => p.value)).toEqual(["100.0.0.0/8"]);
    expect(problems[0].allowed).toMatch(/^narrow source blocks/);
  });

  it("a repeated entry is reported as a repeat, once", () => {
    const problems = problemsOf([...spread24s(17), "1.0.0.0/24"]);
    expect(problems).toHaveLength(18);
    expect(problems[17].allowed).toBe("each block once");
  });

  it.each([
    ["two offices", ["203.0.113.0/24", "198.51.100.0/24"]],
    ["at the budget", spread24s(16)],
    ["one over", [...spread24s(16), "192.0.2.1/32"]],
    ["256 spaced", spread24s(256)],
    ["a contiguous run", ["203.0.112.0/24", "203.0.113.0/24", "198.51.100.0/28"]],
    ["a run and an over-budget rest", ["203.0.112.0/24", "203.0.113.0/24", ...spread24s(17)]],
    ["IPv6 at and over", [...spread48s(16), "2001:db8:100::/48", "2001:db8:100:1::/64"]],
    ["mixed families", [...spread24s(17), ...spread48s(3), "10.0.0.0/8"]],
  ])("refuses exactly the entries the pack refuses as a tag: %s", (_name, cidrs) => {
    const refusedByPack = taggedAllowList({ tags: { "hardening:allowed-cidrs": cidrs.join(" ") } }).refused;
    expect(problemsOf(cidrs).map((p) => p.value)).toEqual(refusedByPack);
  });
});

describe("components refuse them before registering anything", () => {
  beforeEach(() => reset());
  const bastionBase = { vpcId: "vpc-1", subnetId: "subnet-1", vpcCidr: "10.0.0.0/16" };

  it.each(["0.0.0.0/8", "224.0.0.0/4", "::/96", "64:ff9b:1::/48"])("Bastion allowedCidrs [%s]", async (cidr) => {
    const error = validationErrorOf(() => new Bastion("b", { ...bastionBase, allowedCidrs: [cidr] }));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs[0]", cidr]]);
    expect(error.message).toContain(
      `argument "allowedCidrs[0]" is "${cidr}"; allowed: a source operators connect from`,
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it.each(["0.0.0.0/8", "224.0.0.0/4", "::/96", "64:ff9b:1::/48"])(
    "HardenedVpc adminIngressCidrs [%s]",
    async (cidr) => {
      const error = validationErrorOf(() => new HardenedVpc("v", { adminIngressCidrs: [cidr] }));
      expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["adminIngressCidrs[0]", cidr]]);
      await settle();
      expect(recorded).toEqual([]);
    },
  );

  it("Bastion allowedCidrs over the address budget", async () => {
    const allowedCidrs = spread24s(17);
    const error = validationErrorOf(() => new Bastion("b", { ...bastionBase, allowedCidrs }));
    expect(error.problems.map((p) => p.argument)).toEqual(allowedCidrs.map((_, i) => `allowedCidrs[${i}]`));
    expect(error.message).toContain(
      'argument "allowedCidrs[0]" is "1.0.0.0/24"; allowed: IPv4 sources holding at most 4096 addresses of public space in all',
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it("HardenedVpc adminIngressCidrs joined into a range broader than a /24", async () => {
    const adminIngressCidrs = ["203.0.112.0/24", "203.0.113.0/24"];
    const error = validationErrorOf(() => new HardenedVpc("v", { adminIngressCidrs }));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([
      ["adminIngressCidrs[0]", "203.0.112.0/24"],
      ["adminIngressCidrs[1]", "203.0.113.0/24"],
    ]);
    await settle();
    expect(recorded).toEqual([]);
  });

  it("Bastion takes two offices' /24s and a VPN exit", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      new Bastion("offices", { ...bastionBase, allowedCidrs: ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.7/32"] });
      await settle();
      expect(recorded.filter((r) => r.type === "hardening:aws:Bastion").map((r) => r.name)).toEqual(["offices"]);
    } finally {
      warn.mockRestore();
    }
  });

  it.each(["10.0.0.0/8", "100.64.0.0/10", "fc00::/7"])("private %s stays accepted", async (cidr) => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const name = `ok-${cidr.replace(/[^0-9a-f]/g, "")}`;
      new Bastion(name, { ...bastionBase, allowedCidrs: [cidr] });
      await settle();
      expect(recorded.filter((r) => r.type === "hardening:aws:Bastion").map((r) => r.name)).toEqual([name]);
    } finally {
      warn.mockRestore();
    }
  });
});
