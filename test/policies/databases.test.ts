import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import fc from "fast-check";
import { bagOf, Shape } from "../fuzz/shape";
import { Case, run, table, UNKNOWN } from "./harness";

const RDS = "aws:rds/instance:Instance";
const ALI_RDS = "alicloud:rds/instance:Instance";
const REDIS = "alicloud:kvstore/instance:Instance";
const MONGO = "alicloud:mongodb/instance:Instance";
const MONGO_SHARDED = "alicloud:mongodb/shardingInstance:ShardingInstance";
const POLARDB = "alicloud:polardb/cluster:Cluster";
// Type tokens as each class's __pulumiType in @pulumi/aws 7.48 and @pulumi/alicloud 3.108.
const REDSHIFT_SERVERLESS = "aws:redshiftserverless/workgroup:Workgroup";
const LIGHTSAIL_DB = "aws:lightsail/database:Database";
const NEPTUNE = "aws:neptune/clusterInstance:ClusterInstance";
const INFLUXDB = "aws:timestreaminfluxdb/dbInstance:DbInstance";
const GPDB = "alicloud:gpdb/instance:Instance";
const ADB = "alicloud:adb/dBCluster:DBCluster";
const MONGO_SERVERLESS = "alicloud:mongodb/serverlessInstance:ServerlessInstance";
const CLICKHOUSE = "alicloud:clickhouse/dbCluster:DbCluster";
const OPENSEARCH = "aws:opensearch/domain:Domain";
const OPENSEARCH_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
const ELASTICSEARCH = "aws:elasticsearch/domain:Domain";
const ELASTICSEARCH_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";
const RDS_TEMPLATE = "alicloud:rds/whitelistTemplate:WhitelistTemplate";
const POLARDB_TEMPLATE = "alicloud:polardb/globalSecurityIpGroup:GlobalSecurityIpGroup";
const REDIS_TEMPLATE = "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup";
const MONGO_TEMPLATE = "alicloud:mongodb/globalSecurityIpGroup:GlobalSecurityIpGroup";

const DOMAIN_ARN = "arn:aws:es:eu-west-1:123456789012:domain/search/*";
/** One Allow statement of a domain access policy. */
const allow = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: "es:*",
  Resource: DOMAIN_ARN,
  ...extra,
});
const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const json = (...statements: unknown[]) => JSON.stringify(doc(...statements));
const sourceIp = (ips: unknown) => ({ Condition: { IpAddress: { "aws:SourceIp": ips } } });
const VPC = { subnetIds: ["subnet-0a1b2c3d"], securityGroupIds: ["sg-0a1b2c3d"] };

/** A publicly accessible flag: open, private twin, and unknown at preview. */
const publicFlagCases = (label: string, type: string): Case[] => [
  { name: `${label} publicly accessible`, type, props: { publiclyAccessible: true }, violations: 1 },
  { name: `${label} publicly accessible as a string`, type, props: { publiclyAccessible: "true" }, violations: 1 },
  { name: `${label} private`, type, props: { publiclyAccessible: false }, violations: 0 },
  { name: `${label} default is private`, type, props: {}, violations: 0 },
  { name: `${label} unknown flag is a note`, type, props: { publiclyAccessible: UNKNOWN }, violations: 0, notes: 1 },
];

/** A whitelist reached through `wrap`: open, private twin, wildcard, unknown value and unknown entry. */
const whitelistCases = (label: string, type: string, wrap: (v: unknown) => Record<string, unknown>): Case[] => [
  { name: `${label} open`, type, props: wrap("0.0.0.0/0"), violations: 1, mentions: "0.0.0.0/0" },
  { name: `${label} open in a comma list`, type, props: wrap("10.0.0.0/8,0.0.0.0/0"), violations: 1 },
  { name: `${label} wildcard %`, type, props: wrap("%"), violations: 1 },
  { name: `${label} broad public /16`, type, props: wrap("47.96.0.0/16"), violations: 1 },
  { name: `${label} on the VPC`, type, props: wrap("172.16.0.0/12,10.0.0.0/8"), violations: 0 },
  { name: `${label} exact public host`, type, props: wrap("47.96.1.10"), violations: 0 },
  { name: `${label} unknown is a note`, type, props: wrap(UNKNOWN), violations: 0, notes: 1 },
];

describe("disallow-public-managed-databases", () => {
  table(disallowPublicManagedDatabases, [
    { name: "RDS publicly accessible", type: RDS, props: { engine: "mysql", publiclyAccessible: true }, violations: 1 },
    { name: "RDS private", type: RDS, props: { engine: "mysql", publiclyAccessible: false }, violations: 0 },
    { name: "RDS default is private", type: RDS, props: { engine: "postgres" }, violations: 0 },
    { name: "RDS unknown flag is a note", type: RDS, props: { publiclyAccessible: UNKNOWN }, violations: 0, notes: 1 },
    {
      name: "Aurora instance public",
      type: "aws:rds/clusterInstance:ClusterInstance",
      props: { publiclyAccessible: true },
      violations: 1,
    },
    {
      name: "Alicloud RDS whitelist 0.0.0.0/0",
      type: ALI_RDS,
      props: { securityIps: ["10.0.0.0/8", "0.0.0.0/0"] },
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "Alicloud RDS whitelist comma list",
      type: ALI_RDS,
      props: { securityIps: ["10.0.0.1,0.0.0.0/0"] },
      violations: 1,
    },
    {
      name: "Alicloud RDS split internet",
      type: ALI_RDS,
      props: { securityIps: ["0.0.0.0/1", "128.0.0.0/1"] },
      violations: 1,
    },
    { name: "Alicloud RDS wildcard %", type: ALI_RDS, props: { securityIps: ["%"] }, violations: 1 },
    {
      name: "Alicloud RDS read-only replica open",
      type: "alicloud:rds/readOnlyInstance:ReadOnlyInstance",
      props: { securityIps: ["0.0.0.0/0"] },
      violations: 1,
    },
    {
      name: "Alicloud RDS read-only replica on the VPC",
      type: "alicloud:rds/readOnlyInstance:ReadOnlyInstance",
      props: { securityIps: ["172.16.0.0/12"] },
      violations: 0,
    },
    {
      name: "Alicloud RDS clone open to a /8",
      type: "alicloud:rds/rdsCloneDbInstance:RdsCloneDbInstance",
      props: { securityIps: ["47.0.0.0/8"] },
      violations: 1,
    },
    {
      name: "Alicloud RDS upgrade copy open",
      type: "alicloud:rds/rdsUpgradeDbInstance:RdsUpgradeDbInstance",
      props: { securityIps: ["0.0.0.0/0"] },
      violations: 1,
    },
    {
      name: "Alicloud RDS disaster-recovery instance open",
      type: "alicloud:rds/ddrInstance:DdrInstance",
      props: { securityIps: ["0.0.0.0/0"] },
      violations: 1,
    },
    {
      name: "Tair whitelist as one comma-separated string",
      type: "alicloud:redis/tairInstance:TairInstance",
      props: { securityIps: "10.0.0.0/8,0.0.0.0/0" },
      violations: 1,
      mentions: "0.0.0.0/0",
    },
    {
      name: "Tair whitelist on the VPC",
      type: "alicloud:redis/tairInstance:TairInstance",
      props: { securityIps: "172.16.0.0/12,10.0.0.0/8" },
      violations: 0,
    },
    {
      name: "Tair unknown whitelist is a note",
      type: "alicloud:redis/tairInstance:TairInstance",
      props: { securityIps: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    { name: "Alicloud RDS broad public /16", type: ALI_RDS, props: { securityIps: ["47.96.0.0/16"] }, violations: 1 },
    {
      name: "Alicloud RDS VPC only",
      type: ALI_RDS,
      props: { securityIps: ["172.16.0.0/12", "10.1.0.0/16"] },
      violations: 0,
    },
    { name: "Alicloud RDS default localhost", type: ALI_RDS, props: { securityIps: ["127.0.0.1"] }, violations: 0 },
    {
      name: "Alicloud RDS two exact public hosts",
      type: ALI_RDS,
      props: { securityIps: ["47.96.1.10", "47.96.1.11/32"] },
      violations: 0,
    },
    {
      name: "Alicloud RDS unknown entry is a note",
      type: ALI_RDS,
      props: { securityIps: ["10.0.0.0/8", UNKNOWN] },
      violations: 0,
      notes: 1,
    },
    { name: "Redis open to IPv6 internet", type: REDIS, props: { securityIps: ["::/0"] }, violations: 1 },
    { name: "Redis private", type: REDIS, props: { securityIps: ["192.168.0.0/16"] }, violations: 0 },
    { name: "MongoDB list open", type: MONGO, props: { securityIpLists: ["0.0.0.0/0"] }, violations: 1 },
    {
      name: "MongoDB group open",
      type: MONGO,
      props: { securityIpGroups: [{ securityIpGroupName: "g", securityIpList: "10.0.0.0/8,0.0.0.0/0" }] },
      violations: 1,
    },
    { name: "MongoDB private", type: MONGO, props: { securityIpLists: ["10.0.0.0/8"] }, violations: 0 },
    { name: "sharded MongoDB open", type: MONGO_SHARDED, props: { securityIpLists: ["0.0.0.0/0"] }, violations: 1 },
    { name: "PolarDB open", type: POLARDB, props: { securityIps: ["0.0.0.0/0"] }, violations: 1 },
    {
      name: "MongoDB list still fails when its groups are unknown",
      type: MONGO,
      props: { securityIpLists: ["0.0.0.0/0"], securityIpGroups: UNKNOWN },
      violations: 1,
      notes: 1,
    },
    {
      name: "MongoDB unknown group is a note",
      type: MONGO,
      props: { securityIpGroups: [{ securityIpGroupName: "g", securityIpList: "10.0.0.0/8" }, UNKNOWN] },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  describe("Alibaba Cloud whitelist entries no reader understands are notes, never passed", () => {
    table(disallowPublicManagedDatabases, [
      ...["0/0", "0.0.0.0/0.0.0.0", "000.000.000.000/0", "10.0.0.1|0.0.0.0/0", "300.%.%.%", "any"].map(
        (entry): Case => ({
          name: `RDS entry ${JSON.stringify(entry)} is a note naming it`,
          type: ALI_RDS,
          props: { securityIps: ["10.0.0.0/8", entry] },
          violations: 0,
          notes: 1,
        }),
      ),
      {
        name: "an unreadable entry beside 0.0.0.0/0 still fails on the open entry",
        type: ALI_RDS,
        props: { securityIps: ["0/0", "0.0.0.0/0"] },
        violations: 1,
        mentions: "securityIps admits the internet or a broad public range: 0.0.0.0/0",
      },
      {
        name: "an unreadable entry in a Tair string list is a note",
        type: "alicloud:redis/tairInstance:TairInstance",
        props: { securityIps: "10.0.0.0/8;0.0.0.0/0.0.0.0" },
        violations: 0,
        notes: 1,
      },
      {
        name: "private entries separated by semicolons and blanks pass",
        type: ALI_RDS,
        props: { securityIps: ["10.0.0.0/8; 192.168.0.0/16", "172.16.0.0/12 127.0.0.1"] },
        violations: 0,
      },
      {
        name: "a private wildcard pattern passes",
        type: ALI_RDS,
        props: { securityIps: ["192.168.1.%"] },
        violations: 0,
      },
    ]);

    it("names the field, the entry and the canonical form", async () => {
      const [note] = await run(disallowPublicManagedDatabases, ALI_RDS, { securityIps: ["0/0"] });
      expect(note.message).toContain('securityIps entry "0/0" is not an address, a CIDR block or a wildcard');
      expect(note.message).toContain("canonical form");
    });

    it("quotes a few unreadable entries of a long list and counts the rest", async () => {
      const entries = Array.from({ length: 1000 }, (_, i) => `host-${i}`);
      const [note] = await run(disallowPublicManagedDatabases, ALI_RDS, { securityIps: [entries.join(",")] });
      expect(note.message).toContain('"host-0", "host-1", "host-2", "host-3", "host-4" and 995 more');
      expect(note.message).not.toContain("host-5");
    });
  });

  describe("AWS publicly accessible endpoints", () => {
    table(disallowPublicManagedDatabases, [
      ...publicFlagCases("Redshift Serverless workgroup", REDSHIFT_SERVERLESS),
      ...publicFlagCases("Lightsail database", LIGHTSAIL_DB),
      ...publicFlagCases("Neptune instance", NEPTUNE),
      ...publicFlagCases("Timestream for InfluxDB instance", INFLUXDB),
    ]);
  });

  describe("Alibaba Cloud whitelists", () => {
    const group = (name: string, value: unknown) => ({ dbClusterIpArrayName: name, securityIps: [value] });
    table(disallowPublicManagedDatabases, [
      ...whitelistCases("PolarDB whitelist group", POLARDB, (v) => ({ dbClusterIpArrays: [group("app", v)] })),
      {
        name: "PolarDB second whitelist group open",
        type: POLARDB,
        props: { securityIps: ["10.0.0.0/8"], dbClusterIpArrays: [group("app", "10.1.0.0/16"), group("ops", "%")] },
        violations: 1,
        mentions: "dbClusterIpArrays[1]",
      },
      {
        name: "PolarDB group deleting an open entry",
        type: POLARDB,
        props: { dbClusterIpArrays: [{ ...group("app", "0.0.0.0/0"), modifyMode: "Delete" }] },
        violations: 0,
      },
      {
        name: "PolarDB group appending an open entry",
        type: POLARDB,
        props: { dbClusterIpArrays: [{ ...group("app", "0.0.0.0/0"), modifyMode: "Append" }] },
        violations: 1,
      },
      {
        name: "PolarDB group with an unknown mode and an open entry is a note",
        type: POLARDB,
        props: { dbClusterIpArrays: [{ ...group("app", "0.0.0.0/0"), modifyMode: UNKNOWN }] },
        violations: 0,
        notes: 1,
      },
      {
        name: "PolarDB unknown whitelist groups",
        type: POLARDB,
        props: { dbClusterIpArrays: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      ...whitelistCases("AnalyticDB for PostgreSQL securityIpLists", GPDB, (v) => ({ securityIpLists: [v] })),
      ...whitelistCases("AnalyticDB for PostgreSQL ipWhitelists", GPDB, (v) => ({
        ipWhitelists: [{ ipGroupName: "default", securityIpList: v }],
      })),
      ...whitelistCases("AnalyticDB for MySQL", ADB, (v) => ({ securityIps: [v] })),
      ...whitelistCases("MongoDB Serverless", MONGO_SERVERLESS, (v) => ({
        securityIpGroups: [{ securityIpGroupName: "open", securityIpList: v }],
      })),
      ...whitelistCases("ClickHouse", CLICKHOUSE, (v) => ({ dbClusterAccessWhiteLists: [{ securityIpList: v }] })),
      {
        name: "ClickHouse unknown whitelist groups",
        type: CLICKHOUSE,
        props: { dbClusterAccessWhiteLists: UNKNOWN },
        violations: 0,
        notes: 1,
      },
    ]);
  });

  describe("OpenSearch and Elasticsearch domains", () => {
    /** The same access policies judged on a public domain, on a VPC twin, and on a domain policy. */
    const policyCases = (label: string, accessPolicies: unknown, open: number, notes = 0): Case[] => [
      { name: `${label}: public domain`, type: OPENSEARCH, props: { accessPolicies }, violations: open, notes },
      {
        name: `${label}: domain in a VPC passes`,
        type: OPENSEARCH,
        props: { accessPolicies, vpcOptions: VPC },
        violations: 0,
      },
      {
        name: `${label}: Elasticsearch domain`,
        type: ELASTICSEARCH,
        props: { accessPolicies, domainName: "search" },
        violations: open,
        notes,
      },
      // A domain policy cannot show the domain's VPC placement: an open statement is a note, not a violation.
      {
        name: `${label}: domain policy`,
        type: OPENSEARCH_POLICY,
        props: { accessPolicies },
        violations: 0,
        notes: open + notes,
      },
      {
        name: `${label}: Elasticsearch domain policy`,
        type: ELASTICSEARCH_POLICY,
        props: { accessPolicies },
        violations: 0,
        notes: open + notes,
      },
    ];
    table(disallowPublicManagedDatabases, [
      // Known bad.
      ...policyCases("AWS * principal, es:*", json(allow()), 1),
      ...policyCases("bare * principal, es:ESHttp*", json(allow({ Principal: "*", Action: "es:ESHttp*" })), 1),
      ...policyCases(
        "principal list with *, ESHttpGet",
        json(allow({ Principal: { AWS: ["*"] }, Action: ["es:ESHttpGet"] })),
        1,
      ),
      ...policyCases("policy as an object", doc(allow()), 1),
      ...policyCases("single statement object", JSON.stringify({ Statement: allow({ Action: "*" }) }), 1),
      ...policyCases("SourceIp 0.0.0.0/0", json(allow(sourceIp("0.0.0.0/0"))), 1),
      ...policyCases("SourceIp with a broad public /16", json(allow(sourceIp(["10.0.0.0/8", "47.96.0.0/16"]))), 1),
      ...policyCases(
        "NotPrincipal allow",
        json(allow({ Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1:root" } })),
        1,
      ),
      ...policyCases(
        "NotAction leaving HTTP reads",
        json(allow({ Action: undefined, NotAction: "es:ESHttpDelete" })),
        1,
      ),
      ...policyCases(
        "SourceVpc only IfExists",
        json(allow({ Condition: { StringEqualsIfExists: { "aws:SourceVpc": "vpc-1" } } })),
        1,
      ),
      ...policyCases(
        "SourceIp 0.0.0.0/0 under ForAnyValue:IpAddress",
        json(allow({ Condition: { "ForAnyValue:IpAddress": { "aws:SourceIp": "0.0.0.0/0" } } })),
        1,
      ),
      ...policyCases(
        "SourceVpc under ForAllValues (true when the key is absent)",
        json(allow({ Condition: { "ForAllValues:StringEquals": { "aws:SourceVpc": "vpc-1" } } })),
        1,
      ),
      ...policyCases("unrelated condition", json(allow({ Condition: { Bool: { "aws:SecureTransport": "true" } } })), 1),
      ...policyCases(
        "any AWS account via PrincipalAccount *",
        json(allow({ Condition: { StringLike: { "aws:PrincipalAccount": "*" } } })),
        1,
      ),
      ...policyCases("two open statements", json(allow(), allow({ Action: "es:ESHttpPost" })), 2),
      // Known good twins.
      ...policyCases("IAM principal", json(allow({ Principal: { AWS: "arn:aws:iam::123456789012:role/app" } })), 0),
      ...policyCases("SourceIp on exact public hosts", json(allow(sourceIp(["203.0.113.7/32", "198.51.100.0/24"]))), 0),
      ...policyCases("SourceIp private ranges", json(allow(sourceIp("10.0.0.0/8"))), 0),
      ...policyCases(
        "SourceVpc condition",
        json(allow({ Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } })),
        0,
      ),
      // IAM spells the set operator ForAnyValue (singular): on a key an anonymous request lacks it never matches.
      ...policyCases(
        "SourceVpc under ForAnyValue:StringEquals",
        json(allow({ Condition: { "ForAnyValue:StringEquals": { "aws:SourceVpc": "vpc-1" } } })),
        0,
      ),
      ...policyCases(
        "SourceIp on exact hosts under ForAnyValue:IpAddress",
        json(allow({ Condition: { "ForAnyValue:IpAddress": { "aws:SourceIp": ["203.0.113.7/32"] } } })),
        0,
      ),
      ...policyCases(
        "PrincipalOrgID condition",
        json(allow({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } })),
        0,
      ),
      ...policyCases("Deny statement", json(allow({ Effect: "Deny" })), 0),
      ...policyCases("control-plane action only", json(allow({ Action: "es:DescribeDomain" })), 0),
      ...policyCases("no access policy", undefined, 0),
      ...policyCases("malformed JSON", "{not json", 0),
      // Unknown at preview.
      ...policyCases("unknown policy", UNKNOWN, 0, 1),
      ...policyCases("unknown principal", doc(allow({ Principal: UNKNOWN })), 0, 1),
      ...policyCases("unknown SourceIp", doc(allow(sourceIp(UNKNOWN))), 0, 1),
      ...policyCases("unknown statements", { Version: "2012-10-17", Statement: UNKNOWN }, 0, 1),
      ...policyCases(
        "SourceVpc unknown at preview still narrows",
        doc(allow({ Condition: { StringEquals: { "aws:SourceVpc": UNKNOWN } } })),
        0,
      ),
      ...policyCases(
        "unknown PrincipalAccount",
        doc(allow({ Condition: { StringEquals: { "aws:PrincipalAccount": UNKNOWN } } })),
        0,
        1,
      ),
      ...policyCases("unknown resource only", doc(allow({ Resource: UNKNOWN })), 1),
      {
        name: "open policy mentions the statement",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow({ Principal: "*", Action: "es:ESHttpGet" })) },
        violations: 1,
        mentions: "accessPolicies.Statement[0]",
      },
      {
        name: "broad SourceIp is named",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow(sourceIp("0.0.0.0/0"))) },
        violations: 1,
        mentions: "0.0.0.0/0",
      },
      {
        name: "open policy with unknown vpcOptions is a note",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow()), vpcOptions: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "closed policy with unknown vpcOptions passes",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow({ Principal: { AWS: "arn:aws:iam::1:role/app" } })), vpcOptions: UNKNOWN },
        violations: 0,
      },
      {
        name: "VPC domain with subnets unknown at preview passes",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow()), vpcOptions: { subnetIds: UNKNOWN } },
        violations: 0,
      },
      {
        name: "vpcOptions without subnets is still public",
        type: OPENSEARCH,
        props: { accessPolicies: json(allow()), vpcOptions: { subnetIds: [] } },
        violations: 1,
      },
    ]);

    it("accepts an allow-listed partner range in a SourceIp condition", async () => {
      const props = { accessPolicies: json(allow(sourceIp("47.96.0.0/16"))) };
      const config = { allowCidrs: ["47.96.0.0/16"] };
      expect(await run(disallowPublicManagedDatabases, OPENSEARCH, props, { config })).toHaveLength(0);
    });
  });

  describe("Alibaba Cloud global whitelist templates", () => {
    table(disallowPublicManagedDatabases, [
      ...whitelistCases("RDS whitelist template", RDS_TEMPLATE, (v) => ({ templateName: "t", ipWhiteList: v })),
      ...whitelistCases("PolarDB global IP whitelist template", POLARDB_TEMPLATE, (v) => ({
        globalIpGroupName: "t",
        globalIpList: v,
      })),
      ...whitelistCases("Redis global IP whitelist template", REDIS_TEMPLATE, (v) => ({
        globalIpGroupName: "t",
        globalIpList: v,
      })),
      ...whitelistCases("MongoDB global IP whitelist template", MONGO_TEMPLATE, (v) => ({
        globalIgName: "t",
        globalSecurityIpList: v,
      })),
      { name: "PolarDB template wildcard *", type: POLARDB_TEMPLATE, props: { globalIpList: "*" }, violations: 1 },
      { name: "MongoDB template without a list", type: MONGO_TEMPLATE, props: { globalIgName: "t" }, violations: 0 },
    ]);
  });

  it("accepts allow-listed partner ranges in whitelist groups", async () => {
    const props = { dbClusterAccessWhiteLists: [{ securityIpList: "47.96.0.0/16" }] };
    const config = { allowCidrs: ["47.96.0.0/16"] };
    expect(await run(disallowPublicManagedDatabases, CLICKHOUSE, props, { config })).toHaveLength(0);
  });

  // The pack-wide fuzzer only covers types listed in test/fuzz; these shapes keep the new types from crashing meanwhile.
  it("never throws on hostile inputs for the newer database types", async () => {
    const group: Shape = { securityIpList: "cidrCommaList", securityIpGroupName: "string" };
    const shapes: Record<string, Shape> = {
      [REDSHIFT_SERVERLESS]: { publiclyAccessible: "bool" },
      [LIGHTSAIL_DB]: { publiclyAccessible: "bool" },
      [NEPTUNE]: { publiclyAccessible: "bool" },
      [INFLUXDB]: { publiclyAccessible: "bool" },
      [POLARDB]: {
        securityIps: "strings",
        dbClusterIpArrays: { arrayOf: { securityIps: "cidrs", modifyMode: { oneOf: ["Cover", "Append", "Delete"] } } },
      },
      [GPDB]: { securityIpLists: "cidrs", ipWhitelists: { arrayOf: group } },
      [ADB]: { securityIps: "cidrs" },
      [MONGO_SERVERLESS]: { securityIpGroups: { arrayOf: group } },
      [CLICKHOUSE]: { dbClusterAccessWhiteLists: { arrayOf: group } },
      [OPENSEARCH]: { accessPolicies: "policyDocument", vpcOptions: { object: { subnetIds: "strings" } } },
      [ELASTICSEARCH]: { accessPolicies: "policyDocument", vpcOptions: { object: { subnetIds: "strings" } } },
      [OPENSEARCH_POLICY]: { accessPolicies: "policyDocument", domainName: "string" },
      [ELASTICSEARCH_POLICY]: { accessPolicies: "policyDocument", domainName: "string" },
    };
    const bags = fc
      .constantFrom(...Object.keys(shapes))
      .chain((type) => bagOf(shapes[type]).map((props) => ({ type, props })));
    await fc.assert(
      fc.asyncProperty(bags, async ({ type, props }) => {
        await run(disallowPublicManagedDatabases, type, props);
      }),
      { seed: 20_261_128, numRuns: 150 },
    );
  }, 60_000);

  it("accepts allow-listed partner ranges", async () => {
    const props = { securityIps: ["47.96.0.0/16"] };
    expect(
      await run(disallowPublicManagedDatabases, ALI_RDS, props, { config: { allowCidrs: ["47.96.0.0/16"] } }),
    ).toHaveLength(0);
  });
});
