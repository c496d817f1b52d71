import { mirrorVerdict, MirrorRule, RULE_LIMIT, rulesIn } from "../../policies/lib/mirror-filter-rules";
import { addressSpan, Box, matchBoxes, remainder, subtractBox } from "../../policies/lib/mirror-match-space";

const V4 = addressSpan("0.0.0.0/0")!;
const V6 = addressSpan("::/0")!;
const WORDS = { reject: "reject", order: "rule number" };

function rule(label: string, over: Partial<MirrorRule> = {}): MirrorRule {
  return {
    label,
    member: true,
    action: "accept",
    order: 100,
    protocol: "all",
    source: V4,
    destination: V4,
    sourcePorts: "any",
    destinationPorts: "any",
    unknown: [],
    ...over,
  };
}
const rejectAll = (order = 50, over: Partial<MirrorRule> = {}) =>
  rule("reject-all", { action: "reject", order, ...over });
const kind = (rules: MirrorRule[]) => mirrorVerdict(rules, WORDS).kind;

describe("mirror match space", () => {
  const size = (boxes: readonly Box[]) =>
    boxes.reduce((n, b) => n + b.reduce((m, s) => m * (s.hi - s.lo + 1n), 1n), 0n);

  it("splits a box into disjoint pieces that, with the cut, add up to the whole", () => {
    const [a] = matchBoxes({ protocol: 6, source: V4, destination: V4, sourcePorts: "any", destinationPorts: "any" });
    const [b] = matchBoxes({
      protocol: 6,
      source: addressSpan("10.0.0.0/8")!,
      destination: V4,
      sourcePorts: "any",
      destinationPorts: { from: 22, to: 22 },
    });
    expect(size(subtractBox(a, b)) + size([b])).toBe(size([a]));
  });

  it("binds ports to TCP and UDP only", () => {
    const all = matchBoxes({
      protocol: "all",
      source: V4,
      destination: V4,
      sourcePorts: "any",
      destinationPorts: "any",
    });
    expect(size(all)).toBe(size(matchBoxes({ ...base(), protocol: 6 })) * 2n + 254n * size([[one(), V4, V4]]));
    const ported = matchBoxes({ ...base(), protocol: "all", destinationPorts: { from: 0, to: 65535 } });
    expect(ported).toHaveLength(2);
    const icmp = matchBoxes({ ...base(), protocol: 1, destinationPorts: { from: 80, to: 80 } });
    expect(icmp[0][4]).toEqual({ lo: -1n, hi: -1n });
  });

  it("gives up rather than grows without bound", () => {
    const target = matchBoxes({ ...base(), protocol: 6 });
    const cutters = Array.from({ length: 40 }, (_, i) =>
      matchBoxes({
        ...base(),
        protocol: 6,
        destinationPorts: { from: i * 3, to: i * 3 },
        sourcePorts: { from: i, to: i },
      }),
    ).flat();
    expect(remainder(target, cutters, 10)).toBeUndefined();
  });

  function base() {
    return {
      protocol: 6 as const,
      source: V4,
      destination: V4,
      sourcePorts: "any" as const,
      destinationPorts: "any" as const,
    };
  }
  function one() {
    return { lo: 0n, hi: 0n };
  }
});

describe("mirrorVerdict: known rules", () => {
  it.each([
    ["no rule at all", [], "none"],
    ["one accept-all", [rule("a")], "mirrored"],
    ["reject-all with a lower number ahead of accept-all", [rejectAll(50), rule("a")], "none"],
    ["reject-all with a higher number after accept-all", [rejectAll(200), rule("a")], "mirrored"],
    [
      "a partial reject (TCP 22) ahead of accept-all",
      [rejectAll(50, { protocol: 6, destinationPorts: { from: 22, to: 22 } }), rule("a")],
      "mirrored",
    ],
    [
      "a partial reject (10.0.0.0/8 source) ahead of accept-all",
      [rejectAll(50, { source: addressSpan("10.0.0.0/8") }), rule("a")],
      "mirrored",
    ],
    [
      "two half-space rejects that together cover accept-all",
      [
        rejectAll(10, { source: addressSpan("0.0.0.0/1") }),
        rejectAll(20, { source: addressSpan("128.0.0.0/1") }),
        rule("a"),
      ],
      "none",
    ],
    [
      "an IPv4 reject-all does not cover an IPv6 accept",
      [rejectAll(50), rule("a"), rule("a6", { order: 110, source: V6, destination: V6 })],
      "mirrored",
    ],
    [
      "TCP and UDP rejects leave ICMP of accept-all",
      [rejectAll(10, { protocol: 6 }), rejectAll(20, { protocol: 17 }), rule("a")],
      "mirrored",
    ],
    [
      "TCP and UDP rejects cover a TCP accept",
      [rejectAll(10, { protocol: 6 }), rejectAll(20, { protocol: 17 }), rule("a", { protocol: 6 })],
      "none",
    ],
    [
      "TCP and UDP rejects cover an every-protocol accept with a port range (it matches TCP and UDP only)",
      [
        rejectAll(10, { protocol: 6 }),
        rejectAll(20, { protocol: 17 }),
        rule("a", { destinationPorts: { from: 0, to: 65535 } }),
      ],
      "none",
    ],
    [
      "a reject with a port range does not cover ICMP",
      [rejectAll(10, { destinationPorts: { from: 0, to: 65535 } }), rule("a", { protocol: 1 })],
      "mirrored",
    ],
    [
      "reject-all of all ports covers every TCP port",
      [rejectAll(10, { protocol: 6, sourcePorts: { from: 0, to: 65535 } }), rule("a", { protocol: 6 })],
      "none",
    ],
    ["only reject rules", [rejectAll(10), rejectAll(20)], "none"],
  ] as [string, MirrorRule[], string][])("%s", (_n, rules, expected) => {
    expect(kind(rules)).toBe(expected);
  });

  it("says why nothing is mirrored", () => {
    expect(mirrorVerdict([], WORDS)).toEqual({ kind: "none", reason: "no accept rule" });
    expect(mirrorVerdict([rejectAll(50), rule("a"), rejectAll(300)], WORDS)).toEqual({
      kind: "none",
      reason:
        "every accept rule is shadowed by reject rules ahead of it: a (rule number 100) by reject-all (rule number 50)",
    });
    expect(mirrorVerdict([rule("a", { invalid: 'a.sourceCidrBlock is "x", not a CIDR block' })], WORDS)).toEqual({
      kind: "none",
      reason: 'no valid accept rule (a: a.sourceCidrBlock is "x", not a CIDR block)',
    });
  });

  it("treats repeated identical rules as one and gives up on absurdly many", () => {
    expect(kind(Array.from({ length: 3000 }, () => rejectAll(50)).concat(rule("a")))).toBe("none");
    const many = Array.from({ length: RULE_LIMIT + 1 }, (_, i) => rule(`a${i}`, { order: i }));
    expect(mirrorVerdict(many, WORDS)).toEqual({ kind: "too-complex", count: RULE_LIMIT + 1 });
  });
});

describe("mirrorVerdict: values unknown at preview", () => {
  const unknown = (label: string, field: keyof MirrorRule, over: Partial<MirrorRule> = {}) =>
    rule(label, { [field]: undefined, unknown: [`${label}.${String(field)}`], ...over });

  it.each([
    ["the only rule's action", [unknown("a", "action")], "depends"],
    ["a rule ahead of accept-all that may reject", [unknown("r", "action", { order: 50 }), rule("a")], "depends"],
    ["a rule after accept-all that may reject", [unknown("r", "action", { order: 200 }), rule("a")], "mirrored"],
    ["reject-all of unknown number", [unknown("r", "order", { action: "reject" }), rule("a")], "depends"],
    ["accept-all of unknown number behind nothing", [unknown("a", "order")], "mirrored"],
    [
      "accept of unknown source behind a 10.0.0.0/8 reject",
      [rejectAll(50, { source: addressSpan("10.0.0.0/8") }), unknown("a", "source")],
      "depends",
    ],
    [
      "accept of unknown source behind a TCP 22 reject",
      [rejectAll(50, { protocol: 6, destinationPorts: { from: 22, to: 22 } }), unknown("a", "source")],
      "mirrored",
    ],
    [
      "accept of unknown protocol behind a TCP reject",
      [rejectAll(50, { protocol: 6 }), unknown("a", "protocol")],
      "depends",
    ],
    [
      "accept of unknown port behind an all-protocol reject of port 22",
      [rejectAll(50, { destinationPorts: { from: 22, to: 22 } }), unknown("a", "destinationPorts", { protocol: 6 })],
      "depends",
    ],
    [
      "reject of unknown source ahead of accept-all",
      [unknown("r", "source", { action: "reject", order: 50 }), rule("a")],
      "depends",
    ],
    [
      "a rule that may belong to the filter, accepting",
      [rule("a", { member: false, unknown: ["a.trafficMirrorFilterId"] })],
      "depends",
    ],
    [
      "a rule that may belong to the filter, rejecting ahead",
      [rejectAll(50, { member: false, unknown: ["reject-all.trafficMirrorFilterId"] }), rule("a")],
      "depends",
    ],
    ["no accept and a reject of unknown source: known bad", [unknown("r", "source", { action: "reject" })], "none"],
    [
      "accept-all ahead of everything unknown",
      [rule("a", { order: 1 }), unknown("r", "action", { order: 50 })],
      "mirrored",
    ],
  ] as [string, MirrorRule[], string][])("%s", (_n, rules, expected) => {
    expect(kind(rules)).toBe(expected);
  });

  it("names the unknown fields", () => {
    const v = mirrorVerdict([unknown("r", "action", { order: 50 }), rule("a")], WORDS);
    expect(v).toEqual({ kind: "depends", fields: ["r.action"] });
  });
});

describe("rulesIn", () => {
  it("keeps a direction's rules and lets a rule of unknown direction be in either, as a possible member", () => {
    const rules = [
      { direction: "ingress" as const, rule: rule("in") },
      { direction: "egress" as const, rule: rule("out") },
      { direction: undefined, rule: rule("either") },
    ];
    expect(rulesIn("ingress", rules).map((r) => [r.label, r.member])).toEqual([
      ["in", true],
      ["either", false],
    ]);
  });
});
