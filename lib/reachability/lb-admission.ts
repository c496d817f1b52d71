// What a balancer lets through: its own security groups in front (the internet sources and ports they admit), and
// behind it the targets' groups, which must admit traffic from the balancer (a reference to one of its groups, the
// client's block when the client address reaches the target, or a private block: the balancer's own addresses).
import type { PortRange } from "../ports";
import { ALL_PORTS, rangeCoversPort } from "../ports";
import { isPublic } from "./cidr-sets";
import type { Entry } from "./entry";
import { Exposure, Family, hop, hostLabel, unverifiedIf } from "./exposure";
import { interfaceHops, throughInterface } from "./host-interface";
import { intersectAll, subtractRange } from "./intervals";
import { ClientAddress, Host, Listener, LoadBalancer, NetworkModel, Protocol, Target } from "./model";
import { PORT_PROTOCOLS, intersectProtocol, protocolCovers } from "./protocol";
import {
  AdmittedSlice,
  PacketSource,
  admitted,
  internetSourcesOf,
  originates,
  ruleLabel,
  rulesOf,
  unverifiedSlice,
} from "./security-group-eval";
import { appendAll } from "../arrays";

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
    admitted(
      m,
      lb.securityGroups,
      { kind: "cidr", cidr: source },
      originates(source, entry.source),
      lb.possibleGroups,
    ).map((slice) => ({
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

/** A target whose port is unknown at preview: it stands for every port of the host, and what it opens is unverified. */
export type UnverifiedTarget = Target & { unverified: true };

const unverifiedTarget = (t: Target): boolean => (t as Partial<UnverifiedTarget>).unverified === true;

/**
 * The listener as a target meets it: a target with a port (or range) of its own is reached there whatever port the
 * client used; one without is reached on the client's port, so only on the listener's `ports` the balancer's groups
 * admit, each range apart (an NLB listener on 20-3400 behind a group admitting 443 reaches the target on 443 alone).
 */
export function listenerPasses(listener: Listener, target: Target, ports: readonly PortRange[]): Listener[] {
  if (target.port !== undefined || target.ports) return [listener];
  return ports.map((range) => ({ ...listener, ports: range }));
}

/**
 * The target's exposure behind a balancer listener (cut to the admitted ports: `listenerPasses`): one row per piece
 * of the target's port range that its groups admit from the balancer (a group admitting only 8080 behind an all-port
 * forward opens 8080, not 22), on the protocol both the rule and `protocol` carry (what the listener forwards:
 * `forwardedProtocol`): a UDP-only rule opens nothing behind a TCP listener. `replaced`: the packet may carry an accelerator address the model
 * cannot place, which any CIDR rule may admit.
 */
export function targetRows(
  m: NetworkModel,
  lb: LoadBalancer,
  listener: Listener,
  protocol: Protocol,
  target: Target,
  source: string,
  family: Family,
  lbHops: string[],
  causes: string[],
  clientAddress: ClientAddress = "kept",
): Exposure[] {
  const host = m.hosts.get(target.host);
  if (!host) return [];
  const range: PortRange =
    target.port !== undefined ? { from: target.port, to: target.port } : (target.ports ?? listener.ports);
  // A backend named by its secondary interface (an ENI) is admitted by that interface's groups alone.
  const carrier = throughInterface(host, target.interface);
  const groups = carrier.securityGroups;
  const seen = clientAddress === "kept" ? balancerAddresses(target, family) : "any";
  const pieces: AdmittedPiece[] =
    groups.length > 0
      ? admittedPieces(m, admissionFromBalancer(m, carrier, lb, source, seen), protocol, range)
      : [{ protocol, ports: range, label: "sg:(none resolved)", unverified: false }];
  const listens = (p: PortRange) => !host.listenPorts || host.listenPorts.some((port) => rangeCoversPort(p, port));
  return pieces
    .filter((piece) => listens(piece.ports))
    .map((piece) => {
      const row: Exposure = {
        urn: host.urn,
        name: host.name,
        type: host.type,
        family,
        protocol: piece.protocol,
        ports: piece.ports,
        source,
        path: [
          ...lbHops,
          ...target.via,
          ...interfaceHops(target.interface),
          piece.label,
          hop(hostLabel(host), piece.ports),
        ],
        via: "load-balancer",
        causes: [...causes, ...(piece.cause ? [piece.cause] : [])],
      };
      return unverifiedIf(row, piece.unverified || unverifiedTarget(target));
    });
}

/** Part of a target's range one rule admits on one protocol, named by that rule. */
interface AdmittedPiece {
  protocol: Protocol;
  ports: PortRange;
  label: string;
  unverified: boolean;
  cause?: string;
}

/**
 * The target's range cut to what the admitting rules accept on the forwarded protocol, each port once per
 * protocol: verified rules claim their ports first, so a port a known rule admits is a violation even when an
 * unknown rule admits it too. A rule whose protocol does not meet the forwarded one admits nothing.
 */
function admittedPieces(
  m: NetworkModel,
  slices: AdmittedSlice[],
  forwarded: Protocol,
  range: PortRange,
): AdmittedPiece[] {
  const met = slices.flatMap((slice) => {
    const protocol = intersectProtocol(forwarded, slice.protocol);
    return protocol ? [{ ...slice, protocol }] : [];
  });
  const ordered = met.sort((a, b) => Number(unverifiedSlice(a)) - Number(unverifiedSlice(b)));
  const out: AdmittedPiece[] = [];
  for (const protocol of protocolsApart(ordered)) {
    let left: PortRange[] = [range];
    for (const slice of ordered.filter((s) => protocolCovers(s.protocol, protocol))) {
      for (const ports of slice.ports.flatMap((p) => intersectAll(left, p))) {
        const { rule } = slice;
        out.push({ protocol, ports, label: ruleLabel(m, slice), unverified: unverifiedSlice(slice), cause: rule.urn });
        left = subtractRange(left, ports);
      }
    }
  }
  return out.sort((a, b) => a.ports.from - b.ports.from);
}

/**
 * The protocols to judge apart: the one every rule admits (a TCP listener's, or "all" for all-protocol rules behind
 * a TCP_UDP listener: one row, as the listener's own), else each narrower one, an all-protocol rule standing for
 * TCP and UDP beside them (a UDP-only rule behind a TCP_UDP listener opens UDP alone).
 */
function protocolsApart(slices: readonly AdmittedSlice[]): Protocol[] {
  const distinct = [...new Set(slices.map((s) => s.protocol))];
  if (distinct.length <= 1) return distinct;
  const narrower = distinct.filter((p) => p !== "all");
  return [...new Set([...narrower, ...(distinct.includes("all") ? PORT_PROTOCOLS : [])])];
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
  target: Host,
  lb: LoadBalancer,
  source: string,
  seen: BalancerAddresses,
): AdmittedSlice[] {
  const groups = target.securityGroups;
  const from = (pkt: PacketSource) => admitted(m, groups, pkt, undefined, target.possibleGroups);
  const slices = lb.securityGroups.flatMap((sg) => from({ kind: "group", sg }));
  appendAll(slices, from({ kind: "cidr", cidr: source }));
  if (seen === "none") return slices;
  for (const rule of rulesOf(m, groups))
    if (rule.action === "accept" && rule.source.kind === "cidr" && (seen === "any" || !isPublic(rule.source.cidr)))
      appendAll(slices, from({ kind: "cidr", cidr: rule.source.cidr }));
  return slices;
}
