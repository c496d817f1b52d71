// Adversarial probes of the Alibaba Cloud forms of the case (@pulumi/alicloud 3.108): scripts run on hosts by OOS
// executions, EFLO invocations and parameterised Cloud Assistant commands, databases opened by public endpoint
// resources of their own or by endpoints that take no whitelist, server groups reached only through listener
// forwarding rules, and hosts other than ECS instances (container groups, instance sets, node pools, instances behind
// a HaVip) given a public address. Each row is one way of writing a weakness, or its secure twin, with the verdict the
// pack must give; rows marked "already closed" passed before this round and stay as expectations.
import { UNKNOWN } from "../../lib/reachability";
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, ecsPrefixList, rule } from "../reachability/alicloud-fixtures";
import { StackBuilder, ref } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { combinedTable } from "./combined-table";
import { Case, table } from "./harness";

const OPEN_ROOT = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config";
const HARDEN = "echo 'PasswordAuthentication no' >> /etc/ssh/sshd_config";
const base64 = (s: string) => Buffer.from(s).toString("base64");

const OOS_EXECUTION = "alicloud:oos/execution:Execution";
const BULKY_RUN_COMMAND = "ACS-ECS-BulkyRunCommand";
const runCommandParameters = (commandContent: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    regionId: "cn-hangzhou",
    targets: { Type: "ResourceIds", ResourceIds: ["i-bp1abc"] },
    commandType: "RunShellScript",
    commandContent,
    ...extra,
  });
/** A template of its own whose one task runs `command` on the targets, `parameters` declared with defaults. */
const runCommandTemplate = (command: string, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({
    FormatVersion: "OOS-2019-06-01",
    Parameters: parameters,
    Tasks: [
      {
        Name: "run",
        Action: "ACS::ECS::RunCommand",
        Properties: { regionId: "cn-hangzhou", commandType: "RunShellScript", commandContent: command },
      },
    ],
  });

describe("red team: OOS executions run the script their parameters carry", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "ACS-ECS-BulkyRunCommand with a commandContent permitting root login",
      type: OOS_EXECUTION,
      props: { templateName: BULKY_RUN_COMMAND, parameters: runCommandParameters(OPEN_ROOT) },
      violations: 1,
      mentions: "parameters permits root login",
    },
    {
      name: "ACS-ECS-BulkyRunCommand with the command base64-encoded",
      type: OOS_EXECUTION,
      props: { templateName: BULKY_RUN_COMMAND, parameters: runCommandParameters(base64(OPEN_ROOT)) },
      violations: 1,
    },
    {
      name: "ACS-ECS-BulkyRunCommand hardening sshd",
      type: OOS_EXECUTION,
      props: { templateName: BULKY_RUN_COMMAND, parameters: runCommandParameters(HARDEN) },
      violations: 0,
    },
    {
      name: "ACS-ECS-BulkyRunCommand of a PowerShell script is not a shell script",
      type: OOS_EXECUTION,
      props: {
        templateName: BULKY_RUN_COMMAND,
        parameters: runCommandParameters(OPEN_ROOT, { commandType: "RunPowerShellScript" }),
      },
      violations: 0,
    },
    {
      name: "its own template content running the weakening line",
      type: OOS_EXECUTION,
      props: { templateName: "harden-fleet", templateContent: runCommandTemplate(OPEN_ROOT) },
      violations: 1,
      mentions: "templateContent permits root login",
    },
    {
      name: "a parameter overriding the template's hardened default",
      type: OOS_EXECUTION,
      props: {
        templateName: "set-root-login",
        templateContent: runCommandTemplate("echo 'PermitRootLogin {{ mode }}' >> /etc/ssh/sshd_config", {
          mode: { Type: "String", Default: "no" },
        }),
        parameters: JSON.stringify({ mode: "yes" }),
      },
      violations: 1,
      mentions: "PermitRootLogin yes",
    },
    {
      name: "the same template run with its hardened value",
      type: OOS_EXECUTION,
      props: {
        templateName: "set-root-login",
        templateContent: runCommandTemplate("echo 'PermitRootLogin {{ mode }}' >> /etc/ssh/sshd_config", {
          mode: { Type: "String", Default: "yes" },
        }),
        parameters: JSON.stringify({ mode: "no" }),
      },
      violations: 0,
    },
    {
      name: "a public template that runs no command",
      type: OOS_EXECUTION,
      props: { templateName: "ACS-ECS-BulkyStartInstances", parameters: JSON.stringify({ regionId: "cn-hangzhou" }) },
      violations: 0,
    },
    {
      name: "run-command parameters unknown at preview are a note",
      type: OOS_EXECUTION,
      props: { templateName: BULKY_RUN_COMMAND, parameters: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "template name and parameters unknown at preview are a note",
      type: OOS_EXECUTION,
      props: { templateName: UNKNOWN, parameters: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "parameters unknown at preview beside a weakening template still fail",
      type: OOS_EXECUTION,
      props: { templateName: "t", templateContent: runCommandTemplate(OPEN_ROOT), parameters: UNKNOWN },
      violations: 1,
      notes: 1,
    },
    {
      name: "template content unknown at preview is a note",
      type: OOS_EXECUTION,
      props: { templateName: "t", templateContent: UNKNOWN, parameters: "{}" },
      violations: 0,
      notes: 1,
    },
    {
      name: "parameters that do not parse are a note",
      type: OOS_EXECUTION,
      props: { templateName: BULKY_RUN_COMMAND, parameters: '{"commandContent": ' },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

const EFLO_INVOCATION = "alicloud:eflo/invocation:Invocation";
const WRITE_LINE = "echo '{{line}}' >> /etc/ssh/sshd_config";

describe("red team: EFLO invocations run their command as root on Lingjun nodes", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "a plain command permitting root login",
      type: EFLO_INVOCATION,
      props: { commandContent: OPEN_ROOT, nodeIdLists: ["e01-cn-abc"] },
      violations: 1,
      mentions: "commandContent permits root login",
    },
    {
      name: "a base64 command permitting root login",
      type: EFLO_INVOCATION,
      props: { commandContent: base64(OPEN_ROOT), contentEncoding: "Base64" },
      violations: 1,
    },
    {
      name: "a parameter (named in another case) filling the line",
      type: EFLO_INVOCATION,
      props: { commandContent: WRITE_LINE, enableParameter: true, parameters: { LINE: "PermitRootLogin yes" } },
      violations: 1,
    },
    {
      name: "a parameter filling a hardened line",
      type: EFLO_INVOCATION,
      props: { commandContent: WRITE_LINE, enableParameter: true, parameters: { line: "PermitRootLogin no" } },
      violations: 0,
    },
    {
      name: "a command that touches no login",
      type: EFLO_INVOCATION,
      props: { commandContent: "nvidia-smi" },
      violations: 0,
    },
    {
      name: "parameters unknown at preview filling the line are a note",
      type: EFLO_INVOCATION,
      props: { commandContent: WRITE_LINE, enableParameter: true, parameters: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "one parameter value unknown at preview is a note",
      type: EFLO_INVOCATION,
      props: { commandContent: WRITE_LINE, enableParameter: true, parameters: { line: UNKNOWN } },
      violations: 0,
      notes: 1,
    },
    {
      name: "a directive whose value is a parameter unknown at preview is one note",
      type: EFLO_INVOCATION,
      props: { commandContent: "echo 'PermitRootLogin {{mode}}' >> /etc/ssh/sshd_config", parameters: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "command unknown at preview is a note",
      type: EFLO_INVOCATION,
      props: { commandContent: UNKNOWN },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

const COMMAND = "alicloud:ecs/command:Command";
const command = (content: string, enableParameter: unknown) => ({
  name: "set-sshd",
  type: "RunShellScript",
  commandContent: base64(content),
  ...(enableParameter === undefined ? {} : { enableParameter }),
});

describe("red team: Cloud Assistant commands whose parameters come from each invocation", () => {
  // The command's note comes from the rule's stack part (it goes away once every invocation is judged).
  combinedTable(disallowUserdataLoginWeakening, [
    {
      name: "a parameter appended to sshd_config, given by the invocation, is a note",
      type: COMMAND,
      props: command(WRITE_LINE, true),
      violations: 0,
      notes: 1,
    },
    {
      name: "custom parameters off: the reference is literal text",
      type: COMMAND,
      props: command(WRITE_LINE, undefined),
      violations: 0,
    },
    {
      name: "a parameter only printed to the log",
      type: COMMAND,
      props: command("echo 'deploying {{version}}'", true),
      violations: 0,
    },
    {
      name: "custom parameters unknown at preview, appended to sshd_config, is a note",
      type: COMMAND,
      props: command(WRITE_LINE, UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "a known weakening beside a parameter is still a violation",
      type: COMMAND,
      props: command(`${OPEN_ROOT}\necho '{{version}}'`, true),
      violations: 1,
    },
  ] as Case[]);
});

const HOLOGRES = "alicloud:hologram/instance:Instance";

describe("red team: Hologres takes no whitelist from the program", () => {
  table(disallowPublicManagedDatabases, [
    {
      name: "Internet endpoint enabled",
      type: HOLOGRES,
      props: { endpoints: [{ type: "Intranet" }, { type: "Internet", enabled: true }] },
      violations: 1,
      mentions: "endpoints[1]",
    },
    {
      name: "Internet endpoint listed without enabled",
      type: HOLOGRES,
      props: { endpoints: [{ type: "Internet" }] },
      violations: 1,
    },
    {
      name: "internet in lower case",
      type: HOLOGRES,
      props: { endpoints: [{ type: "internet", enabled: "true" }] },
      violations: 1,
    },
    {
      name: "Internet endpoint disabled",
      type: HOLOGRES,
      props: {
        endpoints: [
          { type: "Internet", enabled: false },
          { type: "VPCSingleTunnel", vpcId: "vpc-1" },
        ],
      },
      violations: 0,
    },
    {
      name: "Internet endpoint disabled as a string",
      type: HOLOGRES,
      props: { endpoints: [{ type: "Internet", enabled: "false" }] },
      violations: 0,
    },
    {
      name: "no endpoints (public is off by default)",
      type: HOLOGRES,
      props: { instanceType: "Standard" },
      violations: 0,
    },
    { name: "endpoints unknown at preview", type: HOLOGRES, props: { endpoints: UNKNOWN }, violations: 0, notes: 1 },
    {
      name: "an endpoint unknown at preview",
      type: HOLOGRES,
      props: { endpoints: [UNKNOWN] },
      violations: 0,
      notes: 1,
    },
    {
      name: "an endpoint type unknown at preview",
      type: HOLOGRES,
      props: { endpoints: [{ type: UNKNOWN }] },
      violations: 0,
      notes: 1,
    },
    {
      name: "Internet endpoint whose enabled is unknown at preview",
      type: HOLOGRES,
      props: { endpoints: [{ type: "Internet", enabled: UNKNOWN }] },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);
});

/** Only "cannot be verified" advisories are notes; with failClosed each becomes mandatory. */
const probes = probesWith({ onlyUnverifiedNotes: true });

/** A stack holding the shared network (vSwitch and group "web") and what `fill` adds. */
function stack(fill: (b: StackBuilder, n: ReturnType<typeof aliNetwork>) => void): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    fill(b, aliNetwork(b));
    return b;
  };
}

const PUBLIC_HOST = ["47.96.1.10"];
const POLARDB = "alicloud:polardb/cluster:Cluster";
const POLARDB_ADDRESS = "alicloud:polardb/endpointAddress:EndpointAddress";
const POLARDB_PRIMARY = "alicloud:polardb/primaryEndpoint:PrimaryEndpoint";
const MONGO = "alicloud:mongodb/instance:Instance";
const MONGO_ADDRESS = "alicloud:mongodb/publicNetworkAddress:PublicNetworkAddress";
const MONGO_SHARDED = "alicloud:mongodb/shardingInstance:ShardingInstance";
const MONGO_SHARDED_ADDRESS = "alicloud:mongodb/shardingNetworkPublicAddress:ShardingNetworkPublicAddress";
const RDS_ENDPOINT_ADDRESS = "alicloud:rds/dbInstanceEndpointAddress:DbInstanceEndpointAddress";
const RDS_PROXY_PUBLIC = "alicloud:rds/dbProxyPublic:DbProxyPublic";
const GPDB = "alicloud:gpdb/instance:Instance";
const GPDB_CONNECTION = "alicloud:gpdb/connection:Connection";
const ADB = "alicloud:adb/dBCluster:DBCluster";
const ADB_CONNECTION = "alicloud:adb/connection:Connection";
const TAIR = "alicloud:redis/tairInstance:TairInstance";
const KVSTORE_CONNECTION = "alicloud:kvstore/connection:Connection";
const LINDORM = "alicloud:lindorm/instance:Instance";
const LINDORM_PUBLIC = "alicloud:lindorm/publicNetwork:PublicNetwork";
const CASSANDRA = "alicloud:cassandra/cluster:Cluster";
const SELECTDB = "alicloud:selectdb/dbInstance:DbInstance";
const CLICKHOUSE = "alicloud:clickhouse/dbCluster:DbCluster";
const ECI = "alicloud:eci/containerGroup:ContainerGroup";
const INSTANCE_SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";
const NODE_POOL = "alicloud:cs/nodePool:NodePool";
const SCALING_GROUP = "alicloud:ess/scalingGroup:ScalingGroup";
const SCALING_CONFIGURATION = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const ECS_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const HAVIP = "alicloud:vpc/hAVip:HAVip";
const HAVIP_ATTACHMENT = "alicloud:vpc/hAVipAttachment:HAVipAttachment";
const NLB = "alicloud:nlb/loadBalancer:LoadBalancer";
const NLB_GROUP = "alicloud:nlb/serverGroup:ServerGroup";
const NLB_SERVER = "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment";
const NLB_LISTENER = "alicloud:nlb/listener:Listener";

/** A database of `type` admitting `whitelist` (in `field`), and the public address resource `endpoint` naming it. */
function publicDatabase(
  type: string,
  whitelist: Record<string, unknown>,
  endpoint?: { type: string; link: string; inputs?: Record<string, unknown> },
) {
  return stack((b, n) => {
    const db = b.add(type, "db", { vswitchId: ref(n.vswitch), ...whitelist });
    if (endpoint) b.add(endpoint.type, "public", { [endpoint.link]: ref(db), ...endpoint.inputs });
  });
}

const polardbAddress = { type: POLARDB_ADDRESS, link: "dbClusterId", inputs: { dbEndpointId: "pe-1" } };
const group = (securityIps: unknown, modifyMode?: string) => ({
  dbClusterIpArrays: [{ dbClusterIpArrayName: "partners", securityIps, ...(modifyMode ? { modifyMode } : {}) }],
});

const databaseProbes: Probe[] = [
  // The case: twelve internet addresses each whitelisted exactly, behind a public address of the database's own.
  {
    name: "PolarDB public endpoint address with an exact internet host whitelisted",
    build: publicDatabase(POLARDB, { securityIps: PUBLIC_HOST }, polardbAddress),
    violations: 1,
    mentions: "public-endpoint:public → whitelist:47.96.1.10 → polardb:db:3306",
  },
  {
    name: "PolarDB whitelist group admitting an internet host",
    build: publicDatabase(POLARDB, { securityIps: ["10.0.0.0/8"], ...group(PUBLIC_HOST) }, polardbAddress),
    violations: 1,
  },
  {
    name: "PolarDB PostgreSQL on its engine's port",
    build: publicDatabase(POLARDB, { dbType: "PostgreSQL", securityIps: PUBLIC_HOST }, polardbAddress),
    violations: 1,
    mentions: "tcp/5432",
  },
  {
    name: "PolarDB primary endpoint declared Public",
    build: publicDatabase(
      POLARDB,
      { securityIps: PUBLIC_HOST },
      { type: POLARDB_PRIMARY, link: "dbClusterId", inputs: { netType: "Public" } },
    ),
    violations: 1,
  },
  {
    name: "MongoDB public network address",
    build: publicDatabase(MONGO, { securityIpLists: PUBLIC_HOST }, { type: MONGO_ADDRESS, link: "dbInstanceId" }),
    violations: 1,
    mentions: "mongodb:db",
  },
  {
    name: "MongoDB whitelist group behind a public network address",
    build: publicDatabase(
      MONGO,
      { securityIpGroups: [{ securityIpGroupName: "ops", securityIpList: "10.0.0.0/8,47.96.1.10" }] },
      { type: MONGO_ADDRESS, link: "dbInstanceId" },
    ),
    violations: 1,
  },
  {
    name: "sharded MongoDB node public address",
    build: publicDatabase(
      MONGO_SHARDED,
      { securityIpLists: PUBLIC_HOST },
      { type: MONGO_SHARDED_ADDRESS, link: "dbInstanceId", inputs: { nodeId: "s-1" } },
    ),
    violations: 1,
  },
  {
    name: "RDS cluster-edition endpoint public address",
    build: publicDatabase(A.rds, { securityIps: PUBLIC_HOST }, { type: RDS_ENDPOINT_ADDRESS, link: "dbInstanceId" }),
    violations: 1,
  },
  {
    name: "RDS database proxy public address (Public by default)",
    build: publicDatabase(A.rds, { securityIps: PUBLIC_HOST }, { type: RDS_PROXY_PUBLIC, link: "dbInstanceId" }),
    violations: 1,
  },
  {
    name: "AnalyticDB for PostgreSQL public connection",
    build: publicDatabase(GPDB, { securityIpLists: PUBLIC_HOST }, { type: GPDB_CONNECTION, link: "instanceId" }),
    violations: 1,
    mentions: "tcp/5432",
  },
  {
    name: "AnalyticDB for MySQL public connection",
    build: publicDatabase(ADB, { securityIps: PUBLIC_HOST }, { type: ADB_CONNECTION, link: "dbClusterId" }),
    violations: 1,
  },
  {
    name: "Tair public connection (the Redis connection resource names it too)",
    build: publicDatabase(TAIR, { securityIps: "47.96.1.10" }, { type: KVSTORE_CONNECTION, link: "instanceId" }),
    violations: 1,
  },
  {
    name: "Lindorm public network turned on",
    build: publicDatabase(
      LINDORM,
      { ipWhiteLists: PUBLIC_HOST },
      { type: LINDORM_PUBLIC, link: "instanceId", inputs: { enablePublicNetwork: true, engineType: "lindorm" } },
    ),
    violations: 1,
  },
  {
    name: "Cassandra public endpoint flag",
    build: publicDatabase(CASSANDRA, { ipWhite: "47.96.1.10", enablePublic: true }),
    violations: 1,
  },
  {
    name: "SelectDB public network with a whitelist group admitting an internet host",
    build: publicDatabase(SELECTDB, {
      enablePublicNetwork: true,
      desiredSecurityIpLists: [{ groupName: "ops", securityIpList: "47.96.1.10" }],
    }),
    violations: 1,
  },
  {
    name: "ClickHouse public connection with a whitelist group admitting an internet host",
    build: publicDatabase(CLICKHOUSE, {
      allocatePublicConnection: "true",
      dbClusterAccessWhiteLists: [{ dbClusterIpArrayName: "ops", securityIpList: "47.96.1.10" }],
    }),
    violations: 1,
  },
  // Secure twins.
  {
    name: "PolarDB public address with a private whitelist",
    build: publicDatabase(POLARDB, { securityIps: ["172.16.0.0/16"] }, polardbAddress),
    violations: 0,
  },
  {
    name: "PolarDB whitelist group deleting the internet host",
    build: publicDatabase(POLARDB, { securityIps: ["10.0.0.0/8"], ...group(PUBLIC_HOST, "Delete") }, polardbAddress),
    violations: 0,
  },
  {
    name: "PolarDB internet host whitelisted without a public address",
    build: publicDatabase(POLARDB, { securityIps: PUBLIC_HOST }),
    violations: 0,
  },
  {
    name: "PolarDB primary endpoint without a network type stays private",
    build: publicDatabase(POLARDB, { securityIps: PUBLIC_HOST }, { type: POLARDB_PRIMARY, link: "dbClusterId" }),
    violations: 0,
  },
  {
    name: "RDS database proxy address on the internal network",
    build: publicDatabase(
      A.rds,
      { securityIps: PUBLIC_HOST },
      { type: RDS_PROXY_PUBLIC, link: "dbInstanceId", inputs: { dbProxyConnectionStringNetType: "Inner" } },
    ),
    violations: 0,
  },
  {
    name: "MongoDB public address with the default (loopback) whitelist",
    build: publicDatabase(MONGO, {}, { type: MONGO_ADDRESS, link: "dbInstanceId" }),
    violations: 0,
  },
  {
    name: "AnalyticDB for MySQL public connection with a private whitelist",
    build: publicDatabase(ADB, { securityIps: ["10.0.0.0/8"] }, { type: ADB_CONNECTION, link: "dbClusterId" }),
    violations: 0,
  },
  {
    name: "Lindorm public network turned off",
    build: publicDatabase(
      LINDORM,
      { ipWhiteLists: PUBLIC_HOST },
      { type: LINDORM_PUBLIC, link: "instanceId", inputs: { enablePublicNetwork: false } },
    ),
    violations: 0,
  },
  {
    name: "SelectDB with an internet host whitelisted but no public network",
    build: publicDatabase(SELECTDB, { desiredSecurityIpLists: [{ securityIpList: "47.96.1.10" }] }),
    violations: 0,
  },
  // Unknown at preview.
  {
    name: "PolarDB whitelist entry unknown at preview behind a public address is a note",
    build: publicDatabase(POLARDB, { securityIps: ["10.0.0.0/8", UNKNOWN] }, polardbAddress),
    violations: 0,
    notes: 1,
  },
  {
    name: "PolarDB whitelist groups unknown at preview behind a public address are a note",
    build: publicDatabase(POLARDB, { securityIps: ["10.0.0.0/8"], dbClusterIpArrays: UNKNOWN }, polardbAddress),
    violations: 0,
    notes: 1,
  },
  {
    name: "ClickHouse public connection flag unknown at preview counts as on",
    build: publicDatabase(CLICKHOUSE, {
      allocatePublicConnection: UNKNOWN,
      dbClusterAccessWhiteLists: [{ securityIpList: "47.96.1.10" }],
    }),
    violations: 1,
  },
  {
    name: "PolarDB endpoint address whose network type is unknown at preview may be public",
    build: publicDatabase(
      POLARDB,
      { securityIps: PUBLIC_HOST },
      { type: POLARDB_ADDRESS, link: "dbClusterId", inputs: { netType: UNKNOWN } },
    ),
    violations: 1,
  },
  // Hosts other than ECS instances with a public address of their own.
  {
    name: "container group with an EIP of its own and MySQL open to the internet",
    build: stack((b, n) => {
      rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: true });
    }),
    violations: 1,
    mentions: "public-ip:api (autoCreateEip)",
  },
  {
    name: "container group without an EIP: MySQL open to the internet reaches nothing",
    build: stack((b, n) => {
      rule(b, n.sg, "mysql", { portRange: "3306/3306", cidrIp: "0.0.0.0/0" });
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg) });
    }),
    violations: 0,
  },
  {
    name: "node pool nodes with public bandwidth and Redis open to the internet",
    build: stack((b, n) => {
      rule(b, n.sg, "redis", { portRange: "6379/6379", cidrIp: "0.0.0.0/0" });
      b.add(NODE_POOL, "workers", {
        vswitchIds: [ref(n.vswitch)],
        securityGroupIds: [ref(n.sg)],
        internetMaxBandwidthOut: 5,
      });
    }),
    violations: 1,
  },
  // Already closed: a balancer forwarding to a container group's database port.
  {
    name: "internet NLB forwarding 443 to a container group's MySQL port",
    build: stack((b, n) => {
      const eci = b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg) });
      const lb = b.add(NLB, "lb", { addressType: "Internet" });
      const g = b.add(NLB_GROUP, "g", { protocol: "TCP" });
      b.add(NLB_SERVER, "att", { serverGroupId: ref(g), serverId: ref(eci), serverType: "Eci", port: 3306 });
      b.add(NLB_LISTENER, "l", {
        loadBalancerId: ref(lb),
        listenerProtocol: "TCP",
        listenerPort: 443,
        serverGroupId: ref(g),
      });
    }),
    violations: 1,
    mentions: "3306",
  },
];

const ALB_RULE = "alicloud:alb/rule:Rule";
const SLB_RULE = "alicloud:slb/rule:Rule";
const SLB_GROUP = "alicloud:slb/serverGroup:ServerGroup";
const forwardTo = (group: unknown) => [
  { order: 1, type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: group }] } },
];

/**
 * An internet ALB whose HTTP listener forwards to the web group on 80, and a rule of it (`rule` inputs) forwarding
 * to a group on `port` of the same host; the host's group admits the VPC range, where the balancer lives.
 */
function albWithRule(port: number, rule: Record<string, unknown>) {
  return stack((b, n) => {
    admitVpcRange(b, n);
    const vm = b.add(A.instance, "search", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const web = b.add(A.albGroup, "web", { servers: [{ serverId: ref(vm), serverType: "Ecs", port: 80 }] });
    const hidden = b.add(A.albGroup, "hidden", { servers: [{ serverId: ref(vm), serverType: "Ecs", port }] });
    const lb = b.add(A.alb, "lb", { addressType: "Internet", zoneMappings: [{ vswitchId: ref(n.vswitch) }] });
    const listener = b.add(A.albListener, "http", {
      loadBalancerId: ref(lb),
      listenerPort: 80,
      listenerProtocol: "HTTP",
      defaultActions: forwardTo(ref(web)),
    });
    b.add(ALB_RULE, "hidden-path", {
      listenerId: ref(listener),
      priority: 1,
      ruleName: "hidden",
      ruleConditions: [{ type: "Path", pathConfig: { values: ["/_search/*"] } }],
      ruleActions: forwardTo(ref(hidden)),
      ...rule,
    });
  });
}

/** The host group admits every port from the VPC range (the balancers' own addresses). */
function admitVpcRange(b: StackBuilder, n: ReturnType<typeof aliNetwork>) {
  rule(b, n.sg, "vpc", { portRange: "1/65535", cidrIp: "172.16.0.0/16" });
}

/** An internet CLB whose HTTP listener on 80 serves the default backend; a rule for `/docker` on `frontendPort`. */
function slbWithRule(frontendPort: number) {
  return stack((b, n) => {
    admitVpcRange(b, n);
    const vm = b.add(A.instance, "builder", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const lb = b.add(A.slb, "lb", { addressType: "internet" });
    const docker = b.add(SLB_GROUP, "docker", {
      loadBalancerId: ref(lb),
      servers: [{ serverIds: [ref(vm)], port: 2375 }],
    });
    b.add(A.slbListener, "http", { loadBalancerId: ref(lb), frontendPort: 80, backendPort: 80, protocol: "http" });
    b.add(A.slbBackends, "be", { loadBalancerId: ref(lb), backendServers: [{ serverId: ref(vm), weight: 100 }] });
    b.add(SLB_RULE, "docker-path", {
      loadBalancerId: ref(lb),
      frontendPort,
      serverGroupId: ref(docker),
      url: "/docker",
    });
  });
}

const ruleProbes: Probe[] = [
  {
    name: "ALB rule forwarding a path to Elasticsearch's port",
    build: albWithRule(9200, {}),
    violations: 1,
    mentions: "listener:http:80 → rule:hidden-path → server-group:hidden",
  },
  {
    name: "ALB rule narrowed to a public source block still reaches Elasticsearch from it",
    build: albWithRule(9200, { ruleConditions: [{ type: "SourceIp", sourceIpConfig: { values: ["47.96.0.0/16"] } }] }),
    violations: 1,
    mentions: "rule:hidden-path (source-ip 47.96.0.0/16)",
  },
  {
    name: "CLB rule forwarding a URL to the Docker API",
    build: slbWithRule(80),
    violations: 1,
    mentions: "rule:docker-path → server-group:docker",
  },
  {
    name: "ALB rule narrowed to the VPC range",
    build: albWithRule(9200, { ruleConditions: [{ type: "SourceIp", sourceIpConfig: { values: ["10.0.0.0/8"] } }] }),
    violations: 0,
  },
  { name: "ALB rule forwarding to an application port", build: albWithRule(8080, {}), violations: 0 },
  { name: "ALB response rule forwards nothing", build: albWithRule(9200, { direction: "Response" }), violations: 0 },
  { name: "CLB rule on a port no listener has", build: slbWithRule(8443), violations: 0 },
  {
    name: "ALB rule whose conditions are unknown at preview is a note",
    build: albWithRule(9200, { ruleConditions: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
];

/** A group "web" admitting SSH through an ECS prefix list holding `cidrs`: no rule names the internet itself. */
function sshThroughPrefixList(b: StackBuilder, n: ReturnType<typeof aliNetwork>, cidrs: unknown[]) {
  const list = ecsPrefixList(b, "admins", cidrs);
  rule(b, n.sg, "ssh", { portRange: "22/22", prefixListId: ref(list) });
}

const adminProbes: Probe[] = [
  {
    name: "container group with an EIP, SSH through a prefix list holding 0.0.0.0/0",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: true });
    }),
    violations: 1,
    mentions: "via prefix-list:admins",
  },
  {
    name: "container group bound to an existing EIP of the stack, SSH open to the internet",
    build: stack((b, n) => {
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
      const eip = b.add(A.eip, "api-ip", { bandwidth: "5" });
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), eipInstanceId: ref(eip) });
    }),
    violations: 1,
    mentions: "eip:api-ip",
  },
  {
    name: "container group in two vSwitches (one string), SSH open to the internet",
    build: stack((b, n) => {
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
      b.add(ECI, "api", { vswitchId: "vsw-a,vsw-b", securityGroupId: ref(n.sg), autoCreateEip: "true" });
    }),
    violations: 1,
  },
  {
    name: "instance set with public bandwidth, SSH through a prefix list holding 0.0.0.0/0",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(INSTANCE_SET, "batch", {
        vswitchId: ref(n.vswitch),
        securityGroupIds: [ref(n.sg)],
        internetMaxBandwidthOut: 10,
        amount: 5,
      });
    }),
    violations: 1,
    mentions: "ecs:batch:22",
  },
  {
    name: "instance set taking its groups and bandwidth from a launch template",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      const lt = b.add(ECS_LT, "lt", { securityGroupIds: [ref(n.sg)], internetMaxBandwidthOut: 5 });
      b.add(INSTANCE_SET, "batch", { vswitchId: ref(n.vswitch), launchTemplateId: ref(lt), amount: 2 });
    }),
    violations: 1,
  },
  {
    name: "node pool binding an EIP to each scaled node, SSH through the prefix list",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(NODE_POOL, "workers", {
        vswitchIds: [ref(n.vswitch)],
        securityGroupIds: [ref(n.sg)],
        scalingConfig: { enable: true, isBondEip: true, eipBandwidth: 5 },
      });
    }),
    violations: 1,
    mentions: "eip:workers (scalingConfig.isBondEip)",
  },
  {
    name: "EIP on a HaVip floating between two instances, SSH through the open prefix list",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      const havip = b.add(HAVIP, "vip", { vswitchId: ref(n.vswitch), ipAddress: "172.16.0.100" });
      for (const name of ["active", "standby"]) {
        const vm = b.add(A.instance, name, { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
        b.add(HAVIP_ATTACHMENT, `${name}-vip`, {
          haVipId: ref(havip),
          instanceId: ref(vm),
          instanceType: "EcsInstance",
        });
      }
      const eip = b.add(A.eip, "vip-ip", { bandwidth: "5" });
      b.add(A.eipAssoc, "vip-eip", { allocationId: ref(eip), instanceId: ref(havip), instanceType: "HaVip" });
    }),
    violations: 2,
    mentions: "eip:vip-ip havip:vip",
  },
  // Already closed: DNAT of every port and a listener forwarding to a container group's SSH.
  {
    name: "DNAT entry forwarding any port to an instance whose group admits SSH",
    build: stack((b, n) => {
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
      b.add(A.instance, "vm", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], privateIp: "172.16.0.10" });
      const nat = b.add(A.nat, "nat", { vpcId: ref(n.vpc) });
      b.add(A.dnat, "all", {
        forwardTableId: ref(nat),
        externalIp: "47.96.1.1",
        externalPort: "any",
        internalIp: "172.16.0.10",
        internalPort: "any",
        ipProtocol: "any",
      });
    }),
    violations: 1,
    mentions: "dnat:all",
  },
  {
    name: "internet CLB forwarding 2222 to a container group's SSH",
    build: stack((b, n) => {
      const eci = b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg) });
      const lb = b.add(A.slb, "lb", { addressType: "internet" });
      b.add(A.slbListener, "l", { loadBalancerId: ref(lb), frontendPort: 2222, backendPort: 22, protocol: "tcp" });
      b.add(A.slbBackends, "be", {
        loadBalancerId: ref(lb),
        backendServers: [{ serverId: ref(eci), type: "eci", weight: 100 }],
      });
    }),
    violations: 1,
    mentions: "listener:l:2222",
  },
  // Secure twins.
  {
    name: "container group with an EIP, SSH only through a prefix list of the VPC range",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["172.16.0.0/16"]);
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: true });
    }),
    violations: 0,
  },
  {
    name: "container group that declines an EIP, SSH through the open prefix list",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: false });
    }),
    violations: 0,
  },
  {
    name: "instance set without public bandwidth",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(INSTANCE_SET, "batch", {
        vswitchId: ref(n.vswitch),
        securityGroupIds: [ref(n.sg)],
        internetMaxBandwidthOut: 0,
      });
    }),
    violations: 0,
  },
  {
    name: "node pool without public addresses",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(NODE_POOL, "workers", {
        vswitchIds: [ref(n.vswitch)],
        securityGroupIds: [ref(n.sg)],
        scalingConfig: { enable: true, isBondEip: false },
      });
    }),
    violations: 0,
  },
  {
    name: "HaVip without an EIP, SSH through the open prefix list",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      const havip = b.add(HAVIP, "vip", { vswitchId: ref(n.vswitch) });
      const vm = b.add(A.instance, "active", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
      b.add(HAVIP_ATTACHMENT, "active-vip", { haVipId: ref(havip), instanceId: ref(vm) });
    }),
    violations: 0,
  },
  // Unknown at preview.
  {
    name: "container group whose autoCreateEip is unknown at preview is a note",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: UNKNOWN });
    }),
    violations: 0,
    notes: 1,
    label: "autoCreateEip unknown at preview",
  },
  {
    name: "container group with an EIP behind a prefix list whose entry is unknown at preview counts as the internet",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, [UNKNOWN]);
      b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId: ref(n.sg), autoCreateEip: true });
    }),
    violations: 1,
    mentions: "entries unknown at preview",
  },
  {
    name: "node pool whose isBondEip is unknown at preview is a note",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      b.add(NODE_POOL, "workers", {
        vswitchIds: [ref(n.vswitch)],
        securityGroupIds: [ref(n.sg)],
        scalingConfig: { enable: true, isBondEip: UNKNOWN },
      });
    }),
    violations: 0,
    notes: 1,
    label: "scalingConfig.isBondEip unknown at preview",
  },
  // Unknown public bandwidth may give an address: a note naming the field (a violation when failing closed), the same
  // for every resource carrying it.
  ...(
    [
      [INSTANCE_SET, { vswitchId: "VSW", securityGroupIds: ["SG"] }],
      [A.instance, { vswitchId: "VSW", securityGroups: ["SG"] }],
      [NODE_POOL, { vswitchIds: ["VSW"], securityGroupIds: ["SG"] }],
      [SCALING_CONFIGURATION, { scalingGroupId: "GROUP", securityGroupId: "SG" }],
    ] as const
  ).map(([type, links]) => ({
    name: `${type.split(":")[1]} whose bandwidth is unknown at preview is a note`,
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      const group = b.add(SCALING_GROUP, "asg", { vswitchIds: [ref(n.vswitch)] });
      const ids: Record<string, unknown> = { VSW: ref(n.vswitch), SG: ref(n.sg), GROUP: ref(group) };
      const inputs = Object.fromEntries(
        Object.entries(links).map(([k, v]) => [k, Array.isArray(v) ? v.map((x: string) => ids[x]) : ids[v as string]]),
      );
      b.add(type, "batch", { ...inputs, internetMaxBandwidthOut: UNKNOWN });
    }),
    violations: 0,
    notes: 1,
    label: "internetMaxBandwidthOut unknown at preview",
  })),
  {
    name: "instance set with bandwidth 5 is public; 0 is not",
    build: stack((b, n) => {
      sshThroughPrefixList(b, n, ["0.0.0.0/0"]);
      const common = { vswitchId: ref(n.vswitch), securityGroupIds: [ref(n.sg)] };
      b.add(INSTANCE_SET, "batch", { ...common, internetMaxBandwidthOut: 5 });
      b.add(INSTANCE_SET, "quiet", { ...common, internetMaxBandwidthOut: 0 });
    }),
    violations: 1,
  },
];

describe("red team: databases behind public address resources of their own", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, databaseProbes);
});

describe("red team: forwarding rules of CLB and ALB listeners", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, ruleProbes);
});

describe("red team: container groups, instance sets and node pools given a public address", () => {
  probes(disallowInternetAdminPortsExceptBastions, adminProbes);
});
