// Container Service (ACK) node pools: worker ECS instances in the pool's vSwitches behind its security groups, one
// host standing for every node. Nodes are public with `internetMaxBandwidthOut` above zero (public-bandwidth.ts) or,
// when the pool scales automatically, an EIP bound to each node (`scalingConfig.isBondEip`; unknown at preview, the
// address is unverified).
import { NetworkModel, PublicAddress } from "../model";
import { GenericResource, bool, list, prop } from "../resource";
import { declaredSecurityGroups } from "./declared-groups";
import { bandwidthAddress } from "./public-bandwidth";
import { ALI } from "./tokens";
import { vswitchHost } from "./vswitch-hosts";

export function addAlicloudNodePools(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.nodePool)) {
    const vswitches = res.many(r, "vswitchIds", list(r.inputs.vswitchIds), [ALI.vswitch]);
    m.hosts.set(r.urn, vswitchHost(r, "scaling-group", vswitches, declaredSecurityGroups(res, r), publicAddresses(r)));
  }
}

function publicAddresses(r: GenericResource): PublicAddress[] {
  const out: PublicAddress[] = [];
  const bandwidth = bandwidthAddress(r);
  if (bandwidth) out.push(bandwidth);
  const scaling = r.inputs.scalingConfig;
  const field = bool(scaling) === "unknown" ? "scalingConfig" : "scalingConfig.isBondEip";
  const eip = bool(scaling) === "unknown" ? "unknown" : bool(prop(scaling, "isBondEip"));
  if (eip === true) out.push({ label: `eip:${r.name} (${field})`, urn: r.urn });
  else if (eip === "unknown")
    out.push({ label: `eip:${r.name} (${field} unknown at preview)`, urn: r.urn, unverified: true });
  return out;
}
