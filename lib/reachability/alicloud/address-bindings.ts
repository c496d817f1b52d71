// Internet addresses bound to a resource after creation: an EIP association (`ecs.EipAssociation`) and an Anycast
// EIP attachment (`eipanycast.AnycastEipAddressAttachment`; the internet reaches an Anycast EIP at Alibaba Cloud's
// anycast edge, which forwards to the bound resource as an EIP would). Either may name an ECS instance or an ENI (the
// instance it is attached to, behind the ENI's groups), an EIP also a HaVip (every instance it may float to), and
// both a CLB (SLB) instance, which the bound address makes internet-facing whatever its `addressType` says. The link
// decides what is bound: an EIP association's `instanceType` may be omitted (the provider infers it from the id), and
// an Anycast EIP's `bindInstanceType` only narrows what its id may name.
import { NetworkModel } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, str } from "../resource";
import { havipOf, havipServers } from "./havips";
import { SERVER_TYPES, ServerEntry, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

export interface AddressBinding {
  /** The association or attachment: what a fix must change. */
  resource: GenericResource;
  /** How paths name the address: `eip:<name>`, `anycast-eip:<name>`. */
  label: string;
  /** The input naming the bound resource. */
  input: "instanceId" | "bindInstanceId";
  /** The bound id may name an instance or ENI. */
  servers: boolean;
  /** The bound id may name a HaVip (EIPs only). */
  havips: boolean;
  /** The bound id may name a CLB instance. */
  balancers: boolean;
}

/** A host an address reaches, with the hop naming the address. */
export type BoundServer = ServerEntry & { label: string; binding: string };

const cache = new WeakMap<NetworkModel, AddressBinding[]>();

/** Every EIP association and Anycast EIP attachment of the stack, read once per model. */
export function addressBindings(m: NetworkModel): readonly AddressBinding[] {
  let out = cache.get(m);
  if (!out) cache.set(m, (out = [...eipAssociations(m), ...anycastAttachments(m)]));
  return out;
}

/** The hosts one binding reaches: the instance or ENI it names, or every host behind the HaVip it names. */
export function boundServers(m: NetworkModel, b: AddressBinding): BoundServer[] {
  const res = m.resolver;
  const binding = b.resource.urn;
  const havip = b.havips ? havipOf(m, b.resource, b.input) : undefined;
  if (havip)
    return havipServers(m, havip).map((e) => ({ ...e, label: `${b.label} havip:${res.get(havip)!.name}`, binding }));
  if (!b.servers) return [];
  const server = res.one(b.resource, b.input, b.resource.inputs[b.input], SERVER_TYPES);
  return serverEntries(m, server).map((e) => ({ ...e, label: b.label, binding }));
}

/** CLB URN → the bindings giving it an internet address. */
export function boundBalancers(m: NetworkModel): Map<string, AddressBinding[]> {
  const out = new Map<string, AddressBinding[]>();
  for (const b of addressBindings(m)) {
    if (!b.balancers) continue;
    const lb = m.resolver.one(b.resource, b.input, b.resource.inputs[b.input], ALI.slb);
    if (lb) pushTo(out, lb, b);
  }
  return out;
}

function eipAssociations(m: NetworkModel): AddressBinding[] {
  const res = m.resolver;
  return res.ofType(ALI.eipAssociation).map((r) => {
    const eip = res.one(r, "allocationId", r.inputs.allocationId, ALI.eip);
    const label = `eip:${eip ? res.get(eip)!.name : r.name}`;
    return { resource: r, label, input: "instanceId", servers: true, havips: true, balancers: true };
  });
}

/** `bindInstanceType` SlbInstance names a CLB, NetworkInterface an ENI (or an instance: its primary ENI's id). */
function anycastAttachments(m: NetworkModel): AddressBinding[] {
  const res = m.resolver;
  return res.ofType(ALI.anycastEipAttachment).map((r) => {
    const anycast = res.one(r, "anycastId", r.inputs.anycastId, [ALI.anycastEip]);
    const label = `anycast-eip:${anycast ? res.get(anycast)!.name : r.name}`;
    // Unknown at preview, or a type this reading does not know: either kind.
    const kind = str(r.inputs.bindInstanceType)?.toLowerCase();
    return {
      resource: r,
      label,
      input: "bindInstanceId",
      servers: kind !== "slbinstance",
      havips: false,
      balancers: kind !== "networkinterface",
    };
  });
}
