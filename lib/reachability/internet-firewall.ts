// Hosts behind a firewall of their own (Lightsail): no gateway, route, NACL or security group stands between the
// public address and the firewall, so each allow rule naming a public block is a path from the internet.
import { familyOf, isPublic } from "./cidr-sets";
import { Exposure, hop } from "./exposure";
import { effectivePorts } from "./intervals";
import { Host } from "./model";

export function firewallExposures(host: Host): Exposure[] {
  const firewall = host.firewall;
  if (!firewall) return [];
  const address = { ipv4: host.publicV4[0], ipv6: host.publicV6 };
  const rows: Exposure[] = [];
  for (const rule of firewall.rules) {
    const family = familyOf(rule.cidr);
    const via = family && address[family];
    const ports = effectivePorts(rule.ports);
    if (!family || !via || !ports || !isPublic(rule.cidr)) continue;
    rows.push({
      urn: host.urn,
      name: host.name,
      type: host.type,
      family,
      protocol: rule.protocol,
      ports,
      source: rule.cidr,
      path: [`${firewall.hostLabel} (${rule.label})`, hop(firewall.hostLabel, ports)],
      via: "direct",
      causes: [via.urn, rule.urn],
    });
  }
  return rows;
}
