// What the case's responders lacked or had to improvise: mirrored traffic and flow logs, audit trails of every RAM
// identity, and backups in a second region that an intruder cannot delete.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { AuditTrail, HardenedVpc, ImmutableBackup, TrafficForensics } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { Tier } from "./hosts";

export function forensics(cfg: EstateConfig, vpc: HardenedVpc, web: Tier): TrafficForensics {
  // Internal-only load balancer in front of the packet sensors (IDS / capture hosts).
  const sensor = new alicloud.slb.ApplicationLoadBalancer("mirror-sensor-slb", {
    loadBalancerName: `${cfg.company}-mirror-sensor`,
    addressType: "intranet",
    vswitchId: vpc.privateVswitchIds[0],
    loadBalancerSpec: "slb.s2.small",
    deleteProtection: "on",
  });
  return new TrafficForensics("traffic", {
    flowLogResourceType: "VSwitch",
    flowLogResourceId: vpc.privateVswitchIds[0],
    logProjectName: `${cfg.company}-traffic-evidence`,
    sourceEniIds: web.instances.map((i) => i.networkInterfaceId),
    target: { type: "SLB", id: sensor.id },
    evidenceBucketName: `${cfg.company}-traffic-evidence`,
  });
}

export function auditTrail(cfg: EstateConfig): AuditTrail {
  return new AuditTrail("audit", {
    trailName: `${cfg.company}-trail`,
    bucketName: `${cfg.company}-actiontrail`,
    logProjectName: `${cfg.company}-actiontrail`,
    region: cfg.region,
  });
}

export function backups(
  cfg: EstateConfig,
  secondary: pulumi.ProviderResource,
  tiers: { web: Tier; app: Tier },
): ImmutableBackup {
  const all = [...tiers.web.instances, ...tiers.app.instances];
  return new ImmutableBackup("backup", {
    primaryRegion: cfg.region,
    secondaryRegion: cfg.secondaryRegion,
    secondaryProvider: secondary,
    bucketName: `${cfg.company}-backup`,
    replicaBucketName: `${cfg.company}-backup-${cfg.secondaryRegion}`,
    diskIds: all.map((i) => i.systemDiskId),
    hbrInstanceIds: tiers.app.instances.map((i) => i.id),
  });
}
