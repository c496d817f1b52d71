// Databases beyond the core engines: AWS public endpoints of Limitless shard groups, InfluxDB clusters and Neptune
// Analytics graphs, and the whitelists of Alibaba Cloud analytic, wide-column, graph and search stores.
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { Case, table, UNKNOWN } from "./harness";

/** A public flag: open, private twin, default, and unknown at preview. */
const flagCases = (label: string, type: string, field = "publiclyAccessible"): Case[] => [
  { name: `${label} public`, type, props: { [field]: true }, violations: 1, mentions: field },
  { name: `${label} private`, type, props: { [field]: false }, violations: 0 },
  { name: `${label} default is private`, type, props: {}, violations: 0 },
  { name: `${label} unknown flag is a note`, type, props: { [field]: UNKNOWN }, violations: 0, notes: 1 },
];

/** A whitelist reached through `wrap`: open, broad public, private twin, exact host and unknown. */
const whitelistCases = (label: string, type: string, wrap: (v: string) => Record<string, unknown>): Case[] => [
  { name: `${label} open`, type, props: wrap("0.0.0.0/0"), violations: 1, mentions: "0.0.0.0/0" },
  { name: `${label} open in a comma list`, type, props: wrap("10.0.0.0/8,0.0.0.0/0"), violations: 1 },
  { name: `${label} broad public /16`, type, props: wrap("47.96.0.0/16"), violations: 1 },
  { name: `${label} on the VPC`, type, props: wrap("172.16.0.0/12,10.0.0.0/8"), violations: 0 },
  { name: `${label} exact public host`, type, props: wrap("47.96.1.10"), violations: 0 },
  { name: `${label} unknown is a note`, type, props: wrap(UNKNOWN), violations: 0, notes: 1 },
];

const list = (field: string) => (v: string) => ({ [field]: [v] });
const text = (field: string) => (v: string) => ({ [field]: v });
const groups = (field: string, entries: string) => (v: string) => ({ [field]: [{ groupName: "g", [entries]: v }] });

const ES = "alicloud:elasticsearch/instance:Instance";
const GPDB_ARRAY = "alicloud:gpdb/dbInstanceIpArray:DbInstanceIpArray";

describe("disallow-public-managed-databases: more stores", () => {
  describe("AWS public endpoints", () => {
    table(disallowPublicManagedDatabases, [
      ...flagCases("Aurora Limitless shard group", "aws:rds/shardGroup:ShardGroup"),
      ...flagCases("Timestream for InfluxDB cluster", "aws:timestreaminfluxdb/dbCluster:DbCluster"),
      ...flagCases("Neptune Analytics graph", "aws:neptunegraph/graph:Graph", "publicConnectivity"),
    ]);
  });

  describe("Alibaba Cloud whitelists", () => {
    table(disallowPublicManagedDatabases, [
      ...whitelistCases("AnalyticDB MySQL (older cluster)", "alicloud:adb/cluster:Cluster", list("securityIps")),
      ...whitelistCases(
        "AnalyticDB MySQL Lake",
        "alicloud:adb/dBClusterLakeVersion:DBClusterLakeVersion",
        text("securityIps"),
      ),
      ...whitelistCases(
        "AnalyticDB PostgreSQL elastic",
        "alicloud:gpdb/elasticInstance:ElasticInstance",
        list("securityIpLists"),
      ),
      ...whitelistCases("AnalyticDB PostgreSQL whitelist", GPDB_ARRAY, list("securityIpLists")),
      ...whitelistCases("Supabase project", "alicloud:gpdb/supabaseProject:SupabaseProject", list("securityIpLists")),
      ...whitelistCases("PolarDB application", "alicloud:polardb/application:Application", list("securityIpLists")),
      ...whitelistCases(
        "ClickHouse Enterprise whitelist",
        "alicloud:clickhouseenterprisedbcluster/securityIp:SecurityIp",
        text("securityIpList"),
      ),
      ...whitelistCases(
        "SelectDB whitelist group",
        "alicloud:selectdb/dbInstance:DbInstance",
        groups("desiredSecurityIpLists", "securityIpList"),
      ),
      ...whitelistCases("HBase", "alicloud:hbase/instance:Instance", text("ipWhite")),
      ...whitelistCases("Lindorm", "alicloud:lindorm/instance:Instance", list("ipWhiteLists")),
      ...whitelistCases("Cassandra", "alicloud:cassandra/cluster:Cluster", text("ipWhite")),
      ...whitelistCases(
        "Graph Database whitelist group",
        "alicloud:graphdatabase/dbInstance:DbInstance",
        groups("dbInstanceIpArrays", "securityIps"),
      ),
      {
        name: "AnalyticDB PostgreSQL whitelist that deletes 0.0.0.0/0",
        type: GPDB_ARRAY,
        props: { securityIpLists: ["0.0.0.0/0"], modifyMode: "Delete" },
        violations: 0,
      },
      {
        name: "AnalyticDB PostgreSQL whitelist of unknown mode is a note",
        type: GPDB_ARRAY,
        props: { securityIpLists: ["0.0.0.0/0"], modifyMode: UNKNOWN },
        violations: 0,
        notes: 1,
      },
    ]);
  });

  describe("Alibaba Cloud Elasticsearch public endpoint and Kibana", () => {
    table(disallowPublicManagedDatabases, [
      {
        name: "public endpoint open to anyone",
        type: ES,
        props: { enablePublic: true, publicWhitelists: ["0.0.0.0/0"] },
        violations: 1,
        mentions: "publicWhitelists",
      },
      {
        name: "public whitelist without the public endpoint (off by default)",
        type: ES,
        props: { publicWhitelists: ["0.0.0.0/0"] },
        violations: 0,
      },
      {
        name: "public Kibana (on by default) open to anyone",
        type: ES,
        props: { kibanaWhitelists: ["0.0.0.0/0"] },
        violations: 1,
        mentions: "kibanaWhitelists",
      },
      {
        name: "Kibana whitelist with public Kibana off",
        type: ES,
        props: { enableKibanaPublicNetwork: false, kibanaWhitelists: ["0.0.0.0/0"] },
        violations: 0,
      },
      {
        name: "public endpoint limited to the office",
        type: ES,
        props: { enablePublic: true, publicWhitelists: ["203.0.113.0/24"], kibanaWhitelists: ["203.0.113.0/24"] },
        violations: 0,
      },
      {
        name: "unknown public flag with an open whitelist is a note",
        type: ES,
        props: { enablePublic: UNKNOWN, publicWhitelists: ["0.0.0.0/0"] },
        violations: 0,
        notes: 1,
      },
      {
        name: "unknown public flag with a private whitelist passes",
        type: ES,
        props: { enablePublic: UNKNOWN, publicWhitelists: ["10.0.0.0/8"] },
        violations: 0,
      },
    ]);
  });
});
