// The case's database: a managed MySQL whose whitelist lets the whole internet connect.
import * as alicloud from "@pulumi/alicloud";
import { CaseNetwork } from "./network";

export function caseDatabase(network: CaseNetwork): alicloud.rds.Instance {
  const database = new alicloud.rds.Instance("case-db", {
    instanceName: "logistics-orders",
    engine: "MySQL",
    engineVersion: "8.0",
    instanceType: "mysql.n2.medium.1",
    instanceStorage: 50,
    vswitchId: network.vswitch.id,
    // Step 3: the whitelist admits every internet address; the case saw connections from 12 of them.
    securityIps: ["172.16.1.0/24", "0.0.0.0/0"],
  });
  // Step 3: a public endpoint puts that whitelist in front of the internet.
  new alicloud.rds.Connection("case-db-public-endpoint", {
    instanceId: database.id,
    connectionPrefix: "logistics-orders",
  });
  return database;
}
