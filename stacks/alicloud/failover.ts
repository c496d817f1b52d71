// GTM failover between the two regions' load balancers: answers go to the primary while its health checks pass.
import * as alicloud from "@pulumi/alicloud";
import { DnsFailover } from "../../components/alicloud";
import { EstateConfig } from "./config";

export function failover(
  cfg: EstateConfig,
  primarySlb: alicloud.slb.ApplicationLoadBalancer,
  standbySlb: alicloud.slb.ApplicationLoadBalancer,
): DnsFailover {
  return new DnsFailover("web-failover", {
    userDomainName: cfg.domain,
    primary: { region: cfg.primary.region, addresses: [primarySlb.address] },
    secondary: { region: cfg.standby.region, addresses: [standbySlb.address] },
    healthCheck: { protocol: "HTTPS", port: 443, path: "/", host: cfg.webHost, failureRate: 50 },
  });
}
