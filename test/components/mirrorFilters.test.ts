// The mirror-filter predicate both TrafficForensics components share: every packet of each family accepted before any
// reject. Pure: rows of rule readings, then the Alibaba Cloud component's warning, which now names the rule.
import * as pulumi from "@pulumi/pulumi";
import { settle } from "./alicloud/mocks";
import {
  describeMirrorGap,
  isWholeFamily,
  MirrorFamily,
  mirrorGaps,
  MirrorRuleReading,
  mirrorsEverything,
} from "../../components/plan/mirrorFilters";
import {
  MIRROR_ALL,
  mirrorsEverything as alicloudMirrorsEverything,
  TrafficForensics,
} from "../../components/alicloud/trafficForensics";

const BOTH: MirrorFamily[] = ["IPv4", "IPv6"];
const rule = (label: string, over: Partial<MirrorRuleReading>): MirrorRuleReading => ({
  label,
  accepts: true,
  order: 100,
  family: "IPv4",
  matchesAll: true,
  ...over,
});
const WORDS = {
  everything: (f: MirrorFamily) => (f === "IPv4" ? "0.0.0.0/0 to 0.0.0.0/0" : "::/0 to ::/0"),
};

describe("mirrorGaps", () => {
  const v4 = rule("r4", {});
  const v6 = rule("r6", { family: "IPv6", order: 110 });

  it.each([
    ["both families accepted whole", [v4, v6], BOTH],
    ["IPv4 only, when the cloud matches IPv4 only", [v4], ["IPv4"]],
    ["a reject behind the accept-all", [v4, v6, rule("late", { accepts: false, order: 200 })], BOTH],
    [
      "an IPv6 reject behind the IPv6 accept-all, ahead of the IPv4 one",
      [rule("x6", { accepts: false, family: "IPv6", order: 1 }), v4, rule("v6", { family: "IPv6", order: 0 })],
      BOTH,
    ],
  ] as [string, MirrorRuleReading[], MirrorFamily[]][])("mirrors everything: %s", (_, rules, families) => {
    expect(mirrorGaps(rules, families)).toEqual([]);
    expect(mirrorsEverything(rules, families)).toBe(true);
  });

  it("reports a family with no whole accept, listing the narrower accepts", () => {
    const narrow = rule("tcp443", { matchesAll: false });
    const gaps = mirrorGaps([narrow], BOTH);
    expect(gaps).toEqual([
      { kind: "no-full-accept", family: "IPv4", narrower: [narrow] },
      { kind: "no-full-accept", family: "IPv6", narrower: [] },
    ]);
    expect(gaps.map((g) => describeMirrorGap(g, WORDS))).toEqual([
      "no rule accepts all IPv4 traffic (every protocol and port, 0.0.0.0/0 to 0.0.0.0/0); tcp443 accepts only part of it",
      "no rule accepts all IPv6 traffic (every protocol and port, ::/0 to ::/0)",
    ]);
  });

  it("reports rejects evaluated before the first whole accept of their family", () => {
    const first = rule("reject-1", { accepts: false, order: 1, matchesAll: false });
    const second = rule("reject-2", { accepts: false, order: 2 });
    const gaps = mirrorGaps([v4, second, first, v6], BOTH);
    expect(gaps).toEqual([{ kind: "reject-ahead", family: "IPv4", accept: v4, rejects: [second, first] }]);
    expect(describeMirrorGap(gaps[0], WORDS)).toBe(
      "reject-2, reject-1 are evaluated before r4, the accept of all IPv4 traffic, so what they match is never mirrored",
    );
    // The earliest whole accept decides: a later one does not undo a reject ahead of the first.
    expect(mirrorGaps([rule("late", { order: 300 }), second, v4, v6], BOTH)).toHaveLength(1);
    expect(mirrorGaps([rule("early", { order: 0 }), second, v4, v6], BOTH)).toEqual([]);
  });

  it("reads whole families from CIDR prefixes, not text", () => {
    expect(["0.0.0.0/0", "::/0", "0::/0", "::0.0.0.0/0"].map(isWholeFamily)).toEqual([true, true, true, true]);
    expect(["0.0.0.0/1", "::/1", "10.0.0.0/8", "not-a-cidr"].map(isWholeFamily)).toEqual([false, false, false, false]);
  });
});

describe("Alibaba Cloud TrafficForensics through the shared predicate", () => {
  const tcp22 = { ...MIRROR_ALL, protocol: "TCP", sourcePortRange: "1/65535", destinationPortRange: "22/22" };

  it("keeps its verdicts: whole accept first mirrors everything, a drop ahead or a narrower accept does not", () => {
    expect(alicloudMirrorsEverything([MIRROR_ALL])).toBe(true);
    expect(
      alicloudMirrorsEverything([
        { ...MIRROR_ALL, priority: 2 },
        { ...MIRROR_ALL, action: "drop", priority: 3 },
      ]),
    ).toBe(true);
    expect(
      alicloudMirrorsEverything([
        { ...MIRROR_ALL, action: "drop", priority: 1 },
        { ...MIRROR_ALL, priority: 2 },
      ]),
    ).toBe(false);
    expect(alicloudMirrorsEverything([tcp22])).toBe(false);
    expect(alicloudMirrorsEverything([{ ...MIRROR_ALL, sourceCidrBlock: "10.0.0.0/8" }])).toBe(false);
  });

  it("names the rule that narrows the capture in its warning", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      new TrafficForensics("narrow", {
        flowLogResourceId: "vpc-1",
        sourceEniIds: ["eni-a"],
        target: { type: "NetworkInterface", id: "eni-sensor" },
        evidenceBucketName: "acme-narrow-evidence",
        ingressRules: [tcp22],
        egressRules: [
          { ...MIRROR_ALL, action: "drop", protocol: "UDP", priority: 1 },
          { ...MIRROR_ALL, priority: 2 },
        ],
      });
      await settle();
      const messages = warn.mock.calls.map((c) => String(c[0])).filter((m) => /do not accept all traffic/.test(m));
      expect(messages).toEqual([
        expect.stringContaining(
          'TrafficForensics "narrow": ingressRules do not accept all traffic ahead of every drop (no rule accepts all ' +
            "IPv4 traffic (every protocol and port, 0.0.0.0/0 to 0.0.0.0/0); ingressRules[0] (priority 1: accept TCP " +
            "0.0.0.0/0 to 0.0.0.0/0) accepts only part of it)",
        ),
        expect.stringContaining(
          "egressRules do not accept all traffic ahead of every drop (egressRules[0] (priority 1: drop UDP 0.0.0.0/0 " +
            "to 0.0.0.0/0) is evaluated before egressRules[1] (priority 2: accept ALL 0.0.0.0/0 to 0.0.0.0/0)",
        ),
      ]);
      expect(messages.every((m) => m.endsWith("omit the argument to mirror everything"))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});
