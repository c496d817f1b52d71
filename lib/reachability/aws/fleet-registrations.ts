// The balancers a spot fleet request registers its instances with, as an auto-scaling group's `targetGroupArns` and
// `loadBalancers` (classic ELB names) register its own: balancer URN → the fleet hosts behind it.
import { pushTo } from "../multimap";
import { NetworkModel } from "../model";
import { list } from "../resource";
import { AWS } from "./tokens";

export interface FleetRegistrations {
  /** Target group URN → fleet host URNs. */
  targetGroups: Map<string, string[]>;
  /** Classic ELB URN → fleet host URNs. */
  classicLbs: Map<string, string[]>;
}

export function fleetRegistrations(m: NetworkModel): FleetRegistrations {
  const res = m.resolver;
  const targetGroups = new Map<string, string[]>();
  const classicLbs = new Map<string, string[]>();
  for (const r of res.ofType(AWS.spotFleetRequest)) {
    if (!m.hosts.has(r.urn)) continue;
    for (const tg of res.many(r, "targetGroupArns", list(r.inputs.targetGroupArns), AWS.targetGroup).urns)
      pushTo(targetGroups, tg, r.urn);
    for (const elb of res.many(r, "loadBalancers", list(r.inputs.loadBalancers), [AWS.classicLb]).urns)
      pushTo(classicLbs, elb, r.urn);
  }
  return { targetGroups, classicLbs };
}
