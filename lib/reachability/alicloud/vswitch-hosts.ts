// A host in the vSwitches a resource names (those in the stack, and ids of existing ones) behind its security groups:
// ECI container groups and ACK node pools are read alike, only their public addresses differ.
import { Host, HostKind, PublicAddress, nodeOf } from "../model";
import { ManyRefs } from "../resolver";
import { GroupLinks, carried } from "../group-links";
import { GenericResource, tags } from "../resource";

export function vswitchHost(
  r: GenericResource,
  kind: HostKind,
  vswitches: ManyRefs,
  groups: GroupLinks,
  publicV4: PublicAddress[],
): Host {
  return {
    ...nodeOf(r),
    cloud: "alicloud",
    kind,
    subnets: vswitches.urns,
    externalSubnets: vswitches.external,
    defaultSubnet: false,
    ...carried(groups),
    publicV4,
    tags: tags(r),
  };
}
