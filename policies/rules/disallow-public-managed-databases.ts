import { internetSources } from "../../lib/cidr";
import { bool, isUnknown, list, obj, strings } from "../../lib/values";
import { CIDRS_SCHEMA, PREFIX_SCHEMA } from "../lib/config";
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

const securityIps: Check<DatabaseConfig> = (p, ctx) => whitelistFindings("securityIps", p.securityIps, ctx.config);

const mongoWhitelists: Check<DatabaseConfig> = (p, ctx) => {
  if (isUnknown(p.securityIpGroups)) return [unverifiable("securityIpGroups")];
  return [
    ...whitelistFindings("securityIpLists", p.securityIpLists, ctx.config),
    ...list(p.securityIpGroups).flatMap((g, i) =>
      whitelistFindings(`securityIpGroups[${i}].securityIpList`, obj(g)?.securityIpList, ctx.config),
    ),
  ];
};

/** Case step 3: twelve internet hosts connected straight to the databases. */
export const disallowPublicManagedDatabases = defineResourceRule<DatabaseConfig>({
  metadata: {
    name: "disallow-public-managed-databases",
    description:
      "Managed databases must not be reachable from the internet: no RDS publicly accessible endpoint, and no Alibaba Cloud RDS (including replicas, clones and DR instances), PolarDB, Redis (KVStore, Tair) or MongoDB whitelist entry that is 0.0.0.0/0, a wildcard, or a public range broader than /24.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "AWS: set publiclyAccessible to false and reach the database from the application's security group.",
      "Alibaba Cloud: replace 0.0.0.0/0 in securityIps / securityIpLists with the VPC or vSwitch CIDR of the application tier.",
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
    "alicloud:rds/instance:Instance": securityIps,
    // Replicas, clones, upgrades and disaster-recovery copies carry their own whitelist.
    "alicloud:rds/readOnlyInstance:ReadOnlyInstance": securityIps,
    "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance": securityIps,
    "alicloud:rds/rdsUpgradeDbInstance:RdsUpgradeDbInstance": securityIps,
    "alicloud:rds/ddrInstance:DdrInstance": securityIps,
    // Tair (Redis Enterprise) holds its whitelist as one comma-separated string.
    "alicloud:redis/tairInstance:TairInstance": securityIps,
    "alicloud:kvstore/instance:Instance": securityIps,
    "alicloud:polardb/cluster:Cluster": securityIps,
    "alicloud:mongodb/instance:Instance": mongoWhitelists,
    "alicloud:mongodb/shardingInstance:ShardingInstance": mongoWhitelists,
  },
});
