// The addresses a list of blocks holds together, per family: what bounds an allow-list of scattered narrow entries.
import {
  ADMIN_SOURCE_BUDGET_BLOCKS,
  IpFamily,
  addressBudget,
  addressCountText,
  allowListExcess,
  blockSize,
} from "../../lib/cidr";

describe("blockSize", () => {
  it.each<[string, IpFamily, number, bigint]>([
    ["an IPv4 /24", "ipv4", 24, 256n],
    ["an IPv4 /32", "ipv4", 32, 1n],
    ["the IPv4 internet", "ipv4", 0, 1n << 32n],
    ["an IPv6 /48", "ipv6", 48, 1n << 80n],
    ["the IPv6 internet", "ipv6", 0, 1n << 128n],
  ])("%s", (_name, family, prefix, size) => {
    expect(blockSize(family, prefix)).toBe(size);
  });
});

describe("addressBudget", () => {
  it("is sixteen blocks of the prefix: 4,096 IPv4 addresses at /24, sixteen /48s", () => {
    expect(ADMIN_SOURCE_BUDGET_BLOCKS).toBe(16);
    expect(addressBudget("ipv4", 24)).toBe(4096n);
    expect(addressBudget("ipv6", 48)).toBe(16n << 80n);
  });
});

describe("allowListExcess: the total of the public entries outside broad ranges", () => {
  const totalOf = (cidrs: string[], family: IpFamily) =>
    allowListExcess(cidrs, family, family === "ipv4" ? 24 : 48).total;

  it.each<[string[], bigint, bigint]>([
    [[], 0n, 0n],
    // Scattered blocks add up.
    [["1.0.0.0/24", "3.0.0.0/24", "5.0.0.0/24"], 768n, 0n],
    // Overlaps, repeats and host bits count once.
    [["203.0.113.0/24", "203.0.113.128/25", "203.0.113.7", "203.0.113.9/24"], 256n, 0n],
    // A block inside a later-sorted wider one, and one straddling its end: one broad range, counted apart.
    [["203.0.113.0/25", "203.0.112.0/23", "203.0.113.128/24"], 0n, 0n],
    // Families apart; IPv6 beyond Number's precision.
    [["203.0.113.0/24", "2001:db8:1::/48", "2001:db8:3::/48"], 256n, 2n << 80n],
    // Private, unparseable and unknown entries count nothing.
    [["10.0.0.0/8", "192.168.0.0/16", "fc00::/7", "not a cidr", "203.0.113.0/28"], 16n, 0n],
  ])("%j → IPv4 %s, IPv6 %s", (cidrs, ipv4, ipv6) => {
    expect([totalOf(cidrs, "ipv4"), totalOf(cidrs, "ipv6")]).toEqual([ipv4, ipv6]);
  });

  it("refuses every public entry over budget by position, and only the broad range's entries under it", () => {
    const seventeen = Array.from({ length: 17 }, (_, i) => `${2 * i + 1}.0.0.0/24`);
    expect(allowListExcess(["10.0.0.0/24", ...seventeen], "ipv4", 24)).toEqual({
      broad: [],
      total: 17n * 256n,
      budget: 4096n,
      refused: seventeen.map((_, i) => i + 1),
    });
    expect(allowListExcess(["203.0.112.0/24", "198.51.100.0/24", "203.0.113.0/24"], "ipv4", 24)).toEqual({
      broad: [{ first: 0xcb007000n, last: 0xcb0071ffn }],
      total: 256n,
      budget: 4096n,
      refused: [0, 2],
    });
  });
});

describe("addressCountText", () => {
  it.each([
    ["ipv4", 4352n, 24, "4352 addresses"],
    ["ipv6", 17n << 80n, 48, "17 /48 blocks"],
    ["ipv6", 1n << 80n, 48, "1 /48 block"],
    ["ipv6", (16n << 80n) + 1n, 48, "over 16 /48 blocks"],
    ["ipv6", 5n, 48, "part of one /48 block"],
  ] as const)("%s %s at /%s reads %s", (family, count, prefix, text) => {
    expect(addressCountText(family, count, prefix)).toBe(text);
  });
});
