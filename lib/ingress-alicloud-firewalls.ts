// Alibaba Cloud firewalls outside ECS security groups: Edge Node Service security groups carry their rules inline,
// and Simple Application Server firewall rules name no source at all.
import type { IngressEntry, IngressExtraction } from "./ingress";
import { alicloudPolicy, ingressEntry, listField, protocolOf, range, sourcesOf } from "./ingress-fields";
import { alicloudRuleRange } from "./ports";
import { isUnknown, num, obj } from "./values";
import { ownValue } from "./own-value";

/**
 * `alicloud.ens.SecurityGroup` `permissions[]`: direction, ipProtocol, portRange "22/22", sourceCidrIp /
 * ipv6SourceCidrIp, policy Accept/Drop and priority 1 (first) to 100, as ECS rules. At equal priority a drop wins,
 * so drops sort first.
 */
export function alicloudEnsSecurityGroup(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "permissions");
  if (typeof items === "string") return { entries: [], unknownField: items };
  const entries: IngressEntry[] = [];
  for (const [i, raw] of items.entries()) {
    const where = `permissions[${i}]`;
    if (isUnknown(raw)) {
      entries.push(ingressEntry({ where, action: "allow", range: "unknown" }, { cidrs: [], unknownSource: true }));
      continue;
    }
    const r = obj(raw) ?? {};
    // A permission whose direction is unknown may be egress: an accept is read as inbound (what it opens is a
    // note), a drop as one that may close nothing (what it would close is a note).
    const direction = isUnknown(r.direction);
    if (!direction && typeof r.direction === "string" && r.direction.trim().toLowerCase() !== "ingress") continue;
    const action = alicloudPolicy(r.policy);
    if (!action && !isUnknown(r.policy)) continue;
    const priority = num(r.priority) ?? 1;
    entries.push(
      ingressEntry(
        {
          where,
          action: action ?? "allow",
          unknownAction: action && !(direction && action === "deny") ? undefined : true,
          assumed: direction ? `${where}.direction` : undefined,
          order: priority * 2 + (action === "deny" ? 0 : 1),
          range: range(alicloudRuleRange(r.ipProtocol, r.portRange)),
          protocol: protocolOf(r.ipProtocol),
        },
        sourcesOf(r.sourceCidrIp, r.ipv6SourceCidrIp),
      ),
    );
  }
  return { entries };
}

const SWAS_PROTOCOLS: Record<string, string> = { tcp: "tcp", udp: "udp", tcpandudp: "all" };

/**
 * `alicloud.simpleapplicationserver.FirewallRule`: `port` "22/22" over `ruleProtocol` Tcp, Udp or TcpAndUdp. The
 * provider has no source field, so every rule admits any IPv4 address.
 */
export function alicloudSwasFirewallRule(props: Record<string, unknown>): IngressExtraction {
  const p = props.ruleProtocol;
  const protocol = typeof p === "string" ? (ownValue(SWAS_PROTOCOLS, p.trim().toLowerCase()) ?? "unknown") : "unknown";
  return {
    entries: [
      ingressEntry(
        {
          where: "rule",
          action: "allow",
          range: protocol === "unknown" ? "unknown" : range(alicloudRuleRange("tcp", props.port)),
          protocol,
        },
        { cidrs: ["0.0.0.0/0"], unknownSource: false },
      ),
    ],
  };
}
