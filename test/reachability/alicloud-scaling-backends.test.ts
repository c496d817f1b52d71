// Alibaba Cloud scaling groups as balancer backends: the instances a group launches join the CLB vServer groups, ALB
// groups and NLB groups attached to it, on the attachment's port. An internet balancer forwarding there reaches the
// port on every launched host whose group admits it; an intranet one, or a host group admitting nothing there, does
// not; a port unknown at preview may be any port of the hosts.
import { buildNetworkModel, internetExposures, UNKNOWN } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

const T = {
  scalingGroup: "alicloud:ess/scalingGroup:ScalingGroup",
  scalingConfiguration: "alicloud:ess/scalingConfiguration:ScalingConfiguration",
  vserverGroups: "alicloud:ess/scalingGroupVServerGroups:ScalingGroupVServerGroups",
  serverGroupAttachment: "alicloud:ess/serverGroupAttachment:ServerGroupAttachment",
  albAttachment: "alicloud:ess/albServerGroupAttachment:AlbServerGroupAttachment",
  slbGroup: "alicloud:slb/serverGroup:ServerGroup",
  nlb: "alicloud:nlb/loadBalancer:LoadBalancer",
  nlbListener: "alicloud:nlb/listener:Listener",
  nlbGroup: "alicloud:nlb/serverGroup:ServerGroup",
};

type Balancer = "slb" | "alb" | "alb-attachment" | "nlb";

interface Plan {
  balancer: Balancer;
  internet: boolean;
  /** The host port the scaling group joins the server group on. */
  port: unknown;
  /** The host port the launched hosts' security group admits from the VPC. */
  admitted: number;
}

/** A scaling group launching hosts into one server group of an internet (or intranet) balancer listening on 80. */
function plan(p: Plan) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: `${p.admitted}/${p.admitted}`, cidrIp: "172.16.0.0/16" });
  const sg = b.add(T.scalingGroup, "asg", { vswitchIds: [ref(n.vswitch)] });
  const config = b.add(T.scalingConfiguration, "launch", { scalingGroupId: ref(sg), securityGroupIds: [ref(n.sg)] });
  const zones = [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }];
  if (p.balancer === "slb") {
    const lb = b.add(A.slb, "lb", { vswitchId: ref(n.vswitch), addressType: p.internet ? "internet" : "intranet" });
    const group = b.add(T.slbGroup, "group", { loadBalancerId: ref(lb) });
    // A second group of the same balancer that no scaling group joins.
    b.add(T.slbGroup, "other", { loadBalancerId: ref(lb) });
    b.add(A.slbListener, "l", {
      loadBalancerId: ref(lb),
      frontendPort: 80,
      protocol: "tcp",
      serverGroupId: ref(group),
    });
    b.add(T.vserverGroups, "attach", {
      scalingGroupId: ref(sg),
      vserverGroups: [{ loadbalancerId: ref(lb), vserverAttributes: [{ vserverGroupId: ref(group), port: p.port }] }],
    });
  } else if (p.balancer === "nlb") {
    const lb = b.add(T.nlb, "lb", { addressType: p.internet ? "Internet" : "Intranet", zoneMappings: zones });
    const group = b.add(T.nlbGroup, "group", { serverGroupName: "g", protocol: "TCP" });
    b.add(T.nlbListener, "l", { loadBalancerId: ref(lb), serverGroupId: ref(group), listenerPort: 80 });
    b.add(T.serverGroupAttachment, "attach", {
      scalingGroupId: ref(sg),
      serverGroupId: ref(group),
      type: "NLB",
      port: p.port,
    });
  } else {
    const lb = b.add(A.alb, "lb", { addressType: p.internet ? "Internet" : "Intranet", zoneMappings: zones });
    const group = b.add(A.albGroup, "group", { serverGroupName: "g" });
    const forward = [
      { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
    ];
    b.add(A.albListener, "l", { loadBalancerId: ref(lb), listenerPort: 80, defaultActions: forward });
    if (p.balancer === "alb")
      b.add(T.serverGroupAttachment, "attach", {
        scalingGroupId: ref(sg),
        serverGroupId: ref(group),
        type: "ALB",
        port: p.port,
      });
    else b.add(T.albAttachment, "attach", { scalingGroupId: ref(sg), albServerGroupId: ref(group), port: p.port });
  }
  return { rows: internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === config.urn) };
}

describe.each(["slb", "alb", "alb-attachment", "nlb"] as const)(
  "scaling hosts behind a %s server group",
  (balancer) => {
    it("an internet balancer reaches the admitted port the group joins on", () => {
      const { rows } = plan({ balancer, internet: true, port: 22, admitted: 22 });
      expect(rows.map((r) => r.ports)).toEqual([{ from: 22, to: 22 }]);
      expect(rows[0].path.join(" ")).toContain("server-group:group");
    });

    it("an intranet balancer reaches nothing", () => {
      expect(plan({ balancer, internet: false, port: 22, admitted: 22 }).rows).toEqual([]);
    });

    it("a host group admitting another port is not reached", () => {
      expect(plan({ balancer, internet: true, port: 3306, admitted: 22 }).rows).toEqual([]);
    });

    it("a port unknown at preview may be the admitted one", () => {
      const { rows } = plan({ balancer, internet: true, port: UNKNOWN, admitted: 3306 });
      expect(rows.map((r) => r.ports)).toEqual([{ from: 3306, to: 3306 }]);
      expect(rows[0].path.join(" ")).toContain("port unknown at preview");
    });
  },
);
