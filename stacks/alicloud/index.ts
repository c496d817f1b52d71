// The case's logistics company rebuilt on Alibaba Cloud with every control of the kit (GUIDE §1):
// no public SSH and key-only login (step 1), hardened sshd (step 2), database reachable from the app tier only
// (step 3), WORM backups replicated to a second region (step 4), flow logs + mirroring + ActionTrail (step 5),
// WAF, GTM failover and mandatory MFA (step 6).
import * as alicloud from "@pulumi/alicloud";
import { Bastion, HardenedVpc, IdentityBaseline } from "../../components/alicloud";
import { readConfig } from "./config";
import { database } from "./database";
import { webEdge } from "./edge";
import { auditTrail, backups, forensics } from "./evidence";
import { failover } from "./failover";
import { webAndAppTiers } from "./hosts";

const cfg = readConfig();
const secondary = new alicloud.Provider("secondary-region", { region: cfg.secondaryRegion });

const vpc = new HardenedVpc("estate", {
  cidrBlock: "10.20.0.0/16",
  zoneCount: 2,
  adminSourceCidrs: cfg.bastionAllowedCidrs,
  flowLogProjectName: `${cfg.company}-vpc-flowlog`,
});
const bastion = new Bastion("ops", {
  vpcId: vpc.vpcId,
  vswitchId: vpc.publicVswitchIds[0],
  allowedCidrs: cfg.bastionAllowedCidrs,
  keyName: cfg.bastionKeyName,
});
const tiers = webAndAppTiers(cfg, vpc, bastion);
const db = database(cfg, vpc);
const edge = webEdge(cfg, tiers.web);
const traffic = forensics(cfg, vpc, tiers.web);
const trail = auditTrail(cfg);
const backup = backups(cfg, secondary, tiers);
const dr = failover(cfg, secondary, edge.slb);
new IdentityBaseline("ram");

export const vpcId = vpc.vpcId;
export const bastionPublicIp = bastion.publicIp;
export const webAddress = edge.slb.address;
export const wafInstanceId = edge.waf.instanceId;
export const databaseId = db.id;
export const evidenceBucket = traffic.evidenceBucketName;
export const trailBucket = trail.bucketName;
export const backupReplicaBucket = backup.replicaBucketName;
export const gtmInstanceId = dr.dns.instanceId;
