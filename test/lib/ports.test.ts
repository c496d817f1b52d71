import {
  ALL_PORTS,
  HIGH_RISK_PORTS,
  alicloudRuleRange,
  awsRuleRange,
  formatRange,
  naclEntryRange,
  portsInRange,
  rangeCoversPort,
} from "../../lib/ports";
import { UNKNOWN } from "../../lib/values";

describe("awsRuleRange", () => {
  it.each<[string, unknown, unknown, unknown, ReturnType<typeof awsRuleRange>]>([
    ["protocol -1 ignores ports", "-1", 0, 0, ALL_PORTS],
    ["numeric -1", -1, 0, 0, ALL_PORTS],
    ["all", "all", 22, 22, ALL_PORTS],
    ["tcp exact", "tcp", 22, 22, { from: 22, to: 22 }],
    ["tcp by number", "6", 20, 25, { from: 20, to: 25 }],
    ["upper-case", "TCP", 3389, 3389, { from: 3389, to: 3389 }],
    ["udp", "17", 0, 65535, { from: 0, to: 65535 }],
    ["icmp opens no port", "icmp", -1, -1, "none"],
    ["icmpv6", "58", -1, -1, "none"],
    ["ESP opens no TCP/UDP port", "50", 0, 0, "none"],
    ["AH opens no TCP/UDP port", "51", 0, 0, "none"],
    ["GRE opens no TCP/UDP port", "47", 0, 0, "none"],
    ["IP-in-IP opens no TCP/UDP port", "4", 0, 0, "none"],
    ["SCTP opens no TCP/UDP port", "132", 1, 65535, "none"],
    ["numeric 50", 50, 0, 0, "none"],
    ["upper-case ALL", "ALL", 0, 0, ALL_PORTS],
    ["udp by number", "17", 53, 53, { from: 53, to: 53 }],
    ["protocol numbers past 255 are undecidable", "300", 0, 0, undefined],
    ["unknown protocol stays undecidable", UNKNOWN, 0, 0, undefined],
    ["reversed range is undecidable", "tcp", 30, 20, undefined],
    ["missing protocol", undefined, 22, 22, undefined],
    ["unknown port", "tcp", undefined, 22, undefined],
  ])("%s", (_name, protocol, from, to, expected) => {
    expect(awsRuleRange(protocol, from, to)).toEqual(expected);
  });
});

describe("naclEntryRange", () => {
  it("treats protocol -1 as all ports even without ports", () => {
    expect(naclEntryRange("-1", undefined, undefined)).toEqual(ALL_PORTS);
    expect(naclEntryRange("6", 1024, 65535)).toEqual({ from: 1024, to: 65535 });
    expect(naclEntryRange("50", undefined, undefined)).toBe("none");
    expect(naclEntryRange(UNKNOWN, 0, 65535)).toBeUndefined();
  });
});

describe("alicloudRuleRange", () => {
  it.each<[string, unknown, unknown, ReturnType<typeof alicloudRuleRange>]>([
    ["-1/-1 is every port", "tcp", "-1/-1", ALL_PORTS],
    ["absent range is every port", "tcp", undefined, ALL_PORTS],
    ["all", "all", "-1/-1", ALL_PORTS],
    ["exact", "tcp", "22/22", { from: 22, to: 22 }],
    ["range", "tcp", "1/200", { from: 1, to: 200 }],
    ["range containing 22 as text", "tcp", "20/25", { from: 20, to: 25 }],
    ["udp", "udp", "3389/3389", { from: 3389, to: 3389 }],
    ["icmp", "icmp", "-1/-1", "none"],
    ["gre", "gre", "-1/-1", "none"],
    ["upper-case ALL", "ALL", "-1/-1", ALL_PORTS],
    ["unknown protocol", UNKNOWN, "-1/-1", undefined],
    ["a bare port is that port (the only meaning it can have)", "tcp", "22", { from: 22, to: 22 }],
    ["malformed", "tcp", "22-23", undefined],
    ["malformed text", "tcp", "a/b", undefined],
    ["out of range", "tcp", "1/70000", undefined],
  ])("%s", (_name, protocol, range, expected) => {
    expect(alicloudRuleRange(protocol, range)).toEqual(expected);
  });
});

describe("helpers", () => {
  it("port coverage", () => {
    expect(rangeCoversPort({ from: 20, to: 25 }, 22)).toBe(true);
    expect(rangeCoversPort({ from: 23, to: 25 }, 22)).toBe(false);
    expect(portsInRange({ from: 3300, to: 3400 }, [22, 3306, 3389])).toEqual([3306, 3389]);
    expect(formatRange(ALL_PORTS)).toBe("all ports");
    expect(formatRange({ from: 22, to: 22 })).toBe("port 22");
  });
  it("high-risk list extends FSBP EC2.19 with the case's database ports", () => {
    for (const p of [22, 3389, 3306, 5432, 1433, 1521, 6379, 27017, 11211, 9200, 2375, 2379, 10250])
      expect(HIGH_RISK_PORTS).toContain(p);
    expect(new Set(HIGH_RISK_PORTS).size).toBe(HIGH_RISK_PORTS.length);
  });
});
