import fc from "fast-check";
import { cidrContains, coversInternet, internetSources, isBroadPublic, isPublicCidr, parseCidr } from "../../lib/cidr";

describe("parseCidr", () => {
  it.each([
    ["0.0.0.0/0", "ipv4", 0, 0n, 4294967295n],
    ["10.1.2.3/8", "ipv4", 8, 167772160n, 184549375n],
    ["203.0.113.7", "ipv4", 32, 3405803783n, 3405803783n],
    ["::/0", "ipv6", 0, 0n, (1n << 128n) - 1n],
    ["2001:db8::/32", "ipv6", 32, 0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n],
  ])("%s", (text, family, prefix, first, last) => {
    expect(parseCidr(text)).toEqual({ family, prefix, first, last, text });
  });

  it.each([
    ["::/00", "::/0"],
    ["0.0.0.0/00", "0.0.0.0/0"],
    ["::0.0.0.0/0", "::/0"],
    ["::ffff:10.0.0.0/104", "::ffff:a00:0/104"],
    ["64:ff9b::192.0.2.1", "64:ff9b::c000:201/128"],
  ])("reads %s as the cloud does (%s)", (text, same) => {
    const { text: _a, ...a } = parseCidr(text)!;
    const { text: _b, ...b } = parseCidr(same)!;
    expect(a).toEqual(b);
  });

  it.each(["", "banana", "1.2.3.4/33", "300.0.0.0/8", "::/129", "1.2.3/24", "010.0.0.0/8", "::1.2.3.256/128"])(
    "rejects %p",
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});

describe("coversInternet", () => {
  it.each<[string, string[], { ipv4: boolean; ipv6: boolean }]>([
    ["the v4 default route", ["0.0.0.0/0"], { ipv4: true, ipv6: false }],
    ["the v6 default route", ["::/0"], { ipv4: false, ipv6: true }],
    ["two halves", ["0.0.0.0/1", "128.0.0.0/1"], { ipv4: true, ipv6: false }],
    ["halves out of order with overlap", ["128.0.0.0/1", "0.0.0.0/2", "0.0.0.0/1"], { ipv4: true, ipv6: false }],
    ["one half only", ["0.0.0.0/1"], { ipv4: false, ipv6: false }],
    ["v6 halves", ["::/1", "8000::/1"], { ipv4: false, ipv6: true }],
    [
      "a gap of one address",
      ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5"],
      {
        ipv4: false,
        ipv6: false,
      },
    ],
    ["private only", ["10.0.0.0/8", "172.16.0.0/12"], { ipv4: false, ipv6: false }],
    ["garbage is ignored", ["nope", "0.0.0.0/0"], { ipv4: true, ipv6: false }],
    ["empty", [], { ipv4: false, ipv6: false }],
  ])("%s", (_name, cidrs, expected) => {
    expect(coversInternet(cidrs)).toEqual(expected);
  });

  it("any split of the v4 space into prefixes covers it, and dropping one block uncovers it", () => {
    // Split recursively: each step halves a block or keeps it, so the union is always the whole space.
    const split = (depth: number): fc.Arbitrary<string[]> =>
      fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }).map((coins) => {
        const out: string[] = [];
        let i = 0;
        const walk = (first: number, prefix: number) => {
          if (prefix < depth && coins[i++ % coins.length]) {
            walk(first, prefix + 1);
            walk(first + 2 ** (32 - prefix - 1), prefix + 1);
          } else {
            out.push(`${[24, 16, 8, 0].map((s) => Math.floor(first / 2 ** s) % 256).join(".")}/${prefix}`);
          }
        };
        walk(0, 0);
        return out;
      });
    fc.assert(
      fc.property(split(8), fc.nat(), (blocks, k) => {
        expect(coversInternet(fc.sample(fc.shuffledSubarray(blocks, { minLength: blocks.length }), 1)[0]).ipv4).toBe(
          true,
        );
        if (blocks.length > 1) {
          const without = blocks.filter((_, i) => i !== k % blocks.length);
          expect(coversInternet(without).ipv4).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("isPublicCidr", () => {
  it.each([
    ["0.0.0.0/0", true],
    ["8.8.8.8/32", true],
    ["203.0.113.0/24", true],
    ["10.0.0.0/8", false],
    ["10.0.0.0/7", true], // 11.0.0.0/8 is public
    ["172.16.0.0/12", false],
    ["192.168.1.0/24", false],
    ["100.64.0.0/10", false],
    ["127.0.0.1/32", false],
    ["169.254.169.254/32", false],
    ["224.0.0.0/4", false],
    ["::/0", true],
    ["2400:cb00::/32", true],
    ["fd00::/8", false],
    ["fe80::/64", false],
    ["::1/128", false],
    ["not-a-cidr", false],
  ])("%s → %p", (cidr, expected) => {
    expect(isPublicCidr(cidr)).toBe(expected);
  });

  it("every block inside 10/8 is private", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 8, max: 32 }),
        (b, c, p) => expect(isPublicCidr(`10.${b}.${c}.0/${p}`)).toBe(false),
      ),
    );
  });
});

describe("isBroadPublic and internetSources", () => {
  it.each([
    ["1.0.0.0/8", undefined, true],
    ["198.51.100.0/24", undefined, false],
    ["198.51.100.0/23", undefined, true],
    ["198.51.100.0/23", 16, false],
    ["10.0.0.0/8", undefined, false],
    ["2001:db8::/32", undefined, true],
    ["2001:db8::/56", undefined, false],
  ])("%s with /%p → %p", (cidr, min, expected) => {
    expect(isBroadPublic(cidr, min)).toBe(expected);
  });

  it("lists internet-wide and broad public entries, honouring an allow-list", () => {
    const set = ["10.0.0.0/8", "0.0.0.0/1", "198.51.100.7/32", "::/0", "1.2.0.0/16"];
    expect(internetSources(set)).toEqual(["0.0.0.0/1", "::/0", "1.2.0.0/16"]);
    expect(internetSources(["1.2.0.0/16"], { allow: ["1.0.0.0/8"] })).toEqual([]);
    expect(internetSources(["1.2.0.0/16"], { minPrefixV4: 16 })).toEqual([]);
    // A host inside a covering set is reported too: together they are the internet.
    expect(internetSources(["0.0.0.0/1", "128.0.0.0/1", "8.8.8.8"])).toEqual(["0.0.0.0/1", "128.0.0.0/1", "8.8.8.8"]);
  });

  it("applies each family's prefix limit to its own blocks, after the allow-list", () => {
    const set = ["1.2.0.0/16", "2001:db8::/40", "not-a-cidr"];
    expect(internetSources(set, { minPrefixV4: 8, minPrefixV6: 48 })).toEqual(["2001:db8::/40"]);
    expect(internetSources(set, { minPrefixV4: 24, minPrefixV6: 32 })).toEqual(["1.2.0.0/16"]);
    const halves = ["0.0.0.0/1", "128.0.0.0/1"];
    expect(internetSources(halves, { allow: ["0.0.0.0/1"] })).toEqual(["128.0.0.0/1"]);
    expect(internetSources(halves, { allow: ["0.0.0.0/1"], minPrefixV4: 0 })).toEqual([]);
  });

  it("cidrContains", () => {
    expect(cidrContains("10.0.0.0/8", "10.2.0.0/16")).toBe(true);
    expect(cidrContains("10.2.0.0/16", "10.0.0.0/8")).toBe(false);
    expect(cidrContains("::/0", "10.0.0.0/8")).toBe(false);
  });
});
