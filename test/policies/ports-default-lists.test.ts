// The default port lists beside SSH/RDP and FSBP EC2.19: remote logins brute-forced like the case's SSH (VNC, WinRM;
// VNC's displays :1-:3 among the high-risk ports) and the control planes and data services ransomware and miners
// reach from the internet. Each listed port is caught
// in every ingress form on both clouds, over IPv4 and IPv6, alone or inside a range; private, narrow-public and drop
// rules pass. The lists say nothing about protocol: a UDP opening of a listed port is reported like a TCP one.
import { ADMIN_PORTS, HIGH_RISK_PORTS } from "../../lib/ports";
import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { Case, mandatory, run, table, UNKNOWN } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ALI_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

/** Remote logins with a password prompt, the same class as SSH and RDP. */
const REMOTE_LOGINS: Record<number, string> = { 5900: "VNC", 5985: "WinRM HTTP", 5986: "WinRM HTTPS" };

/** Control planes and data services that answer without credentials by default. */
const UNAUTHENTICATED_SERVICES: Record<number, string> = {
  111: "rpcbind",
  873: "rsync daemon",
  2049: "NFS",
  2181: "ZooKeeper",
  2380: "etcd peer",
  5672: "RabbitMQ AMQP",
  6443: "Kubernetes API",
  8500: "Consul",
  9092: "Kafka",
  9870: "HDFS NameNode (Hadoop 3)",
  15672: "RabbitMQ management",
  50070: "HDFS NameNode (Hadoop 2)",
  61616: "ActiveMQ OpenWire",
};

/** VNC displays :1-:3, where Linux VNC servers listen: password-only, never behind a bastion exception. */
const VNC_DISPLAYS: Record<number, string> = { 5901: "VNC display :1", 5902: "VNC display :2", 5903: "VNC display :3" };

/** More databases and data stores an attacker reaches to read, wipe or encrypt data, several with no password by default. */
const DATA_STORES: Record<number, string> = {
  8123: "ClickHouse HTTP",
  9000: "ClickHouse native",
  9009: "ClickHouse interserver",
  8086: "InfluxDB",
  7474: "Neo4j browser",
  7687: "Neo4j Bolt",
  33060: "MySQL X protocol",
  2484: "Oracle TNS over TLS",
  1830: "Oracle Connection Manager admin",
  50000: "Db2",
  3307: "second MySQL",
  5433: "second PostgreSQL",
  6380: "second Redis or Redis TLS",
  6432: "PgBouncer",
  26379: "Redis Sentinel",
  7000: "Cassandra inter-node",
  7199: "Cassandra JMX",
  9160: "Cassandra Thrift",
  8091: "Couchbase web console",
  8092: "Couchbase views",
  8093: "Couchbase query",
  8094: "Couchbase search",
  8095: "Couchbase analytics",
  8096: "Couchbase eventing",
  8529: "ArangoDB",
  28015: "RethinkDB",
  8983: "Solr",
  9093: "Kafka TLS",
};

const PUBLIC_28 = "203.0.113.16/28";

const awsInline = (protocol: string, port: number, cidrs: Record<string, unknown>) => ({
  vpcId: "vpc-1",
  ingress: [{ protocol, fromPort: port, toPort: port, ...cidrs }],
});
const sgRule = (protocol: string, from: number, to: number, cidrs: Record<string, unknown>) => ({
  type: "ingress",
  securityGroupId: "sg-1",
  protocol,
  fromPort: from,
  toPort: to,
  ...cidrs,
});
const vpcRule = (ipProtocol: string, from: number, to: number, cidrs: Record<string, unknown>) => ({
  securityGroupId: "sg-1",
  ipProtocol,
  fromPort: from,
  toPort: to,
  ...cidrs,
});
const aliRule = (portRange: string, extra: Record<string, unknown>) => ({
  type: "ingress",
  ipProtocol: "tcp",
  securityGroupId: "sg-1",
  portRange,
  ...extra,
});

/** Known-bad and known-good rows for one listed port, in each rule form on both clouds. */
function rowsForPort(port: number, service: string): Case[] {
  const about = `${service} ${port}`;
  const says = `port ${port} `;
  return [
    // known bad
    {
      name: `${about}: AWS inline tcp from 0.0.0.0/0`,
      type: SG,
      props: awsInline("tcp", port, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: aws.ec2.SecurityGroupRule from 0.0.0.0/0`,
      type: SG_RULE,
      props: sgRule("tcp", port, port, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: aws.vpc.SecurityGroupIngressRule from cidrIpv4 0.0.0.0/0`,
      type: VPC_RULE,
      props: vpcRule("tcp", port, port, { cidrIpv4: "0.0.0.0/0" }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: Alibaba Cloud rule portRange ${port}/${port} from 0.0.0.0/0`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { cidrIp: "0.0.0.0/0" }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: AWS inline from ::/0`,
      type: SG,
      props: awsInline("6", port, { ipv6CidrBlocks: ["::/0"] }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: aws.vpc.SecurityGroupIngressRule from cidrIpv6 ::/0`,
      type: VPC_RULE,
      props: vpcRule("tcp", port, port, { cidrIpv6: "::/0" }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: Alibaba Cloud rule from ipv6CidrIp ::/0`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { ipv6CidrIp: "::/0" }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: udp from 0.0.0.0/0 (the list is protocol-agnostic)`,
      type: SG_RULE,
      props: sgRule("udp", port, port, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: says,
    },
    {
      name: `${about}: Alibaba Cloud udp from 0.0.0.0/0 (the list is protocol-agnostic)`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { ipProtocol: "udp", cidrIp: "0.0.0.0/0" }),
      violations: 1,
      mentions: says,
    },
    // known good
    {
      name: `${about}: AWS inline from 10.0.0.0/8`,
      type: SG,
      props: awsInline("tcp", port, { cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["fd00::/8"] }),
      violations: 0,
    },
    {
      name: `${about}: Alibaba Cloud rule from 10.0.0.0/8`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { cidrIp: "10.0.0.0/8" }),
      violations: 0,
    },
    {
      name: `${about}: aws.vpc.SecurityGroupIngressRule from a public /28`,
      type: VPC_RULE,
      props: vpcRule("tcp", port, port, { cidrIpv4: PUBLIC_28 }),
      violations: 0,
    },
    {
      name: `${about}: Alibaba Cloud rule from a public /28`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { cidrIp: PUBLIC_28 }),
      violations: 0,
    },
    {
      name: `${about}: Alibaba Cloud drop from 0.0.0.0/0 is not an opening`,
      type: ALI_RULE,
      props: aliRule(`${port}/${port}`, { cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 }),
      violations: 0,
    },
  ];
}

const rowsForPorts = (ports: Record<number, string>) =>
  Object.entries(ports).flatMap(([port, service]) => rowsForPort(Number(port), service));

describe("default lists", () => {
  it("keep SSH and RDP first among the administration ports, then VNC and WinRM", () => {
    expect(ADMIN_PORTS).toEqual([22, 3389, 5900, 5985, 5986]);
  });

  it("hold each unauthenticated control plane and data service once", () => {
    for (const port of Object.keys(UNAUTHENTICATED_SERVICES).map(Number)) expect(HIGH_RISK_PORTS).toContain(port);
    expect(new Set(HIGH_RISK_PORTS).size).toBe(HIGH_RISK_PORTS.length);
    expect(new Set(ADMIN_PORTS).size).toBe(ADMIN_PORTS.length);
  });

  it("list VNC's display ports :1-:3 as high-risk, VNC's 5900 as an administration port", () => {
    for (const port of Object.keys(VNC_DISPLAYS).map(Number)) {
      expect(HIGH_RISK_PORTS).toContain(port);
      expect(ADMIN_PORTS).not.toContain(port);
    }
    expect(HIGH_RISK_PORTS).not.toContain(5904);
  });

  it("leave WebLogic 7001, an application port balancers forward to, out of the high-risk list", () => {
    expect(HIGH_RISK_PORTS).not.toContain(7001);
  });

  it("hold each further database and data-store port once, but not 4000, a web framework default TiDB shares", () => {
    for (const port of Object.keys(DATA_STORES).map(Number)) {
      expect(HIGH_RISK_PORTS).toContain(port);
      expect(ADMIN_PORTS).not.toContain(port);
    }
    expect(HIGH_RISK_PORTS).not.toContain(4000);
  });
});

describe("disallow-internet-admin-ports: VNC and WinRM by default", () => {
  table(disallowInternetAdminPorts, [
    ...rowsForPorts(REMOTE_LOGINS),
    {
      name: "AWS SecurityGroupRule 5900-5990 covers VNC and both WinRM ports",
      type: SG_RULE,
      props: sgRule("tcp", 5900, 5990, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "ports 5900, 5985, 5986 (rule covers ports 5900-5990)",
    },
    {
      name: "Alibaba Cloud 5900/5990 over IPv6 covers VNC and both WinRM ports",
      type: ALI_RULE,
      props: aliRule("5900/5990", { ipv6CidrIp: "::/0" }),
      violations: 1,
      mentions: "ports 5900, 5985, 5986 (rule covers ports 5900-5990)",
    },
    {
      name: "5901-5984 lies between VNC's 5900 and WinRM's 5985",
      type: VPC_RULE,
      props: vpcRule("tcp", 5901, 5984, { cidrIpv4: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "5987-5999 lies after WinRM's 5986",
      type: ALI_RULE,
      props: aliRule("5987/5999", { cidrIp: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "WinRM 5985 from a CIDR unknown at preview is a note",
      type: SG_RULE,
      props: sgRule("tcp", 5985, 5985, { cidrBlocks: [UNKNOWN] }),
      violations: 0,
      notes: 1,
    },
  ]);

  it("config ports [22, 3389] restores the benchmarks' list: VNC from the internet passes", async () => {
    const props = sgRule("tcp", 5900, 5900, { cidrBlocks: ["0.0.0.0/0"] });
    const narrowed = await run(disallowInternetAdminPorts, SG_RULE, props, { config: { ports: [22, 3389] } });
    expect(mandatory(narrowed)).toHaveLength(0);
    expect(mandatory(await run(disallowInternetAdminPorts, SG_RULE, props))).toHaveLength(1);
  });
});

describe("disallow-public-high-risk-ports: control planes and data services by default", () => {
  table(disallowPublicHighRiskPorts, [
    ...rowsForPorts(UNAUTHENTICATED_SERVICES),
    ...rowsForPorts(VNC_DISPLAYS),
    {
      name: "AWS SecurityGroupRule 5900-5983 covers VNC's displays :1-:3 (5900 itself is the admin rule's)",
      type: SG_RULE,
      props: sgRule("tcp", 5900, 5983, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "ports 5901, 5902, 5903 (rule covers ports 5900-5983)",
    },
    {
      name: "5904-5983 lies between VNC's display :3 and WinRM",
      type: ALI_RULE,
      props: aliRule("5904/5983", { cidrIp: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "AWS inline 100-1000 covers rpcbind 111 and rsync 873 after the FSBP ports",
      type: SG,
      props: { vpcId: "vpc-1", ingress: [{ protocol: "tcp", fromPort: 100, toPort: 1000, cidrBlocks: ["0.0.0.0/0"] }] },
      violations: 1,
      mentions: "ports 110, 111, 135, 139, 143, 445, 873 (rule covers ports 100-1000)",
    },
    {
      name: "Alibaba Cloud 2000/2400 covers NFS, ZooKeeper, the Docker API and both etcd ports",
      type: ALI_RULE,
      props: aliRule("2000/2400", { cidrIp: "0.0.0.0/0" }),
      violations: 1,
      mentions: "ports 2049, 2181, 2375, 2376, 2379, 2380 (rule covers ports 2000-2400)",
    },
    {
      name: "aws.vpc.SecurityGroupIngressRule 9000-9999 over IPv6 covers ClickHouse, Cassandra, Kafka and the HDFS NameNode",
      type: VPC_RULE,
      props: vpcRule("tcp", 9000, 9999, { cidrIpv6: "::/0" }),
      violations: 1,
      mentions: "ports 9000, 9009, 9042, 9092, 9093, 9160, 9200, 9300, 9870 (rule covers ports 9000-9999)",
    },
    {
      name: "SecurityGroupRule 50000-65535 covers Db2, the Hadoop 2 NameNode and ActiveMQ",
      type: SG_RULE,
      props: sgRule("tcp", 50000, 65535, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "ports 50000, 50070, 61616 (rule covers ports 50000-65535)",
    },
    {
      name: "Alibaba Cloud 15000/16000 from a broad public /16 covers RabbitMQ management",
      type: ALI_RULE,
      props: aliRule("15000/16000", { cidrIp: "198.51.0.0/16" }),
      violations: 1,
      mentions: "port 15672 ",
    },
    {
      name: "9161-9199 lies between Cassandra's Thrift 9160 and Elasticsearch's 9200",
      type: VPC_RULE,
      props: vpcRule("tcp", 9161, 9199, { cidrIpv4: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "Kubernetes API 6443 from a CIDR unknown at preview is a note",
      type: SG_RULE,
      props: sgRule("tcp", 6443, 6443, { cidrBlocks: [UNKNOWN] }),
      violations: 0,
      notes: 1,
    },
    {
      name: "VNC 5900 is the administration rule's, not listed again here",
      type: SG_RULE,
      props: sgRule("tcp", 5900, 5900, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
  ]);
});

describe("disallow-public-high-risk-ports: more databases and data stores by default", () => {
  table(disallowPublicHighRiskPorts, [
    ...rowsForPorts(DATA_STORES),
    {
      name: "AWS inline 8000-8100 covers InfluxDB 8086 and Couchbase 8091-8096 after the FSBP ports",
      type: SG,
      props: {
        vpcId: "vpc-1",
        ingress: [{ protocol: "tcp", fromPort: 8000, toPort: 8100, cidrBlocks: ["0.0.0.0/0"] }],
      },
      violations: 1,
      mentions: "ports 8080, 8086, 8088, 8091, 8092, 8093, 8094, 8095, 8096 (rule covers ports 8000-8100)",
    },
    {
      name: "Alibaba Cloud 8100/8600 over IPv6 covers ClickHouse HTTP 8123, Consul and ArangoDB 8529",
      type: ALI_RULE,
      props: aliRule("8100/8600", { ipv6CidrIp: "::/0" }),
      violations: 1,
      mentions: "ports 8123, 8500, 8529 (rule covers ports 8100-8600)",
    },
    {
      name: "AWS SecurityGroupRule 9093-9199 covers Kafka TLS 9093 and Cassandra's Thrift 9160",
      type: SG_RULE,
      props: sgRule("tcp", 9093, 9199, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "ports 9093, 9160 (rule covers ports 9093-9199)",
    },
    {
      name: "aws.vpc.SecurityGroupIngressRule 26000-34000 covers Redis Sentinel, RethinkDB and the MySQL X protocol",
      type: VPC_RULE,
      props: vpcRule("tcp", 26000, 34000, { cidrIpv4: "0.0.0.0/0" }),
      violations: 1,
      mentions: "ports 26379, 27017, 28015, 33060 (rule covers ports 26000-34000)",
    },
    {
      name: "AWS inline protocol -1 from 0.0.0.0/0 names the new ports too",
      type: SG,
      props: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] },
      violations: 1,
      mentions:
        "7000, 7199, 7474, 7687, 8080, 8086, 8088, 8091, 8092, 8093, 8094, 8095, 8096, 8123, 8500, 8529, 8888, 8983, 9000, 9009",
    },
    {
      name: "Alibaba Cloud ClickHouse native 9000/9000 from ::/0",
      type: ALI_RULE,
      props: aliRule("9000/9000", { ipv6CidrIp: "::/0" }),
      violations: 1,
      mentions: "port 9000 ",
    },
    {
      name: "Alibaba Cloud ClickHouse native 9000/9000 from the VPC only",
      type: ALI_RULE,
      props: aliRule("9000/9000", { cidrIp: "172.16.0.0/12" }),
      violations: 0,
    },
    {
      name: "AWS inline 8000-8100 from a private range",
      type: SG,
      props: {
        vpcId: "vpc-1",
        ingress: [{ protocol: "tcp", fromPort: 8000, toPort: 8100, cidrBlocks: ["10.0.0.0/8"] }],
      },
      violations: 0,
    },
    {
      name: "TiDB's 4000, a web framework default too, is not listed",
      type: VPC_RULE,
      props: vpcRule("tcp", 4000, 4000, { cidrIpv4: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "Cassandra's TLS inter-node 7001, also WebLogic's, is not listed",
      type: SG_RULE,
      props: sgRule("tcp", 7001, 7001, { cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
    {
      name: "7001-7198 lies between Cassandra's 7000 and its JMX 7199",
      type: ALI_RULE,
      props: aliRule("7001/7198", { cidrIp: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "ClickHouse 9000 from a CIDR unknown at preview is a note",
      type: VPC_RULE,
      props: vpcRule("tcp", 9000, 9000, { cidrIpv4: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);

  it("config ports narrows the list back: ClickHouse 9000 from the internet passes", async () => {
    const props = vpcRule("tcp", 9000, 9000, { cidrIpv4: "0.0.0.0/0" });
    const narrowed = await run(disallowPublicHighRiskPorts, VPC_RULE, props, { config: { ports: [3306] } });
    expect(mandatory(narrowed)).toHaveLength(0);
    expect(mandatory(await run(disallowPublicHighRiskPorts, VPC_RULE, props))).toHaveLength(1);
  });
});
