// The database: private vSwitch, whitelist of the app tier's private ranges only (the case saw 12 internet IPs in).
import * as alicloud from "@pulumi/alicloud";
import { HardenedVpc } from "../../components/alicloud";
import { EstateConfig } from "./config";

export function database(cfg: EstateConfig, vpc: HardenedVpc): alicloud.rds.Instance {
  return new alicloud.rds.Instance("orders-db", {
    instanceName: `${cfg.company}-orders`,
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
    tags: { "hardening:tier": "data" },
  });
}
