// Rules of a host's own firewall (Lightsail, Simple Application Server), read from the inbound entries the resource
// rules read (lib/ingress*.ts), so both judge the same ports and sources.
import type { IngressEntry } from "../ingress";
import { ANY_SOURCE } from "./exposure";
import { FirewallRule, Protocol, RulePorts } from "./model";
import { appendAll } from "../arrays";

/** One rule per source block of the entry; an unknown protocol, range or source opens everything it may. */
export function entryRules(urn: string, label: string, e: IngressEntry): FirewallRule[] {
  const protocol = e.protocol === undefined || e.protocol === "unknown" ? "all" : e.protocol;
  const ports = e.range === "unknown" ? undefined : e.range;
  const rules = e.cidrs.map((cidr) => ({ urn, label, protocol, ports, cidr }));
  if (e.unknownSource) appendAll(rules, fromAnywhere(urn, `${label}, cidrs unknown at preview`, protocol, ports));
  return rules;
}

/** The same rule from any IPv4 and any IPv6 address. */
export function fromAnywhere(urn: string, label: string, protocol: Protocol, ports: RulePorts): FirewallRule[] {
  return [ANY_SOURCE.ipv4, ANY_SOURCE.ipv6].map((cidr) => ({ urn, label, protocol, ports, cidr }));
}
