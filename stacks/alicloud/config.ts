// Settings of the Alibaba Cloud product, read once from the stack's configuration and checked before any resource.
import * as pulumi from "@pulumi/pulumi";
import { cidrContains, isPublicCidr, parseCidr } from "../../lib/cidr";
import { Problems } from "../../components/validation";

/** What differs between the two regions. */
export interface RegionSettings {
  region: string;
  /** VPC range; the two regions use disjoint ranges so they can be peered for database sync later. */
  vpcCidr: string;
  /** Certificate (in this region) of the SLB's HTTPS listener. */
  slbCertificateId: string;
  /** Host name WAF 3.0 publishes for this region's load balancer (a WAF instance takes each domain once). */
  wafHost: string;
}

export interface EstateConfig {
  /** Short, lower-case name prefix for stable resource names (buckets, SLS projects). */
  company: string;
  primary: RegionSettings;
  standby: RegionSettings;
  /** Office/VPN egress ranges that may reach each bastion's SSH. */
  bastionAllowedCidrs: string[];
  /** ECS key pair of the bastions; import it under the same name in both regions (key pairs are regional). */
  bastionKeyName: string;
  /** ECS key pair of web and app hosts (reached only through the bastion), likewise in both regions. */
  instanceKeyName: string;
  /** DNS domain (in Alibaba Cloud DNS) under which GTM publishes, and the public host name served. */
  domain: string;
  webHost: string;
  /** WAF's back-to-origin ranges (WAF console): the only clients the web SLBs accept, so WAF cannot be bypassed. */
  wafBackToSourceCidrs: string[];
  /** Certificate WAF presents for the protected host names. */
  wafCertificateId: string;
}

interface StandbyConfig {
  region?: string;
  vpcCidr?: string;
  slbCertificateId?: string;
  wafHost?: string;
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

const privateIpv4Cidr = (c: string) => c.includes("/") && parseCidr(c)?.family === "ipv4" && !isPublicCidr(c);

export function readConfig(): EstateConfig {
  const kit = new pulumi.Config("hardening-kit");
  const ali = new pulumi.Config("alicloud");
  const webHost = kit.require("webHost");
  const standby = kit.requireObject<StandbyConfig>("standby");
  const cfg: EstateConfig = {
    company: kit.require("company"),
    primary: {
      region: ali.require("region"),
      vpcCidr: kit.get("vpcCidr") ?? "10.20.0.0/16",
      slbCertificateId: kit.require("slbCertificateId"),
      wafHost: webHost,
    },
    standby: {
      region: standby.region ?? "",
      vpcCidr: standby.vpcCidr ?? "10.30.0.0/16",
      slbCertificateId: standby.slbCertificateId ?? "",
      wafHost: standby.wafHost ?? "",
    },
    bastionAllowedCidrs: kit.requireObject<string[]>("bastionAllowedCidrs"),
    bastionKeyName: kit.require("bastionKeyName"),
    instanceKeyName: kit.require("instanceKeyName"),
    domain: kit.require("domain"),
    webHost,
    wafBackToSourceCidrs: kit.requireObject<string[]>("wafBackToSourceCidrs"),
    wafCertificateId: kit.require("wafCertificateId"),
  };
  checkConfig(cfg);
  return cfg;
}

/** A standby in the primary's region or on an overlapping range would fail with it: refuse before deploying. */
export function checkConfig(cfg: EstateConfig): void {
  const problems = new Problems("stack config (hardening-kit)");
  const { primary, standby } = cfg;
  problems.check(
    REGION.test(standby.region) && standby.region !== primary.region,
    "standby.region",
    standby.region,
    `an Alibaba Cloud region id other than the primary's (${primary.region})`,
    "pulumi config set --path hardening-kit:standby.region cn-shanghai",
  );
  for (const [key, s] of [
    ["vpcCidr", primary],
    ["standby.vpcCidr", standby],
  ] as const) {
    problems.check(
      privateIpv4Cidr(s.vpcCidr),
      key,
      s.vpcCidr,
      "a private IPv4 CIDR such as 10.30.0.0/16",
      "use a private range, disjoint from the other region's",
    );
  }
  const valid = [primary.vpcCidr, standby.vpcCidr].every(privateIpv4Cidr);
  problems.check(
    !valid || !(cidrContains(primary.vpcCidr, standby.vpcCidr) || cidrContains(standby.vpcCidr, primary.vpcCidr)),
    "standby.vpcCidr",
    standby.vpcCidr,
    `a range disjoint from the primary's (${primary.vpcCidr})`,
    "give each region its own range",
  );
  problems.check(
    standby.slbCertificateId !== "",
    "standby.slbCertificateId",
    standby.slbCertificateId,
    "the id of a certificate uploaded in the standby region",
    "upload the site certificate in the standby region and set its id",
  );
  problems.check(
    standby.wafHost !== "" && standby.wafHost !== primary.wafHost,
    "standby.wafHost",
    standby.wafHost,
    `a host name other than ${primary.wafHost} (WAF takes each domain once per instance)`,
    'set e.g. "standby.example.com"',
  );
  problems.throwIfAny();
}
