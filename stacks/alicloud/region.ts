// Everything one region of the product holds, built the same way for the primary and the standby: a hardened VPC,
// a bastion, web and app hosts, the SLB behind WAF, a private database and traffic forensics.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Bastion, HardenedVpc, TrafficForensics } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { database } from "./database";
import { Edge, webEdge } from "./edge";
import { forensics } from "./evidence";
import { Tier, webAndAppTiers } from "./hosts";
import { Site, cloudName, inRegion, logicalName } from "./site";

export interface RegionalEstate {
  site: Site;
  vpc: HardenedVpc;
  bastion: Bastion;
  tiers: { web: Tier; app: Tier };
  db: alicloud.rds.Instance;
  edge: Edge;
  traffic: TrafficForensics;
}

/** `wafInstanceId`: the shared WAF 3.0 instance, for every region after the one that creates it. */
export function regionalEstate(cfg: EstateConfig, site: Site, wafInstanceId?: pulumi.Output<string>): RegionalEstate {
  const vpc = new HardenedVpc(
    logicalName(site, "estate"),
    {
      cidrBlock: site.vpcCidr,
      zoneCount: 2,
      adminSourceCidrs: cfg.bastionAllowedCidrs,
      flowLogProjectName: cloudName(cfg, site, "vpc-flowlog"),
    },
    inRegion(site),
  );
  const bastion = new Bastion(
    logicalName(site, "ops"),
    {
      vpcId: vpc.vpcId,
      vpcCidr: vpc.cidrBlock,
      vswitchId: vpc.publicVswitchIds[0],
      allowedCidrs: cfg.bastionAllowedCidrs,
      keyName: cfg.bastionKeyName,
    },
    inRegion(site),
  );
  const tiers = webAndAppTiers(cfg, site, vpc, bastion);
  return {
    site,
    vpc,
    bastion,
    tiers,
    db: database(cfg, site, vpc),
    edge: webEdge(cfg, site, tiers.web, wafInstanceId),
    traffic: forensics(cfg, site, vpc, tiers.web),
  };
}
