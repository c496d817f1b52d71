// Settings of the hardened Alibaba Cloud estate, read once from the stack's configuration.
import * as pulumi from "@pulumi/pulumi";

export interface EstateConfig {
  /** Short, lower-case name prefix for stable resource names (buckets, SLS projects). */
  company: string;
  region: string;
  secondaryRegion: string;
  /** Office/VPN egress ranges that may reach the bastion's SSH. */
  bastionAllowedCidrs: string[];
  /** Existing ECS key pair for the bastion. */
  bastionKeyName: string;
  /** Existing ECS key pair for web and app hosts (reached only through the bastion). */
  instanceKeyName: string;
  /** DNS domain (in Alibaba Cloud DNS) and the public host name served. */
  domain: string;
  webHost: string;
  /** WAF's back-to-origin ranges (WAF console): the only clients the web SLB accepts, so WAF cannot be bypassed. */
  wafBackToSourceCidrs: string[];
  /** Certificate ids: the SLB HTTPS listener's and the one WAF presents. */
  slbCertificateId: string;
  wafCertificateId: string;
}

export function readConfig(): EstateConfig {
  const kit = new pulumi.Config("hardening-kit");
  const ali = new pulumi.Config("alicloud");
  return {
    company: kit.require("company"),
    region: ali.require("region"),
    secondaryRegion: kit.require("secondaryRegion"),
    bastionAllowedCidrs: kit.requireObject<string[]>("bastionAllowedCidrs"),
    bastionKeyName: kit.require("bastionKeyName"),
    instanceKeyName: kit.require("instanceKeyName"),
    domain: kit.require("domain"),
    webHost: kit.require("webHost"),
    wafBackToSourceCidrs: kit.requireObject<string[]>("wafBackToSourceCidrs"),
    slbCertificateId: kit.require("slbCertificateId"),
    wafCertificateId: kit.require("wafCertificateId"),
  };
}
