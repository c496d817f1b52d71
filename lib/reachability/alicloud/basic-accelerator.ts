// Alibaba Cloud basic Global Accelerator: an accelerated IP mapped one-to-one to an endpoint forwards every packet,
// on every port and protocol, to the endpoint's private address. It works at layer 3, with no listener and no proxy
// in between, and the service refuses endpoints that carry an EIP or public IP because replies must return through
// it: the endpoint sees the client's own address. So an ECS or ENI endpoint gets a public IPv4 address, as an EIP
// bound to it would, and its own security groups (an ENI's, for an ENI endpoint) decide what the internet reaches.
// CLB and NLB endpoints are not hosts and are ignored.
import { NetworkModel, PublicAddress } from "../model";
import { GenericResource, isUnknown, str } from "../resource";
import { INTERFACE_TYPES, SERVER_TYPES, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

export function addAlicloudBasicAccelerators(m: NetworkModel): void {
  const res = m.resolver;
  // A relation names its endpoint by the endpoint's own id (an output), not by the resource id.
  for (const r of res.ofType(ALI.gaBasicEndpoint)) {
    const id = str(r.inputs.endpointId);
    if (id) res.alias(r, id);
  }
  for (const r of res.ofType(ALI.gaBasicIpEndpointRelation)) {
    const endpointUrn = res.one(r, "endpointId", r.inputs.endpointId, [ALI.gaBasicEndpoint]);
    const endpoint = endpointUrn ? res.get(endpointUrn) : undefined;
    if (!endpoint) continue;
    const ip = nameOf(m, r, "accelerateIpId", ALI.gaBasicAccelerateIp);
    const accelerator = nameOf(m, r, "acceleratorId", ALI.gaBasicAccelerator);
    publish(m, endpoint, {
      label: `accelerate-ip:${ip} (basic-ga:${accelerator} endpoint:${endpoint.name})`,
      urn: r.urn,
    });
  }
  // An endpoint group's own endpoint (the original single-address form) takes the accelerator's address; whether
  // that address exists is not read, so the endpoint counts as published.
  for (const r of res.ofType(ALI.gaBasicEndpointGroup)) {
    if (r.inputs.endpointAddress === undefined) continue;
    const accelerator = nameOf(m, r, "acceleratorId", ALI.gaBasicAccelerator);
    publish(m, r, { label: `basic-ga:${accelerator} (endpoint-group:${r.name})`, urn: r.urn });
  }
}

/** Gives the hosts an endpoint (`endpointType`, `endpointAddress`) names the accelerated address. */
function publish(m: NetworkModel, endpoint: GenericResource, address: PublicAddress): void {
  const { endpointType, endpointAddress } = endpoint.inputs;
  const target = m.resolver.one(endpoint, "endpointAddress", endpointAddress, hostTypesOf(endpointType));
  for (const entry of serverEntries(m, target))
    m.hosts.get(entry.host)?.publicV4.push({ ...address, interface: entry.interface });
}

/** ECS endpoints are instances and ENI endpoints (secondary only) interfaces; unknown at preview, either. */
function hostTypesOf(type: unknown): readonly string[] {
  if (isUnknown(type)) return SERVER_TYPES;
  const t = (str(type) ?? "").toUpperCase();
  if (t === "ECS") return [ALI.instance];
  return t === "ENI" ? INTERFACE_TYPES : [];
}

function nameOf(m: NetworkModel, r: GenericResource, input: string, type: string): string {
  const urn = m.resolver.one(r, input, r.inputs[input], [type]);
  return urn ? m.resolver.get(urn)!.name : (str(r.inputs[input]) ?? "(unknown)");
}
