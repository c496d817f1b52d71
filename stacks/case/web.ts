// The case's web entry: an internet-facing load balancer with nothing inspecting the traffic it forwards.
import * as alicloud from "@pulumi/alicloud";
import { CaseNetwork } from "./network";

export function caseWebEntry(
  network: CaseNetwork,
  servers: alicloud.ecs.Instance[],
): alicloud.slb.ApplicationLoadBalancer {
  // Step 6 (lesson: WAF with OWASP CRS and scanner User-Agent blocking): no WAF instance or domain protects it.
  const balancer = new alicloud.slb.ApplicationLoadBalancer("case-web-lb", {
    loadBalancerName: "logistics-web",
    addressType: "internet",
    loadBalancerSpec: "slb.s2.small",
    vswitchId: network.vswitch.id,
  });
  new alicloud.slb.Listener("case-web-http", {
    loadBalancerId: balancer.id,
    protocol: "http",
    frontendPort: 80,
    backendPort: 80,
    bandwidth: -1,
  });
  new alicloud.slb.BackendServer("case-web-backends", {
    loadBalancerId: balancer.id,
    backendServers: servers.map((server) => ({ serverId: server.id, weight: 100 })),
  });
  return balancer;
}
