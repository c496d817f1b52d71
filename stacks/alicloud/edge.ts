// The internet edge: one internet-facing SLB on 80/443 whose only clients should be WAF, and WAF 3.0 in front.
import * as alicloud from "@pulumi/alicloud";
import { WebFirewall } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { Tier } from "./hosts";

export function webEdge(cfg: EstateConfig, web: Tier) {
  const slb = new alicloud.slb.ApplicationLoadBalancer("web-slb", {
    loadBalancerName: `${cfg.company}-web`,
    addressType: "internet",
    addressIpVersion: "ipv4",
    internetChargeType: "PayByTraffic",
    loadBalancerSpec: "slb.s2.small",
    deleteProtection: "on",
  });
  const group = new alicloud.slb.ServerGroup("web-servers", {
    loadBalancerId: slb.id,
    name: `${cfg.company}-web`,
    servers: [{ serverIds: web.instances.map((i) => i.id), port: 80, weight: 100 }],
  });
  // Origin lock: the listeners accept WAF's back-to-origin ranges only, so the SLB address cannot bypass WAF.
  const wafOnly = new alicloud.slb.Acl("web-slb-waf-only", {
    name: `${cfg.company}-waf-back-to-origin`,
    ipVersion: "ipv4",
    entryLists: cfg.wafBackToSourceCidrs.map((entry) => ({ entry, comment: "WAF back-to-origin" })),
  });
  const common = {
    loadBalancerId: slb.id,
    backendPort: 80,
    serverGroupId: group.id,
    bandwidth: -1,
    healthCheck: "on",
    healthCheckUri: "/",
    xForwardedFor: { retriveSlbIp: true },
    aclStatus: "on",
    aclType: "white",
    aclIds: [wafOnly.id],
  };
  new alicloud.slb.Listener("web-https", {
    ...common,
    frontendPort: 443,
    protocol: "https",
    serverCertificateId: cfg.slbCertificateId,
    tlsCipherPolicy: "tls_cipher_policy_1_2_strict",
  });
  new alicloud.slb.Listener("web-http", { ...common, frontendPort: 80, protocol: "http" });

  const waf = new WebFirewall("web-waf", {
    domains: [
      {
        domain: cfg.webHost,
        backends: [slb.address],
        httpPorts: [80],
        httpsPorts: [443],
        certId: cfg.wafCertificateId,
      },
    ],
  });
  return { slb, waf };
}
