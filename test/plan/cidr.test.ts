import * as fc from "fast-check";
import { IPv4CidrRange } from "ip-num";
import { planSubnets, parseIpv4Cidr } from "../../components/plan/cidr";
import { ValidationError } from "../../components/validation";

const cidrs = (plans: { cidrBlock: string }[]) => plans.map((p) => p.cidrBlock);

describe("planSubnets: golden layouts", () => {
  it.each([
    {
      vpcCidr: "10.0.0.0/16",
      zones: ["a", "b"],
      tiers: [
        { name: "public", prefix: 24 },
        { name: "private", prefix: 20 },
      ],
      expected: ["10.0.0.0/24", "10.0.1.0/24", "10.0.16.0/20", "10.0.32.0/20"],
    },
    {
      vpcCidr: "10.10.0.0/16",
      zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      tiers: [
        { name: "public", prefix: 24 },
        { name: "private", prefix: 24 },
        { name: "isolated", prefix: 24 },
      ],
      expected: [
        "10.10.0.0/24",
        "10.10.1.0/24",
        "10.10.2.0/24",
        "10.10.3.0/24",
        "10.10.4.0/24",
        "10.10.5.0/24",
        "10.10.6.0/24",
        "10.10.7.0/24",
        "10.10.8.0/24",
      ],
    },
    {
      vpcCidr: "192.168.0.0/24",
      zones: ["z1", "z2"],
      tiers: [
        { name: "private", prefix: 26 },
        { name: "isolated", prefix: 28 },
      ],
      expected: ["192.168.0.0/26", "192.168.0.64/26", "192.168.0.128/28", "192.168.0.144/28"],
    },
    {
      // Exactly full: four /18s fill a /16.
      vpcCidr: "172.16.0.0/16",
      zones: ["a", "b"],
      tiers: [
        { name: "private", prefix: 18 },
        { name: "isolated", prefix: 18 },
      ],
      expected: ["172.16.0.0/18", "172.16.64.0/18", "172.16.128.0/18", "172.16.192.0/18"],
    },
  ])("$vpcCidr over $zones.length zones", ({ vpcCidr, zones, tiers, expected }) => {
    const plan = planSubnets({ vpcCidr, zones, tiers });
    expect(cidrs(plan)).toEqual(expected);
    expect(plan.map((p) => p.tier)).toEqual(tiers.flatMap((t) => zones.map(() => t.name)));
    expect(plan.map((p) => `${p.zone}#${p.zoneIndex}`)).toEqual(tiers.flatMap(() => zones.map((z, i) => `${z}#${i}`)));
  });
});

describe("planSubnets: errors", () => {
  function problemsOf(fn: () => unknown) {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).problems;
    }
    throw new Error("expected a ValidationError");
  }

  it("lists every invalid option at once", () => {
    const problems = problemsOf(() =>
      planSubnets({
        vpcCidr: "10.0.0.1/16",
        zones: ["a", "a", ""],
        tiers: [
          { name: "public", prefix: 30 },
          { name: "public", prefix: 24 },
        ],
      }),
    );
    expect(problems.map((p) => p.argument)).toEqual([
      "vpcCidr",
      "zones[1]",
      "zones[2]",
      "tiers[0].prefix",
      "tiers[1].name",
    ]);
    expect(problems[0].value).toBe("10.0.0.1/16");
    expect(problems[3].value).toBe(30);
    for (const p of problems) {
      expect(p.allowed.length).toBeGreaterThan(0);
      expect(p.fix.length).toBeGreaterThan(0);
    }
  });

  it("rejects a subnet larger than the VPC", () => {
    const problems = problemsOf(() =>
      planSubnets({ vpcCidr: "10.0.0.0/24", zones: ["a"], tiers: [{ name: "x", prefix: 20 }] }),
    );
    expect(problems).toEqual([expect.objectContaining({ argument: "tiers[0].prefix", value: 20 })]);
  });

  it("names the tiers and the space needed when the plan does not fit", () => {
    expect(() =>
      planSubnets({
        vpcCidr: "10.0.0.0/24",
        zones: ["a", "b", "c"],
        tiers: [
          { name: "public", prefix: 26 },
          { name: "private", prefix: 26 },
        ],
      }),
    ).toThrow(/argument "tiers" is \["public:\/26","private:\/26"\].*256 addresses.*need 384 addresses.*fix/s);
  });

  it("rejects empty zones and tiers", () => {
    const problems = problemsOf(() => planSubnets({ vpcCidr: "10.0.0.0/16", zones: [], tiers: [] }));
    expect(problems.map((p) => p.argument)).toEqual(["zones", "tiers"]);
  });
});

describe("planSubnets: properties", () => {
  const options = fc
    .record({
      a: fc.integer({ min: 0, max: 255 }),
      b: fc.integer({ min: 0, max: 255 }),
      vpcPrefix: fc.integer({ min: 16, max: 24 }),
      zones: fc.integer({ min: 1, max: 3 }),
      tierOffsets: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 3 }),
    })
    .map(({ a, b, vpcPrefix, zones, tierOffsets }) => {
      const vpc = IPv4CidrRange.fromCidr(`10.${a}.${b}.0/${vpcPrefix}`);
      return {
        vpcCidr: `${vpc.getFirst().toString()}/${vpcPrefix}`,
        zones: ["z1", "z2", "z3"].slice(0, zones),
        tiers: tierOffsets.map((o, i) => ({ name: `t${i}`, prefix: Math.min(28, vpcPrefix + o) })),
      };
    });

  it("never overlaps, stays inside the VPC and is deterministic (when it fits)", () => {
    fc.assert(
      fc.property(options, (opts) => {
        let plan;
        try {
          plan = planSubnets(opts);
        } catch (e) {
          // Not fitting is the only allowed failure, and it must say so through `tiers`.
          expect((e as ValidationError).problems.map((p) => p.argument)).toEqual(["tiers"]);
          return;
        }
        const vpc = parseIpv4Cidr(opts.vpcCidr)!;
        const ranges = plan.map((p) => parseIpv4Cidr(p.cidrBlock)!);
        ranges.forEach((r) => expect(r).toBeDefined());
        ranges.forEach((r) => expect(vpc.contains(r)).toBe(true));
        for (let i = 0; i < ranges.length; i++) {
          for (let j = i + 1; j < ranges.length; j++) expect(ranges[i].isOverlapping(ranges[j])).toBe(false);
        }
        expect(plan.length).toBe(opts.zones.length * opts.tiers.length);
        expect(planSubnets(opts)).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });

  it("always fits when the subnets' total size is at most a quarter of the VPC", () => {
    fc.assert(
      fc.property(options, (opts) => {
        const vpcPrefix = Number(opts.vpcCidr.split("/")[1]);
        const total = opts.tiers.reduce((s, t) => s + opts.zones.length * 2 ** (32 - t.prefix), 0);
        fc.pre(total * 4 <= 2 ** (32 - vpcPrefix));
        expect(() => planSubnets(opts)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
