// The second region: a standby entry point (restored there from the replicated backups) and GTM failing over to it.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { DnsFailover } from "../../components/alicloud";
import { EstateConfig } from "./config";

export function failover(
  cfg: EstateConfig,
  secondary: pulumi.ProviderResource,
  primarySlb: alicloud.slb.ApplicationLoadBalancer,
) {
  const standby = new alicloud.slb.ApplicationLoadBalancer(
    "standby-web-slb",
    {
      loadBalancerName: `${cfg.company}-web-standby`,
      addressType: "internet",
      addressIpVersion: "ipv4",
      internetChargeType: "PayByTraffic",
      loadBalancerSpec: "slb.s2.small",
      deleteProtection: "on",
    },
    { provider: secondary },
  );
  const dns = new DnsFailover("web-failover", {
    userDomainName: cfg.domain,
    primary: { region: cfg.region, addresses: [primarySlb.address] },
    secondary: { region: cfg.secondaryRegion, addresses: [standby.address] },
    healthCheck: { protocol: "HTTPS", port: 443, path: "/", host: cfg.webHost, failureRate: 50 },
  });
  return { standby, dns };
}
