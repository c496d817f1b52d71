// A region's internet edge: one internet-facing SLB on 80/443 whose only clients are WAF's back-to-origin ranges
// (the WebFirewall's origin whitelist), and a WAF 3.0 domain in front of it.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { WebFirewall } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { Tier } from "./hosts";
import { Site, cloudName, inRegion, logicalName } from "./site";

export interface Edge {
  slb: alicloud.slb.ApplicationLoadBalancer;
  waf: WebFirewall;
}

/**
 * `wafInstanceId`: the WAF 3.0 instance to add the domain to; none creates it. An account has one WAF 3.0 instance
 * for the Chinese mainland, and its API lives in cn-hangzhou, so the standby's domain joins the primary's instance
 * through the default provider rather than the standby's.
 */
export function webEdge(cfg: EstateConfig, site: Site, web: Tier, wafInstanceId?: pulumi.Output<string>): Edge {
  const name = (base: string) => logicalName(site, base);
  const slb = new alicloud.slb.ApplicationLoadBalancer(
    name("web-slb"),
    {
      loadBalancerName: cloudName(cfg, site, "web"),
      addressType: "internet",
      addressIpVersion: "ipv4",
      internetChargeType: "PayByTraffic",
      loadBalancerSpec: "slb.s2.small",
      deleteProtection: "on",
    },
    inRegion(site),
  );
  const group = new alicloud.slb.ServerGroup(
    name("web-servers"),
    { loadBalancerId: slb.id, name: cloudName(cfg, site, "web") },
    inRegion(site),
  );
  // One attachment per server: the group's inline `servers` field is deprecated by the provider.
  web.instances.forEach(
    (instance, i) =>
      new alicloud.slb.ServerGroupServerAttachment(
        name(`web-server-${i + 1}`),
        { serverGroupId: group.id, serverId: instance.id, port: 80, weight: 100, type: "ecs" },
        inRegion(site),
      ),
  );
  // Made first: it holds the origin whitelist the listeners name, in this region (the WAF's own resources use the
  // default provider, see above).
  const waf = new WebFirewall(name("web-waf"), {
    instanceId: wafInstanceId,
    // The account-wide WAF log collection is switched on once, with the instance.
    manageLogCollection: wafInstanceId === undefined,
    domains: [
      {
        domain: site.wafHost,
        backends: [slb.address],
        httpPorts: [80],
        httpsPorts: [443],
        certId: cfg.wafCertificateId,
      },
    ],
    backToOriginCidrs: cfg.wafBackToSourceCidrs,
    originProvider: site.provider,
  });
  const common = {
    loadBalancerId: slb.id,
    backendPort: 80,
    serverGroupId: group.id,
    bandwidth: -1,
    healthCheck: "on",
    healthCheckUri: "/",
    xForwardedFor: { retriveSlbIp: true },
    // Origin lock: the listeners accept WAF's back-to-origin ranges only, so the SLB address cannot bypass WAF.
    ...waf.originListenerAcl("ipv4"),
  };
  new alicloud.slb.Listener(
    name("web-https"),
    {
      ...common,
      frontendPort: 443,
      protocol: "https",
      serverCertificateId: site.slbCertificateId,
      tlsCipherPolicy: "tls_cipher_policy_1_2_strict",
    },
    inRegion(site),
  );
  new alicloud.slb.Listener(name("web-http"), { ...common, frontendPort: 80, protocol: "http" }, inRegion(site));
  return { slb, waf };
}
