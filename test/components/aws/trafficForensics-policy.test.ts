// The TrafficForensics component's mirroring, as a preview would plan it, through require-effective-traffic-mirroring.
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
import * as pulumi from "@pulumi/pulumi";
import { MirrorFilterRule, TrafficForensics } from "../../../components/aws/trafficForensics";
import { requireEffectiveTrafficMirroring } from "../../../policies/stack/require-effective-traffic-mirroring";
import { runStack } from "../../policies/harness";
import { asPreviewStack } from "../recorded-stack";

async function diagnosticsOf(filterRules?: MirrorFilterRule[]) {
  reset();
  new TrafficForensics("fx", {
    vpcId: "vpc-1",
    mirroring: { targetEniId: "eni-sensor", sourceEniIds: ["eni-a", "eni-b"], filterRules },
  });
  await settle();
  const stack = asPreviewStack(recorded);
  expect(stack.filter((r) => r.type === "aws:ec2/trafficMirrorSession:TrafficMirrorSession")).toHaveLength(2);
  return runStack(requireEffectiveTrafficMirroring, stack);
}

describe("TrafficForensics under require-effective-traffic-mirroring", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("passes with the default accept-all filter (IPv4 and IPv6, both directions)", async () => {
    expect(await diagnosticsOf()).toEqual([]);
  });

  it("reports each session when the given rules mirror no egress", async () => {
    const ds = await diagnosticsOf([{ direction: "ingress", ruleNumber: 10, action: "accept", protocol: 6 }]);
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()])).toEqual([
      ["mandatory", "fx-mirror-session-0"],
      ["mandatory", "fx-mirror-session-1"],
    ]);
    expect(ds[0].message).toContain("its filter fx-mirror-filter mirrors no outbound (egress) traffic: no accept rule");
  });

  it("reports a reject-all ahead of the accept (the component warns about it too)", async () => {
    const ds = await diagnosticsOf([
      { direction: "ingress", ruleNumber: 100, action: "accept" },
      { direction: "egress", ruleNumber: 50, action: "reject" },
      { direction: "egress", ruleNumber: 100, action: "accept" },
    ]);
    expect(ds).toHaveLength(2);
    expect(ds[0].message).toContain("fx-mirror-egress-100 (rule number 100) by fx-mirror-egress-50 (rule number 50)");
  });
});
