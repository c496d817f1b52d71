// Alibaba Cloud Global Accelerator custom routing: a custom routing listener maps its ports one to one onto
// (private address, port) destinations in vSwitches. An endpoint group declares destination port ranges; each of
// its endpoints (a vSwitch) admits traffic by policy: DenyAll (the provider default) admits none, AllowAll every
// address in the vSwitch, AllowCustom only the addresses (and port ranges) of its traffic policies. The service
// chooses which listener port maps to which destination, so every destination counts as behind every listener port.
import { PortRange } from "../../ports";
import { acceleratorPortRanges } from "../accelerator-listeners";
import { intersectRange } from "../intervals";
import { Host, NetworkModel, Target } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, isUnknown, list, str } from "../resource";
import { ALI } from "./tokens";

/** Custom routing listener URN → the hosts and destination ports its endpoints admit. */
export function customRoutingTargets(m: NetworkModel): Map<string, Target[]> {
  const res = m.resolver;
  const destinations = new Map<string, PortRange[]>();
  for (const r of res.ofType(ALI.gaCustomRoutingDestination)) {
    const group = res.one(r, "endpointGroupId", r.inputs.endpointGroupId, [ALI.gaCustomRoutingEndpointGroup]);
    if (group) pushTo(destinations, group, ...acceleratorPortRanges([r.inputs]));
  }
  const policies = new Map<string, GenericResource[]>();
  for (const r of res.ofType(ALI.gaCustomRoutingTrafficPolicy)) {
    const endpoint = res.one(r, "endpointId", r.inputs.endpointId, [ALI.gaCustomRoutingEndpoint]);
    if (endpoint) pushTo(policies, endpoint, r);
  }
  const out = new Map<string, Target[]>();
  for (const e of res.ofType(ALI.gaCustomRoutingEndpoint)) {
    const groupUrn = res.one(e, "endpointGroupId", e.inputs.endpointGroupId, [ALI.gaCustomRoutingEndpointGroup]);
    const group = groupUrn ? res.get(groupUrn) : undefined;
    const listener = group ? res.one(group, "listenerId", group.inputs.listenerId, [ALI.gaListener]) : undefined;
    if (!group || !listener) continue;
    const ports = destinations.get(group.urn) ?? [];
    pushTo(out, listener, ...endpointTargets(m, e, group, ports, policies.get(e.urn) ?? []));
  }
  return out;
}

function endpointTargets(
  m: NetworkModel,
  endpoint: GenericResource,
  group: GenericResource,
  destinations: readonly PortRange[],
  policies: readonly GenericResource[],
): Target[] {
  const raw = endpoint.inputs.trafficToEndpointPolicy;
  // Unknown at preview counts as AllowAll: a policy must not pass on a value it cannot see.
  const policy = isUnknown(raw) ? "allowall" : (str(raw) ?? "DenyAll").toLowerCase();
  if (policy === "denyall") return [];
  const inVswitch = hostsInVswitch(m, endpoint);
  const via = (why: string) => [`endpoint-group:${group.name}`, `endpoint:${endpoint.name} (${why})`];
  if (policy !== "allowcustom")
    return inVswitch.flatMap((h) => destinations.map((ports) => ({ host: h.urn, ports, via: via("AllowAll") })));
  return policies.flatMap((p) => {
    const ranges = policyPorts(p, destinations);
    const label = via(`AllowCustom ${p.name}`);
    return addressHosts(m, p, inVswitch).flatMap((h) => ranges.map((ports) => ({ host: h.urn, ports, via: label })));
  });
}

/** Hosts placed in the endpoint's vSwitch (named in the stack, or by a known id outside it). */
function hostsInVswitch(m: NetworkModel, endpoint: GenericResource): Host[] {
  const value = endpoint.inputs.endpoint;
  const vswitch = m.resolver.one(endpoint, "endpoint", value, [ALI.vswitch]);
  const id = str(value);
  return [...m.hosts.values()].filter(
    (h) =>
      h.cloud === "alicloud" &&
      (vswitch ? h.subnets.includes(vswitch) : id !== undefined && h.externalSubnets.includes(id)),
  );
}

/**
 * The host a traffic policy's address names: an instance declaring that private address (or whose address flows
 * into it); otherwise any host in the vSwitch without a fixed address, since the service may have given it one.
 */
function addressHosts(m: NetworkModel, policy: GenericResource, inVswitch: readonly Host[]): Host[] {
  const named = m.resolver.one(policy, "address", policy.inputs.address, [ALI.instance]);
  if (named) {
    const host = m.hosts.get(named);
    return host ? [host] : [];
  }
  return inVswitch.filter((h) => str(m.resolver.get(h.urn)?.inputs.privateIp) === undefined);
}

/** A traffic policy's port ranges within the group's destinations; none listed means all of them. */
function policyPorts(policy: GenericResource, destinations: readonly PortRange[]): PortRange[] {
  if (list(policy.inputs.portRanges).length === 0) return [...destinations];
  return acceleratorPortRanges(policy.inputs.portRanges).flatMap((r) =>
    destinations.map((d) => intersectRange(r, d)).filter((x): x is PortRange => x !== undefined),
  );
}
