// What the AWS product stack reads from its stack configuration (Pulumi.aws-prod.yaml), checked before any resource.
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../../components/validation";
import { cidrContains, isPublicCidr, parseCidr } from "../../lib/cidr";

/** What differs between the two regions. */
export interface RegionSettings {
  region: string;
  /** VPC range; the two regions use disjoint ranges so they can be peered for database sync later. */
  vpcCidr: string;
}

export interface ProductSettings {
  /** The stack's own region (`aws:region`): the default provider, the backup plan, the PRIMARY DNS answer. */
  primary: RegionSettings;
  /** The standby region: an explicit provider, the backup copies, the SECONDARY DNS answer. */
  standby: RegionSettings;
  /** Operator egress blocks allowed to SSH into each region's bastion. */
  bastionAllowedCidrs: string[];
  /** Public DNS zone created for the service, e.g. shop.example.com; the app answers at app.<domain>. */
  domain: string;
  /** Group of human IAM users that must use MFA. */
  humanGroupName?: string;
}

interface StandbyConfig {
  region?: string;
  vpcCidr?: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

const privateIpv4Cidr = (c: string) => c.includes("/") && parseCidr(c)?.family === "ipv4" && !isPublicCidr(c);

export function readSettings(): ProductSettings {
  const kit = new pulumi.Config("hardening-kit");
  const standby = kit.requireObject<StandbyConfig>("standby");
  const settings: ProductSettings = {
    primary: { region: new pulumi.Config("aws").require("region"), vpcCidr: kit.get("vpcCidr") ?? "10.20.0.0/16" },
    standby: { region: standby.region ?? "", vpcCidr: standby.vpcCidr ?? "10.30.0.0/16" },
    bastionAllowedCidrs: kit.requireObject<string[]>("bastionAllowedCidrs"),
    domain: kit.require("domain"),
    humanGroupName: kit.get("humanGroupName"),
  };
  checkSettings(settings);
  return settings;
}

/** A standby in the primary's region, or on an overlapping range, would fail with it: refuse before deploying. */
export function checkSettings(s: ProductSettings): void {
  const problems = new Problems("stack config (hardening-kit)");
  problems.check(
    REGION.test(s.standby.region) && s.standby.region !== s.primary.region,
    "standby.region",
    s.standby.region,
    `an AWS region other than the primary's (${s.primary.region})`,
    "pulumi config set --path hardening-kit:standby.region eu-west-1",
  );
  for (const [key, r] of [
    ["vpcCidr", s.primary],
    ["standby.vpcCidr", s.standby],
  ] as const) {
    problems.check(
      privateIpv4Cidr(r.vpcCidr),
      key,
      r.vpcCidr,
      "a private IPv4 CIDR such as 10.30.0.0/16",
      "use a private range, disjoint from the other region's",
    );
  }
  const valid = privateIpv4Cidr(s.primary.vpcCidr) && privateIpv4Cidr(s.standby.vpcCidr);
  problems.check(
    !valid ||
      !(cidrContains(s.primary.vpcCidr, s.standby.vpcCidr) || cidrContains(s.standby.vpcCidr, s.primary.vpcCidr)),
    "standby.vpcCidr",
    s.standby.vpcCidr,
    `a range disjoint from the primary's (${s.primary.vpcCidr})`,
    "give each region its own range",
  );
  problems.throwIfAny();
}
