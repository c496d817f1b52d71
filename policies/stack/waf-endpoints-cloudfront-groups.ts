// What an ALB's own security groups admit on its listener ports, whatever the routes to its subnets. The path model
// finds no internet entry for subnets whose VPC or route table is outside the stack (and leaves subnets outside the
// stack out), yet such an ALB still answers every source its groups admit: CloudFront fronts it only when no group
// admits a public block (the model's own reading: lb-admission.ts, security-group-eval.ts) and every prefix list
// outside the stack it admits is CloudFront's origin-facing one (waf-endpoints-cloudfront-lists.ts).
import { ALL_PORTS, PortRange } from "../../lib/ports";
import { ANY_SOURCE, Family, Listener, LoadBalancer, NetworkModel, Protocol, SgRule } from "../../lib/reachability";
import { effectivePorts, formatPorts, intersectAll } from "../../lib/reachability/intervals";
import { frontsOf } from "../../lib/reachability/lb-admission";
import { intersectProtocol } from "../../lib/reachability/protocol";
import { ruleLabel, rulesOf } from "../../lib/reachability/security-group-eval";

/** A way in the groups leave open: what admits whom on which listener port; `unverified` through a preview unknown. */
export interface GroupOpening {
  why: string;
  unverified: boolean;
}

/** A rule admitting a prefix list outside the stack on a listener port; id "(unknown)" when unknown at preview. */
export interface OutsideListRule {
  id: string;
  label: string;
}

/** Listener ports the rule's protocol and ports meet; every port when no listener of the stack says which. */
function listenerPortsMet(lb: LoadBalancer, protocol: Protocol, ports: readonly PortRange[]): PortRange[] {
  const served = lb.listeners.length > 0 ? lb.listeners : [{ protocol: "all" as Protocol, ports: ALL_PORTS }];
  return served.flatMap((l) =>
    intersectProtocol(protocol, l.protocol) ? ports.flatMap((p) => intersectAll([p], l.ports)) : [],
  );
}

/**
 * Public blocks the groups admit on a listener port. `ipv6`: "unknown" when the address type is unknown at preview
 * (a dual-stack ALB answers ::/0), which makes its IPv6 openings notes.
 */
export function internetOpenings(m: NetworkModel, lb: LoadBalancer, ipv6: boolean | "unknown"): GroupOpening[] {
  const families: Family[] = ipv6 === false ? ["ipv4"] : ["ipv4", "ipv6"];
  return families.flatMap((family) =>
    frontsOf(m, lb, { source: ANY_SOURCE[family], hops: [] }, family).flatMap((front) => {
      const met = listenerPortsMet(lb, front.protocol, front.ports);
      if (met.length === 0) return [];
      // Listeners sharing a port (and the pieces a listener rule narrows) name it once.
      const on = [...new Set(met.map(formatPorts))].join(", ");
      const addressType = family === "ipv6" && ipv6 === "unknown" ? " (ipAddressType unknown at preview)" : "";
      return [
        {
          why: `${front.hops.join(" → ")} admits ${front.source} on ${on}${addressType} whatever the routes to its subnets`,
          unverified: front.unverified === true || addressType !== "",
        },
      ];
    }),
  );
}

/** Accept rules of the groups naming a prefix list outside the stack on a listener port. */
export function outsideListRules(m: NetworkModel, lb: LoadBalancer): OutsideListRule[] {
  return rulesOf(m, lb.securityGroups).flatMap((rule: SgRule) => {
    const ports = effectivePorts(rule.ports);
    if (rule.action !== "accept" || rule.source.kind !== "prefix-list" || !ports) return [];
    const met = listenerPortsMet(lb, rule.protocol, [ports]);
    if (met.length === 0) return [];
    const groupName = m.securityGroups.get(rule.group)?.name ?? rule.group;
    return [{ id: rule.source.id, label: ruleLabel(m, { rule, groupName, protocol: rule.protocol, ports: met }) }];
  });
}

/** Whether the listener serves a port of the rule's protocol and ports. */
const meets = (l: Listener, protocol: Protocol, ports: PortRange): boolean =>
  intersectProtocol(protocol, l.protocol) !== undefined && intersectAll([ports], l.ports).length > 0;

/**
 * The names (urns) of the ALB's listeners in the stack on the ports its groups open to a prefix list outside the
 * stack (CloudFront's, once the lists are checked): the listeners every distribution reaches. All of them when no
 * such rule meets one, since the distribution in front then comes in some other way.
 */
export function listenersOpenToLists(m: NetworkModel, lb: LoadBalancer): string[] {
  const all = [...new Set(lb.listeners.map((l) => l.urn))];
  const met = new Set<string>();
  for (const rule of rulesOf(m, lb.securityGroups)) {
    const ports = effectivePorts(rule.ports);
    if (rule.action !== "accept" || rule.source.kind !== "prefix-list" || !ports) continue;
    for (const l of lb.listeners) if (meets(l, rule.protocol, ports)) met.add(l.urn);
  }
  return met.size > 0 ? all.filter((urn) => met.has(urn)) : all;
}
