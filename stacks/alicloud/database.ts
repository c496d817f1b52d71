// A region's database: private vSwitch, whitelist of the region's private ranges only (the case saw 12 internet IPs
// connect). The standby is the disaster-recovery instance that takes over when GTM fails over.
import * as alicloud from "@pulumi/alicloud";
import { HardenedVpc } from "../../components/alicloud";
import { EstateConfig } from "./config";
import { Site, cloudName, inRegion, logicalName } from "./site";

export function database(cfg: EstateConfig, site: Site, vpc: HardenedVpc): alicloud.rds.Instance {
  return new alicloud.rds.Instance(
    logicalName(site, "orders-db"),
    {
      instanceName: cloudName(cfg, site, "orders"),
      engine: "MySQL",
      engineVersion: "8.0",
      instanceType: "mysql.n2.medium.2c",
      instanceStorage: 100,
      dbInstanceStorageType: "cloud_essd",
      category: "HighAvailability",
      vswitchId: vpc.privateVswitchIds[0],
      securityIps: vpc.privateCidrs,
      securityIpMode: "safety",
      sslAction: "Open",
      deletionProtection: true,
      tags:
        site.role === "primary" ? { "hardening:tier": "data" } : { "hardening:tier": "data", "hardening:role": "dr" },
    },
    inRegion(site),
  );
}
