// CloudFormation RDS databases whose public endpoint comes from the RDS API rather than the template's words: a
// standalone instance without PubliclyAccessible and without a DB subnet group lands in the default VPC and is public
// there; a Multi-AZ DB cluster (MySQL or PostgreSQL with DBClusterInstanceClass) is public by its own
// PubliclyAccessible, and the network model places it in its subnet group as it places an instance. Aurora clusters
// are still decided by their member instances; values unknown at preview are notes, never passes.
import { CFN_STACK, cfnNetwork, rule, TemplateResources } from "./templates-fixtures";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { Case, run, table } from "./harness";
import { cfn, stack, templateTable } from "./templates-waf-harness";

const databases = rule("disallow-public-managed-databases");
const ref = (id: string) => ({ Ref: id });
const NO_VALUE = { Flag: { Type: "String" } };

/** A template of one resource `Db`, with the subnet group `Subnets` it may name and any parameters. */
const template = (type: string, properties: Record<string, unknown>, parameters: Record<string, unknown> = {}) =>
  cfn(
    {
      Subnets: {
        Type: "AWS::RDS::DBSubnetGroup",
        Properties: { DBSubnetGroupDescription: "db", SubnetIds: ["subnet-1", "subnet-2"] },
      },
      Db: { Type: type, Properties: properties },
    },
    { Parameters: parameters },
  );

interface Row {
  name: string;
  type: "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster";
  properties: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  violations: number;
  notes?: number;
  mentions?: string;
}

const rows = (all: Row[]): Case[] =>
  all.map((r) => ({
    name: r.name,
    type: CFN_STACK,
    props: { templateBody: template(r.type, r.properties, r.parameters) },
    violations: r.violations,
    notes: r.notes,
    mentions: r.mentions,
  }));

const INSTANCE = "AWS::RDS::DBInstance" as const;
const CLUSTER = "AWS::RDS::DBCluster" as const;
const mysql = { Engine: "mysql", DBInstanceClass: "db.t3.micro", AllocatedStorage: "20" };
const multiAz = (engine: unknown, more: Record<string, unknown> = {}) => ({
  Engine: engine,
  DBClusterInstanceClass: "db.m5d.large",
  StorageType: "io1",
  AllocatedStorage: 100,
  Iops: 1000,
  ...more,
});

describe("disallow-public-managed-databases: a standalone CloudFormation RDS instance left to the API default", () => {
  table(
    databases,
    rows([
      {
        name: "neither PubliclyAccessible nor DBSubnetGroupName: public in the default VPC",
        type: INSTANCE,
        properties: mysql,
        violations: 1,
        mentions: "the RDS API default then places the database in the default VPC",
      },
      {
        name: "a PostgreSQL instance restored from a snapshot, the same",
        type: INSTANCE,
        properties: { Engine: "postgres", DBSnapshotIdentifier: "snap-1" },
        violations: 1,
        mentions: "set PubliclyAccessible: false or a DBSubnetGroupName",
      },
      {
        name: "the account's subnet group named default",
        type: INSTANCE,
        properties: { ...mysql, DBSubnetGroupName: "default" },
        violations: 1,
      },
      {
        name: "an engine from a parameter without a value: still not an Aurora member",
        type: INSTANCE,
        properties: { ...mysql, Engine: ref("Flag") },
        parameters: NO_VALUE,
        violations: 1,
      },
      {
        name: "PubliclyAccessible false",
        type: INSTANCE,
        properties: { ...mysql, PubliclyAccessible: false },
        violations: 0,
      },
      {
        name: "a subnet group of its own, the flag left out: its VPC's gateway decides",
        type: INSTANCE,
        properties: { ...mysql, DBSubnetGroupName: ref("Subnets") },
        violations: 0,
        notes: 1,
      },
      {
        name: "a read replica placed by its source",
        type: INSTANCE,
        properties: { SourceDBInstanceIdentifier: "arn:aws:rds:eu-west-1:111122223333:db:main" },
        violations: 0,
        notes: 1,
      },
      {
        name: "the flag from a parameter without a value",
        type: INSTANCE,
        properties: { ...mysql, PubliclyAccessible: ref("Flag") },
        parameters: NO_VALUE,
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

describe("disallow-public-managed-databases: a CloudFormation Multi-AZ DB cluster's own PubliclyAccessible", () => {
  table(
    databases,
    rows([
      {
        name: "a MySQL Multi-AZ cluster with PubliclyAccessible true",
        type: CLUSTER,
        properties: multiAz("mysql", { PubliclyAccessible: true, DBSubnetGroupName: ref("Subnets") }),
        violations: 1,
        mentions: "template resource Db (AWS::RDS::DBCluster) instances: publiclyAccessible is true",
      },
      {
        name: 'the flag as the string "true"',
        type: CLUSTER,
        properties: multiAz("postgres", { PubliclyAccessible: "true", DBSubnetGroupName: ref("Subnets") }),
        violations: 1,
      },
      {
        name: "a PostgreSQL Multi-AZ cluster without a flag or subnet group: public in the default VPC",
        type: CLUSTER,
        properties: multiAz("postgres"),
        violations: 1,
        mentions: "the RDS API default then places the database in the default VPC",
      },
      {
        name: "an engine unknown at preview, sized by DBClusterInstanceClass, the flag true",
        type: CLUSTER,
        properties: multiAz(ref("Flag"), { PubliclyAccessible: true }),
        parameters: NO_VALUE,
        violations: 1,
      },
      {
        name: "PubliclyAccessible false",
        type: CLUSTER,
        properties: multiAz("mysql", { PubliclyAccessible: "false", DBSubnetGroupName: ref("Subnets") }),
        violations: 0,
      },
      {
        name: "a subnet group, the flag left out: its VPC's gateway decides",
        type: CLUSTER,
        properties: multiAz("mysql", { DBSubnetGroupName: ref("Subnets") }),
        violations: 0,
        notes: 1,
      },
      {
        name: "the flag from a parameter without a value",
        type: CLUSTER,
        properties: multiAz("mysql", { PubliclyAccessible: ref("Flag"), DBSubnetGroupName: ref("Subnets") }),
        parameters: NO_VALUE,
        violations: 0,
        notes: 1,
      },
      {
        name: "an Aurora cluster: its member instances decide, not a cluster flag",
        type: CLUSTER,
        properties: { Engine: "aurora-mysql", PubliclyAccessible: true },
        violations: 0,
      },
    ]),
  );

  it("says the default and the fix on a standalone instance", async () => {
    const ds = await run(databases, CFN_STACK, { templateBody: template(INSTANCE, mysql) });
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("mandatory");
    expect(ds[0].message).toContain("template resource Db (AWS::RDS::DBInstance)");
    expect(ds[0].message).toContain("default VPC, whose internet gateway makes it publicly accessible");
  });
});

describe("disallow-internet-database-and-high-risk-ports places a Multi-AZ DB cluster in its subnet group", () => {
  const CLUSTER_HOST = "template resource Cluster (AWS::RDS::DBCluster)";
  const dbGroup = (port: number, cidr: string) => ({
    Type: "AWS::EC2::SecurityGroup",
    Properties: {
      GroupDescription: "db",
      VpcId: ref("Vpc"),
      SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: cidr }],
    },
  });
  /** A Multi-AZ cluster of `engine` in `subnet`, behind a group admitting `cidr` on `port`. */
  const cluster = (
    opts: { engine?: string; subnet?: string; port?: number; cidr?: string; flag?: unknown } = {},
  ): TemplateResources => ({
    ...cfnNetwork(),
    DbSg: dbGroup(opts.port ?? 3306, opts.cidr ?? "0.0.0.0/0"),
    DbSubnets: {
      Type: "AWS::RDS::DBSubnetGroup",
      Properties: { DBSubnetGroupDescription: "db", SubnetIds: [ref(opts.subnet ?? "Public")] },
    },
    Cluster: {
      Type: "AWS::RDS::DBCluster",
      Properties: multiAz(opts.engine ?? "mysql", {
        DBSubnetGroupName: ref("DbSubnets"),
        VpcSecurityGroupIds: [{ "Fn::GetAtt": ["DbSg", "GroupId"] }],
        ...(opts.flag === undefined ? {} : { PubliclyAccessible: opts.flag }),
      }),
    },
  });
  const row = (name: string, resources: TemplateResources, violations: number) => ({
    name,
    resources: [stack(cfn(resources))],
    violations,
    ...(violations > 0 ? { mentions: CLUSTER_HOST } : {}),
  });

  templateTable(disallowInternetDatabaseAndHighRiskPorts, [
    row("public, in a public subnet, its group open on 3306", cluster({ flag: true }), 1),
    row("PostgreSQL on its default 5432", cluster({ engine: "postgres", port: 5432, flag: "true" }), 1),
    row("the flag left out in a subnet group whose VPC has a gateway", cluster(), 1),
    row("not publicly accessible", cluster({ flag: false }), 0),
    row("in a subnet without a route to the internet gateway", cluster({ flag: true, subnet: "Private" }), 0),
    row("its group admitting only the VPC", cluster({ flag: true, cidr: "10.0.0.0/16" }), 0),
    row("PostgreSQL with the group open on 3306 only", cluster({ engine: "postgres", flag: true }), 0),
  ]);
});
