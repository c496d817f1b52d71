// The case's logistics company rebuilt on Alibaba Cloud with every control of the kit (GUIDE §1), in two regions:
// no public SSH and key-only login (step 1), hardened sshd (step 2), databases reachable from their own region's
// private ranges only (step 3), WORM backups replicated to the standby region (step 4), flow logs + mirroring +
// ActionTrail (step 5), WAF, GTM failover to the standby and mandatory MFA (step 6); Security Center blocks
// password guessing (step 1) and alerts on changes to sshd_config and root's keys (step 2).
import * as alicloud from "@pulumi/alicloud";
import { IdentityBaseline, ThreatDetection } from "../../components/alicloud";
import { readConfig } from "./config";
import { auditTrail, backups } from "./evidence";
import { failover } from "./failover";
import { regionalEstate } from "./region";

const cfg = readConfig();
// The provider keeps its earlier name: renaming it would replace the backup replica it already created.
const standbyProvider = new alicloud.Provider("secondary-region", { region: cfg.standby.region });

const primary = regionalEstate(cfg, { ...cfg.primary, role: "primary" });
const standby = regionalEstate(
  cfg,
  { ...cfg.standby, role: "standby", provider: standbyProvider },
  primary.edge.waf.instanceId,
);

const trail = auditTrail(cfg);
const backup = backups(cfg, standbyProvider, primary.tiers);
const dns = failover(cfg, primary.edge.slb, standby.edge.slb);
new IdentityBaseline("ram");
// Security Center is account-wide: one anti-brute-force default rule and one core file watch, in the primary region.
const threats = new ThreatDetection("threat");

export const vpcId = primary.vpc.vpcId;
export const bastionPublicIp = primary.bastion.publicIp;
export const webAddress = primary.edge.slb.address;
export const wafInstanceId = primary.edge.waf.instanceId;
export const databaseId = primary.db.id;
export const evidenceBucket = primary.traffic.evidenceBucketName;
export const standbyVpcId = standby.vpc.vpcId;
export const standbyBastionPublicIp = standby.bastion.publicIp;
export const standbyWebAddress = standby.edge.slb.address;
export const standbyDatabaseId = standby.db.id;
export const standbyEvidenceBucket = standby.traffic.evidenceBucketName;
export const trailBucket = trail.bucketName;
export const backupReplicaBucket = backup.replicaBucketName;
export const gtmInstanceId = dns.instanceId;
export const antiBruteForceRuleId = threats.antiBruteForceRuleId;
