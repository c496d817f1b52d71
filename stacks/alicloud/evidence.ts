// What the case's responders lacked or had to improvise: mirrored traffic and flow logs in each region, audit trails
// of every RAM identity, and backups in a second region that an intruder cannot delete.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { AuditTrail, HardenedVpc, ImmutableBackup, TrafficForensics } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { Tier } from "./hosts";
import { Site, cloudName, inRegion, logicalName } from "./site";

export function forensics(cfg: EstateConfig, site: Site, vpc: HardenedVpc, web: Tier): TrafficForensics {
  // Internal-only load balancer in front of the packet sensors (IDS / capture hosts).
  const sensor = new alicloud.slb.ApplicationLoadBalancer(
    logicalName(site, "mirror-sensor-slb"),
    {
      loadBalancerName: cloudName(cfg, site, "mirror-sensor"),
      addressType: "intranet",
      vswitchId: vpc.privateVswitchIds[0],
      loadBalancerSpec: "slb.s2.small",
      deleteProtection: "on",
    },
    inRegion(site),
  );
  return new TrafficForensics(
    logicalName(site, "traffic"),
    {
      flowLogResourceType: "VSwitch",
      flowLogResourceId: vpc.privateVswitchIds[0],
      logProjectName: cloudName(cfg, site, "traffic-evidence"),
      sourceEniIds: web.instances.map((i) => i.networkInterfaceId),
      target: { type: "SLB", id: sensor.id },
      evidenceBucketName: cloudName(cfg, site, "traffic-evidence"),
    },
    inRegion(site),
  );
}

/** One trail for the account: `trailRegion: "All"` records both regions. */
export function auditTrail(cfg: EstateConfig): AuditTrail {
  return new AuditTrail("audit", {
    trailName: `${cfg.company}-trail`,
    bucketName: `${cfg.company}-actiontrail`,
    logProjectName: `${cfg.company}-actiontrail`,
    region: cfg.primary.region,
  });
}

/** Snapshots and WORM backups of the primary's hosts, copied and replicated into the standby region. */
export function backups(
  cfg: EstateConfig,
  standby: pulumi.ProviderResource,
  tiers: { web: Tier; app: Tier },
): ImmutableBackup {
  const all = [...tiers.web.instances, ...tiers.app.instances];
  return new ImmutableBackup("backup", {
    primaryRegion: cfg.primary.region,
    secondaryRegion: cfg.standby.region,
    secondaryProvider: standby,
    bucketName: `${cfg.company}-backup`,
    replicaBucketName: `${cfg.company}-backup-${cfg.standby.region}`,
    diskIds: all.map((i) => i.systemDiskId),
    hbrInstanceIds: tiers.app.instances.map((i) => i.id),
  });
}
