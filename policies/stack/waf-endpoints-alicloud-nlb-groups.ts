// Which clients an Alibaba Cloud NLB listener admits, for the WAF origin check (waf-endpoints-alicloud-origin.ts):
// an NLB has no listener ACL, so its security groups are what keeps strangers from going around a WAF 3.0 domain in
// front of it. The sources of the accept rules meeting the listener's protocol and ports are its whitelist; rules
// naming a group admit only that group's members, never the internet. An NLB without a security group admits anyone.
import { NetworkModel, SgRule } from "../../lib/reachability";
import { GenericResource, isUnknown } from "../../lib/reachability/internals";
import { effectivePorts, intersectAll } from "../../lib/reachability/intervals";
import { intersectProtocol } from "../../lib/reachability/protocol";
import { rulesOf } from "../../lib/reachability/security-group-eval";
import { Admission } from "./waf-endpoints-alicloud-listener-acls";

/** The field a rule leaves unknown at preview, or the source outside the stack it names; undefined when read. */
function unreadField(rule: SgRule): string | undefined {
  if (rule.unknownPorts || rule.unknownRule) return `the protocol or ports of security group rule ${rule.name}`;
  if (rule.source.kind === "cidr" && rule.source.unknown) return `the source of security group rule ${rule.name}`;
  if (rule.source.kind === "prefix-list") return `prefix list ${rule.source.id} (security group rule ${rule.name})`;
  if (rule.source.kind === "unresolved") return `source ${rule.source.text} (security group rule ${rule.name})`;
  return undefined;
}

/**
 * What the NLB's security groups admit on the listener. Drop rules are not subtracted: a block they refuse still
 * counts, so a group that relies on them to narrow a public accept is judged by the accept.
 */
export function nlbListenerAdmission(m: NetworkModel, nlb: GenericResource, listenerUrn: string): Admission {
  const lb = m.loadBalancers.get(nlb.urn);
  if (!lb || isUnknown(nlb.inputs.securityGroupIds)) return { kind: "unknown", field: "securityGroupIds" };
  const outside = lb.securityGroups.find((g) => !m.securityGroups.has(g));
  if (outside) return { kind: "unknown", field: `the rules of security group ${outside} (outside the stack)` };
  if (lb.securityGroups.length === 0) return { kind: "anyone", why: "no security group, so every address" };
  const listener = lb.listeners.find((l) => l.urn === listenerUrn);
  if (!listener) return { kind: "whitelist", entries: [] };
  const entries: string[] = [];
  for (const rule of rulesOf(m, lb.securityGroups)) {
    const ports = effectivePorts(rule.ports);
    if (rule.action !== "accept" || !ports || !intersectProtocol(rule.protocol, listener.protocol)) continue;
    if (intersectAll([ports], listener.ports).length === 0) continue;
    const unread = unreadField(rule);
    if (unread) return { kind: "unknown", field: unread };
    if (rule.source.kind === "cidr") entries.push(rule.source.cidr);
  }
  return { kind: "whitelist", entries };
}
