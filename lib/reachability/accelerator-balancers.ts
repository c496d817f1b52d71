// Balancers behind a Global Accelerator: an endpoint naming an ALB, NLB or CLB of the stack sends the ports the
// accelerator listener forwards (after the group's port overrides) to the balancer's listeners on those ports,
// internal or not, and from there to their targets as an internet-facing balancer would. Listeners on ports the
// accelerator does not forward keep only the balancer's own scheme. The balancer's security groups see the client's
// address when the endpoint keeps it; otherwise an accelerator address the model cannot place, which any CIDR rule
// may admit, so every client of the accelerator gets through.
import type { PortRange } from "../ports";
import { Exposure, Family, hop, httpOnlyIf, unverifiedIf } from "./exposure";
import { intersectAll } from "./intervals";
import { acceleratedListenerSources, admittedLabel } from "./listener-sources";
import { Front, frontsOf, openFront, targetRows } from "./lb-admission";
import { BalancerTarget, ClientAddress, Listener, LoadBalancer, NetworkModel } from "./model";
import { forwardedProtocol } from "./listener-protocols";
import { outsideBackendRows } from "./outside-backends";
import { intersectProtocol } from "./protocol";
import { admitted, ruleLabel, rulesOf } from "./security-group-eval";
import { appendAll } from "../arrays";

/** Rows through the balancers an accelerator listener forwards to, from one client source block. */
export function acceleratedBalancerRows(
  m: NetworkModel,
  listener: Listener,
  source: string,
  family: Family,
  acceleratorHops: string[],
  causes: string[],
): Exposure[] {
  const rows: Exposure[] = [];
  for (const fwd of listener.balancers ?? []) {
    const lb = m.loadBalancers.get(fwd.balancer);
    if (!lb) continue;
    const sent: PortRange = fwd.port !== undefined ? { from: fwd.port, to: fwd.port } : (fwd.ports ?? listener.ports);
    const scheme = lb.internetFacing ? "internet-facing" : "internal";
    const seen = fwd.clientAddress === "kept" ? "client address kept" : "accelerator address";
    const head = [...acceleratorHops, ...fwd.via, `lb:${lb.name} (${scheme}, behind accelerator, ${seen})`];
    for (const front of balancerFronts(m, lb, fwd.clientAddress, source, family)) {
      const protocol = intersectProtocol(listener.protocol, front.protocol);
      if (!protocol) continue;
      const ports = intersectAll(front.ports, sent);
      for (const inner of lb.listeners)
        appendAll(rows, intoListener(m, lb, inner, fwd, { ...front, protocol, ports }, family, head, causes));
    }
  }
  return rows;
}

/** What the balancer's groups admit of the accelerator's traffic. */
function balancerFronts(
  m: NetworkModel,
  lb: LoadBalancer,
  clientAddress: ClientAddress,
  source: string,
  family: Family,
): Front[] {
  if (lb.securityGroups.length === 0) return [openFront(lb, source)];
  if (clientAddress === "kept") return frontsOf(m, lb, { source, hops: [] }, family);
  // No document names the edge or back-to-origin ranges: any CIDR rule may hold one, so none lets an exposure pass.
  const fronts: Front[] = [];
  for (const rule of rulesOf(m, lb.securityGroups)) {
    if (rule.action !== "accept" || rule.source.kind !== "cidr") continue;
    const pkt = { kind: "cidr", cidr: rule.source.cidr } as const;
    for (const slice of admitted(m, lb.securityGroups, pkt, (r) => r === rule, lb.possibleGroups))
      fronts.push({
        source,
        protocol: slice.protocol,
        ports: slice.ports,
        hops: [`${ruleLabel(m, slice)} (may admit the accelerator's address)`],
        causes: [slice.rule.urn],
      });
  }
  return fronts;
}

function intoListener(
  m: NetworkModel,
  lb: LoadBalancer,
  inner: Listener,
  fwd: BalancerTarget,
  front: Front,
  family: Family,
  head: string[],
  causes: string[],
): Exposure[] {
  const protocol = intersectProtocol(front.protocol, inner.protocol);
  const ports = intersectAll(front.ports, inner.ports);
  if (!protocol || ports.length === 0) return [];
  const rows: Exposure[] = [];
  const forwarded = forwardedProtocol(inner, protocol);
  for (const admitted of acceleratedListenerSources(inner, front.source, family, fwd.clientAddress)) {
    const { source } = admitted;
    const unverified = front.unverified || admitted.unknown !== undefined;
    // An HTTP-only balancer listener (an ALB) carries only HTTP to whatever it reaches, behind an accelerator too.
    const marked = (row: Exposure) => httpOnlyIf(unverifiedIf(row, unverified), inner);
    const why = [...causes, ...front.causes, inner.urn, ...(admitted.cause ? [admitted.cause] : [])];
    const listenerHop = (ports: PortRange) => hop(`listener:${inner.name}`, ports) + admittedLabel(admitted);
    for (const range of ports) {
      const hops = [...head, ...front.hops, listenerHop(range)];
      const { urn, name, type } = lb;
      const own: Exposure = {
        urn,
        name,
        type,
        family,
        protocol,
        ports: range,
        source,
        path: hops,
        via: "load-balancer",
        causes: why,
      };
      if (!inner.targetsOnly) rows.push(marked(own));
      const pass = { ...inner, ports: range };
      for (const target of inner.targets) {
        const found = targetRows(m, lb, pass, forwarded, target, source, family, hops, why, fwd.clientAddress);
        appendAll(rows, found.map(marked));
      }
    }
    // Backends outside the stack are reached on their own port: once per source, however many ranges reach the listener.
    const hops = [...head, ...front.hops, listenerHop(inner.ports)];
    const outside = outsideBackendRows(inner, forwarded, source, family, hops, why, false);
    appendAll(rows, outside.map(marked));
  }
  return rows;
}
