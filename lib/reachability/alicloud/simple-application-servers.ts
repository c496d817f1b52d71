// Simple Application Server (SWAS) instances: internet-facing hosts outside any VPC the stack declares, with a public
// IPv4 address filtered only by the server's own firewall. The firewall starts open to any address on TCP 80 and
// 443, plus 22 on Linux images and 3389 on Windows images; `FirewallRule` resources only add rules (the provider can
// neither list nor remove the defaults), and name no source, so each admits any address.
import { alicloudSwasFirewallRule } from "../../ingress-alicloud-firewalls";
import { ANY_SOURCE } from "../exposure";
import { entryRules } from "../firewall-rules";
import { FirewallRule, NetworkModel, nodeOf } from "../model";
import { pushTo } from "../multimap";
import { isUnknown, unwrap } from "../resource";
import { ALI } from "./tokens";

/** The image id names no operating system, so both defaults stand: a Linux image opens 22, a Windows image 3389. */
const DEFAULT_PORTS: [number, string][] = [
  [22, "default firewall, Linux images"],
  [3389, "default firewall, Windows images"],
  [80, "default firewall"],
  [443, "default firewall"],
];

export function addAlicloudSimpleApplicationServers(m: NetworkModel): void {
  const servers = m.resolver.ofType(ALI.swasInstance);
  if (servers.length === 0) return;
  const added = new Map<string, FirewallRule[]>();
  for (const r of m.resolver.ofType(ALI.swasFirewallRule)) {
    const value = unwrap(r.inputs.instanceId);
    const linked = m.resolver.many(r, "instanceId", [value], [ALI.swasInstance]).urns;
    // A server the rule may name but the model cannot tell: the rule may add its ports to any of them.
    const targets = linked.length > 0 || !isUnknown(value) ? linked : servers.map((s) => s.urn);
    const note = linked.length === 1 ? "" : ", one of several servers it may name";
    const rules = alicloudSwasFirewallRule(r.inputs).entries.flatMap((e) =>
      entryRules(r.urn, `FirewallRule ${r.name}${note}`, e),
    );
    for (const urn of targets) pushTo(added, urn, ...rules);
  }
  for (const r of servers) {
    const defaults = DEFAULT_PORTS.map(([port, label]): FirewallRule => ({
      urn: r.urn,
      label,
      protocol: "tcp",
      ports: { from: port, to: port },
      cidr: ANY_SOURCE.ipv4,
    }));
    m.hosts.set(r.urn, {
      ...nodeOf(r),
      cloud: "alicloud",
      kind: "instance",
      subnets: [],
      externalSubnets: [],
      defaultSubnet: false,
      securityGroups: [],
      publicV4: [{ label: `public-ip:${r.name}`, urn: r.urn }],
      tags: {},
      firewall: {
        hostLabel: `swas:${r.name}`,
        rules: [...defaults, ...(added.get(r.urn) ?? [])],
        remedy: `the provider cannot remove a Simple Application Server's default rules: delete this port's rule of ${r.name} (console or DeleteFirewallRule) and record an exemption, or run the workload on ECS behind a security group`,
      },
    });
  }
}
