// Network-ACL entries for internet-facing vSwitches. Alibaba Cloud evaluates entries in order (first match wins)
// and drops whatever no entry accepts. ACLs are stateless, so replies to outbound connections need the ephemeral
// range (1024-65535) open; 3389 lies inside it, which is why SSH/RDP are dropped explicitly before that accept.
// Security groups (stateful) stay the real per-port guard; the ACL is the second fence the case lacked.
import { parseCidr } from "../../lib/cidr";
import { ADMIN_PORTS } from "../../lib/ports";

export const IPV4_ANY = "0.0.0.0/0";
export const IPV6_ANY = "::/0";

export interface AclIngressEntrySpec {
  networkAclEntryName: string;
  description: string;
  policy: "accept" | "drop";
  protocol: "tcp" | "udp" | "icmp" | "all";
  port: string;
  sourceCidrIp: string;
  ipVersion: "IPv4" | "IPv6";
}

export interface AclEgressEntrySpec {
  networkAclEntryName: string;
  description: string;
  policy: "accept" | "drop";
  protocol: "tcp" | "all";
  port: string;
  destinationCidrIp: string;
  ipVersion: "IPv4" | "IPv6";
}

export interface PublicTierAclOptions {
  /** Sources that may reach SSH (the bastion's allowed CIDRs); already validated by the caller. */
  adminSourceCidrs: readonly string[];
  /** The VPC's own CIDR: private vSwitches reach the NAT gateway and the bastion through it. */
  vpcCidr: string;
  /** TCP ports served to the internet from the public tier. */
  publicTcpPorts: readonly number[];
  /** Also write the IPv6 (::/0) entries. */
  ipv6: boolean;
}

/** The family an entry for `cidr` is written in (and counted against: the ACL quota counts families apart). */
export function versionOf(cidr: string): "IPv4" | "IPv6" {
  return parseCidr(cidr)?.family === "ipv6" ? "IPv6" : "IPv4";
}

/** Replies to connections the hosts opened arrive on these ports (Alibaba Cloud's documented range). */
export const EPHEMERAL_PORTS = "1024/65535";

/**
 * Ordered ingress entries: admin sources to 22; drops of 22 and 3389 from the internet; the public TCP ports;
 * ephemeral replies (tcp and udp); everything from inside the VPC; ICMP (path-MTU discovery). The rest is dropped.
 */
export function publicTierIngressEntries(opts: PublicTierAclOptions): AclIngressEntrySpec[] {
  const anys = opts.ipv6 ? [IPV4_ANY, IPV6_ANY] : [IPV4_ANY];
  const entry = (
    name: string,
    description: string,
    policy: "accept" | "drop",
    protocol: AclIngressEntrySpec["protocol"],
    port: string,
    source: string,
  ): AclIngressEntrySpec => ({
    networkAclEntryName: name,
    description,
    policy,
    protocol,
    port,
    sourceCidrIp: source,
    ipVersion: versionOf(source),
  });
  const v = (cidr: string) => versionOf(cidr).toLowerCase();
  return [
    ...opts.adminSourceCidrs.map((cidr, i) =>
      entry(`admin-ssh-${i}`, `SSH from administrative source ${cidr}`, "accept", "tcp", "22/22", cidr),
    ),
    ...anys.flatMap((any) =>
      ADMIN_PORTS.map((port) =>
        entry(
          `deny-${port}-${v(any)}`,
          `Drop remote administration (${port}) from the internet`,
          "drop",
          "tcp",
          `${port}/${port}`,
          any,
        ),
      ),
    ),
    ...anys.flatMap((any) =>
      opts.publicTcpPorts.map((port) =>
        entry(`public-${port}-${v(any)}`, `Public service port ${port}`, "accept", "tcp", `${port}/${port}`, any),
      ),
    ),
    ...anys.flatMap((any) =>
      (["tcp", "udp"] as const).map((protocol) =>
        entry(
          `replies-${protocol}-${v(any)}`,
          "Replies to outbound connections",
          "accept",
          protocol,
          EPHEMERAL_PORTS,
          any,
        ),
      ),
    ),
    entry("from-vpc", "Traffic from the VPC's own vSwitches (NAT, bastion)", "accept", "all", "-1/-1", opts.vpcCidr),
    ...anys.map((any) => entry(`icmp-${v(any)}`, "ICMP (path-MTU discovery)", "accept", "icmp", "-1/-1", any)),
  ];
}

/** Egress stays open at the ACL: security groups and SNAT decide outbound reach. */
export function publicTierEgressEntries(opts: { ipv6: boolean }): AclEgressEntrySpec[] {
  const anys = opts.ipv6 ? [IPV4_ANY, IPV6_ANY] : [IPV4_ANY];
  return anys.map((any) => ({
    networkAclEntryName: `allow-out-${versionOf(any).toLowerCase()}`,
    description: "Outbound traffic",
    policy: "accept",
    protocol: "all",
    port: "-1/-1",
    destinationCidrIp: any,
    ipVersion: versionOf(any),
  }));
}
