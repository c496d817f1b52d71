// What a balancer lets through: its own security groups in front (the internet sources and ports they admit), and
// behind it the targets' groups, which must admit traffic from the balancer (a reference to one of its groups, the
// client's block when the client address reaches the target, or a private block: the balancer's own addresses).
import type { PortRange } from "../ports";
import { ALL_PORTS } from "../ports";
import { isPublic } from "./cidr-sets";
import type { Entry } from "./entry";
import { Exposure, Family, hop, hostLabel, unverifiedIf } from "./exposure";
import { interfaceHops } from "./host-interface";
import { intersectRange } from "./intervals";
import { ClientAddress, Listener, LoadBalancer, NetworkModel, Protocol, Target } from "./model";
import {
  AdmittedSlice,
  admitted,
  internetSourcesOf,
  originates,
  ruleLabel,
  rulesOf,
  unverifiedSlice,
} from "./security-group-eval";

/** What the balancer's groups admit from one internet source block. */
export interface Front {
  source: string;
  protocol: Protocol;
  ports: PortRange[];
  hops: string[];
  causes: string[];
  /** The group rule admitting the source names a CIDR unknown at preview. */
  unverified?: boolean;
}

export function frontsOf(m: NetworkModel, lb: LoadBalancer, entry: Entry, family: Family): Front[] {
  // Without security groups (NLB, Alibaba Cloud) the balancer admits whatever reaches it.
  if (lb.securityGroups.length === 0) return [openFront(lb, entry.source)];
  return internetSourcesOf(m, lb.securityGroups, entry.source, family).flatMap((source) =>
    admitted(m, lb.securityGroups, { kind: "cidr", cidr: source }, originates(source, entry.source)).map((slice) => ({
      source,
      protocol: slice.protocol,
      ports: slice.ports,
      hops: [ruleLabel(m, slice)],
      causes: [slice.rule.urn],
      unverified: unverifiedSlice(slice),
    })),
  );
}

/** A balancer without security groups: every port and protocol from the source. */
export function openFront(lb: LoadBalancer, source: string): Front {
  return { source, protocol: "all", ports: [ALL_PORTS], hops: [], causes: [lb.urn] };
}

/**
 * The target's exposure behind a balancer listener, when its groups admit the balancer's traffic. `replaced`: the
 * packet may carry an accelerator address the model cannot place, which any CIDR rule may admit.
 */
export function targetRow(
  m: NetworkModel,
  lb: LoadBalancer,
  listener: Listener,
  target: Target,
  source: string,
  family: Family,
  lbHops: string[],
  causes: string[],
  clientAddress: ClientAddress = "kept",
): Exposure | undefined {
  const host = m.hosts.get(target.host);
  if (!host) return undefined;
  const range: PortRange =
    target.port !== undefined ? { from: target.port, to: target.port } : (target.ports ?? listener.ports);
  if (host.listenPorts && !host.listenPorts.some((p) => p >= range.from && p <= range.to)) return undefined;
  let label = "sg:(none resolved)";
  let unverified = false;
  const cause: string[] = [];
  // A backend named by its secondary interface (an ENI) is admitted by that interface's groups alone.
  const groups = target.interface?.securityGroups ?? host.securityGroups;
  if (groups.length > 0) {
    const seen = clientAddress === "kept" ? balancerAddresses(target, family) : "any";
    const slice = admissionFromBalancer(m, groups, lb, source, seen).find((s) =>
      s.ports.some((p) => intersectRange(p, range)),
    );
    if (!slice) return undefined;
    label = ruleLabel(m, slice);
    unverified = unverifiedSlice(slice);
    cause.push(slice.rule.urn);
  }
  const row: Exposure = {
    urn: host.urn,
    name: host.name,
    type: host.type,
    family,
    protocol: "tcp",
    ports: range,
    source,
    path: [...lbHops, ...target.via, ...interfaceHops(target.interface), label, hop(hostLabel(host), range)],
    via: "load-balancer",
    causes: [...causes, ...cause],
  };
  return unverifiedIf(row, unverified);
}

/**
 * Where the target may see the balancer's own addresses, besides the client's: in "any" block (an accelerator
 * address the model cannot place), in a "private" one (in the VPC), or "none" (it receives IPv4 clients' own).
 */
type BalancerAddresses = "any" | "private" | "none";

function balancerAddresses(target: Target, family: Family): BalancerAddresses {
  return family === "ipv4" && target.clientAddressKept ? "none" : "private";
}

/**
 * Rules that let the balancer's traffic in: a reference to one of its groups, the client's block (balancers that
 * keep the client address), or a block that may hold the balancer's own addresses (`seen`).
 */
function admissionFromBalancer(
  m: NetworkModel,
  groups: readonly string[],
  lb: LoadBalancer,
  source: string,
  seen: BalancerAddresses,
): AdmittedSlice[] {
  const slices = lb.securityGroups.flatMap((sg) => admitted(m, groups, { kind: "group", sg }));
  slices.push(...admitted(m, groups, { kind: "cidr", cidr: source }));
  if (seen === "none") return slices;
  for (const rule of rulesOf(m, groups))
    if (rule.action === "accept" && rule.source.kind === "cidr" && (seen === "any" || !isPublic(rule.source.cidr)))
      slices.push(...admitted(m, groups, { kind: "cidr", cidr: rule.source.cidr }));
  return slices;
}
