// AWS Global Accelerator (standard accelerators): an accelerator is an internet-facing balancer without security
// groups of its own; listener port ranges (TCP/UDP) → endpoint groups → EC2 instance endpoints, which always keep
// the client's address, so the instance's groups see the internet source. ALB, NLB and Elastic IP endpoints are
// not hosts and are ignored: a balancer endpoint's own listeners are modelled with that balancer. A disabled
// accelerator publishes nothing. Custom routing accelerators are not modelled: their subnet destinations stay
// denied until AllowCustomRoutingTraffic, an API call no provider resource makes, so a plan never opens one.
import {
  EndpointGroupHosts,
  acceleratorListeners,
  acceleratorPortRanges,
  portOverrides,
  standInAccelerator,
} from "../accelerator-listeners";
import { LoadBalancer, NetworkModel, nodeOf } from "../model";
import { pushTo } from "../multimap";
import { bool, isUnknown, list, prop, str } from "../resource";
import { AWS } from "./tokens";

export function addAwsGlobalAccelerators(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(AWS.gaAccelerator)) {
    const addressType = r.inputs.ipAddressType;
    m.loadBalancers.set(r.urn, {
      ...nodeOf(r),
      cloud: "aws",
      // Unknown at preview counts as enabled and dual-stack: a policy must not pass on a value it cannot see.
      internetFacing: bool(r.inputs.enabled) !== false,
      ipv6: isUnknown(addressType) || (str(addressType) ?? "").toUpperCase() === "DUAL_STACK",
      wafCapable: false,
      subnets: [],
      securityGroups: [],
      listeners: [],
    });
  }
  const groups = endpointGroupsByListener(m);
  for (const r of res.ofType(AWS.gaListener)) {
    const ref = r.inputs.acceleratorArn;
    let lb: LoadBalancer | undefined = m.loadBalancers.get(
      res.one(r, "acceleratorArn", ref, [AWS.gaAccelerator]) ?? "",
    );
    if (!lb) {
      lb = standInAccelerator(r, "aws", ref);
      m.loadBalancers.set(lb.urn, lb);
    }
    const protocol = (str(r.inputs.protocol) ?? "tcp").toLowerCase() === "udp" ? "udp" : "tcp";
    const ranges = acceleratorPortRanges(r.inputs.portRanges);
    lb.listeners.push(...acceleratorListeners(nodeOf(r), protocol, ranges, groups.get(r.urn) ?? []));
  }
}

/** Listener URN → its endpoint groups with the instances they name and their port overrides. */
function endpointGroupsByListener(m: NetworkModel): Map<string, EndpointGroupHosts[]> {
  const res = m.resolver;
  const out = new Map<string, EndpointGroupHosts[]>();
  for (const r of res.ofType(AWS.gaEndpointGroup)) {
    const listener = res.one(r, "listenerArn", r.inputs.listenerArn, [AWS.gaListener]);
    if (!listener) continue;
    // Instance ids, balancer ARNs and EIP allocation ids share endpointId: only instances of the stack resolve.
    const ids = list(r.inputs.endpointConfigurations).map((c) => (isUnknown(c) ? c : prop(c, "endpointId")));
    const hosts = res.many(r, "endpointConfigurations", ids, [AWS.instance]).urns.filter((h) => m.hosts.has(h));
    pushTo(out, listener, {
      name: r.name,
      hosts: hosts.map((host) => ({ host })),
      overrides: portOverrides(r.inputs.portOverrides),
    });
  }
  return out;
}
