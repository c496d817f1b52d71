// The stack rules of one AnalyzeStack that read the internet's rows of the shared network model get them computed once
// (policies/stack/internet-exposures-once.ts). Verdicts stay those of each rule run alone (stack-view-once.test.ts).
import * as path from "path";
import { deserializeOnce } from "../../policies/lib/convert-once";
import { hardeningStackPolicies } from "../../policies/stack";
import { internetExposuresOnce } from "../../policies/stack/internet-exposures-once";
import * as internet from "../../lib/reachability/internet";
import { GenericResource, buildNetworkModel } from "../../lib/reachability";
import { analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { A, aliNetwork, rule } from "../reachability/alicloud-fixtures";
import { StackBuilder, ref } from "../reachability/stack-builder";

const sdk = loadPolicySdk(path.join(__dirname, "../.."));
deserializeOnce(sdk.deserialize);

function exposedServer() {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
  rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
  b.add(A.instance, "erp", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 100 });
  return b.resources;
}

const request = (resources: readonly GenericResource[]) =>
  analyzeStackRequest(
    sdk.messages,
    resources.map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: r.inputs,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
    })),
  );

describe("the internet's rows of a request's model", () => {
  it("are computed once for every stack rule of the request", async () => {
    const rows = jest.spyOn(internet, "internetExposures");
    try {
      const outcome = await new InProcessPack(sdk, "shared-derivations", hardeningStackPolicies).analyzeStack(
        request(exposedServer()),
      );
      expect(rows).toHaveBeenCalledTimes(1);
      const names = new Set(outcome.diagnostics.map((d) => d.policyName));
      expect(names).toContain("disallow-internet-admin-ports-except-bastions");
      expect(names).toContain("disallow-internet-database-and-high-risk-ports");
    } finally {
      rows.mockRestore();
    }
  });

  it("are those of the model, and another model gets its own", () => {
    const m = buildNetworkModel(exposedServer());
    expect(internetExposuresOnce(m)).toBe(internetExposuresOnce(m));
    expect(internetExposuresOnce(m)).toEqual(internet.internetExposures(m));
    const other = buildNetworkModel(exposedServer());
    expect(internetExposuresOnce(other)).not.toBe(internetExposuresOnce(m));
  });
});
