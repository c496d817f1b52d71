import { isUnknown, list, obj } from "../../lib/values";
import { CIDRS_SCHEMA, PREFIX_SCHEMA } from "../lib/config";
import { openAccessFindings } from "../lib/database-access-policy";
import { hologresInternetEndpoint } from "../lib/database-endpoints";
import { mskPublicAccess, publicFlag } from "../lib/database-public-flags";
import {
  DatabaseConfig,
  deletes,
  modifiedWhitelist,
  publicWhitelist,
  whitelistFindings,
  whitelists,
} from "../lib/database-whitelists";
import { unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

const publiclyAccessible = publicFlag("publiclyAccessible");

const securityIps = whitelists(["securityIps"]);

const mongoWhitelists = whitelists(["securityIpLists"], [{ field: "securityIpGroups", entries: "securityIpList" }]);

/** PolarDB whitelist groups (dbClusterIpArrays) may set modifyMode "Delete", which removes their entries. */
const polardbWhitelists = whitelists(
  ["securityIps"],
  [
    {
      field: "dbClusterIpArrays",
      entries: "securityIps",
      removes: (g) => deletes(g.modifyMode),
    },
  ],
);

/** AnalyticDB for PostgreSQL: the deprecated securityIpLists and the ipWhitelists groups. */
const gpdbWhitelists = whitelists(["securityIpLists"], [{ field: "ipWhitelists", entries: "securityIpList" }]);

const clickhouseWhitelists = whitelists([], [{ field: "dbClusterAccessWhiteLists", entries: "securityIpList" }]);

/** Alibaba Cloud Elasticsearch: the public endpoint is off by default, public Kibana is on by default. */
const elasticsearchWhitelists: Check<DatabaseConfig> = (p, ctx) => [
  ...publicWhitelist("enablePublic", "publicWhitelists", false)(p, ctx),
  ...publicWhitelist("enableKibanaPublicNetwork", "kibanaWhitelists", true)(p, ctx),
];

/** Global whitelist templates: one comma-separated list, bound to instances elsewhere, so open is open everywhere. */
const templateWhitelist = (field: string) => whitelists([field]);

/** True in a VPC (vpcOptions with subnets, possibly unknown ones), false with a public endpoint, undefined unknown. */
function inVpc(vpcOptions: unknown): boolean | undefined {
  if (isUnknown(vpcOptions)) return undefined;
  const o = obj(list(vpcOptions)[0]);
  if (!o) return false;
  return isUnknown(o.subnetIds) || list(o.subnetIds).length > 0;
}

/** OpenSearch / Elasticsearch domain: an access policy open to anyone matters only on a public endpoint. */
const searchDomain: Check<DatabaseConfig> = (p, ctx) => {
  const placement = inVpc(p.vpcOptions);
  if (placement === true) return [];
  const open = openAccessFindings("accessPolicies", p.accessPolicies, (f, v) => whitelistFindings(f, v, ctx.config));
  if (placement === undefined) {
    return open.length > 0 ? [unverifiable("vpcOptions", "the access policy admits anyone outside a VPC")] : [];
  }
  return open.map((f) =>
    f.unverifiable ? f : violation(`${f.message}; the domain has no vpcOptions, so its endpoint is public`),
  );
};

/**
 * A separate domain policy cannot show whether its domain is in a VPC, where an open policy is common and safe: an
 * open statement is a note (a violation with failClosed); accessPolicies on the Domain itself let the rule decide.
 */
const searchDomainPolicy: Check<DatabaseConfig> = (p, ctx) =>
  openAccessFindings("accessPolicies", p.accessPolicies, (f, v) => whitelistFindings(f, v, ctx.config)).map((f) =>
    f.unverifiable ? f : unverifiable("the domain's vpcOptions", `${f.message}; a DomainPolicy cannot show them`),
  );

/** Case step 3: twelve internet hosts connected straight to the databases. */
export const disallowPublicManagedDatabases = defineResourceRule<DatabaseConfig>({
  metadata: {
    name: "disallow-public-managed-databases",
    description:
      "Managed databases must not be reachable from the internet through a public endpoint, an open access policy or a whitelist entry admitting everyone or a broad public range.",
    details:
      "Managed databases must not be reachable from the internet: no RDS, Aurora (including Limitless shard groups), Redshift (including Serverless), Neptune (including Neptune Analytics graphs), Lightsail or Timestream for InfluxDB (instances and clusters), Amazon MQ broker or DMS replication instance or instance profile (these two public unless publiclyAccessible is false) publicly accessible endpoint, no Amazon MSK cluster with public access (SERVICE_PROVIDED_EIPS), no OpenSearch or Elasticsearch domain (or domain policy) outside a VPC whose access policy lets anyone in without a narrowing aws:SourceIp or aws:SourceVpc condition, and no Alibaba Cloud RDS (including replicas, clones and DR instances), PolarDB (including whitelist groups and applications), Redis (KVStore, Tair), MongoDB (including Serverless), AnalyticDB (MySQL including Lake and the older cluster, PostgreSQL including elastic instances, whitelist resources and Supabase projects), ClickHouse (including Enterprise whitelists), SelectDB, HBase, Lindorm (both instance resources), Cassandra, Graph Database or Elasticsearch (public endpoint and public Kibana) whitelist entry, no Hologres Internet endpoint (its whitelist cannot be set by the program, and none admits everyone), nor RDS, PolarDB, Redis or MongoDB global whitelist template entry, that is 0.0.0.0/0, a wildcard (%, *, 0.0.0.0, *.*.*.*), or a public range broader than /24, however the entries are separated (commas, semicolons or blanks) and even when other entries are unknown at preview.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "AWS: set publiclyAccessible (publicConnectivity on Neptune Analytics) to false, MSK publicAccess type to DISABLED, and reach the database, broker or migration instance from the application's security group.",
      "AWS OpenSearch / Elasticsearch: place the domain in a VPC (vpcOptions) or limit accessPolicies to IAM principals or an aws:SourceIp condition with exact addresses; prefer accessPolicies on the Domain to a separate DomainPolicy, which cannot show the VPC placement.",
      "Alibaba Cloud: replace 0.0.0.0/0 in securityIps / securityIpLists / ipWhite / ipWhiteLists / publicWhitelists / kibanaWhitelists, in whitelist groups (including Lindorm whiteIpLists) and in global whitelist templates (ipWhiteList, globalIpList, globalSecurityIpList) with the VPC or vSwitch CIDR of the application tier.",
      "Alibaba Cloud Hologres: leave the Internet endpoint out of endpoints (or set enabled: false) and connect over the VPC endpoint.",
      "Use a bastion, VPN or private link for administrator access; list exact partner addresses via allowCidrs.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "RDS.2" },
      { framework: "CIS Alibaba Cloud v2.0", id: "6.2" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 3,
  },
  configSchema: {
    allowCidrs: { ...CIDRS_SCHEMA, description: "Trusted public ranges allowed in whitelists." },
    minPublicPrefixV4: {
      ...PREFIX_SCHEMA(32),
      description: "Public IPv4 whitelist entries shorter than this fail (24).",
    },
    minPublicPrefixV6: {
      ...PREFIX_SCHEMA(128),
      description: "Public IPv6 whitelist entries shorter than this fail (48).",
    },
  },
  parseConfig: (r) => ({
    allowCidrs: r.cidrs("allowCidrs"),
    minPublicPrefixV4: r.integer("minPublicPrefixV4", 24, 0, 32),
    minPublicPrefixV6: r.integer("minPublicPrefixV6", 48, 0, 128),
  }),
  checks: {
    "aws:rds/instance:Instance": publiclyAccessible,
    "aws:rds/clusterInstance:ClusterInstance": publiclyAccessible,
    "aws:redshift/cluster:Cluster": publiclyAccessible,
    "aws:redshiftserverless/workgroup:Workgroup": publiclyAccessible,
    "aws:neptune/clusterInstance:ClusterInstance": publiclyAccessible,
    "aws:lightsail/database:Database": publiclyAccessible,
    "aws:timestreaminfluxdb/dbInstance:DbInstance": publiclyAccessible,
    "aws:timestreaminfluxdb/dbCluster:DbCluster": publiclyAccessible,
    // Aurora PostgreSQL Limitless shard groups have an endpoint of their own.
    "aws:rds/shardGroup:ShardGroup": publiclyAccessible,
    "aws:neptunegraph/graph:Graph": publicFlag("publicConnectivity"),
    // Brokers, streams and migration hosts hold the same data and credentials as the databases they serve.
    "aws:mq/broker:Broker": publiclyAccessible,
    "aws:msk/cluster:Cluster": mskPublicAccess,
    // DMS replication instances and instance profiles (Schema Conversion, homogeneous migrations) are public unless
    // told otherwise: the API's default is true.
    "aws:dms/replicationInstance:ReplicationInstance": publicFlag("publiclyAccessible", true),
    "aws:dms/instanceProfile:InstanceProfile": publicFlag("publiclyAccessible", true),
    // OpenSearch and the older Elasticsearch Service: public endpoint plus an access policy open to anyone.
    "aws:opensearch/domain:Domain": searchDomain,
    "aws:elasticsearch/domain:Domain": searchDomain,
    "aws:opensearch/domainPolicy:DomainPolicy": searchDomainPolicy,
    "aws:elasticsearch/domainPolicy:DomainPolicy": searchDomainPolicy,
    // RDS instances (replicas and disaster-recovery copies too) and PolarDB applications are created with the listed
    // entries as their whitelist whatever modifyMode says (it shapes only later changes), so a Delete still opens
    // them on a first deployment or a replacement.
    "alicloud:rds/instance:Instance": securityIps,
    // Replicas, clones, upgrades and disaster-recovery copies carry their own whitelist.
    "alicloud:rds/readOnlyInstance:ReadOnlyInstance": securityIps,
    "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance": securityIps,
    "alicloud:rds/rdsUpgradeDbInstance:RdsUpgradeDbInstance": securityIps,
    "alicloud:rds/ddrInstance:DdrInstance": securityIps,
    // Tair (Redis Enterprise) holds its whitelist as one comma-separated string. It is created with the default
    // whitelist and then given its entries with modifyMode, so a Delete removes them from the start.
    "alicloud:redis/tairInstance:TairInstance": modifiedWhitelist("securityIps"),
    "alicloud:kvstore/instance:Instance": securityIps,
    "alicloud:polardb/cluster:Cluster": polardbWhitelists,
    "alicloud:mongodb/instance:Instance": mongoWhitelists,
    "alicloud:mongodb/shardingInstance:ShardingInstance": mongoWhitelists,
    "alicloud:mongodb/serverlessInstance:ServerlessInstance": mongoWhitelists,
    // AnalyticDB for MySQL and for PostgreSQL, and ClickHouse.
    "alicloud:adb/dBCluster:DBCluster": securityIps,
    "alicloud:gpdb/instance:Instance": gpdbWhitelists,
    "alicloud:clickhouse/dbCluster:DbCluster": clickhouseWhitelists,
    "alicloud:adb/cluster:Cluster": securityIps,
    "alicloud:adb/dBClusterLakeVersion:DBClusterLakeVersion": securityIps,
    "alicloud:gpdb/elasticInstance:ElasticInstance": whitelists(["securityIpLists"]),
    "alicloud:gpdb/dbInstanceIpArray:DbInstanceIpArray": modifiedWhitelist("securityIpLists"),
    "alicloud:gpdb/supabaseProject:SupabaseProject": whitelists(["securityIpLists"]),
    "alicloud:polardb/application:Application": whitelists(["securityIpLists"]),
    "alicloud:clickhouseenterprisedbcluster/securityIp:SecurityIp": whitelists(["securityIpList"]),
    "alicloud:selectdb/dbInstance:DbInstance": whitelists(
      [],
      [{ field: "desiredSecurityIpLists", entries: "securityIpList" }],
    ),
    // Wide-column, graph and search stores.
    "alicloud:hbase/instance:Instance": whitelists(["ipWhite"]),
    "alicloud:lindorm/instance:Instance": whitelists(["ipWhiteLists"]),
    // The newer Lindorm resource holds named whitelist groups, each one comma-separated string.
    "alicloud:lindorm/instanceV2:InstanceV2": whitelists([], [{ field: "whiteIpLists", entries: "ipList" }]),
    "alicloud:cassandra/cluster:Cluster": whitelists(["ipWhite"]),
    "alicloud:graphdatabase/dbInstance:DbInstance": whitelists(
      [],
      [{ field: "dbInstanceIpArrays", entries: "securityIps" }],
    ),
    "alicloud:elasticsearch/instance:Instance": elasticsearchWhitelists,
    // Hologres takes no whitelist from the program: its Internet endpoint is open to every address.
    "alicloud:hologram/instance:Instance": hologresInternetEndpoint,
    // Global whitelist templates (RDS, PolarDB, Redis, MongoDB) exist only to be bound to instances.
    "alicloud:rds/whitelistTemplate:WhitelistTemplate": templateWhitelist("ipWhiteList"),
    "alicloud:polardb/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalIpList"),
    "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalIpList"),
    "alicloud:mongodb/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalSecurityIpList"),
  },
});
