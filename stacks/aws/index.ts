// The AWS product: every kit component composed into one hardened estate (network, bastion, web tier behind WAF,
// private database, forensics, audit, immutable cross-region backups, identity baseline, DNS failover).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AuditTrail,
  Bastion,
  DnsFailover,
  HardenedVpc,
  IdentityBaseline,
  ImmutableBackup,
  TrafficForensics,
  WebFirewall,
} from "../../components/aws";
import { settings } from "./config";
import { database } from "./data";
import { webTier } from "./web";

const secondary = new aws.Provider("secondary", { region: settings.secondaryRegion as aws.Region });

new IdentityBaseline("identity", { humanGroupName: settings.humanGroupName });
const audit = new AuditTrail("audit");

const vpc = new HardenedVpc("core", {
  cidrBlock: settings.vpcCidr,
  azCount: 3,
  natGateways: "per-az",
  adminIngressCidrs: settings.bastionAllowedCidrs,
});

const bastion = new Bastion("bastion", {
  vpcId: vpc.vpcId,
  vpcCidr: vpc.cidrBlock,
  subnetId: vpc.publicSubnets[0].id,
  allowedCidrs: settings.bastionAllowedCidrs,
});

const ami = aws.ec2.getAmiOutput({
  mostRecent: true,
  owners: ["amazon"],
  filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }],
});

const zone = new aws.route53.Zone("zone", { name: settings.domain, comment: "hardening-kit service zone" });
const hostName = `app.${settings.domain}`;
const web = webTier({ vpc, zone, hostName, amiId: ami.id });
bastion.allowSshTo("app", web.appSg.id);
const data = database(vpc, web.appSg.id);

const firewall = new WebFirewall("edge", { associateArns: [web.alb.arn] });

// A packet sensor in a private subnet receives a mirror of the app host's traffic.
const sensorSg = new aws.ec2.SecurityGroup("forensics-sensor-sg", {
  vpcId: vpc.vpcId,
  description: "Packet sensor: VXLAN mirror traffic from the VPC only",
  ingress: [
    { protocol: "udp", fromPort: 4789, toPort: 4789, cidrBlocks: [vpc.cidrBlock], description: "VXLAN mirror" },
  ],
  egress: [
    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
  ],
  tags: { Name: "forensics-sensor-sg" },
});
const sensor = new aws.ec2.Instance("forensics-sensor", {
  ami: ami.id,
  instanceType: "c6i.large",
  subnetId: vpc.privateSubnets[1].id,
  vpcSecurityGroupIds: [sensorSg.id],
  associatePublicIpAddress: false,
  iamInstanceProfile: web.profile.name,
  metadataOptions: web.metadataOptions,
  rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 100 },
  tags: { Name: "forensics-sensor" },
});
const forensics = new TrafficForensics("forensics", {
  vpcId: vpc.vpcId,
  mirroring: { targetEniId: sensor.primaryNetworkInterfaceId, sourceEniIds: [web.app.primaryNetworkInterfaceId] },
});

const backup = new ImmutableBackup("backup", { copyProvider: secondary });

// The primary is checked at the ALB itself: checking the failover name would check whichever side DNS answers.
const failover = new DnsFailover("app-dns", {
  zoneId: zone.zoneId,
  recordName: hostName,
  primary: { region: settings.region, alias: { name: web.alb.dnsName, zoneId: web.alb.zoneId } },
  secondary: { region: settings.secondaryRegion, ipAddresses: settings.standbyAddresses },
  healthCheckPath: "/health",
});

export const vpcId = vpc.vpcId;
export const publicSubnetIds = vpc.publicSubnetIds;
export const privateSubnetIds = vpc.privateSubnetIds;
export const isolatedSubnetIds = vpc.isolatedSubnetIds;
export const flowLogGroup = vpc.flowLogGroupName;
export const bastionPublicIp = bastion.publicIp;
export const bastionSecurityGroupId = bastion.securityGroupId;
export const albDnsName = web.alb.dnsName;
export const appUrl = pulumi.interpolate`https://${failover.fqdn}`;
export const webAclArn = firewall.webAclArn;
export const wafLogGroup = firewall.logGroupName;
export const databaseEndpoint = data.db.endpoint;
export const evidenceBucket = forensics.bucketName;
export const trailArn = audit.trailArn;
export const trailBucket = audit.bucketName;
export const backupVaultArn = backup.vaultArn;
export const backupCopyVaultArn = backup.copyVaultArn;
export const zoneNameServers = zone.nameServers;
