// Port-range arithmetic shared by every ingress form on both clouds: one answer to "does this rule open port P".

export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * Remote administration with a password prompt: SSH and RDP (CIS AWS 5.2/5.3, CIS Alibaba 4.3/4.4, FSBP EC2.13/14),
 * then VNC 5900 and WinRM 5985 (HTTP) / 5986 (HTTPS). The benchmarks name only 22 and 3389; VNC and WinRM are the same
 * kind of remote login, brute-forced the same way the case's first step was. 22 and 3389 stay first: the stack rules
 * report ports in list order, and 22 is the SSH port the reachability model probes.
 */
export const ADMIN_PORTS: readonly number[] = [22, 3389, 5900, 5985, 5986];

/**
 * Ports that must not face the internet: AWS FSBP EC2.19; the database and cache ports the case and its peers saw
 * attacked, NetBIOS, the Docker API, etcd and kubelet; then, grouped below, more control planes ransomware and miners
 * scan for, most answering without credentials by default (Kubernetes API, etcd peer, ZooKeeper, Consul, HDFS NameNode
 * web UI on Hadoop 3 and 2, ActiveMQ OpenWire with CVE-2023-46604, RabbitMQ AMQP and management), and data services
 * that serve or take data without a login (rpcbind, NFS, rsync daemon, Kafka), and VNC's displays :1-:3 (5901-5903),
 * where Linux VNC servers listen (`vncserver :1`, TigerVNC's `vncserver@:1`) with password-only logins; unlike VNC's
 * 5900 they are no administration port a bastion may expose. Last, grouped below, the ports of more databases and
 * data stores an attacker reaches to read, wipe or encrypt data (the case's step 3), several answering without a
 * password by default (ClickHouse, Cassandra, Solr, RethinkDB): ClickHouse, InfluxDB, Neo4j, the MySQL X protocol,
 * Oracle TLS and Connection Manager, Db2, second MySQL/PostgreSQL/Redis instances, PgBouncer, Redis Sentinel,
 * Cassandra, Couchbase, ArangoDB, RethinkDB, Solr and Kafka's TLS listener.
 * Not listed: ports a balancer commonly forwards to as the application itself, e.g. WebLogic 7001 (also Cassandra's
 * TLS inter-node port) or 4000 (TiDB's SQL port, and the default of many web frameworks): the stack rule would fail
 * an ordinary stack behind a load balancer unless its allowBehindLoadBalancer default named them too.
 */
export const HIGH_RISK_PORTS: readonly number[] = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888,
  9200, 9300, 1521, 6379, 27017, 11211, 139, 2375, 2376, 2379, 5439, 5984, 9042, 10250,
  // control planes
  6443, 2380, 2181, 8500, 9870, 50070, 61616, 5672, 15672,
  // data services
  111, 2049, 873, 9092,
  // VNC displays :1-:3, where Linux VNC servers listen (vncserver :1 on 5901); password-only, like 5900
  5901, 5902, 5903,
  // ClickHouse HTTP, native and interserver (the default user has no password)
  8123, 9000, 9009,
  // InfluxDB HTTP API; Neo4j browser and Bolt
  8086, 7474, 7687,
  // MySQL X protocol, Oracle TNS over TLS and Connection Manager admin, Db2
  33060, 2484, 1830, 50000,
  // second MySQL, PostgreSQL and Redis instances (or Redis TLS), PgBouncer, Redis Sentinel
  3307, 5433, 6380, 6432, 26379,
  // Cassandra inter-node, JMX and Thrift (not 7001, its TLS inter-node port, which is WebLogic's too: see above)
  7000, 7199, 9160,
  // Couchbase web console/REST, views, query, search, analytics and eventing
  8091, 8092, 8093, 8094, 8095, 8096,
  // ArangoDB, RethinkDB client driver, Solr admin and API, Kafka TLS listener
  8529, 28015, 8983, 9093,
];

export function rangeCoversPort(r: PortRange, port: number): boolean {
  return r.from <= port && port <= r.to;
}

/** The listed ports that fall inside the range, in list order. */
export function portsInRange(r: PortRange, ports: readonly number[]): number[] {
  return ports.filter((p) => rangeCoversPort(r, p));
}

const TCP = new Set(["tcp", "6"]);
const UDP = new Set(["udp", "17"]);
const ALL = new Set(["-1", "all"]);
/** Named IP protocols that carry no TCP/UDP port. Any other IP protocol number (0-255) carries none either. */
const PORTLESS = new Set(["icmp", "icmpv6", "gre", "esp", "ah", "sctp"]);

/** Lower-case protocol text; a numeric protocol loses leading zeros ("06" is "6", "-01" is "-1"). */
function protocolText(protocol: unknown): string | undefined {
  if (typeof protocol === "number") return Number.isInteger(protocol) ? String(protocol) : undefined;
  if (typeof protocol !== "string") return undefined;
  const p = protocol.trim().toLowerCase();
  return /^-?\d+$/.test(p) ? String(Number(p)) : p;
}

/**
 * How a protocol value bears on TCP/UDP ports: "all" (-1/all: every port of every protocol), "ports" (TCP and UDP:
 * from/to apply), "none" (ICMP, ICMPv6, GRE, ESP, AH, SCTP and every other IP protocol number 0-255: no TCP/UDP
 * port is opened), or undefined when the value is unknown or not a protocol.
 */
export function protocolPorts(protocol: unknown): "all" | "ports" | "none" | undefined {
  const p = protocolText(protocol);
  if (p === undefined || p === "") return undefined;
  if (ALL.has(p)) return "all";
  if (TCP.has(p) || UDP.has(p)) return "ports";
  if (PORTLESS.has(p) || (/^\d+$/.test(p) && Number(p) <= 255)) return "none";
  return undefined;
}

function asPort(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}

/** Ports of an explicit from/to pair; an out-of-range or reversed pair is undecidable rather than guessed. */
function explicitRange(fromPort: unknown, toPort: unknown): PortRange | undefined {
  const from = asPort(fromPort);
  const to = asPort(toPort);
  if (from === undefined || to === undefined) return undefined;
  // AWS and NACLs use -1 for "all" with protocol -1, and 0..0 is accepted for all-protocol rules.
  if (from === -1 && to === -1) return ALL_PORTS;
  if (from < 0 || to > 65535 || from > to) return undefined;
  return { from, to };
}

/**
 * Ports an AWS security-group rule opens. Protocol -1/all opens every port whatever from/to say; TCP and UDP use
 * from/to; every other protocol (ICMP, ESP, AH, GRE, SCTP, any other number) opens no TCP/UDP port ("none").
 * `undefined` means the range cannot be decided from the values given (e.g. an unknown protocol).
 */
export function awsRuleRange(protocol: unknown, fromPort: unknown, toPort: unknown): PortRange | "none" | undefined {
  const kind = protocolPorts(protocol);
  if (kind === "all") return ALL_PORTS;
  if (kind === "ports") return explicitRange(fromPort, toPort);
  return kind;
}

/** NACL entries share the AWS encoding (protocol "-1"/"all"/"6"/"tcp"; ports absent with -1). */
export function naclEntryRange(protocol: unknown, fromPort: unknown, toPort: unknown): PortRange | "none" | undefined {
  return awsRuleRange(protocol, fromPort, toPort);
}

/**
 * Ports an Alibaba Cloud ECS security-group rule opens. `portRange` "-1/-1" (the provider default) and an absent
 * range mean every port, as does ipProtocol "all"; "22/22" and "1/200" are inclusive ranges; icmp/gre open none.
 * The documented form is "start/end"; a bare "22" (what Simple Application Server rules use) can only mean 22/22.
 */
export function alicloudRuleRange(ipProtocol: unknown, portRange: unknown): PortRange | "none" | undefined {
  const kind = protocolPorts(ipProtocol);
  if (kind === "all") return ALL_PORTS;
  if (kind !== "ports") return kind;
  if (portRange === undefined || portRange === null || portRange === "") return ALL_PORTS;
  if (typeof portRange !== "string") return undefined;
  const m = /^\s*(-?\d+)\s*(?:\/\s*(-?\d+)\s*)?$/.exec(portRange);
  if (!m) return undefined;
  return explicitRange(m[1], m[2] ?? m[1]);
}

/** Alibaba Cloud VPC network-ACL entries: protocol "all"/"tcp"/"udp"/"icmp"/"gre", port "-1/-1" or "22/22". */
export function alicloudAclEntryRange(protocol: unknown, port: unknown): PortRange | "none" | undefined {
  return alicloudRuleRange(protocol, port);
}

export function formatRange(r: PortRange): string {
  if (r.from === ALL_PORTS.from && r.to === ALL_PORTS.to) return "all ports";
  return r.from === r.to ? `port ${r.from}` : `ports ${r.from}-${r.to}`;
}
