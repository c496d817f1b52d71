// The TrafficForensics component's mirroring, as a preview would plan it, through require-effective-traffic-mirroring.
import * as pulumi from "@pulumi/pulumi";
import { recorded, settle } from "./mocks";
import { MIRROR_ALL, MirrorFilterRule, TrafficForensics } from "../../../components/alicloud/trafficForensics";
import { requireEffectiveTrafficMirroring } from "../../../policies/stack/require-effective-traffic-mirroring";
import { runStack } from "../../policies/harness";
import { asPreviewStack } from "../recorded-stack";

async function diagnosticsOf(
  name: string,
  rules: { ingressRules?: MirrorFilterRule[]; egressRules?: MirrorFilterRule[] },
) {
  new TrafficForensics(name, {
    flowLogResourceId: "vpc-1",
    sourceEniIds: ["eni-a"],
    target: { type: "SLB", id: "lb-sensor" },
    evidenceBucketName: `acme-${name}-evidence`,
    ...rules,
  });
  await settle();
  const stack = asPreviewStack(recorded.filter((r) => r.name.startsWith(`${name}-`)));
  expect(stack.filter((r) => r.type === "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession")).toHaveLength(1);
  return runStack(requireEffectiveTrafficMirroring, stack);
}

describe("TrafficForensics under require-effective-traffic-mirroring", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("passes with the default accept-all rules, enabled session", async () => {
    expect(await diagnosticsOf("dflt", {})).toEqual([]);
  });

  it("reports a direction whose rules only drop", async () => {
    const ds = await diagnosticsOf("drops", { egressRules: [{ ...MIRROR_ALL, action: "drop" }] });
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()])).toEqual([["mandatory", "drops-session"]]);
    expect(ds[0].message).toContain("its filter drops-filter mirrors no outbound (egress) traffic: no accept rule");
  });

  it("reports a drop-all ahead of the accept, which the component also warns about", async () => {
    warn.mockClear();
    const ds = await diagnosticsOf("shadow", {
      ingressRules: [
        { ...MIRROR_ALL, action: "drop", priority: 1 },
        { ...MIRROR_ALL, priority: 2 },
      ],
    });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("shadow-ingress-1 (priority 2) by shadow-ingress-0 (priority 1)");
    expect(warn.mock.calls.map((c) => c[0])).toContainEqual(
      expect.stringContaining("ingressRules do not accept all traffic ahead of every drop"),
    );
  });
});
