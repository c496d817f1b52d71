// The cloud-neutral network graph both adapters produce and the queries read. Every node keeps its URN and name so
// findings can name the resource and print a path.
import type { PortRange } from "../ports";
import type { Resolver } from "./resolver";

export type Cloud = "aws" | "alicloud";

/** "tcp", "udp", "icmp", … or "all". */
export type Protocol = string;

/** A port range, "none" for port-less protocols, undefined when the values cannot be decided. */
export type RulePorts = PortRange | "none" | undefined;

export interface Node {
  urn: string;
  name: string;
  type: string;
}

export interface Network extends Node {
  cloud: Cloud;
  mainRouteTable?: string;
  /** The VPC's default NACL, when the stack manages it. */
  defaultNacl?: string;
}

export interface Subnet extends Node {
  network?: string;
  routeTable?: string;
  nacl?: string;
  publicIpv4OnLaunch: boolean;
  ipv6OnLaunch: boolean;
}

export type GatewayKind = "internet" | "egress-only" | "nat" | "other";

export interface RouteTarget {
  kind: GatewayKind;
  urn?: string;
  name: string;
}

export interface Route {
  urn: string;
  destination: string;
  target: RouteTarget;
}

export interface RouteTable extends Node {
  network?: string;
  routes: Route[];
}

export interface AclEntry {
  urn: string;
  /** Evaluation order: AWS rule number, Alicloud list position. */
  order: number;
  action: "allow" | "deny";
  protocol: Protocol;
  ports: RulePorts;
  cidr: string;
  /** Short label for paths, e.g. "#100". */
  label: string;
}

export interface Nacl extends Node {
  network?: string;
  subnets: string[];
  ingress: AclEntry[];
}

export type RuleSource =
  /**
   * `via`: the managed prefix list the block comes from, for paths. `unknown`: the rule's CIDR is unknown at preview
   * and stands as any address of its family (accepts only): findings through it are unverifiable, not violations.
   */
  | { kind: "cidr"; cidr: string; via?: string; unknown?: true }
  /**
   * `ambiguous`: one of several groups an inline rule set names, and the model cannot tell which rule names which;
   * `candidates` are all of them (the rule names some of these).
   */
  | { kind: "sg"; sg: string; ambiguous?: boolean; candidates?: readonly string[] }
  /** `unknown`: the rule's `self` flag is unknown at preview: it may reference its own group (findings are notes). */
  | { kind: "self"; unknown?: true }
  | { kind: "prefix-list"; id: string }
  /** A group outside the stack or a reference that could not be resolved. */
  | { kind: "unresolved"; text: string };

export interface SgRule {
  /** The resource that declares the rule (the group itself for inline rules). */
  urn: string;
  name: string;
  group: string;
  protocol: Protocol;
  ports: RulePorts;
  source: RuleSource;
  action: "accept" | "drop";
  /** Alicloud priority (1 wins); AWS rules all share priority 1 and only accept. */
  priority: number;
  /** The protocol or ports are unknown at preview: an accept reads as every port, and what it opens is unverified. */
  unknownPorts?: true;
  /**
   * More than a field is unknown at preview: the rule's `type` (it may be an egress rule), or the rule itself (an
   * inline element, or the whole list, standing as any rule). Only accepts carry it; what they open is unverified.
   */
  unknownRule?: UnknownRule;
}

/** What a rule label names as unknown: "(rule type unknown at preview)". */
export type UnknownRule = "rule type" | "rule" | "rules";

export interface SecurityGroup extends Node {
  cloud: Cloud;
  network?: string;
  rules: SgRule[];
  tags: Record<string, string>;
}

/** Why a host has a public address: the resource to name in the path. */
export interface PublicAddress {
  label: string;
  urn: string;
  /** Whether the address exists is unknown at preview (an IPv6 address count): what it leads to is unverified. */
  unverified?: true;
  /** The secondary interface the address leads to (an Alicloud ENI): its groups and vSwitch filter, not the host's. */
  interface?: HostInterface;
}

/**
 * A secondary network interface (Alicloud ENI) through which a path enters the instance it is attached to. The
 * interface's own security groups govern traffic addressed to it, so paths naming it are judged by them alone.
 */
export interface HostInterface {
  urn: string;
  name: string;
  subnets: string[];
  externalSubnets: string[];
  securityGroups: string[];
  /** Of `securityGroups`, those the interface may not carry (group-links.ts): their drops close nothing. */
  possibleGroups?: string[];
}

export type HostKind = "instance" | "scaling-group" | "network-interface" | "database";

export interface Host extends Node {
  cloud: Cloud;
  kind: HostKind;
  /** An empty list with `defaultSubnet` set means the provider's default (public) subnet. */
  subnets: string[];
  /** Subnet references naming nothing in the stack. */
  externalSubnets: string[];
  defaultSubnet: boolean;
  securityGroups: string[];
  /** Of `securityGroups`, those the host may not carry (group-links.ts): their drops close nothing. */
  possibleGroups?: string[];
  publicV4: PublicAddress[];
  /** Set when the host gets a global IPv6 address. */
  publicV6?: PublicAddress;
  /** Global IPv6 addresses on secondary interfaces (an Alicloud ENI's): each leads through its interface. */
  interfacesV6?: PublicAddress[];
  tags: Record<string, string>;
  /** Only these ports matter (managed databases); undefined means every port. */
  listenPorts?: number[];
  /** Alicloud database whitelists: the only sources admitted. */
  whitelist?: string[];
  /** Some whitelist entry (or the whole list) is unknown at preview: it may admit any address. */
  whitelistUnknown?: true;
  /** Alicloud databases: a public connection endpoint (reachability then depends on the whitelist only). */
  publicEndpoint?: PublicAddress;
  /** A firewall of the host's own (Lightsail): the only filter between its public addresses and the internet. */
  firewall?: HostFirewall;
}

export interface HostFirewall {
  /** How paths name the host, e.g. "lightsail:web". */
  hostLabel: string;
  rules: FirewallRule[];
  /** The change that closes a port, for findings. */
  remedy: string;
}

/** An allow rule (host firewalls never deny). */
export interface FirewallRule {
  /** The resource that opens the port: the host itself for provider defaults. */
  urn: string;
  /** Why the port is open, e.g. "default firewall: no InstancePublicPorts". */
  label: string;
  protocol: Protocol;
  ports: RulePorts;
  cidr: string;
}

export interface Target {
  host: string;
  /** Port on the target; undefined means the listener's port. */
  port?: number;
  /**
   * Ports on the target when they are a range unrelated to the listener's (accelerator custom routing destinations,
   * an accelerator port override to a port unknown at preview).
   */
  ports?: PortRange;
  via: string[];
  /** The secondary interface the backend reference named (an Alicloud ENI): its groups admit, not the host's. */
  interface?: HostInterface;
  /**
   * The balancer hands IPv4 clients' own addresses to this target (an AWS NLB target group preserving client IPs):
   * the balancer's private addresses never carry their traffic, so a rule admitting only those does not admit it.
   */
  clientAddressKept?: true;
}

/**
 * The address a balancer behind a Global Accelerator sees: the client's own ("kept"), or one of the accelerator's
 * ("replaced": an AWS edge address, an Alibaba Cloud back-to-origin address) that the model cannot place.
 */
export type ClientAddress = "kept" | "replaced";

/** A balancer of the stack that an accelerator listener forwards to, on the port a Target would name. */
export interface BalancerTarget {
  balancer: string;
  port?: number;
  ports?: PortRange;
  via: string[];
  clientAddress: ClientAddress;
}

/** A block a listener's whitelist admits. */
export interface ListedSource {
  cidr: string;
  /** The block stands for access control the plan does not show (`aclStatus`, `entries of ACL office`). */
  unknown?: string;
  /** The ACL or entry attachment that holds the entry: what a fix must change. */
  cause?: string;
}

export interface Listener extends Node {
  protocol: Protocol;
  ports: PortRange;
  targets: Target[];
  /** Accelerator listeners: balancer endpoints, whose own listeners on the forwarded ports take the traffic. */
  balancers?: BalancerTarget[];
  /** Whitelist ACL entries (Alicloud SLB, ALB and accelerator listeners): a source outside them all is refused. */
  allowList?: ListedSource[];
  /** Blacklist ACL entries (Alicloud SLB and ALB listeners): a source they cover together is refused. */
  denyList?: string[];
  /**
   * The balancer passes the listener's connections to its targets without answering them itself (AWS NLB TCP and
   * UDP listeners): only a target that admits the client answers.
   */
  passThrough?: true;
  /** Backends the listener forwards to that the plan does not declare (outside-backends.ts). */
  outside?: OutsideBackend[];
  /**
   * The balancer speaks only HTTP (HTTP/1.1, HTTP/2, gRPC) here, to clients and to targets: an AWS application load
   * balancer, an Alibaba Cloud ALB. A port it reaches is reached by HTTP requests only, so a service that speaks
   * something else there (SSH, RDP, VNC) cannot be logged in to through it.
   */
  httpOnly?: true;
  /**
   * A path through an AWS listener narrowed to some sources (a rule's source-ip condition): its targets are reached
   * from the allow list only, and the listener's own port, which answers everyone, is the listener's row, not this.
   */
  targetsOnly?: true;
}

/**
 * A backend a forward names but the plan does not declare: an existing server's id, a literal address, a group or
 * target group with no member in the stack. Its own firewall is out of sight, so the port forwarded to is what is
 * judged: an Alibaba Cloud CLB backend needs no rule to admit the balancer, and a forward exists to be reached.
 */
export interface OutsideBackend {
  /** How paths name it, e.g. "backend i-bp1abc (outside the stack)". */
  label: string;
  ports: PortRange;
  /** The port forwarded to is unknown at preview: `ports` is every port, and what it opens is unverified. */
  unverified?: true;
}

export interface LoadBalancer extends Node {
  cloud: Cloud;
  internetFacing: boolean;
  /** Reachable over IPv6 too (dual-stack). */
  ipv6: boolean;
  /** AWS application load balancers and Alicloud HTTP(S) listeners can sit behind a WAF. */
  wafCapable: boolean;
  subnets: string[];
  securityGroups: string[];
  /** Of `securityGroups`, those the balancer may not carry (group-links.ts): their drops close nothing. */
  possibleGroups?: string[];
  listeners: Listener[];
}

export interface Dnat extends Node {
  protocol: Protocol;
  externalPorts: PortRange;
  internalPorts: PortRange;
  gatewayName: string;
  externalLabel: string;
  target?: string;
  /** The secondary interface the internal address belongs to (an Alicloud ENI). */
  interface?: HostInterface;
  /** No host of the stack holds the internal address: the entry forwards to a backend outside the plan. */
  outside?: string;
  /** The internal port is unknown at preview: `internalPorts` is every port, and what it opens is unverified. */
  unverified?: true;
}

export interface NetworkModel {
  networks: Map<string, Network>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  nacls: Map<string, Nacl>;
  securityGroups: Map<string, SecurityGroup>;
  /**
   * Keyed by URN. A resource with several public endpoints, each behind a whitelist of its own (an Elasticsearch
   * cluster and its Kibana), is one host per endpoint: the first keyed by its URN, the others by `endpointHostKey`,
   * all carrying the resource's URN.
   */
  hosts: Map<string, Host>;
  loadBalancers: Map<string, LoadBalancer>;
  dnat: Dnat[];
  resolver: Resolver;
}

export function emptyModel(resolver: Resolver): NetworkModel {
  return {
    networks: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    nacls: new Map(),
    securityGroups: new Map(),
    hosts: new Map(),
    loadBalancers: new Map(),
    dnat: [],
    resolver,
  };
}

/** The key of a resource's further endpoint host (see `NetworkModel.hosts`). */
export function endpointHostKey(urn: string, endpoint: string): string {
  return `${urn}#${endpoint}`;
}

export function nodeOf(r: { urn: string; name: string; type: string }): Node {
  return { urn: r.urn, name: r.name, type: r.type };
}
