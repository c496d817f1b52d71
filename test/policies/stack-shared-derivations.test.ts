// The stack rules of one AnalyzeStack that read the internet's rows of the shared network model get them computed once
// (policies/stack/internet-exposures-once.ts). Verdicts stay those of each rule run alone (stack-view-once.test.ts).
import { hardeningStackPolicies } from "../../policies/stack";
import { internetExposuresOnce } from "../../policies/stack/internet-exposures-once";
import * as internet from "../../lib/reachability/internet";
import { buildNetworkModel } from "../../lib/reachability";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { exposedServer, sdk, stackRequest } from "./stack-request-fixtures";

describe("the internet's rows of a request's model", () => {
  it("are computed once for every stack rule of the request", async () => {
    const rows = jest.spyOn(internet, "internetExposures");
    try {
      const outcome = await new InProcessPack(sdk, "shared-derivations", hardeningStackPolicies).analyzeStack(
        stackRequest(exposedServer()),
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
