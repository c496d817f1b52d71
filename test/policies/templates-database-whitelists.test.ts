// ROS whitelist resources of their own (ALIYUN::RDS::DBInstanceSecurityIps, ALIYUN::POLARDB::DBClusterAccessWhiteList,
// ALIYUN::REDIS::Whitelist on prepaid instances) and ALIYUN::REDIS::Connection: a group naming a database of the
// template joins that database's whitelist, one naming a database elsewhere is judged alone, entries unknown at
// preview are notes; the stack rule reports an open group only on a database with a public endpoint.
import { stringify } from "yaml";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { Case, run, table, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ROS_STACK, ROS_STACK_GROUP, rule, TemplateResources } from "./templates-fixtures";

const databases = rule("disallow-public-managed-databases");

/** A ROS template of `resources` (and `parameters`) as a JSON or a YAML body. */
function body(format: "JSON" | "YAML", resources: TemplateResources, parameters?: Record<string, unknown>): string {
  const doc = {
    ROSTemplateFormatVersion: "2015-09-01",
    ...(parameters ? { Parameters: parameters } : {}),
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
  /** The container's `parameters` input: values the program passes, possibly unknown at preview. */
  passed?: Record<string, unknown>;
}

/** Each row twice, JSON and YAML, alternating between a stack and a stack group. */
const rows = (all: Row[]): Case[] =>
  all.flatMap((r, i) =>
    (["JSON", "YAML"] as const).map((format) => ({
      name: `${format}: ${r.name}`,
      type: i % 2 === 0 ? ROS_STACK : ROS_STACK_GROUP,
      props: { templateBody: body(format, r.resources, r.parameters), ...(r.passed ? { parameters: r.passed } : {}) },
      violations: r.violations,
      notes: r.notes,
      mentions: r.mentions,
    })),
  );

/** An RDS instance `Db` admitting `own`, public when asked, and one DBInstanceSecurityIps group naming it by `link`. */
function rds(entries: unknown, options: { own?: string; public?: boolean; link?: unknown; type?: string } = {}) {
  const resources: TemplateResources = {
    Db: {
      Type: options.type ?? "ALIYUN::RDS::DBInstance",
      Properties: {
        Engine: "MySQL",
        DBInstanceClass: "rds.mysql.s1.small",
        ...(options.own ? { SecurityIPList: options.own } : {}),
        ...(options.public ? { AllocatePublicConnection: true } : {}),
      },
    },
    DbIps: {
      Type: "ALIYUN::RDS::DBInstanceSecurityIps",
      Properties: {
        DBInstanceId: options.link ?? { Ref: "Db" },
        DBInstanceIPArrayName: "app_tier",
        DBInstanceIPArrayAttribute: entries,
      },
    },
  };
  return resources;
}

/** A PolarDB cluster `Db` admitting the VPC, with an access whitelist group and, when asked, an endpoint address. */
function polardb(entries: unknown, options: { netType?: string; link?: unknown } = {}): TemplateResources {
  return {
    Db: { Type: "ALIYUN::POLARDB::DBCluster", Properties: { DBType: "MySQL", SecurityIPList: "10.0.0.0/8" } },
    Access: {
      Type: "ALIYUN::POLARDB::DBClusterAccessWhiteList",
      Properties: { DBClusterId: options.link ?? { Ref: "Db" }, DBClusterIPArrayName: "ros", SecurityIps: entries },
    },
    ...(options.netType
      ? {
          Address: {
            Type: "ALIYUN::POLARDB::DBClusterEndpointAddress",
            Properties: { DBClusterId: { Ref: "Db" }, DBEndpointId: "pe-1", NetType: options.netType },
          },
        }
      : {}),
  };
}

/** A Redis instance `Cache` of `type` with one whitelist group and, when given, an ALIYUN::REDIS::Connection. */
function redis(entries: unknown, options: { type?: string; connection?: unknown; inline?: boolean } = {}) {
  const resources: TemplateResources = {
    Cache: {
      Type: options.type ?? "ALIYUN::REDIS::Instance",
      Properties: {
        InstanceClass: "redis.master.small.default",
        ...(options.inline
          ? { Connections: { PublicConnection: { ConnectionStringPrefix: "cache", Port: 6379 } } }
          : {}),
      },
    },
    CacheWhitelist: {
      Type: "ALIYUN::REDIS::Whitelist",
      Properties: { InstanceId: { Ref: "Cache" }, SecurityIpGroupName: "ros", SecurityIps: entries },
    },
  };
  if (options.connection !== undefined)
    resources.Connection = {
      Type: "ALIYUN::REDIS::Connection",
      Properties: {
        ConnectionType: options.connection,
        InstanceId: { "Fn::GetAtt": ["Cache", "InstanceId"] },
        Port: 6380,
        ConnectionStringPrefix: "cachepublic",
      },
    };
  return resources;
}

const IPS = { Ips: { Type: "String" } };

describe("disallow-public-managed-databases reads ROS RDS whitelist groups", () => {
  table(
    databases,
    rows([
      {
        name: "a group admitting 0.0.0.0/0, judged on its instance",
        resources: rds("0.0.0.0/0"),
        violations: 1,
        mentions: "template resource Db (ALIYUN::RDS::DBInstance)",
      },
      { name: "a group admitting the VPC and one host", resources: rds("10.0.0.0/8,192.168.1.10"), violations: 0 },
      {
        name: "a group naming its instance by Fn::GetAtt, admitting everyone with %",
        resources: rds("%", { link: { "Fn::GetAtt": ["Db", "DBInstanceId"] } }),
        violations: 1,
        mentions: "securityIps admits the internet",
      },
      { name: "a group admitting everything over IPv6", resources: rds("10.0.0.0/8,::/0"), violations: 1 },
      { name: "a group admitting a public /16", resources: rds("198.51.0.0/16"), violations: 1 },
      { name: "entries written as a list, one open", resources: rds(["10.0.0.0/8", "0.0.0.0/0"]), violations: 1 },
      { name: "a group admitting one partner /28", resources: rds("203.0.113.16/28"), violations: 0 },
      {
        name: "an open instance list beside a closed group: every entry the template writes is kept",
        resources: rds("10.0.0.0/8", { own: "0.0.0.0/0" }),
        violations: 1,
      },
      {
        name: "a group on a prepaid instance named by Ref",
        resources: rds("0.0.0.0/0", { type: "ALIYUN::RDS::PrepayDBInstance" }),
        violations: 1,
        mentions: "template resource Db (ALIYUN::RDS::PrepayDBInstance)",
      },
      {
        name: "a group on a prepaid instance named by Fn::GetAtt DBInstanceId joins that instance",
        resources: rds("0.0.0.0/0", {
          type: "ALIYUN::RDS::PrepayDBInstance",
          link: { "Fn::GetAtt": ["Db", "DBInstanceId"] },
        }),
        violations: 1,
        mentions: "template resource Db (ALIYUN::RDS::PrepayDBInstance)",
      },
      {
        name: "an open group on an instance outside the template",
        resources: { Res: rds("0.0.0.0/0", { link: "rm-existing" }).DbIps },
        violations: 1,
        mentions: "template resource Res (ALIYUN::RDS::DBInstanceSecurityIps)",
      },
      {
        name: "a closed group on an instance outside the template",
        resources: { Res: rds("172.16.0.0/12", { link: "rm-existing" }).DbIps },
        violations: 0,
      },
      {
        name: "an open group on an instance the program passes in, unknown at preview",
        resources: { Res: rds("0.0.0.0/0", { link: { Ref: "Db" } }).DbIps },
        parameters: { Db: { Type: "String" } },
        passed: { Db: UNKNOWN },
        violations: 1,
      },
      // Unknown at preview: a note, never a pass.
      {
        name: "entries from a parameter without a value",
        resources: rds({ Ref: "Ips" }),
        parameters: IPS,
        violations: 0,
        notes: 1,
      },
      {
        name: "entries from a parameter the program feeds with an unknown output",
        resources: rds({ Ref: "Ips" }, { own: "10.0.0.0/8" }),
        parameters: IPS,
        passed: { Ips: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "an open group beside an instance entry that is no address still fails",
        resources: rds("0.0.0.0/0", { own: "x" }),
        violations: 1,
      },
    ]),
  );
});

describe("disallow-public-managed-databases reads ROS PolarDB access whitelists", () => {
  table(
    databases,
    rows([
      {
        name: "an access whitelist admitting 0.0.0.0/0, judged on its cluster",
        resources: polardb("0.0.0.0/0"),
        violations: 1,
        mentions: "template resource Db (ALIYUN::POLARDB::DBCluster)",
      },
      { name: "an access whitelist admitting the VPC", resources: polardb("10.1.0.0/16,10.2.0.0/16"), violations: 0 },
      {
        name: "a second whitelist, open, beside a closed one",
        resources: {
          ...polardb("10.1.0.0/16"),
          Second: {
            Type: "ALIYUN::POLARDB::DBClusterAccessWhiteList",
            Properties: { DBClusterId: { "Fn::GetAtt": ["Db", "DBClusterId"] }, SecurityIps: "0.0.0.0/0" },
          },
        },
        violations: 1,
        mentions: "dbClusterIpArrays[1].securityIps",
      },
      {
        name: "an open whitelist on a cluster outside the template",
        resources: { Res: polardb("0.0.0.0/0", { link: "pc-existing" }).Access },
        violations: 1,
        mentions: "template resource Res (ALIYUN::POLARDB::DBClusterAccessWhiteList)",
      },
      {
        name: "a closed whitelist on a cluster outside the template",
        resources: { Res: polardb("10.0.0.0/8", { link: "pc-existing" }).Access },
        violations: 0,
      },
      {
        // The join is unknown as a whole at preview, whatever its known part says.
        name: "entries joined with a parameter without a value",
        resources: polardb({ "Fn::Join": [",", ["10.0.0.0/8", { Ref: "Ips" }]] }),
        parameters: IPS,
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

describe("disallow-public-managed-databases reads ROS Redis whitelists on prepaid instances", () => {
  table(
    databases,
    rows([
      {
        name: "an open whitelist on a prepaid instance",
        resources: redis("0.0.0.0/0", { type: "ALIYUN::REDIS::PrepayInstance" }),
        violations: 1,
        mentions: "template resource Cache (ALIYUN::REDIS::PrepayInstance)",
      },
      {
        name: "a VPC whitelist on a prepaid instance",
        resources: redis("192.168.0.0/16", { type: "ALIYUN::REDIS::PrepayInstance" }),
        violations: 0,
      },
      {
        name: "an open whitelist naming a prepaid instance by Fn::GetAtt InstanceId joins that instance",
        resources: {
          ...redis("0.0.0.0/0", { type: "ALIYUN::REDIS::PrepayInstance" }),
          CacheWhitelist: {
            Type: "ALIYUN::REDIS::Whitelist",
            Properties: { InstanceId: { "Fn::GetAtt": ["Cache", "InstanceId"] }, SecurityIps: "0.0.0.0/0" },
          },
        },
        violations: 1,
        mentions: "template resource Cache (ALIYUN::REDIS::PrepayInstance)",
      },
      {
        name: "a prepaid instance whose whitelist comes from a parameter without a value",
        resources: redis({ Ref: "Ips" }, { type: "ALIYUN::REDIS::PrepayInstance" }),
        parameters: IPS,
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

describe("disallow-internet-database-and-high-risk-ports reads ROS whitelist groups behind public endpoints", () => {
  const ros = (resources: TemplateResources, parameters?: Record<string, unknown>) => ({
    type: ROS_STACK,
    name: "app",
    props: { templateBody: body("JSON", resources, parameters) },
  });
  stackTable(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "an RDS instance with a public connection and an open group",
      resources: [ros(rds("0.0.0.0/0", { public: true }))],
      violations: 1,
      mentions: "template resource Db (ALIYUN::RDS::DBInstance)",
      urn: urnOf(ROS_STACK, "app"),
    },
    { name: "its twin without a public connection", resources: [ros(rds("0.0.0.0/0"))], violations: 0 },
    {
      name: "its twin whose group admits only the VPC",
      resources: [ros(rds("10.0.0.0/8", { public: true }))],
      violations: 0,
    },
    {
      name: "its twin whose group comes from a parameter without a value",
      resources: [ros(rds({ Ref: "Ips" }, { public: true }), IPS)],
      violations: 0,
      notes: 1,
    },
    {
      name: "a PolarDB cluster with a public endpoint address and an open access whitelist",
      resources: [ros(polardb("0.0.0.0/0", { netType: "Public" }))],
      violations: 1,
      mentions: "template resource Db (ALIYUN::POLARDB::DBCluster)",
    },
    {
      name: "its twin whose address is Private",
      resources: [ros(polardb("0.0.0.0/0", { netType: "Private" }))],
      violations: 0,
    },
    {
      name: "a Redis instance with a Public ALIYUN::REDIS::Connection and an open whitelist",
      resources: [ros(redis("0.0.0.0/0", { connection: "Public" }))],
      violations: 1,
      mentions: "template resource Cache (ALIYUN::REDIS::Instance)",
    },
    {
      name: "its twin whose connection is Direct",
      resources: [ros(redis("0.0.0.0/0", { connection: "Direct" }))],
      violations: 0,
    },
    {
      // As an endpoint address's NetType: a connection type unknown at preview may be Public.
      name: "its twin whose connection type comes from a parameter without a value",
      resources: [ros(redis("0.0.0.0/0", { connection: { Ref: "Kind" } }), { Kind: { Type: "String" } })],
      violations: 1,
    },
    {
      name: "its twin whose Public connection meets a VPC whitelist",
      resources: [ros(redis("10.0.0.0/8", { connection: "Public" }))],
      violations: 0,
    },
    {
      name: "a prepaid Redis instance with a public connection of its own and an open whitelist",
      resources: [ros(redis("0.0.0.0/0", { type: "ALIYUN::REDIS::PrepayInstance", inline: true }))],
      violations: 1,
      mentions: "template resource Cache (ALIYUN::REDIS::PrepayInstance)",
    },
  ]);
});

describe("what the messages say about whitelist groups on databases elsewhere", () => {
  it("an RDS group names the global whitelist field it is judged as", async () => {
    const templateBody = body("JSON", { Res: rds("%", { link: "rm-1" }).DbIps });
    const ds = await run(databases, ROS_STACK, { templateBody });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("ipWhiteList admits the internet");
    expect(ds[0].message).toContain("added to an RDS instance outside the template");
  });
  it("a PolarDB access whitelist says which cluster it is added to", async () => {
    const templateBody = body("YAML", { Res: polardb("0.0.0.0/0", { link: "pc-1" }).Access });
    const ds = await run(databases, ROS_STACK_GROUP, { templateBody });
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("globalIpList admits the internet");
    expect(ds[0].message).toContain("added to a PolarDB cluster outside the template");
  });
});
