// Internet-facing load balancers: the listener port is exposed, and each target is exposed on the port the
// listener forwards to (a listener forwarding to 22 puts SSH on the internet) when the target's groups admit
// traffic from the balancer. An accelerator's listener goes on into the balancers it names
// (accelerator-balancers.ts).
import { acceleratedBalancerRows } from "./accelerator-balancers";
import { Entry, awsSubnetEntries } from "./entry";
import { ANY_SOURCE, Exposure, Family, hop, httpOnlyIf, unverifiedIf } from "./exposure";
import { intersectAll } from "./intervals";
import { Front, frontsOf, listenerPasses, targetRows } from "./lb-admission";
import { forwardedProtocol } from "./listener-protocols";
import { admittedLabel, listenerSources } from "./listener-sources";
import { Listener, LoadBalancer, NetworkModel } from "./model";
import { outsideBackendRows } from "./outside-backends";
import { intersectProtocol } from "./protocol";
import { appendAll } from "../arrays";

export function loadBalancerExposures(m: NetworkModel, lb: LoadBalancer): Exposure[] {
  if (!lb.internetFacing) return [];
  const rows: Exposure[] = [];
  for (const family of lb.ipv6 ? (["ipv4", "ipv6"] as Family[]) : (["ipv4"] as Family[])) {
    for (const entry of entriesOf(m, lb, family)) {
      for (const front of frontsOf(m, lb, entry, family)) {
        for (const listener of lb.listeners) appendAll(rows, throughListener(m, lb, listener, front, entry, family));
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
  const rows: Exposure[] = [];
  for (const admitted of listenerSources(listener, front.source, family)) {
    const { source } = admitted;
    const lbHops = [
      ...entry.hops,
      `lb:${lb.name} (internet-facing)`,
      ...front.hops,
      hop(`listener:${listener.name}`, listener.ports) + admittedLabel(admitted),
    ];
    const causes = [...front.causes, listener.urn, ...(admitted.cause ? [admitted.cause] : [])];
    // A listener's narrowed paths (pieces sharing its URN) forward for it too.
    const forwards = lb.listeners.some((l) => l.urn === listener.urn && l.targets.length > 0);
    const forwardsOnly = listener.passThrough && forwards ? { passThrough: true as const } : {};
    const own: Exposure[] = (listener.targetsOnly ? [] : ports).map((range) => ({
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
      ...forwardsOnly,
    }));
    const forwarded = forwardedProtocol(listener, protocol);
    for (const target of listener.targets)
      for (const pass of listenerPasses(listener, target, ports))
        appendAll(own, targetRows(m, lb, pass, forwarded, target, source, family, lbHops, causes));
    appendAll(own, outsideBackendRows(listener, forwarded, source, family, lbHops, causes, !!forwardsOnly.passThrough));
    appendAll(own, acceleratedBalancerRows(m, listener, source, family, lbHops, causes));
    // Everything behind a front or listener ACL admitting a CIDR unknown at preview is unverified.
    appendAll(
      rows,
      own.map((row) => httpOnlyIf(unverifiedIf(row, front.unverified || admitted.unknown !== undefined), listener)),
    );
  }
  return rows;
}
