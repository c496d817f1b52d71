import { internetSources } from "../../lib/cidr";
import { bool, isUnknown, list, obj, strings } from "../../lib/values";
import { CIDRS_SCHEMA, PREFIX_SCHEMA } from "../lib/config";
import { openAccessFindings } from "../lib/database-access-policy";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

interface DatabaseConfig {
  allowCidrs: string[];
  minPublicPrefixV4: number;
  minPublicPrefixV6: number;
}

/** Whitelist entries meaning "anyone" in Alibaba Cloud database consoles and APIs. */
const WILDCARDS = new Set(["%", "*", "0.0.0.0"]);

/** Whitelist fields hold lists of strings, each of which may itself be comma-separated. */
function whitelistFindings(field: string, value: unknown, c: DatabaseConfig): Finding[] {
  if (isUnknown(value)) return [unverifiable(field)];
  const entries = strings(value).flatMap((s) => (isUnknown(s) ? [s] : s.split(",").map((x) => x.trim())));
  if (entries.some(isUnknown)) return [unverifiable(`an entry of ${field}`)];
  const opts = { allow: c.allowCidrs, minPrefixV4: c.minPublicPrefixV4, minPrefixV6: c.minPublicPrefixV6 };
  const open = [
    ...entries.filter((e) => WILDCARDS.has(e)),
    ...internetSources(
      entries.filter((e) => !WILDCARDS.has(e)),
      opts,
    ),
  ];
  return open.length > 0 ? [violation(`${field} admits the internet or a broad public range: ${open.join(", ")}`)] : [];
}

const publiclyAccessible: Check<DatabaseConfig> = (p) => {
  if (isUnknown(p.publiclyAccessible)) return [unverifiable("publiclyAccessible")];
  return bool(p.publiclyAccessible) === true
    ? [violation("publiclyAccessible is true: the endpoint gets a public address")]
    : [];
};

interface WhitelistGroups {
  /** The list of groups, e.g. `securityIpGroups`. */
  field: string;
  /** The whitelist inside each group, e.g. `securityIpList`. */
  entries: string;
  /** True when a group removes rather than admits its entries; undefined when that is unknown at preview. */
  removes?: (group: Record<string, unknown>) => boolean | undefined;
}

/** Named whitelist groups: each group's own whitelist is read with the same parsing as a top-level one. */
function groupFindings(spec: WhitelistGroups, groups: unknown, c: DatabaseConfig): Finding[] {
  if (isUnknown(groups)) return [unverifiable(spec.field)];
  return list(groups).flatMap((g, i) => {
    const at = `${spec.field}[${i}]`;
    if (isUnknown(g)) return [unverifiable(at)];
    const group = obj(g) ?? {};
    const removes = spec.removes ? spec.removes(group) : false;
    if (removes === true) return [];
    const findings = whitelistFindings(`${at}.${spec.entries}`, group[spec.entries], c);
    // An open entry whose group may only be removing it is a note, not a violation.
    return removes === undefined && findings.some((f) => !f.unverifiable)
      ? [unverifiable(`the mode of ${at}`)]
      : findings;
  });
}

/** A check reading top-level whitelist fields and whitelist-group fields, each optional. */
function whitelists(fields: string[], groups: WhitelistGroups[] = []): Check<DatabaseConfig> {
  return (p, ctx) => [
    ...fields.flatMap((f) => whitelistFindings(f, p[f], ctx.config)),
    ...groups.flatMap((g) => groupFindings(g, p[g.field], ctx.config)),
  ];
}

const securityIps = whitelists(["securityIps"]);

const mongoWhitelists = whitelists(["securityIpLists"], [{ field: "securityIpGroups", entries: "securityIpList" }]);

/** PolarDB whitelist groups (dbClusterIpArrays) may set modifyMode "Delete", which removes their entries. */
const polardbWhitelists = whitelists(
  ["securityIps"],
  [
    {
      field: "dbClusterIpArrays",
      entries: "securityIps",
      removes: (g) => (isUnknown(g.modifyMode) ? undefined : g.modifyMode === "Delete"),
    },
  ],
);

/** AnalyticDB for PostgreSQL: the deprecated securityIpLists and the ipWhitelists groups. */
const gpdbWhitelists = whitelists(["securityIpLists"], [{ field: "ipWhitelists", entries: "securityIpList" }]);

const clickhouseWhitelists = whitelists([], [{ field: "dbClusterAccessWhiteLists", entries: "securityIpList" }]);

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
      "Managed databases must not be reachable from the internet: no RDS, Aurora, Redshift (including Serverless), Neptune, Lightsail or Timestream for InfluxDB publicly accessible endpoint, no OpenSearch or Elasticsearch domain (or domain policy) outside a VPC whose access policy lets anyone in without a narrowing aws:SourceIp or aws:SourceVpc condition, and no Alibaba Cloud RDS (including replicas, clones and DR instances), PolarDB (including whitelist groups), Redis (KVStore, Tair), MongoDB (including Serverless), AnalyticDB (MySQL, PostgreSQL) or ClickHouse whitelist entry, nor RDS, PolarDB, Redis or MongoDB global whitelist template entry, that is 0.0.0.0/0, a wildcard, or a public range broader than /24.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "AWS: set publiclyAccessible to false and reach the database from the application's security group.",
      "AWS OpenSearch / Elasticsearch: place the domain in a VPC (vpcOptions) or limit accessPolicies to IAM principals or an aws:SourceIp condition with exact addresses; prefer accessPolicies on the Domain to a separate DomainPolicy, which cannot show the VPC placement.",
      "Alibaba Cloud: replace 0.0.0.0/0 in securityIps / securityIpLists, in whitelist groups and in global whitelist templates (ipWhiteList, globalIpList, globalSecurityIpList) with the VPC or vSwitch CIDR of the application tier.",
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
    // OpenSearch and the older Elasticsearch Service: public endpoint plus an access policy open to anyone.
    "aws:opensearch/domain:Domain": searchDomain,
    "aws:elasticsearch/domain:Domain": searchDomain,
    "aws:opensearch/domainPolicy:DomainPolicy": searchDomainPolicy,
    "aws:elasticsearch/domainPolicy:DomainPolicy": searchDomainPolicy,
    "alicloud:rds/instance:Instance": securityIps,
    // Replicas, clones, upgrades and disaster-recovery copies carry their own whitelist.
    "alicloud:rds/readOnlyInstance:ReadOnlyInstance": securityIps,
    "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance": securityIps,
    "alicloud:rds/rdsUpgradeDbInstance:RdsUpgradeDbInstance": securityIps,
    "alicloud:rds/ddrInstance:DdrInstance": securityIps,
    // Tair (Redis Enterprise) holds its whitelist as one comma-separated string.
    "alicloud:redis/tairInstance:TairInstance": securityIps,
    "alicloud:kvstore/instance:Instance": securityIps,
    "alicloud:polardb/cluster:Cluster": polardbWhitelists,
    "alicloud:mongodb/instance:Instance": mongoWhitelists,
    "alicloud:mongodb/shardingInstance:ShardingInstance": mongoWhitelists,
    "alicloud:mongodb/serverlessInstance:ServerlessInstance": mongoWhitelists,
    // AnalyticDB for MySQL and for PostgreSQL, and ClickHouse.
    "alicloud:adb/dBCluster:DBCluster": securityIps,
    "alicloud:gpdb/instance:Instance": gpdbWhitelists,
    "alicloud:clickhouse/dbCluster:DbCluster": clickhouseWhitelists,
    // Global whitelist templates (RDS, PolarDB, Redis, MongoDB) exist only to be bound to instances.
    "alicloud:rds/whitelistTemplate:WhitelistTemplate": templateWhitelist("ipWhiteList"),
    "alicloud:polardb/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalIpList"),
    "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalIpList"),
    "alicloud:mongodb/globalSecurityIpGroup:GlobalSecurityIpGroup": templateWhitelist("globalSecurityIpList"),
  },
});
