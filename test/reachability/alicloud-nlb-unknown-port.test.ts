// An NLB server attachment whose port is unknown at preview (another resource's output, a template parameter the
// program feeds) may forward to any port of the server: it never reads as the listener's own port.
import { buildNetworkModel, internetExposures, UNKNOWN } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
};

/** A host admitting `open` from the VPC, behind an internet NLB listening on 443 with the server on `port`. */
function behindNlb(open: number, port: unknown, group: Record<string, unknown> = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: `${open}/${open}`, cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const nlb = b.add(NLB.lb, "front", {
    addressType: "Internet",
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
  });
  const sg = b.add(NLB.group, "backends", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP", ...group });
  b.add(NLB.attachment, "web", { serverGroupId: ref(sg), serverId: ref(ecs), serverType: "Ecs", port });
  b.add(NLB.listener, "l", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(sg),
    listenerProtocol: "TCP",
    listenerPort: 443,
  });
  return internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === ecs.urn);
}

describe("Alibaba Cloud NLB server port unknown at preview", () => {
  it("reaches a port the host admits other than the listener's", () => {
    const rows = behindNlb(22, UNKNOWN);
    expect(rows.map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(rows[0].path.join(" ")).toContain("(port unknown at preview)");
  });

  it("known, the port decides: 443 does not reach a host admitting only 22", () => {
    expect(behindNlb(22, 443)).toEqual([]);
    expect(behindNlb(22, 22).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
  });

  it("an all-port group forwards on the listener's port whatever the attachment's port says", () => {
    expect(behindNlb(22, UNKNOWN, { anyPortEnabled: true })).toEqual([]);
    expect(behindNlb(443, UNKNOWN, { anyPortEnabled: true }).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
  });
});
