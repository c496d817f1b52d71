// Internet-facing load balancers: the listener port is exposed, and each target is exposed on the port the
// listener forwards to (a listener forwarding to 22 puts SSH on the internet) when the target's groups admit
// traffic from the balancer.
import type { PortRange } from "../ports";
import { familyOf, intersectCidr, isPublic } from "./cidr-sets";
import { Entry, awsSubnetEntries } from "./entry";
import { ANY_SOURCE, Exposure, Family, hop, hostLabel } from "./exposure";
import { ALL_PORTS } from "../ports";
import { intersectAll, intersectRange } from "./intervals";
import { interfaceHops } from "./host-interface";
import { Listener, LoadBalancer, NetworkModel, Protocol, Target } from "./model";
import { intersectProtocol } from "./protocol";
import { AdmittedSlice, admitted, internetSourcesOf, originates, ruleLabel, rulesOf } from "./security-group-eval";

interface Front {
  source: string;
  protocol: Protocol;
  ports: PortRange[];
  hops: string[];
  causes: string[];
}

export function loadBalancerExposures(m: NetworkModel, lb: LoadBalancer): Exposure[] {
  if (!lb.internetFacing) return [];
  const rows: Exposure[] = [];
  for (const family of lb.ipv6 ? (["ipv4", "ipv6"] as Family[]) : (["ipv4"] as Family[])) {
    for (const entry of entriesOf(m, lb, family)) {
      for (const front of frontsOf(m, lb, entry, family)) {
        for (const listener of lb.listeners) rows.push(...throughListener(m, lb, listener, front, entry, family));
      }
    }
  }
  return rows;
}

/** One entry per admitted block: several public subnets lead to the same balancer. */
function entriesOf(m: NetworkModel, lb: LoadBalancer, family: Family): Entry[] {
  if (lb.cloud !== "aws" || lb.subnets.length === 0) return [{ source: ANY_SOURCE[family], hops: [] }];
  const bySource = new Map<string, Entry>();
  for (const s of lb.subnets)
    for (const e of awsSubnetEntries(m, s, family)) if (!bySource.has(e.source)) bySource.set(e.source, e);
  return [...bySource.values()];
}

function frontsOf(m: NetworkModel, lb: LoadBalancer, entry: Entry, family: Family): Front[] {
  // Without security groups (NLB, Alibaba Cloud) the balancer admits whatever reaches it.
  if (lb.securityGroups.length === 0)
    return [{ source: entry.source, protocol: "all", ports: [ALL_PORTS], hops: [], causes: [lb.urn] }];
  return internetSourcesOf(m, lb.securityGroups, entry.source, family).flatMap((source) =>
    admitted(m, lb.securityGroups, { kind: "cidr", cidr: source }, originates(source, entry.source)).map((slice) => ({
      source,
      protocol: slice.protocol,
      ports: slice.ports,
      hops: [ruleLabel(m, slice)],
      causes: [slice.rule.urn],
    })),
  );
}

function throughListener(
  m: NetworkModel,
  lb: LoadBalancer,
  listener: Listener,
  front: Front,
  entry: Entry,
  family: Family,
): Exposure[] {
  const protocol = intersectProtocol(front.protocol, listener.protocol);
  const ports = intersectAll(front.ports, listener.ports);
  if (!protocol || ports.length === 0) return [];
  const sources = listener.allowList
    ? listener.allowList
        .filter((c) => familyOf(c) === family && isPublic(c))
        .map((c) => intersectCidr(c, front.source))
        .filter((c): c is string => c !== undefined)
    : [front.source];
  const rows: Exposure[] = [];
  for (const source of sources) {
    const lbHops = [
      ...entry.hops,
      `lb:${lb.name} (internet-facing)`,
      ...front.hops,
      hop(`listener:${listener.name}`, listener.ports),
    ];
    const causes = [...front.causes, listener.urn];
    for (const range of ports)
      rows.push({
        urn: lb.urn,
        name: lb.name,
        type: lb.type,
        family,
        protocol,
        ports: range,
        source,
        path: lbHops,
        via: "load-balancer",
        causes,
      });
    for (const target of listener.targets) {
      const row = targetRow(m, lb, listener, target, source, family, lbHops, causes);
      if (row) rows.push(row);
    }
  }
  return rows;
}

function targetRow(
  m: NetworkModel,
  lb: LoadBalancer,
  listener: Listener,
  target: Target,
  source: string,
  family: Family,
  lbHops: string[],
  causes: string[],
): Exposure | undefined {
  const host = m.hosts.get(target.host);
  if (!host) return undefined;
  const range: PortRange =
    target.port !== undefined ? { from: target.port, to: target.port } : (target.ports ?? listener.ports);
  if (host.listenPorts && !host.listenPorts.some((p) => p >= range.from && p <= range.to)) return undefined;
  let label = "sg:(none resolved)";
  const cause: string[] = [];
  // A backend named by its secondary interface (an ENI) is admitted by that interface's groups alone.
  const groups = target.interface?.securityGroups ?? host.securityGroups;
  if (groups.length > 0) {
    const slice = admissionFromBalancer(m, groups, lb, source).find((s) =>
      s.ports.some((p) => intersectRange(p, range)),
    );
    if (!slice) return undefined;
    label = ruleLabel(m, slice);
    cause.push(slice.rule.urn);
  }
  return {
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
}

/**
 * Rules that let the balancer's traffic in: a reference to one of its groups, the client's block (balancers that
 * keep the client address), or a private block (the balancer's own addresses live in the VPC).
 */
function admissionFromBalancer(
  m: NetworkModel,
  groups: readonly string[],
  lb: LoadBalancer,
  source: string,
): AdmittedSlice[] {
  const slices = lb.securityGroups.flatMap((sg) => admitted(m, groups, { kind: "group", sg }));
  slices.push(...admitted(m, groups, { kind: "cidr", cidr: source }));
  for (const rule of rulesOf(m, groups))
    if (rule.action === "accept" && rule.source.kind === "cidr" && !isPublic(rule.source.cidr))
      slices.push(...admitted(m, groups, { kind: "cidr", cidr: rule.source.cidr }));
  return slices;
}
