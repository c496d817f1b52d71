import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { Case, run, table, UNKNOWN } from "./harness";

const RDS = "aws:rds/instance:Instance";
const ALI_RDS = "alicloud:rds/instance:Instance";
const REDIS = "alicloud:kvstore/instance:Instance";
const MONGO = "alicloud:mongodb/instance:Instance";
const MONGO_SHARDED = "alicloud:mongodb/shardingInstance:ShardingInstance";
const POLARDB = "alicloud:polardb/cluster:Cluster";

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
  ] as Case[]);

  it("accepts allow-listed partner ranges", async () => {
    const props = { securityIps: ["47.96.0.0/16"] };
    expect(
      await run(disallowPublicManagedDatabases, ALI_RDS, props, { config: { allowCidrs: ["47.96.0.0/16"] } }),
    ).toHaveLength(0);
  });
});
