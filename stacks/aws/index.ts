// The AWS product: the same hardened estate in a primary and a standby region (network, bastion, web tier behind
// WAF, private database, forensics), with account-wide audit and identity controls, immutable backups copied to the
// standby region, DNS failover from the primary's ALB to the standby's, and GuardDuty in each region.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AuditTrail,
  DnsFailover,
  healthCheckAlarmRegionOf,
  IdentityBaseline,
  ImmutableBackup,
} from "../../components/aws";
import { readSettings } from "./config";
import { regionalEstate } from "./region";

const settings = readSettings();
// The provider keeps its one-region name: renaming it would replace the backup copy vault it already created.
const standbyProvider = new aws.Provider("secondary", { region: settings.standby.region as aws.Region });

new IdentityBaseline("identity", { humanGroupName: settings.humanGroupName });
// One multi-region trail records API activity in both regions.
const audit = new AuditTrail("audit");

const zone = new aws.route53.Zone("zone", { name: settings.domain, comment: "hardening-kit service zone" });
const shared = { zone, hostName: `app.${settings.domain}` };
const primary = regionalEstate(settings, { ...settings.primary, role: "primary" }, shared);
const standby = regionalEstate(settings, { ...settings.standby, role: "standby", provider: standbyProvider }, shared);

const backup = new ImmutableBackup("backup", { copyProvider: standbyProvider });

// Each side is checked at its ALB itself: checking the failover name would check whichever side DNS answers.
// Route 53 publishes health-check metrics in one region of each partition (us-east-1 in the commercial one), so the
// failover alarm and the topic it pages live there; the on-call tool subscribes to this topic.
const failoverPages = new aws.sns.Topic("failover-pages", {
  region: healthCheckAlarmRegionOf(settings.primary.region) as aws.Region | undefined,
});
const failover = new DnsFailover("app-dns", {
  zoneId: zone.zoneId,
  recordName: shared.hostName,
  primary: {
    region: settings.primary.region,
    alias: { name: primary.web.alb.dnsName, zoneId: primary.web.alb.zoneId },
  },
  secondary: {
    region: settings.standby.region,
    alias: { name: standby.web.alb.dnsName, zoneId: standby.web.alb.zoneId },
  },
  healthCheckPath: "/health",
  alarmActions: [failoverPages.arn],
});

export const vpcId = primary.vpc.vpcId;
export const publicSubnetIds = primary.vpc.publicSubnetIds;
export const privateSubnetIds = primary.vpc.privateSubnetIds;
export const isolatedSubnetIds = primary.vpc.isolatedSubnetIds;
export const flowLogGroup = primary.vpc.flowLogGroupName;
export const bastionPublicIp = primary.bastion.publicIp;
export const bastionSecurityGroupId = primary.bastion.securityGroupId;
export const albDnsName = primary.web.alb.dnsName;
export const webAclArn = primary.firewall.webAclArn;
export const wafLogGroup = primary.firewall.logGroupName;
export const databaseEndpoint = primary.data.db.endpoint;
export const evidenceBucket = primary.traffic.bucketName;
export const guardDutyDetectorId = primary.threats.detectorId;
export const responseTopicArns = primary.threats.topicArns;
export const findingsBucket = primary.threats.findingsBucketName;
export const standbyVpcId = standby.vpc.vpcId;
export const standbyBastionPublicIp = standby.bastion.publicIp;
export const standbyAlbDnsName = standby.web.alb.dnsName;
export const standbyWebAclArn = standby.firewall.webAclArn;
export const standbyDatabaseEndpoint = standby.data.db.endpoint;
export const standbyEvidenceBucket = standby.traffic.bucketName;
export const standbyGuardDutyDetectorId = standby.threats.detectorId;
export const standbyResponseTopicArns = standby.threats.topicArns;
export const standbyFindingsBucket = standby.threats.findingsBucketName;
export const failoverTopicArn = failoverPages.arn;
export const appUrl = pulumi.interpolate`https://${failover.fqdn}`;
export const trailArn = audit.trailArn;
export const trailBucket = audit.bucketName;
export const backupVaultArn = backup.vaultArn;
export const backupCopyVaultArn = backup.copyVaultArn;
export const zoneNameServers = zone.nameServers;
