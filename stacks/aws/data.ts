// The database of one region: private, encrypted, reachable only from the app hosts' security group (the case saw
// database connections from 12 internet addresses).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HardenedVpc } from "../../components/aws";
import { Site, backupTag, cloudName, inRegion, logicalName } from "./site";

export function database(site: Site, vpc: HardenedVpc, appSgId: pulumi.Input<string>) {
  const n = (base: string) => logicalName(site, base);
  const opts = inRegion(site);
  const dbSg = new aws.ec2.SecurityGroup(
    n("data-db-sg"),
    {
      vpcId: vpc.vpcId,
      description: "Database: PostgreSQL from the app hosts only",
      ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [appSgId], description: "App hosts" }],
      egress: [],
      tags: { Name: n("data-db-sg") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    n("data-app-to-db"),
    {
      securityGroupId: appSgId,
      referencedSecurityGroupId: dbSg.id,
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      description: "App hosts to the database",
    },
    opts,
  );
  const subnets = new aws.rds.SubnetGroup(
    n("data-db-subnets"),
    { subnetIds: vpc.isolatedSubnetIds, description: "Isolated subnets: no route to or from the internet" },
    opts,
  );
  const db = new aws.rds.Instance(
    n("data-db"),
    {
      identifier: cloudName(site, "hardening-kit-app"),
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
      finalSnapshotIdentifier: `${cloudName(site, "hardening-kit-app")}-final`,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      tags: backupTag(site),
    },
    { ...opts, retainOnDelete: true },
  );
  return { db, dbSg };
}
