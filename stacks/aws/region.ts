// Everything one region of the product holds, built the same way for the primary and the standby: a hardened VPC,
// a bastion, the ALB behind WAF with app hosts in private subnets, a private database, traffic forensics and GuardDuty
// (one detector per account and region) routing its findings by response level.
import * as aws from "@pulumi/aws";
import { Bastion, HardenedVpc, ThreatDetection, TrafficForensics, WebFirewall } from "../../components/aws";
import { ProductSettings } from "./config";
import { database } from "./data";
import { forensics } from "./forensics";
import { Site, inRegion, logicalName, readIn } from "./site";
import { webTier } from "./web";

export interface RegionalEstate {
  site: Site;
  vpc: HardenedVpc;
  bastion: Bastion;
  web: ReturnType<typeof webTier>;
  data: ReturnType<typeof database>;
  firewall: WebFirewall;
  traffic: TrafficForensics;
  threats: ThreatDetection;
}

export interface Shared {
  /** The service's public zone (Route 53 is global: one zone serves both regions' certificates). */
  zone: aws.route53.Zone;
  /** Host name both ALBs serve; DNS failover answers it with one of them. */
  hostName: string;
}

export function regionalEstate(settings: ProductSettings, site: Site, shared: Shared): RegionalEstate {
  const n = (base: string) => logicalName(site, base);
  const vpc = new HardenedVpc(
    n("core"),
    {
      cidrBlock: site.vpcCidr,
      azCount: 3,
      natGateways: "per-az",
      adminIngressCidrs: settings.bastionAllowedCidrs,
    },
    inRegion(site),
  );
  const bastion = new Bastion(
    n("bastion"),
    {
      vpcId: vpc.vpcId,
      vpcCidr: vpc.cidrBlock,
      subnetId: vpc.publicSubnets[0].id,
      allowedCidrs: settings.bastionAllowedCidrs,
    },
    inRegion(site),
  );
  // AMI ids are regional: each region looks up its own copy of the image.
  const ami = aws.ec2.getAmiOutput(
    { mostRecent: true, owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }] },
    readIn(site),
  );
  const web = webTier({ site, vpc, zone: shared.zone, hostName: shared.hostName, amiId: ami.id });
  bastion.allowSshTo("app", web.appSg.id);
  const data = database(site, vpc, web.appSg.id);
  const firewall = new WebFirewall(n("edge"), { associateArns: [web.alb.arn] }, inRegion(site));
  const traffic = forensics(site, vpc, web, ami.id);
  // GuardDuty is regional: each region has its detector, its red/yellow/blue topics and its findings evidence.
  const threats = new ThreatDetection(n("threat-detection"), {}, inRegion(site));
  return { site, vpc, bastion, web, data, firewall, traffic, threats };
}
