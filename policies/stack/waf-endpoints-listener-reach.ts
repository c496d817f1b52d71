// Whether the internet reaches a balancer's listener, for require-waf-on-internet-endpoints: the network model's rows
// through the listener (lib/reachability), as the CloudFront origin check reads them. No row proves nothing when the
// model cannot see the routes (an AWS subnet of a VPC outside the stack without a route table of the stack, a subnet
// outside the stack): then, as for an ALB behind CloudFront, the balancer's groups decide whatever the routes
// (waf-endpoints-cloudfront-groups.ts). A prefix list outside the stack its groups admit on the listener's port
// (CloudFront's admits every distribution, another account's too) leaves the question open.
import { Exposure, LoadBalancer, NetworkModel } from "../../lib/reachability";
import { list, prop } from "../../lib/reachability/internals";
import { Proof } from "../lib/proof";
import { internetExposuresOnce } from "./internet-exposures-once";
import { internetOpenings, outsideListRules } from "./waf-endpoints-cloudfront-groups";

/**
 * "yes" through a row no unknown value opens, "unknown" when only such rows do (or an outside prefix list may),
 * "no" when the model proves none. A balancer the model does not hold is taken as reached. `listenerName`: the
 * model's name for the listener (its resource name; a classic ELB's `<name> listener[i]`).
 */
export type ListenerReach = (lbUrn: string, listenerUrn: string, listenerName: string) => Proof;

/** Whether the model sees every route to the balancer's subnets (Alibaba Cloud public addresses need none). */
function routesInSight(m: NetworkModel, lb: LoadBalancer): boolean {
  if (lb.cloud !== "aws") return true;
  const declared = m.resolver.get(lb.urn)?.inputs;
  const named = list(declared?.subnets).length + list(declared?.subnetMappings).map((s) => prop(s, "subnetId")).length;
  // No subnet in sight: the model admits every source itself; some outside the stack: their routes are unseen.
  if (lb.subnets.length === 0) return true;
  if (named > lb.subnets.length) return false;
  return lb.subnets.every((urn) => {
    const subnet = m.subnets.get(urn);
    // A VPC of the stack without a managed main table routes only locally.
    return subnet !== undefined && (subnet.routeTable !== undefined || m.networks.has(subnet.network ?? ""));
  });
}

/** Builds the model and its exposures once, on the first question. */
export function listenerReach(model: () => NetworkModel): ListenerReach {
  let rows: readonly Exposure[] | undefined;
  return (lbUrn, listenerUrn, listenerName) => {
    const m = model();
    const lb = m.loadBalancers.get(lbUrn);
    if (!lb) return "yes";
    rows ??= internetExposuresOnce(m);
    const label = `listener:${listenerName}:`;
    const through = rows.filter((e) => e.causes.includes(listenerUrn) && e.path.some((h) => h.startsWith(label)));
    if (through.some((e) => !e.unverified)) return "yes";
    if (through.length > 0) return "unknown";
    // Only this listener, so the groups are read on its ports.
    const alone: LoadBalancer = { ...lb, listeners: lb.listeners.filter((l) => l.name === listenerName) };
    if (!routesInSight(m, lb)) {
      const openings = internetOpenings(m, alone, lb.ipv6);
      if (openings.some((o) => !o.unverified)) return "yes";
      if (openings.length > 0) return "unknown";
    }
    return outsideListRules(m, alone).length > 0 ? "unknown" : "no";
  };
}
