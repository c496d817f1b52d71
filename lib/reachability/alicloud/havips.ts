// High-availability virtual IPs (HaVip): a private address that floats between the ECS instances or ENIs attached to
// it (`vpc.HAVipAttachment`), active and standby alike. An EIP associated with the HaVip (`ecs.EipAssociation` of
// `instanceType` HaVip) therefore reaches every one of them, each through its own groups (an ENI through the ENI's),
// and so does a DNAT entry whose `internalIp` is the HaVip's `ipAddress`.
import { NetworkModel } from "../model";
import { GenericResource, str } from "../resource";
import { SERVER_TYPES, ServerEntry, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

/** The HaVip a reference names, when it names one of the stack. */
export function havipOf(m: NetworkModel, r: GenericResource, input: string): string | undefined {
  return m.resolver.one(r, input, r.inputs[input], ALI.havip);
}

/** Lets references name a HaVip by its known private address (a DNAT entry's `internalIp`). */
export function aliasHavipAddresses(m: NetworkModel): void {
  for (const r of m.resolver.ofType(...ALI.havip)) {
    const address = str(r.inputs.ipAddress);
    if (address) m.resolver.alias(r, address);
  }
}

/** The hosts attached to a HaVip (linked by `haVipId`, or the older `havipId`). */
export function havipServers(m: NetworkModel, havip: string): ServerEntry[] {
  const res = m.resolver;
  return res.ofType(ALI.havipAttachment).flatMap((a) => {
    const field = a.inputs.haVipId !== undefined ? "haVipId" : "havipId";
    if (res.one(a, field, a.inputs[field], ALI.havip) !== havip) return [];
    return serverEntries(m, res.one(a, "instanceId", a.inputs.instanceId, SERVER_TYPES));
  });
}
