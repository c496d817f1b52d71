// One AnalyzeStack builds the network model once for all its stack rules (policies/lib/stack-view.ts): the rules'
// resource lists are converted from props decoded once per request message, so they share one view of the stack.
// The verdicts are those of each rule run on its own, and nothing carries over to another request or to a list a
// caller built and changed.
import { hardeningStackPolicies } from "../../policies/stack";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import * as build from "../../lib/reachability/build";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { mandatory, runStackPolicy } from "../reachability/policy-harness";
import { exposedServer, sdk, stackRequest } from "./stack-request-fixtures";

describe("AnalyzeStack through the SDK's handler with properties decoded once", () => {
  let builds: jest.SpyInstance;
  beforeEach(() => (builds = jest.spyOn(build, "buildNetworkModel")));
  afterEach(() => builds.mockRestore());

  const pack = new InProcessPack(sdk, "stack-view-once", hardeningStackPolicies);

  it("builds the network model once for every stack rule of the request", async () => {
    const outcome = await pack.analyzeStack(stackRequest(exposedServer()));
    expect(builds).toHaveBeenCalledTimes(1);
    const names = new Set(outcome.diagnostics.map((d) => d.policyName));
    expect(names).toContain("disallow-internet-admin-ports-except-bastions");
    expect(names).toContain("disallow-internet-database-and-high-risk-ports");
  });

  it("reports what each rule reports run alone, in the same order", async () => {
    const resources = exposedServer();
    const shared = await pack.analyzeStack(stackRequest(resources));
    const alone = [];
    for (const policy of hardeningStackPolicies) {
      const one = new InProcessPack(sdk, "stack-view-once", [policy]);
      alone.push(...(await one.analyzeStack(stackRequest(resources))).diagnostics);
    }
    expect(alone.length).toBeGreaterThan(0);
    expect(shared.diagnostics).toEqual(alone);
  });

  it("builds a new model for the next request", async () => {
    const open = await pack.analyzeStack(stackRequest(exposedServer()));
    const closed = await pack.analyzeStack(stackRequest(exposedServer("10.0.0.0/8")));
    expect(builds).toHaveBeenCalledTimes(2);
    const ssh = (o: typeof open) => o.diagnostics.filter((d) => d.message.includes("tcp/22 is reachable"));
    expect(ssh(open).length).toBeGreaterThan(0);
    expect(ssh(closed)).toEqual([]);
  });
});

describe("a resource list its caller built", () => {
  it("is judged as it is at each call, changed in place between them", async () => {
    const resources = exposedServer();
    const policy = disallowInternetAdminPortsExceptBastions;
    const ssh = (out: Awaited<ReturnType<typeof runStackPolicy>>) =>
      mandatory(out).filter((d) => d.message.includes("tcp/22 is reachable"));
    expect(ssh(await runStackPolicy(policy, resources))).toHaveLength(1);
    const sshRule = resources.find((r) => r.name === "ssh")!;
    sshRule.inputs.cidrIp = "10.0.0.0/8";
    expect(ssh(await runStackPolicy(policy, resources))).toEqual([]);
  });
});
