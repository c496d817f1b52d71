// TrafficForensics warns, naming mirroring.filterRules, the rule and the fix, whenever its filter leaves any packet
// out, and whenever mirroring is omitted; every filter the pack's require-effective-traffic-mirroring fails was
// warned about first.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
import { MirrorFilterRule, TrafficForensics } from "../../../components/aws/trafficForensics";
import { requireEffectiveTrafficMirroring } from "../../../policies/stack/require-effective-traffic-mirroring";
import { runStack } from "../../policies/harness";
import { asPreviewStack } from "../recorded-stack";

type Direction = "ingress" | "egress";
const ANY4 = { sourceCidrBlock: "0.0.0.0/0", destinationCidrBlock: "0.0.0.0/0" };
const ANY6 = { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0" };
const both = (rules: (d: Direction) => Omit<MirrorFilterRule, "direction">[]): MirrorFilterRule[] =>
  (["ingress", "egress"] as const).flatMap((direction) => rules(direction).map((r) => ({ ...r, direction })));
const acceptAll = (ruleNumber = 100): Omit<MirrorFilterRule, "direction">[] => [
  { ruleNumber, action: "accept", ...ANY4 },
  { ruleNumber: ruleNumber + 10, action: "accept", ...ANY6 },
];

const FIX =
  "fix: accept every protocol and port from 0.0.0.0/0 to 0.0.0.0/0 and from ::/0 to ::/0 ahead of every reject, " +
  "or omit filterRules to mirror everything";

async function build(filterRules: MirrorFilterRule[] | undefined) {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    reset();
    new TrafficForensics("fx", {
      vpcId: "vpc-1",
      mirroring: { targetEniId: "eni-sensor", sourceEniIds: ["eni-a"], filterRules },
    });
    await settle();
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    const diagnostics = await runStack(requireEffectiveTrafficMirroring, asPreviewStack(recorded));
    return { warnings, violations: diagnostics.filter((d) => d.level === "mandatory") };
  } finally {
    warn.mockRestore();
  }
}

/** Rows the component must warn about: the rule each warning must name, per direction. */
const PARTIAL: { label: string; rules: MirrorFilterRule[]; names: Partial<Record<Direction, string[]>> }[] = [
  {
    label: "only TCP to port 443, IPv4 only (the red team's probe)",
    rules: both(() => [
      { ruleNumber: 100, action: "accept", protocol: 6, destinationPortRange: { fromPort: 443, toPort: 443 }, ...ANY4 },
    ]),
    names: {
      ingress: [
        "no rule accepts all IPv4 traffic",
        "mirroring.filterRules[0] (ingress rule 100: accept protocol 6, ports 443-443, 0.0.0.0/0 to 0.0.0.0/0) accepts only part of it",
        "no rule accepts all IPv6 traffic (every protocol and port, ::/0 to ::/0)",
      ],
      egress: ["mirroring.filterRules[1] (egress rule 100: accept protocol 6, ports 443-443"],
    },
  },
  {
    label: "a reject-all at rule 1 ahead of the accept-all",
    rules: both(() => [{ ruleNumber: 1, action: "reject", ...ANY4 }, ...acceptAll()]),
    names: {
      ingress: [
        "mirroring.filterRules[0] (ingress rule 1: reject every protocol, 0.0.0.0/0 to 0.0.0.0/0) is evaluated " +
          "before mirroring.filterRules[1] (ingress rule 100: accept every protocol, 0.0.0.0/0 to 0.0.0.0/0), the " +
          "accept of all IPv4 traffic",
      ],
      egress: ["mirroring.filterRules[3] (egress rule 1: reject every protocol"],
    },
  },
  {
    label: "IPv4 only, every protocol",
    rules: both(() => [{ ruleNumber: 100, action: "accept", ...ANY4 }]),
    names: { ingress: ["no rule accepts all IPv6 traffic"], egress: ["no rule accepts all IPv6 traffic"] },
  },
  {
    label: "a port range on every protocol (TCP and UDP only: ICMP and GRE are left out)",
    rules: both(() => [
      { ruleNumber: 100, action: "accept", destinationPortRange: { fromPort: 0, toPort: 65535 }, ...ANY4 },
      { ruleNumber: 110, action: "accept", ...ANY6 },
    ]),
    names: {
      ingress: ["mirroring.filterRules[0] (ingress rule 100: accept every protocol, ports 0-65535, 0.0.0.0/0 to"],
      egress: ["mirroring.filterRules[2] (egress rule 100: accept every protocol, ports 0-65535"],
    },
  },
  {
    label: "a narrow reject of SSH over IPv6 ahead of the IPv6 accept-all, egress left whole",
    rules: [
      {
        direction: "ingress",
        ruleNumber: 5,
        action: "reject",
        protocol: 6,
        destinationPortRange: { fromPort: 22, toPort: 22 },
        ...ANY6,
      },
      ...both(() => acceptAll()),
    ],
    names: {
      ingress: [
        "mirroring.filterRules[0] (ingress rule 5: reject protocol 6, ports 22-22, ::/0 to ::/0) is evaluated before " +
          "mirroring.filterRules[2] (ingress rule 110: accept every protocol, ::/0 to ::/0), the accept of all IPv6 traffic",
      ],
    },
  },
  {
    label: "the internet split into two accepts (one rule per family says everything plainly)",
    rules: both(() => [
      { ruleNumber: 100, action: "accept", sourceCidrBlock: "0.0.0.0/1", destinationCidrBlock: "0.0.0.0/0" },
      { ruleNumber: 101, action: "accept", sourceCidrBlock: "128.0.0.0/1", destinationCidrBlock: "0.0.0.0/0" },
      { ruleNumber: 110, action: "accept", ...ANY6 },
    ]),
    names: {
      ingress: [
        "mirroring.filterRules[0] (ingress rule 100: accept every protocol, 0.0.0.0/1 to 0.0.0.0/0), mirroring.filterRules[1]",
      ],
      egress: ["no rule accepts all IPv4 traffic"],
    },
  },
];

/** Rows that mirror every packet: no filter warning, and the pack passes them. */
const WHOLE: { label: string; rules: MirrorFilterRule[] | undefined }[] = [
  { label: "the default filter", rules: undefined },
  { label: "accept-all of each family given explicitly", rules: both(() => acceptAll()) },
  {
    label: "rejects behind the accept-alls (shadowed: they match nothing left)",
    rules: both(() => [
      ...acceptAll(),
      { ruleNumber: 200, action: "reject", ...ANY4 },
      { ruleNumber: 210, action: "reject", ...ANY6 },
    ]),
  },
  {
    label: "protocol 0, which AWS stores as every protocol",
    rules: both(() => [
      { ruleNumber: 100, action: "accept", protocol: 0, ...ANY4 },
      { ruleNumber: 110, action: "accept", protocol: 0, ...ANY6 },
    ]),
  },
  {
    label: "omitted blocks, read as the whole family (IPv4 by default)",
    rules: both(() => [
      { ruleNumber: 100, action: "accept" },
      { ruleNumber: 110, action: "accept", sourceCidrBlock: "::/0" },
    ]),
  },
  {
    label: "a reject of the other family only, ahead of this family's accept-all",
    rules: both(() => [
      { ruleNumber: 1, action: "accept", ...ANY6 },
      { ruleNumber: 2, action: "reject", sourceCidrBlock: "::/0" },
      { ruleNumber: 3, action: "accept", ...ANY4 },
    ]),
  },
];

describe("TrafficForensics filter rules that mirror only part of the traffic", () => {
  it.each(PARTIAL)("warns for $label, naming filterRules, the rule and the fix", async ({ rules, names }) => {
    const { warnings } = await build(rules);
    const filterWarnings = warnings.filter((w) => w.includes("mirroring.filterRules"));
    for (const direction of ["ingress", "egress"] as const) {
      const mine = filterWarnings.filter((w) => w.includes(`do not mirror all ${direction} traffic`));
      if (!names[direction]) {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(/^TrafficForensics fx: mirroring\.filterRules do not mirror all/);
      for (const part of names[direction]!) expect(mine[0]).toContain(part);
      expect(mine[0]).toContain(FIX);
    }
  });

  it.each(WHOLE)("does not warn for $label", async ({ rules }) => {
    const { warnings, violations } = await build(rules);
    expect(warnings).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("warns about every filter the pack fails (the warning is never weaker than the policy)", async () => {
    for (const { rules } of PARTIAL) {
      const { warnings, violations } = await build(rules);
      const failed = new Set(violations.map((v) => (v.message.includes("outbound") ? "egress" : "ingress")));
      for (const direction of failed) {
        expect(warnings.some((w) => w.includes(`do not mirror all ${direction} traffic`))).toBe(true);
      }
    }
    // The probe's narrow filter and the shadowing reject-all are failed by the pack, and warned about here.
    expect((await build(PARTIAL[0].rules)).violations.length).toBeGreaterThan(0);
    expect((await build(PARTIAL[1].rules)).violations.length).toBeGreaterThan(0);
  });

  it("keeps the single warning for a direction with no accept rule at all", async () => {
    const { warnings } = await build([
      { direction: "ingress", ruleNumber: 100, action: "accept", ...ANY4 },
      { direction: "ingress", ruleNumber: 110, action: "accept", ...ANY6 },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(/^TrafficForensics fx: mirroring\.filterRules accept no egress traffic/),
    ]);
  });
});

describe("TrafficForensics without mirroring", () => {
  it("warns that no packet is recorded, naming mirroring and the fix", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      reset();
      new TrafficForensics("flows-only", { vpcId: "vpc-1" });
      await settle();
      const warnings = warn.mock.calls.map((c) => String(c[0]));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^TrafficForensics flows-only: mirroring is not given, so no packet is recorded/);
      expect(warnings[0]).toContain(
        "fix: pass mirroring: { targetEniId (or targetNlbArn), sourceEniIds } with the interfaces of the hosts to watch",
      );
      // The flow logs are still made: the warning is about what is missing, not a refusal.
      expect(recorded.some((r) => r.type === "aws:ec2/flowLog:FlowLog")).toBe(true);
      expect(recorded.some((r) => r.type === "aws:ec2/trafficMirrorSession:TrafficMirrorSession")).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });
});
