// The database: private, encrypted, reachable only from the app hosts' security group (the case saw database
// connections from 12 internet addresses).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HardenedVpc } from "../../components/aws";

export function database(vpc: HardenedVpc, appSgId: pulumi.Input<string>) {
  const dbSg = new aws.ec2.SecurityGroup("data-db-sg", {
    vpcId: vpc.vpcId,
    description: "Database: PostgreSQL from the app hosts only",
    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [appSgId], description: "App hosts" }],
    egress: [],
    tags: { Name: "data-db-sg" },
  });
  new aws.vpc.SecurityGroupEgressRule("data-app-to-db", {
    securityGroupId: appSgId,
    referencedSecurityGroupId: dbSg.id,
    ipProtocol: "tcp",
    fromPort: 5432,
    toPort: 5432,
    description: "App hosts to the database",
  });
  const subnets = new aws.rds.SubnetGroup("data-db-subnets", {
    subnetIds: vpc.isolatedSubnetIds,
    description: "Isolated subnets: no route to or from the internet",
  });
  const db = new aws.rds.Instance(
    "data-db",
    {
      identifier: "hardening-kit-app",
      engine: "postgres",
      engineVersion: "16",
      instanceClass: "db.t4g.medium",
      allocatedStorage: 20,
      storageType: "gp3",
      storageEncrypted: true,
      publiclyAccessible: false,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [dbSg.id],
      username: "app_admin",
      manageMasterUserPassword: true,
      iamDatabaseAuthenticationEnabled: true,
      multiAz: true,
      backupRetentionPeriod: 14,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "hardening-kit-app-final",
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      tags: { backup: "true" },
    },
    { retainOnDelete: true },
  );
  return { db, dbSg };
}
