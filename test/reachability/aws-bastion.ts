// The tagged AWS bastion the SSH probes put beside their hosts: the instance `jump` in the public subnet, its group
// `bastion` admitting SSH from one office block.
import type { GenericResource } from "../../lib/reachability";
import { T, Vpc } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { tcp } from "./tcp-ingress";

/** The office block the bastion's group admits SSH from. */
export const BASTION_OFFICE = "203.0.113.0/24";

/**
 * Adds the bastion and returns its group. `publicIp` asks for a public address at launch; `tagsAllowList` also
 * declares the office block in the `hardening:allowed-cidrs` tag.
 */
export function addBastion(
  b: StackBuilder,
  v: Vpc,
  opts: { publicIp?: boolean; tagsAllowList?: boolean } = {},
): GenericResource {
  const bastionSg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [tcp(22, { cidrBlocks: [BASTION_OFFICE] })],
  });
  b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(bastionSg)],
    ...(opts.publicIp ? { associatePublicIpAddress: true } : {}),
    tags: {
      "hardening:role": "bastion",
      ...(opts.tagsAllowList ? { "hardening:allowed-cidrs": BASTION_OFFICE } : {}),
    },
  });
  return bastionSg;
}
