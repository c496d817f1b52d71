// Alibaba Cloud gives an ECS instance, instance set, scaling configuration, node pool or launch template a public
// IPv4 address when its `internetMaxBandwidthOut` is above zero. Unknown at preview, the address may exist: it stands,
// unverified (a note, a violation when failing closed), as every other unknown risky value does.
import { PublicAddress } from "../model";
import { GenericResource, num } from "../resource";

export function bandwidthAddress(r: GenericResource): PublicAddress | undefined {
  const v = r.inputs.internetMaxBandwidthOut;
  const n = num(v);
  if (n !== undefined)
    return n > 0 ? { label: `public-ip:${r.name} (internetMaxBandwidthOut)`, urn: r.urn } : undefined;
  if (v === undefined || v === null) return undefined;
  return { label: `public-ip:${r.name} (internetMaxBandwidthOut unknown at preview)`, urn: r.urn, unverified: true };
}
