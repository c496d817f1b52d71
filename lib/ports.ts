// Port-range arithmetic shared by every ingress form on both clouds: one answer to "does this rule open port P".

export interface PortRange {
  from: number;
  to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** Remote administration: SSH and RDP (CIS AWS 5.2/5.3, CIS Alibaba 4.3/4.4, FSBP EC2.13/14). */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

/** AWS FSBP EC2.19 plus the database and cache ports the case and its peers saw attacked. */
export const HIGH_RISK_PORTS: readonly number[] = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888,
  9200, 9300, 1521, 6379, 27017, 11211,
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
const PORTLESS = new Set(["icmp", "1", "icmpv6", "58", "gre", "47"]);

function protocolText(protocol: unknown): string | undefined {
  if (typeof protocol === "number") return String(protocol);
  if (typeof protocol === "string") return protocol.trim().toLowerCase();
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
 * from/to; ICMP and other port-less protocols open no port ("none"); any other protocol number opens all ports
 * (AWS ignores ports for them). `undefined` means the range cannot be decided from the values given.
 */
export function awsRuleRange(protocol: unknown, fromPort: unknown, toPort: unknown): PortRange | "none" | undefined {
  const p = protocolText(protocol);
  if (p === undefined || p === "") return undefined;
  if (ALL.has(p)) return ALL_PORTS;
  if (TCP.has(p) || UDP.has(p)) return explicitRange(fromPort, toPort);
  if (PORTLESS.has(p)) return "none";
  if (/^\d+$/.test(p) && Number(p) <= 255) return ALL_PORTS;
  return undefined;
}

/** NACL entries share the AWS encoding (protocol "-1"/"all"/"6"/"tcp"; ports absent with -1). */
export function naclEntryRange(protocol: unknown, fromPort: unknown, toPort: unknown): PortRange | "none" | undefined {
  const p = protocolText(protocol);
  if (p !== undefined && ALL.has(p)) return ALL_PORTS;
  return awsRuleRange(protocol, fromPort, toPort);
}

/**
 * Ports an Alibaba Cloud ECS security-group rule opens. `portRange` "-1/-1" (the provider default) and an absent
 * range mean every port, as does ipProtocol "all"; "22/22" and "1/200" are inclusive ranges; icmp/gre open none.
 */
export function alicloudRuleRange(ipProtocol: unknown, portRange: unknown): PortRange | "none" | undefined {
  const p = protocolText(ipProtocol);
  if (p === undefined || p === "") return undefined;
  if (ALL.has(p)) return ALL_PORTS;
  if (PORTLESS.has(p)) return "none";
  if (!TCP.has(p) && !UDP.has(p)) return undefined;
  if (portRange === undefined || portRange === null || portRange === "") return ALL_PORTS;
  if (typeof portRange !== "string") return undefined;
  const m = /^\s*(-?\d+)\s*\/\s*(-?\d+)\s*$/.exec(portRange);
  if (!m) return undefined;
  return explicitRange(m[1], m[2]);
}

/** Alibaba Cloud VPC network-ACL entries: protocol "all"/"tcp"/"udp"/"icmp"/"gre", port "-1/-1" or "22/22". */
export function alicloudAclEntryRange(protocol: unknown, port: unknown): PortRange | "none" | undefined {
  return alicloudRuleRange(protocol, port);
}

export function formatRange(r: PortRange): string {
  if (r.from === ALL_PORTS.from && r.to === ALL_PORTS.to) return "all ports";
  return r.from === r.to ? `port ${r.from}` : `ports ${r.from}-${r.to}`;
}
