// Alibaba Cloud managed databases: admitted sources are the whitelist (securityIps) plus security groups; a
// public connection endpoint (RDS connections, endpoint and proxy addresses, Redis connections, MongoDB public
// network addresses, PolarDB public endpoint addresses, AnalyticDB connections) puts the whitelist in front of the
// internet. Elasticsearch, with a whitelist per endpoint, is read by `elasticsearch.ts`.
import { defaultDatabasePort } from "../database-ports";
import { Host, NetworkModel, nodeOf } from "../model";
import { GenericResource, isUnknown, mayBeTrue, num, str, tags } from "../resource";
import { declaredSecurityGroups } from "./declared-groups";
import { carried } from "../group-links";
import { addAlicloudElasticsearch } from "./elasticsearch";
import { ALI } from "./tokens";
import { WhitelistFields, whitelistOf } from "./whitelists";

/** A resource giving a database a public connection address, and the input naming the database. */
interface PublicConnection {
  type: string;
  link: string;
  /** False when the resource's own inputs say the address is private; unknown counts as public. */
  isPublic?: (inputs: Record<string, unknown>) => boolean;
}

interface DatabaseKind extends WhitelistFields {
  type: string;
  fallbackPort: number;
  /** A flag of the database itself that turns its public endpoint on ("enablePublic" unless named). */
  publicFlag?: string;
  /** The input naming the engine, which picks the default port. */
  engine?: string;
  connections?: PublicConnection[];
}

/**
 * A connection whose network type (`field`) is Public, or unknown at preview; absent, the resource's default decides
 * (`absentIsPublic`).
 */
const netType =
  (field: string, absentIsPublic: boolean) =>
  (inputs: Record<string, unknown>): boolean => {
    const v = inputs[field];
    if (v === undefined || v === null) return absentIsPublic;
    return isUnknown(v) || str(v)?.toLowerCase() === "public";
  };

const KINDS: DatabaseKind[] = [
  {
    type: ALI.rds,
    whitelist: "securityIps",
    fallbackPort: 3306,
    connections: [
      { type: ALI.rdsConnection, link: "instanceId" },
      // Cluster-edition endpoints' public addresses, and database proxy addresses (Public by default).
      { type: ALI.rdsEndpointAddress, link: "dbInstanceId" },
      { type: ALI.rdsProxyPublic, link: "dbInstanceId", isPublic: netType("dbProxyConnectionStringNetType", true) },
    ],
  },
  {
    type: ALI.kvstore,
    whitelist: "securityIps",
    fallbackPort: 6379,
    connections: [{ type: ALI.kvstoreConnection, link: "instanceId" }],
  },
  {
    type: ALI.tair,
    whitelist: "securityIps",
    fallbackPort: 6379,
    connections: [{ type: ALI.kvstoreConnection, link: "instanceId" }],
  },
  {
    type: ALI.mongodb,
    whitelist: "securityIpLists",
    fallbackPort: 27017,
    groups: { field: "securityIpGroups", entries: "securityIpList" },
    connections: [{ type: ALI.mongodbPublicAddress, link: "dbInstanceId" }],
  },
  {
    type: ALI.mongodbSharding,
    whitelist: "securityIpLists",
    fallbackPort: 27017,
    groups: { field: "securityIpGroups", entries: "securityIpList" },
    connections: [{ type: ALI.mongodbShardingPublicAddress, link: "dbInstanceId" }],
  },
  {
    type: ALI.polardb,
    whitelist: "securityIps",
    fallbackPort: 3306,
    engine: "dbType",
    groups: { field: "dbClusterIpArrays", entries: "securityIps" },
    connections: [
      { type: ALI.polardbEndpointAddress, link: "dbClusterId", isPublic: netType("netType", true) },
      // A primary endpoint is private unless its netType says Public.
      { type: ALI.polardbPrimaryEndpoint, link: "dbClusterId", isPublic: netType("netType", false) },
    ],
  },
  // Wide-column and analytic stores with a public endpoint of their own.
  {
    type: ALI.lindorm,
    whitelist: "ipWhiteLists",
    fallbackPort: 30020,
    connections: [
      {
        type: ALI.lindormPublicNetwork,
        link: "instanceId",
        isPublic: (inputs) => mayBeTrue(inputs.enablePublicNetwork),
      },
    ],
  },
  { type: ALI.cassandra, whitelist: "ipWhite", fallbackPort: 9042 },
  {
    type: ALI.selectdb,
    fallbackPort: 9030,
    publicFlag: "enablePublicNetwork",
    groups: { field: "desiredSecurityIpLists", entries: "securityIpList" },
  },
  {
    type: ALI.clickhouse,
    fallbackPort: 8123,
    publicFlag: "allocatePublicConnection",
    groups: { field: "dbClusterAccessWhiteLists", entries: "securityIpList" },
  },
  // AnalyticDB for PostgreSQL and for MySQL.
  {
    type: ALI.gpdb,
    whitelist: "securityIpLists",
    fallbackPort: 5432,
    groups: { field: "ipWhitelists", entries: "securityIpList" },
    connections: [{ type: ALI.gpdbConnection, link: "instanceId" }],
  },
  {
    type: ALI.adb,
    whitelist: "securityIps",
    fallbackPort: 3306,
    connections: [{ type: ALI.adbConnection, link: "dbClusterId" }],
  },
];

export function addAlicloudDatabases(m: NetworkModel): void {
  const res = m.resolver;
  for (const kind of KINDS) {
    const endpoints = new Map<string, GenericResource>();
    for (const connection of kind.connections ?? [])
      for (const c of res.ofType(connection.type)) {
        if (connection.isPublic && !connection.isPublic(c.inputs)) continue;
        const db = res.one(c, connection.link, c.inputs[connection.link], [kind.type]);
        if (db && !endpoints.has(db)) endpoints.set(db, c);
      }
    for (const r of res.ofType(kind.type)) {
      const vs = res.one(r, "vswitchId", r.inputs.vswitchId, [ALI.vswitch]);
      const read = whitelistOf(r.inputs, kind);
      const host: Host = {
        ...nodeOf(r),
        cloud: "alicloud",
        kind: "database",
        subnets: vs ? [vs] : [],
        externalSubnets: [],
        defaultSubnet: false,
        ...carried(declaredSecurityGroups(res, r)),
        publicV4: [],
        tags: tags(r),
        listenPorts: [
          num(r.inputs.port) ?? defaultDatabasePort(str(r.inputs[kind.engine ?? "engine"]), kind.fallbackPort),
        ],
        whitelist: read.blocks,
        ...(read.unknown ? { whitelistUnknown: true } : {}),
      };
      const endpoint = endpoints.get(r.urn);
      if (endpoint) host.publicEndpoint = { label: `public-endpoint:${endpoint.name}`, urn: endpoint.urn };
      else if (mayBeTrue(r.inputs[kind.publicFlag ?? "enablePublic"]))
        host.publicEndpoint = { label: `public-endpoint:${r.name}`, urn: r.urn };
      m.hosts.set(r.urn, host);
    }
  }
  addAlicloudElasticsearch(m);
}
