// The in-process SDK, the case's exposed server and AnalyzeStack requests as the engine sends them, shared by the
// tests of what one AnalyzeStack's stack rules share (stack-view-once, stack-shared-derivations).
import * as path from "path";
import { deserializeOnce } from "../../policies/lib/convert-once";
import { GenericResource } from "../../lib/reachability";
import { analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { A, aliNetwork, rule } from "../reachability/alicloud-fixtures";
import { StackBuilder, ref } from "../reachability/stack-builder";

/** @pulumi/policy's handlers, decoding each request's properties once as the pack's entry makes them. */
export const sdk = loadPolicySdk(path.join(__dirname, "../.."));
deserializeOnce(sdk.deserialize);

/** An ECS server with public bandwidth, SSH and MySQL open to the world (the case). */
export function exposedServer(sshSource = "0.0.0.0/0"): GenericResource[] {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: sshSource });
  rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
  b.add(A.instance, "erp", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 100 });
  return b.resources;
}

/** The AnalyzeStack request of the resources, with their links. */
export const stackRequest = (resources: readonly GenericResource[]) =>
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
