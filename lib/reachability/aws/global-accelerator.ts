// AWS Global Accelerator (standard accelerators): an accelerator is an internet-facing balancer without security
// groups of its own; listener port ranges (TCP/UDP) → endpoint groups → EC2 instance endpoints, which always keep
// the client's address, so the instance's groups see the internet source, and ALB / NLB endpoints of the stack,
// whose listeners on the forwarded ports are then reached, internal or not (accelerator-balancers.ts). Elastic IP
// endpoints and balancers outside the stack are not followed. A disabled accelerator publishes nothing. Custom
// routing accelerators are not modelled: their subnet destinations stay denied until AllowCustomRoutingTraffic, an
// API call no provider resource makes, so a plan never opens one.
import {
  EndpointBalancer,
  EndpointGroupHosts,
  acceleratorListeners,
  acceleratorPortRanges,
  portOverrides,
  standInAccelerator,
} from "../accelerator-listeners";
import { ClientAddress, LoadBalancer, NetworkModel, nodeOf } from "../model";
import { pushTo } from "../multimap";
import { listenerProtocol } from "../listener-protocols";
import { outsideLabel } from "../outside-backends";
import { AWS_ENDPOINT_GROUPS, EndpointConfiguration, groupEndpoints } from "../accelerator-endpoints";
import { bool, isUnknown, prop, str } from "../resource";
import { AWS, AWS_INSTANCES } from "./tokens";
import { appendAll } from "../../arrays";

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
    const protocol = listenerProtocol(r.inputs.protocol);
    const ranges = acceleratorPortRanges(r.inputs.portRanges);
    appendAll(lb.listeners, acceleratorListeners(nodeOf(r), protocol, ranges, groups.get(r.urn) ?? []));
  }
}

/** Listener URN → its endpoint groups with the instances and balancers they name and their port overrides. */
function endpointGroupsByListener(m: NetworkModel): Map<string, EndpointGroupHosts[]> {
  const res = m.resolver;
  const out = new Map<string, EndpointGroupHosts[]>();
  for (const r of res.ofType(AWS.gaEndpointGroup)) {
    const listener = res.one(r, "listenerArn", r.inputs.listenerArn, [AWS.gaListener]);
    if (!listener) continue;
    // Instance ids, balancer ARNs and EIP allocation ids share endpointId: resolved together, so that a literal id
    // beside a reference is not taken for what the reference names.
    const endpoints = groupEndpoints(res, r, AWS_ENDPOINT_GROUPS);
    const hosts = endpoints.urns.filter((u) => m.hosts.has(u) && m.resolver.isOfType(u, AWS_INSTANCES));
    pushTo(out, listener, {
      name: r.name,
      hosts: hosts.map((host) => ({ host })),
      balancers: balancerEndpoints(m, endpoints.configurations),
      overrides: portOverrides(r.inputs.portOverrides),
      // An endpoint naming nothing of the stack (an existing instance, balancer or address): its port is published.
      outside: endpoints.configurations.filter((c) => c.outside).map((c) => outsideLabel("endpoint", c.id)),
    });
  }
  return out;
}

/**
 * ALB / NLB endpoints of the stack, each with the address it sees. An id unknown at preview may be any balancer the
 * group depends on, with that configuration's setting; an id outside the stack lends its setting to none.
 */
function balancerEndpoints(m: NetworkModel, configurations: readonly EndpointConfiguration[]): EndpointBalancer[] {
  const found = new Map<string, EndpointBalancer>();
  for (const { config, names } of configurations) {
    const preserve = isUnknown(config) ? config : prop(config, "clientIpPreservationEnabled");
    for (const balancer of names) {
      if (!m.loadBalancers.has(balancer) || !m.resolver.isOfType(balancer, AWS.lb)) continue;
      const clientAddress = clientAddressOf(m, balancer, preserve);
      found.set(`${balancer} ${clientAddress}`, { balancer, clientAddress });
    }
  }
  return [...found.values()];
}

/**
 * Internal ALBs always keep the client's address; other ALBs, and NLBs with security groups, keep it only when
 * `clientIpPreservationEnabled` says so (the provider's default is false). An NLB without groups cannot keep it.
 * Unknown at preview reads as not kept: the accelerator's address may pass rules the client's would not.
 */
function clientAddressOf(m: NetworkModel, balancer: string, preserve: unknown): ClientAddress {
  const inputs = m.resolver.get(balancer)?.inputs ?? {};
  const type = isUnknown(inputs.loadBalancerType) ? "unknown" : (str(inputs.loadBalancerType) ?? "application");
  if (type === "application" && bool(inputs.internal) === true) return "kept";
  const canKeep = type === "application" || (m.loadBalancers.get(balancer)?.securityGroups.length ?? 0) > 0;
  return canKeep && bool(preserve) === true ? "kept" : "replaced";
}
