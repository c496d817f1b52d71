// Alibaba Cloud Global Accelerator (standard instances): an accelerator is an internet-facing balancer without
// security groups of its own. Intelligent routing listeners (port ranges, TCP/UDP/HTTP/HTTPS) → endpoint groups →
// ECS instances and ENIs (the instance an ENI is attached to, behind the ENI's own groups), reached over the VPC
// from back-to-origin addresses in the endpoint's vSwitch (or from the client with client IP preservation), and
// SLB (CLB), ALB and NLB endpoints of the stack, whose listeners on the forwarded ports are then reached, intranet
// or not (accelerator-balancers.ts). Public or custom IP, domain and OSS endpoints, and balancers outside the stack,
// are not followed. Custom routing listeners reach vSwitch destinations instead
// (global-accelerator-custom-routing.ts); white-list ACLs narrow the sources of intelligent routing listeners
// (global-accelerator-acl.ts). Basic accelerators are layer-3 addresses: basic-accelerator.ts.
import {
  EndpointBalancer,
  EndpointGroupHosts,
  acceleratorListeners,
  acceleratorPortRanges,
  portOverrides,
  standInAccelerator,
} from "../accelerator-listeners";
import { Listener, LoadBalancer, NetworkModel, nodeOf } from "../model";
import { pushTo } from "../multimap";
import { listenerProtocol } from "../listener-protocols";
import { outsideLabel } from "../outside-backends";
import { ALICLOUD_ENDPOINT_GROUPS, EndpointConfiguration, groupEndpoints } from "../accelerator-endpoints";
import { GenericResource, bool, isUnknown, prop, str } from "../resource";
import { gaListenerAllowLists } from "./global-accelerator-acl";
import { customRoutingTargets } from "./global-accelerator-custom-routing";
import { SERVER_TYPES, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";
import { ownValue } from "../../own-value";
import { appendAll } from "../../arrays";

export function addAlicloudGlobalAccelerators(m: NetworkModel): void {
  const res = m.resolver;
  const dualStack = acceleratorsWithIpv6(m);
  for (const r of res.ofType(ALI.gaAccelerator)) m.loadBalancers.set(r.urn, accelerator(r, dualStack.has(r.urn)));
  const groups = endpointGroupsByListener(m);
  const allowLists = gaListenerAllowLists(m);
  const customTargets = customRoutingTargets(m);
  for (const r of res.ofType(ALI.gaListener)) {
    const lb = balancerOf(m, r);
    const protocol = listenerProtocol(r.inputs.protocol);
    const ranges = acceleratorPortRanges(r.inputs.portRanges);
    // A listener type unknown at preview may be either.
    const type = isUnknown(r.inputs.listenerType)
      ? "unknown"
      : (str(r.inputs.listenerType) ?? "Standard").toLowerCase();
    if (type !== "customrouting") {
      const standard = acceleratorListeners(nodeOf(r), protocol, ranges, groups.get(r.urn) ?? []);
      const allowList = allowLists.get(r.urn);
      if (allowList) standard.forEach((l) => (l.allowList = allowList));
      appendAll(lb.listeners, standard);
    }
    if (type !== "standard") {
      const targets = customTargets.get(r.urn) ?? [];
      appendAll(
        lb.listeners,
        ranges.map((ports): Listener => ({ ...nodeOf(r), protocol, ports, targets })),
      );
    }
  }
}

function accelerator(r: GenericResource, ipv6: boolean): LoadBalancer {
  return {
    ...nodeOf(r),
    cloud: "alicloud",
    internetFacing: true,
    ipv6,
    wafCapable: false,
    subnets: [],
    securityGroups: [],
    listeners: [],
  };
}

/** Accelerators with an IPv6 or dual-stack acceleration region (an unknown version counts as IPv6). */
function acceleratorsWithIpv6(m: NetworkModel): Set<string> {
  const out = new Set<string>();
  for (const r of m.resolver.ofType(ALI.gaIpSet)) {
    const version = isUnknown(r.inputs.ipVersion) ? "ipv6" : (str(r.inputs.ipVersion) ?? "IPv4").toLowerCase();
    const acc = m.resolver.one(r, "acceleratorId", r.inputs.acceleratorId, [ALI.gaAccelerator]);
    if (acc && version !== "ipv4") out.add(acc);
  }
  return out;
}

function balancerOf(m: NetworkModel, listener: GenericResource): LoadBalancer {
  const ref = listener.inputs.acceleratorId;
  const own = m.loadBalancers.get(m.resolver.one(listener, "acceleratorId", ref, [ALI.gaAccelerator]) ?? "");
  if (own) return own;
  const standIn = standInAccelerator(listener, "alicloud", ref);
  m.loadBalancers.set(standIn.urn, standIn);
  return standIn;
}

/** Listener URN → its endpoint groups with the hosts they name and their port overrides. */
function endpointGroupsByListener(m: NetworkModel): Map<string, EndpointGroupHosts[]> {
  const res = m.resolver;
  const out = new Map<string, EndpointGroupHosts[]>();
  for (const r of res.ofType(ALI.gaEndpointGroup)) {
    const listener = res.one(r, "listenerId", r.inputs.listenerId, [ALI.gaListener]);
    if (!listener) continue;
    const servers = new Set<string>();
    const outside: string[] = [];
    const balancers = new Map<string, EndpointBalancer>();
    // Servers, interfaces and balancers share `endpoint`: resolved together, so that a literal id beside a
    // reference is not taken for what the reference names.
    for (const e of groupEndpoints(res, r, ALICLOUD_ENDPOINT_GROUPS).configurations) {
      const c = e.config;
      // A configuration (or its type) unknown at preview may name either kind of host, or a balancer.
      const type = isUnknown(c) || isUnknown(prop(c, "type")) ? "unknown" : (str(prop(c, "type")) ?? "").toUpperCase();
      // An endpoint naming nothing of the stack (an existing server, an address, a domain): its port is published.
      if (e.outside) outside.push(outsideLabel(`endpoint (${type === "unknown" ? "type unknown" : type})`, e.id));
      // An ENI endpoint is the instance it is attached to, behind the ENI's own groups; the primary interface's id
      // comes from the instance itself.
      const serverTypes = type === "ECS" ? [ALI.instance] : type === "ENI" || type === "unknown" ? SERVER_TYPES : [];
      for (const u of e.names) if (m.resolver.isOfType(u, serverTypes)) servers.add(u);
      for (const b of balancerEndpoints(m, e, type)) balancers.set(`${b.balancer} ${b.clientAddress}`, b);
    }
    const hosts = [...servers].flatMap((u) => serverEntries(m, u));
    pushTo(out, listener, {
      name: r.name,
      hosts: hosts.filter((h) => m.hosts.has(h.host)),
      balancers: [...balancers.values()],
      overrides: portOverrides(r.inputs.portOverrides),
      outside,
    });
  }
  return out;
}

const BALANCER_TYPES: Record<string, readonly string[]> = { SLB: ALI.slb, ALB: [ALI.alb], NLB: [ALI.nlb] };

/**
 * The balancers of the stack one configuration names, of the kind its type says (an id unknown at preview: any the
 * group depends on). The documents say only that `enableClientipPreservation` keeps client addresses; without it the
 * balancer sees a back-to-origin address of the accelerator, read as one any rule or white-list entry may hold so no
 * exposure passes unseen.
 */
function balancerEndpoints(m: NetworkModel, e: EndpointConfiguration, type: string): EndpointBalancer[] {
  const types = type === "unknown" ? Object.values(BALANCER_TYPES).flat() : ownValue(BALANCER_TYPES, type);
  if (!types) return [];
  const c = e.config;
  const clientAddress = !isUnknown(c) && bool(prop(c, "enableClientipPreservation")) === true ? "kept" : "replaced";
  return e.names
    .filter((u) => m.loadBalancers.has(u) && m.resolver.isOfType(u, types))
    .map((balancer) => ({ balancer, clientAddress }));
}
