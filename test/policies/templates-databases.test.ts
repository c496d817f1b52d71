// Data stores that raw templates deploy are judged like the program's: each translated CloudFormation and ROS type
// has a public (or open-whitelist) row and a private (or narrow-whitelist) twin, written in JSON and in YAML, values
// unknown at preview are notes, and the network model places template databases in the template's subnets.
import { stringify } from "yaml";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { Case, table, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import {
  CFN_STACK,
  CFN_STACK_SET,
  cfnNetwork,
  ROS_STACK,
  ROS_STACK_GROUP,
  rule,
  TemplateResources,
} from "./templates-fixtures";

const databases = rule("disallow-public-managed-databases");

type Dialect = "CFN" | "ROS";

const HEADERS: Record<Dialect, Record<string, string>> = {
  CFN: { AWSTemplateFormatVersion: "2010-09-09" },
  ROS: { ROSTemplateFormatVersion: "2015-09-01" },
};

/** A template of `resources` (and `parameters`) as a JSON or a YAML body: the same document either way. */
function body(
  dialect: Dialect,
  format: "JSON" | "YAML",
  resources: TemplateResources,
  parameters?: Record<string, unknown>,
  conditions?: Record<string, unknown>,
): string {
  const doc = {
    ...HEADERS[dialect],
    ...(parameters ? { Parameters: parameters } : {}),
    ...(conditions ? { Conditions: conditions } : {}),
    Resources: resources,
  };
  return format === "JSON" ? JSON.stringify(doc) : stringify(doc);
}

interface Row {
  name: string;
  resources: TemplateResources;
  violations: number;
  notes?: number;
  mentions?: string;
  parameters?: Record<string, unknown>;
  conditions?: Record<string, unknown>;
  /** The container's `parameters` input: values the program passes, possibly unknown at preview. */
  passed?: Record<string, unknown>;
}

/** Each row twice, JSON and YAML, on the dialect's stack container (CFN rows alternate to a stack set). */
function rows(dialect: Dialect, all: Row[]): Case[] {
  return all.flatMap((r, i) =>
    (["JSON", "YAML"] as const).map((format) => ({
      name: `${format}: ${r.name}`,
      type: dialect === "CFN" ? (i % 2 === 0 ? CFN_STACK : CFN_STACK_SET) : i % 2 === 0 ? ROS_STACK : ROS_STACK_GROUP,
      props: {
        templateBody: body(dialect, format, r.resources, r.parameters, r.conditions),
        ...(r.passed ? { parameters: r.passed } : {}),
      },
      violations: r.violations,
      notes: r.notes,
      mentions: r.mentions,
    })),
  );
}

/** A template holding one resource `Res` of `type`. */
const one = (type: string, properties: Record<string, unknown>): TemplateResources => ({
  Res: { Type: type, Properties: properties },
});

/** A flag row pair: `flag` true fails, false passes. */
function flagTwins(type: string, flag: string, base: Record<string, unknown> = {}): Row[] {
  return [
    {
      name: `${type} ${flag} true`,
      resources: one(type, { ...base, [flag]: true }),
      violations: 1,
      mentions: `template resource Res (${type})`,
    },
    { name: `${type} ${flag} false`, resources: one(type, { ...base, [flag]: "false" }), violations: 0 },
  ];
}

const OPEN_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "es:*", Resource: "*" }],
};
const ROLE_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: "es:*" }],
};
const VPC_OPTIONS = { SubnetIds: ["subnet-1"], SecurityGroupIds: ["sg-1"] };

const mskAccess = (type: unknown) => ({
  ClusterName: "events",
  BrokerNodeGroupInfo: {
    InstanceType: "kafka.m5.large",
    ClientSubnets: ["subnet-1", "subnet-2"],
    ConnectivityInfo: { PublicAccess: { Type: type } },
  },
});

describe("disallow-public-managed-databases reads CloudFormation data stores", () => {
  table(
    databases,
    rows("CFN", [
      // An Aurora member instance (DBClusterIdentifier) is judged by its own flag, as aws.rds.ClusterInstance.
      ...flagTwins("AWS::RDS::DBInstance", "PubliclyAccessible", { Engine: "aurora-mysql", DBClusterIdentifier: "c" }),
      ...flagTwins("AWS::RDS::DBShardGroup", "PubliclyAccessible", { DBClusterIdentifier: "c", MaxACU: 768 }),
      ...flagTwins("AWS::Redshift::Cluster", "PubliclyAccessible", { NodeType: "ra3.xlplus", DBName: "dw" }),
      ...flagTwins("AWS::RedshiftServerless::Workgroup", "PubliclyAccessible", { WorkgroupName: "wg" }),
      ...flagTwins("AWS::AmazonMQ::Broker", "PubliclyAccessible", { EngineType: "RABBITMQ" }),
      ...flagTwins("AWS::DMS::ReplicationInstance", "PubliclyAccessible", { ReplicationInstanceClass: "dms.t3.micro" }),
      ...flagTwins("AWS::DMS::InstanceProfile", "PubliclyAccessible"),
      ...flagTwins("AWS::NeptuneGraph::Graph", "PublicConnectivity", { ProvisionedMemory: 16 }),
      ...flagTwins("AWS::Lightsail::Database", "PubliclyAccessible", { RelationalDatabaseName: "db" }),
      ...flagTwins("AWS::Timestream::InfluxDBInstance", "PubliclyAccessible", { DbInstanceType: "db.influx.medium" }),
      // DMS gives both a public address unless told otherwise.
      {
        name: "a DMS replication instance without PubliclyAccessible",
        resources: one("AWS::DMS::ReplicationInstance", { ReplicationInstanceClass: "dms.t3.micro" }),
        violations: 1,
        mentions: "defaults to true",
      },
      {
        name: "a DMS instance profile without PubliclyAccessible",
        resources: one("AWS::DMS::InstanceProfile", {}),
        violations: 1,
      },
      // Redshift, as the provider's cluster, is private unless the flag says otherwise.
      { name: "a Redshift cluster without the flag", resources: one("AWS::Redshift::Cluster", {}), violations: 0 },
      {
        name: "an MSK cluster with SERVICE_PROVIDED_EIPS",
        resources: one("AWS::MSK::Cluster", mskAccess("SERVICE_PROVIDED_EIPS")),
        violations: 1,
        mentions: "SERVICE_PROVIDED_EIPS",
      },
      {
        name: "an MSK cluster with DISABLED",
        resources: one("AWS::MSK::Cluster", mskAccess("DISABLED")),
        violations: 0,
      },
      {
        name: "an MSK cluster without ConnectivityInfo",
        resources: one("AWS::MSK::Cluster", { ClusterName: "events", BrokerNodeGroupInfo: { ClientSubnets: ["s"] } }),
        violations: 0,
      },
      {
        name: "an OpenSearch domain outside a VPC whose policy admits anyone",
        resources: one("AWS::OpenSearchService::Domain", { AccessPolicies: OPEN_POLICY }),
        violations: 1,
        mentions: "no vpcOptions",
      },
      {
        name: "the same policy in a VPC",
        resources: one("AWS::OpenSearchService::Domain", { AccessPolicies: OPEN_POLICY, VPCOptions: VPC_OPTIONS }),
        violations: 0,
      },
      {
        name: "an OpenSearch domain outside a VPC that admits one role",
        resources: one("AWS::OpenSearchService::Domain", { AccessPolicies: ROLE_POLICY }),
        violations: 0,
      },
      {
        name: "an Elasticsearch domain outside a VPC whose policy admits anyone",
        resources: one("AWS::Elasticsearch::Domain", { AccessPolicies: OPEN_POLICY }),
        violations: 1,
      },
      {
        name: "an Elasticsearch domain in a VPC",
        resources: one("AWS::Elasticsearch::Domain", { AccessPolicies: OPEN_POLICY, VPCOptions: VPC_OPTIONS }),
        violations: 0,
      },
      // Unknown at preview: a note, never a pass.
      {
        name: "a Redshift flag from a parameter the program feeds with an unknown output",
        resources: one("AWS::Redshift::Cluster", { PubliclyAccessible: { Ref: "Public" } }),
        parameters: { Public: { Type: "String" } },
        passed: { Public: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "an MSK public access type from a parameter without a value",
        resources: one("AWS::MSK::Cluster", mskAccess({ Ref: "Access" })),
        parameters: { Access: { Type: "String" } },
        violations: 0,
        notes: 1,
      },
      {
        name: "an OpenSearch domain whose VPCOptions come from a condition left open",
        resources: one("AWS::OpenSearchService::Domain", {
          AccessPolicies: OPEN_POLICY,
          VPCOptions: { "Fn::If": ["InVpc", VPC_OPTIONS, { Ref: "AWS::NoValue" }] },
        }),
        parameters: { Placement: { Type: "String" } },
        conditions: { InVpc: { "Fn::Equals": [{ Ref: "Placement" }, "vpc"] } },
        violations: 0,
        notes: 1,
      },
      {
        name: "a flag from a parameter whose default is true",
        resources: one("AWS::AmazonMQ::Broker", { PubliclyAccessible: { Ref: "Public" } }),
        parameters: { Public: { Type: "String", Default: "true" } },
        violations: 1,
      },
    ]),
  );
});

/** A ROS Redis instance, with a public connection when asked, and one whitelist group naming it. */
const redis = (securityIps: unknown, publicConnection = false): TemplateResources => ({
  Cache: {
    Type: "ALIYUN::REDIS::Instance",
    Properties: {
      InstanceClass: "redis.master.small.default",
      ...(publicConnection
        ? { Connections: { PublicConnection: { ConnectionStringPrefix: "cache", Port: 6379 } } }
        : {}),
    },
  },
  CacheWhitelist: {
    Type: "ALIYUN::REDIS::Whitelist",
    Properties: { InstanceId: { "Fn::GetAtt": ["Cache", "InstanceId"] }, SecurityIps: securityIps },
  },
});

describe("disallow-public-managed-databases reads ROS data stores", () => {
  table(
    databases,
    rows("ROS", [
      {
        name: "a prepaid RDS instance admitting 0.0.0.0/0",
        resources: one("ALIYUN::RDS::PrepayDBInstance", { Engine: "MySQL", SecurityIPList: "10.0.0.0/8,0.0.0.0/0" }),
        violations: 1,
        mentions: "template resource Res (ALIYUN::RDS::PrepayDBInstance)",
      },
      {
        name: "a prepaid RDS instance admitting the VPC",
        resources: one("ALIYUN::RDS::PrepayDBInstance", { Engine: "MySQL", SecurityIPList: "10.0.0.0/8" }),
        violations: 0,
      },
      {
        name: "a MongoDB replica set admitting everyone with %",
        resources: one("ALIYUN::MONGODB::Instance", { DBInstanceClass: "dds.mongo.mid", SecurityIPArray: "%" }),
        violations: 1,
        mentions: "template resource Res (ALIYUN::MONGODB::Instance)",
      },
      {
        name: "a MongoDB replica set admitting one partner /28 and the VPC",
        resources: one("ALIYUN::MONGODB::Instance", { SecurityIPArray: "203.0.113.16/28,192.168.0.0/16" }),
        violations: 0,
      },
      {
        name: "a MongoDB replica set with the default whitelist",
        resources: one("ALIYUN::MONGODB::Instance", { DBInstanceClass: "dds.mongo.mid" }),
        violations: 0,
      },
      {
        name: "a prepaid MongoDB instance admitting a public /16",
        resources: one("ALIYUN::MONGODB::PrepayInstance", { SecurityIPArray: "198.51.0.0/16" }),
        violations: 1,
      },
      {
        name: "a PolarDB cluster admitting 0.0.0.0/0 beside the VPC",
        resources: one("ALIYUN::POLARDB::DBCluster", { DBType: "MySQL", SecurityIPList: "10.0.0.0/8;0.0.0.0/0" }),
        violations: 1,
        mentions: "template resource Res (ALIYUN::POLARDB::DBCluster)",
      },
      {
        name: "a PolarDB cluster admitting the VPC",
        resources: one("ALIYUN::POLARDB::DBCluster", { DBType: "MySQL", SecurityIPList: "10.0.0.0/8" }),
        violations: 0,
      },
      {
        name: "a Redis whitelist admitting 0.0.0.0/0, judged on its instance",
        resources: redis("0.0.0.0/0"),
        violations: 1,
        mentions: "template resource Cache (ALIYUN::REDIS::Instance)",
      },
      { name: "a Redis whitelist admitting the VPC", resources: redis("172.16.0.0/12"), violations: 0 },
      {
        name: "two Redis whitelists, one open over IPv6",
        resources: {
          ...redis("10.0.0.0/8"),
          Second: {
            Type: "ALIYUN::REDIS::Whitelist",
            Properties: { InstanceId: { Ref: "Cache" }, SecurityIps: "::/0" },
          },
        },
        violations: 1,
      },
      {
        name: "a Redis whitelist admitting 0.0.0.0/0 on an instance outside the template",
        resources: one("ALIYUN::REDIS::Whitelist", { InstanceId: "r-existing", SecurityIps: "0.0.0.0/0" }),
        violations: 1,
        mentions: "template resource Res (ALIYUN::REDIS::Whitelist)",
      },
      {
        name: "a Redis whitelist admitting the VPC on an instance outside the template",
        resources: one("ALIYUN::REDIS::Whitelist", { InstanceId: "r-existing", SecurityIps: "10.0.0.0/8" }),
        violations: 0,
      },
      {
        name: "an open Redis whitelist on an instance the program passes in, unknown at preview",
        resources: one("ALIYUN::REDIS::Whitelist", { InstanceId: { Ref: "Cache" }, SecurityIps: "0.0.0.0/0" }),
        parameters: { Cache: { Type: "String" } },
        passed: { Cache: UNKNOWN },
        violations: 1,
      },
      // Unknown at preview: a note, never a pass.
      {
        name: "a MongoDB whitelist from a parameter the program feeds with an unknown output",
        resources: one("ALIYUN::MONGODB::Instance", { SecurityIPArray: { Ref: "Ips" } }),
        parameters: { Ips: { Type: "String" } },
        passed: { Ips: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "a Redis whitelist from a parameter without a value",
        resources: redis({ Ref: "Ips" }),
        parameters: { Ips: { Type: "String" } },
        violations: 0,
        notes: 1,
      },
      {
        // The join is unknown as a whole at preview, whatever its known part says.
        name: "a PolarDB whitelist joined with a parameter without a value",
        resources: one("ALIYUN::POLARDB::DBCluster", {
          SecurityIPList: { "Fn::Join": [",", ["10.0.0.0/8", { Ref: "Ips" }]] },
        }),
        parameters: { Ips: { Type: "String" } },
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

describe("disallow-internet-database-and-high-risk-ports places template databases", () => {
  const mysqlGroup = (cidr: string) => ({
    Type: "AWS::EC2::SecurityGroup",
    Properties: {
      GroupDescription: "db",
      VpcId: { Ref: "Vpc" },
      SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, CidrIp: cidr }],
    },
  });
  const subnetGroup = (subnet: string) => ({
    Type: "AWS::RDS::DBSubnetGroup",
    Properties: { DBSubnetGroupDescription: "db", SubnetIds: [{ Ref: subnet }] },
  });
  /** An RDS instance in subnet group `DbSubnets`, behind `DbSg`. */
  const rdsIn = (subnet: string, cidr: string, flag: unknown): TemplateResources => ({
    ...cfnNetwork(),
    DbSg: mysqlGroup(cidr),
    DbSubnets: subnetGroup(subnet),
    Db: {
      Type: "AWS::RDS::DBInstance",
      Properties: {
        Engine: "mysql",
        PubliclyAccessible: flag,
        DBSubnetGroupName: { Ref: "DbSubnets" },
        VPCSecurityGroups: [{ "Fn::GetAtt": ["DbSg", "GroupId"] }],
      },
    },
  });
  /** An Aurora cluster in `DbSubnets` behind `DbSg`, with one member instance. */
  const aurora = (flag: unknown): TemplateResources => ({
    ...cfnNetwork(),
    DbSg: mysqlGroup("0.0.0.0/0"),
    DbSubnets: subnetGroup("Public"),
    Cluster: {
      Type: "AWS::RDS::DBCluster",
      Properties: {
        Engine: "aurora-mysql",
        DBSubnetGroupName: { Ref: "DbSubnets" },
        VpcSecurityGroupIds: [{ Ref: "DbSg" }],
      },
    },
    Member: {
      Type: "AWS::RDS::DBInstance",
      Properties: { Engine: "aurora-mysql", DBClusterIdentifier: { Ref: "Cluster" }, PubliclyAccessible: flag },
    },
  });
  const cfn = (resources: TemplateResources) => ({
    type: CFN_STACK,
    name: "app",
    props: { templateBody: body("CFN", "YAML", resources) },
  });
  /** A PolarDB cluster admitting 0.0.0.0/0, with a cluster endpoint address of net type `netType`. */
  const polardb = (netType?: string): TemplateResources => ({
    Db: { Type: "ALIYUN::POLARDB::DBCluster", Properties: { DBType: "MySQL", SecurityIPList: "0.0.0.0/0" } },
    Address: {
      Type: "ALIYUN::POLARDB::DBClusterEndpointAddress",
      Properties: { DBClusterId: { Ref: "Db" }, DBEndpointId: "pe-1", ...(netType ? { NetType: netType } : {}) },
    },
  });
  const ros = (resources: TemplateResources) => ({
    type: ROS_STACK,
    name: "app",
    props: { templateBody: body("ROS", "JSON", resources) },
  });

  stackTable(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "a public RDS instance in a public subnet behind a group open on 3306",
      resources: [cfn(rdsIn("Public", "0.0.0.0/0", true))],
      violations: 1,
      mentions: "template resource Db (AWS::RDS::DBInstance)",
      urn: urnOf(CFN_STACK, "app"),
    },
    {
      name: "its twin not publicly accessible",
      resources: [cfn(rdsIn("Public", "0.0.0.0/0", false))],
      violations: 0,
    },
    {
      name: "its twin whose group admits only the VPC",
      resources: [cfn(rdsIn("Public", "10.0.0.0/16", true))],
      violations: 0,
    },
    {
      name: "its twin in a subnet without a route to the internet gateway",
      resources: [cfn(rdsIn("Private", "0.0.0.0/0", true))],
      violations: 0,
    },
    {
      name: "an Aurora cluster with a publicly accessible member",
      resources: [cfn(aurora(true))],
      violations: 1,
      mentions: "template resource Cluster (AWS::RDS::DBCluster)",
    },
    { name: "an Aurora cluster whose member is private", resources: [cfn(aurora(false))], violations: 0 },
    {
      name: "a PolarDB cluster open to 0.0.0.0/0 with a public endpoint address (NetType left to its default)",
      resources: [ros(polardb())],
      violations: 1,
      mentions: "template resource Db (ALIYUN::POLARDB::DBCluster)",
      urn: urnOf(ROS_STACK, "app"),
    },
    { name: "its twin whose address is Private", resources: [ros(polardb("Private"))], violations: 0 },
    {
      name: "a Redis instance with a public connection and an open whitelist",
      resources: [ros(redis("0.0.0.0/0", true))],
      violations: 1,
      mentions: "template resource Cache (ALIYUN::REDIS::Instance)",
    },
    { name: "its twin without a public connection", resources: [ros(redis("0.0.0.0/0"))], violations: 0 },
  ]);
});

describe("what the messages say about template data stores", () => {
  it("a Redis whitelist on an outside instance says which field it is judged as", async () => {
    const { run } = await import("./harness");
    const templateBody = body("ROS", "JSON", one("ALIYUN::REDIS::Whitelist", { InstanceId: "r-1", SecurityIps: "%" }));
    const ds = await run(databases, ROS_STACK, { templateBody });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("globalIpList admits the internet");
    expect(ds[0].message).toContain("added to a Redis instance outside the template");
  });
  it("an Aurora member without PubliclyAccessible is a note that says why", async () => {
    const { run } = await import("./harness");
    const member = one("AWS::RDS::DBInstance", { Engine: "aurora-postgresql", DBClusterIdentifier: { Ref: "C" } });
    const ds = await run(databases, CFN_STACK, { templateBody: body("CFN", "YAML", member) });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toMatch(/^cannot be verified at preview/);
    expect(ds[0].message).toContain("PubliclyAccessible is not set");
  });
});
