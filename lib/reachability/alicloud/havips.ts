// High-availability virtual IPs (HaVip): a private address that floats between the ECS instances or ENIs attached to
// it (`vpc.HAVipAttachment`), active and standby alike. An EIP associated with the HaVip (`ecs.EipAssociation` of
// `instanceType` HaVip) therefore reaches every one of them, each through its own groups (an ENI through the ENI's).
import { NetworkModel } from "../model";
import { GenericResource } from "../resource";
import { SERVER_TYPES, ServerEntry, serverEntries } from "./network-interfaces";
import { ALI } from "./tokens";

/** The HaVip a reference names, when it names one of the stack. */
export function havipOf(m: NetworkModel, r: GenericResource, input: string): string | undefined {
  return m.resolver.one(r, input, r.inputs[input], ALI.havip);
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
