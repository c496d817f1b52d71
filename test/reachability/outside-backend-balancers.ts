// Alibaba Cloud balancers forwarding to backends the plan may not declare, as the outside-backend tests build them:
// an internet-facing ALB or NLB whose server group holds the servers a row names.
import { A, aliNetwork } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

export const SLB_GROUP = "alicloud:slb/serverGroup:ServerGroup";
const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
};
export const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";

/** An internet-facing ALB on 443 forwarding to a group holding `servers`. */
export function aliAlbForwardingTo(servers: Record<string, unknown>[]): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const group = b.add(A.albGroup, "g", { vpcId: ref(n.vpc), servers });
  const lb = b.add(A.alb, "front", { addressType: "Internet", vpcId: ref(n.vpc) });
  b.add(A.albListener, "https", {
    loadBalancerId: ref(lb),
    listenerPort: 443,
    listenerProtocol: "HTTPS",
    defaultActions: [
      { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
    ],
  });
  return b;
}

/** An internet-facing NLB on `listenerPort` whose TCP group (with `groupInputs`) holds one `attachment`. */
export function aliNlbForwardingTo(
  listenerPort: number,
  attachment: Record<string, unknown>,
  groupInputs: Record<string, unknown> = {},
): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  const lb = b.add(NLB.lb, "front", {
    addressType: "Internet",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
  });
  const group = b.add(NLB.group, "g", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP", ...groupInputs });
  b.add(NLB.attachment, "a", { serverGroupId: ref(group), ...attachment });
  b.add(NLB.listener, "l", {
    loadBalancerId: ref(lb),
    serverGroupId: ref(group),
    listenerProtocol: "TCP",
    listenerPort,
  });
  return b;
}
