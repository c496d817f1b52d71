// ROS data stores translated to the Pulumi Alicloud provider's shapes the database rule and the network model read:
// RDS instances (pay-as-you-go and prepaid), MongoDB replica sets, PolarDB clusters and their public endpoint
// addresses, Redis instances (pay-as-you-go and prepaid) and their public connections, AnalyticDB for PostgreSQL
// instances and their public connections; whitelist resources of their own (Redis, RDS, PolarDB, AnalyticDB for
// PostgreSQL) in ros-database-whitelists.ts.
import { isUnknown, UNKNOWN } from "../../../lib/values";
import { defined, idList, tagMap, Translation } from "./embedded-resource";
import { ROS_DATABASE_WHITELIST_TRANSLATIONS } from "./ros-database-whitelists";

/** A public connection: AllocatePublicConnection true, or the Internet net type; either unknown may be one. */
function publicConnection(allocate: unknown, netType: unknown): unknown {
  if (allocate === true || allocate === "true" || netType === "Internet") return true;
  return isUnknown(allocate) || isUnknown(netType) ? UNKNOWN : undefined;
}

/** ROS writes several group ids as one comma-separated string (Redis SecurityGroupId); the provider takes a list. */
function groupIds(v: unknown): unknown[] | undefined {
  if (typeof v !== "string" || isUnknown(v)) return idList(v);
  return idList(
    v
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  );
}

/** SecurityIPList is comma-separated text, as the provider's securityIps entries may be. */
const rdsInstance: Translation = (read) => [
  {
    type: "alicloud:rds/instance:Instance",
    props: defined({
      securityIps: read("SecurityIPList"),
      enablePublic: publicConnection(read("AllocatePublicConnection"), read("DBInstanceNetType")),
      engine: read("Engine"),
      port: read("Port"),
      vswitchId: read("VSwitchId"),
      securityGroupIds: idList(read("SecurityGroupId")),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** SecurityIPArray is the default whitelist group, comma-separated; left out, only 127.0.0.1 is admitted. */
const mongodbInstance: Translation = (read) => [
  {
    type: "alicloud:mongodb/instance:Instance",
    props: defined({
      securityIpLists: read("SecurityIPArray"),
      vswitchId: read("VSwitchId"),
      securityGroupId: read("SecurityGroupId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** DBType picks the default port (MySQL, PostgreSQL, Oracle); SecurityIPList is the default whitelist group. */
const polardbCluster: Translation = (read) => [
  {
    type: "alicloud:polardb/cluster:Cluster",
    props: defined({
      securityIps: read("SecurityIPList"),
      dbType: read("DBType"),
      vswitchId: read("VSwitchId"),
      securityGroupIds: groupIds(read("SecurityGroupIds")),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * AnalyticDB for PostgreSQL, reserved or elastic storage, as the provider's one instance type; SecurityIPList is the
 * default whitelist, comma-separated text. Named groups (ALIYUN::GPDB::DBInstanceIPArray) join it as ipWhitelists.
 */
const gpdbInstance: Translation = (read) => [
  {
    type: "alicloud:gpdb/instance:Instance",
    props: defined({
      securityIpLists: read("SecurityIPList"),
      vswitchId: read("VSwitchId"),
      vpcId: read("VPCId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * ALIYUN::GPDB::InstancePublicConnection applies for an AnalyticDB for PostgreSQL instance's public endpoint, the
 * provider's gpdb Connection naming the instance.
 */
const gpdbPublicConnection: Translation = (read) => [
  {
    type: "alicloud:gpdb/connection:Connection",
    props: defined({
      instanceId: read("DBInstanceId"),
      connectionPrefix: read("ConnectionStringPrefix"),
      port: read("Port"),
    }),
  },
];

/** NetType defaults to Public in ROS as in the provider: the model reads the absent value so. */
const polardbEndpointAddress: Translation = (read) => [
  {
    type: "alicloud:polardb/endpointAddress:EndpointAddress",
    props: defined({ dbClusterId: read("DBClusterId"), dbEndpointId: read("DBEndpointId"), netType: read("NetType") }),
  },
];

/**
 * A Redis instance, and its public connection (Connections.PublicConnection) as the provider's separate
 * kvstore Connection naming it (ALIYUN::REDIS::Connection adds one too). Its whitelist is the ALIYUN::REDIS::Whitelist
 * groups naming it; without one, only 127.0.0.1 is admitted.
 */
const redisInstance: Translation = (read, self) => {
  const publicConnection = read(["Connections", "PublicConnection"]);
  return [
    {
      type: "alicloud:kvstore/instance:Instance",
      props: defined({
        vswitchId: read("VSwitchId"),
        securityGroupIds: groupIds(read("SecurityGroupId")),
        tags: tagMap(read("Tags")),
      }),
    },
    ...(publicConnection === undefined || publicConnection === null
      ? []
      : [
          {
            type: "alicloud:kvstore/connection:Connection",
            props: { instanceId: self },
            where: "Connections.PublicConnection",
          },
        ]),
  ];
};

/**
 * ALIYUN::REDIS::Connection applies for a Public endpoint, or a Direct one (a cluster's shards reached inside the
 * VPC, not from the internet); any other type, or one unknown at preview, may be Public.
 */
const redisConnection: Translation = (read) => {
  if (read("ConnectionType") === "Direct") return [];
  return [
    {
      type: "alicloud:kvstore/connection:Connection",
      props: defined({
        instanceId: read("InstanceId"),
        connectionStringPrefix: read("ConnectionStringPrefix"),
        port: read("Port"),
      }),
    },
  ];
};

export const ROS_DATABASE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::RDS::DBInstance", rdsInstance],
  ["ALIYUN::RDS::PrepayDBInstance", rdsInstance],
  ["ALIYUN::MONGODB::Instance", mongodbInstance],
  ["ALIYUN::MONGODB::PrepayInstance", mongodbInstance],
  ["ALIYUN::POLARDB::DBCluster", polardbCluster],
  ["ALIYUN::POLARDB::DBClusterEndpointAddress", polardbEndpointAddress],
  ["ALIYUN::REDIS::Instance", redisInstance],
  ["ALIYUN::REDIS::PrepayInstance", redisInstance],
  ["ALIYUN::REDIS::Connection", redisConnection],
  ["ALIYUN::GPDB::DBInstance", gpdbInstance],
  ["ALIYUN::GPDB::ElasticDBInstance", gpdbInstance],
  ["ALIYUN::GPDB::InstancePublicConnection", gpdbPublicConnection],
  ...ROS_DATABASE_WHITELIST_TRANSLATIONS,
]);
