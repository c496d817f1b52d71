// A filter that leaves IPv6 out costs evidence only on a dual-stack source, and that is what the pack's
// require-effective-traffic-mirroring judges: it fails the stack for a source with IPv6 addresses, never for an
// IPv4-only one. The component cannot see the sources (sourceEniIds are ids), so it still warns, saying exactly that,
// and it claims the stack fails only for the IPv4 packets the pack always requires.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
import { MirrorFilterRule, TrafficForensics } from "../../../components/aws/trafficForensics";
import { requireEffectiveTrafficMirroring } from "../../../policies/stack/require-effective-traffic-mirroring";
import { runStack } from "../../policies/harness";
import { asPreviewStack } from "../recorded-stack";

const ANY4 = { sourceCidrBlock: "0.0.0.0/0", destinationCidrBlock: "0.0.0.0/0" };
const ANY6 = { sourceCidrBlock: "::/0", destinationCidrBlock: "::/0" };
const both = (rules: Omit<MirrorFilterRule, "direction">[]): MirrorFilterRule[] =>
  (["ingress", "egress"] as const).flatMap((direction) => rules.map((r) => ({ ...r, direction })));

const IPV4_ONLY = both([{ ruleNumber: 100, action: "accept", ...ANY4 }]);
const IPV6_ONLY = both([{ ruleNumber: 100, action: "accept", ...ANY6 }]);
const SSH_OVER_IPV6_CUT = [
  ...both([
    { ruleNumber: 100, action: "accept", ...ANY4 },
    { ruleNumber: 110, action: "accept", ...ANY6 },
  ]),
  {
    direction: "ingress",
    ruleNumber: 5,
    action: "reject",
    protocol: 6,
    destinationPortRange: { fromPort: 22, toPort: 22 },
    ...ANY6,
  },
] as MirrorFilterRule[];

const IPV4_FAILS = "IPv4 packets left out leave no evidence, and require-effective-traffic-mirroring fails the stack";
const IPV6_DEPENDS =
  "IPv6 packets left out cost nothing on IPv4-only sources, but a dual-stack source's IPv6 traffic then leaves no " +
  "evidence, and require-effective-traffic-mirroring fails the stack for a source with IPv6 addresses";

/** Builds the component mirroring an interface made in the stack, dual-stack or not; returns warnings and failures. */
async function build(filterRules: MirrorFilterRule[], ipv6AddressCount: number) {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    reset();
    const source = new aws.ec2.NetworkInterface("src", { subnetId: "subnet-1", ipv6AddressCount });
    new TrafficForensics("v6", {
      vpcId: "vpc-1",
      mirroring: { targetEniId: "eni-sensor", sourceEniIds: [source.id], filterRules },
    });
    await settle();
    const warnings = warn.mock.calls.map((c) => String(c[0])).filter((w) => w.includes("do not mirror all"));
    const diagnostics = await runStack(requireEffectiveTrafficMirroring, asPreviewStack(recorded));
    return { warnings, violations: diagnostics.filter((d) => d.level === "mandatory") };
  } finally {
    warn.mockRestore();
  }
}

describe("TrafficForensics warnings about IPv6 left out of the filter", () => {
  it.each([
    ["an IPv4-only accept-all", IPV4_ONLY],
    ["a reject of SSH over IPv6 ahead of the IPv6 accept-all", SSH_OVER_IPV6_CUT],
  ])("say %s costs evidence only on dual-stack sources, as the pack judges it", async (_, rules) => {
    const ipv4Only = await build(rules, 0);
    expect(ipv4Only.violations).toEqual([]);
    const dualStack = await build(rules, 1);
    expect(dualStack.violations.length).toBeGreaterThan(0);
    // The same warning either way (the component cannot see the source), never weaker than the pack.
    for (const { warnings } of [ipv4Only, dualStack]) {
      expect(warnings.length).toBeGreaterThan(0);
      for (const w of warnings) {
        expect(w).toContain(IPV6_DEPENDS);
        expect(w).toContain("whether sourceEniIds have IPv6 addresses is not known here");
        expect(w).not.toContain(IPV4_FAILS);
        expect(w).toContain("from ::/0 to ::/0");
      }
    }
  });

  it("says the stack fails for IPv4 packets left out, whatever the source", async () => {
    const { warnings, violations } = await build(IPV6_ONLY, 0);
    expect(violations.length).toBeGreaterThan(0);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) {
      expect(w).toContain(IPV4_FAILS);
      expect(w).not.toContain("IPv6 packets left out");
    }
  });

  it("names both consequences when both families are cut", async () => {
    const rules = both([
      { ruleNumber: 100, action: "accept", protocol: 6, destinationPortRange: { fromPort: 443, toPort: 443 }, ...ANY4 },
    ]);
    const { warnings } = await build(rules, 1);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect([w.includes(IPV4_FAILS), w.includes(IPV6_DEPENDS)]).toEqual([true, true]);
  });
});
