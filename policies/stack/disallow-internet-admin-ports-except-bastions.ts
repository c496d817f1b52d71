// Case step 1: scanners found SSH open on the servers and brute-forced it in 137 seconds.
import { ADMIN_SOURCE_BUDGET_BLOCKS, cidrContains } from "../../lib/cidr";
import { ADMIN_PORTS, HIGH_RISK_PORTS, rangeCoversPort } from "../../lib/ports";
import { renderPath } from "../../lib/reachability";
import { acceleratorReachesOnlyHttp } from "../../lib/reachability/accelerator-http-only";
import { CIDRS_SCHEMA, PORTS_SCHEMA } from "../lib/config";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { internetExposuresOnce } from "./internet-exposures-once";
import { ALLOW_LIST_KEYS_TEXT, ALLOWED_CIDRS_TAG } from "../../lib/allow-list-tag-keys";
import {
  BASTION_SCHEMA,
  BastionConfig,
  TAG_ENTRY_PREFIX,
  TaggedAllowList,
  allowListKeysRead,
  allowListKeysUnread,
  isBastion,
  readBastions,
  taggedAllowList,
  taggedBroadRanges,
} from "./roles";
import { broadUnion, overBudgetText } from "./allow-list-union";

interface Config extends BastionConfig {
  ports: number[];
  allowCidrs: string[];
}

/** WinRM over HTTP and HTTPS: administration a listener speaking only HTTP still carries. */
const WINRM_PORTS: ReadonlySet<number> = new Set([5985, 5986]);

/** VNC display :0; the displays after it (:1-:3) are the ports that follow it among lib/ports.ts's high-risk ports. */
const VNC_DISPLAY_0 = 5900;

function vncDisplays(): number[] {
  const out = [VNC_DISPLAY_0];
  while (HIGH_RISK_PORTS.includes(out[out.length - 1] + 1)) out.push(out[out.length - 1] + 1);
  return out;
}

/**
 * Administration services that do not speak HTTP: SSH, RDP and VNC (displays :0-:3). A path through a listener that
 * speaks only HTTP (an application load balancer) cannot log in to them; WinRM (5985/5986) is HTTP and stays judged.
 */
const NOT_HTTP_ADMIN_PORTS: ReadonlySet<number> = new Set([
  ...ADMIN_PORTS.filter((p) => !WINRM_PORTS.has(p)),
  ...vncDisplays(),
]);

/** The tags the list was read from, as the note names them: the one key, or how many. */
function readFrom(keys: readonly string[]): string {
  return keys.length === 1 ? `${keys[0]} tag lists` : `${keys.length} ${ALLOWED_CIDRS_TAG} tags list`;
}

/** Why entries of the bastion's tags do not count: they would make it an SSH server for everyone. */
function refusedNote(tagged: TaggedAllowList, ranges: string[], keys: readonly string[]): string {
  if (tagged.refused.length === 0) return "";
  const joined = ranges.length > 0 ? ` (together ${ranges.join(", ")})` : "";
  // The same union roles.ts judged: every entry of the tag, trusted or refused.
  const { overBudget } = broadUnion([...tagged.trusted, ...tagged.refused], TAG_ENTRY_PREFIX);
  const totals = overBudget.length > 0 ? ` (${overBudget.map(overBudgetText).join("; ")})` : "";
  return (
    `; its ${readFrom(keys)} ${tagged.refused.join(", ")}, broader than a public ` +
    `/${TAG_ENTRY_PREFIX.ipv4} (IPv6 /${TAG_ENTRY_PREFIX.ipv6}) alone or merged with the other entries${joined}, ` +
    `more addresses in all than ${ADMIN_SOURCE_BUDGET_BLOCKS} such blocks${totals}, or covering the internet together, which no allow-list ` +
    "may be: list the office or VPN egress ranges"
  );
}

/** Keys that look like the allow-list's but are not read: their sources were likely meant to be on it. */
function unreadNote(unread: readonly string[]): string {
  if (unread.length === 0) return "";
  return `; ${unread.join(", ")} ${unread.length === 1 ? "is" : "are"} not read: keys are ${ALLOW_LIST_KEYS_TEXT}`;
}

export const disallowInternetAdminPortsExceptBastions = defineStackRule<Config>({
  metadata: {
    name: "disallow-internet-admin-ports-except-bastions",
    description:
      "Administration ports may be reachable from the internet, by any path, only on designated bastions and only from their allow-list.",
    details:
      "Administration ports (SSH 22, RDP 3389, VNC 5900, WinRM 5985/5986 by default) may be reachable from the internet — by any path: public address, load-balancer listener, DNAT entry or the own firewall of a Lightsail instance or a Simple Application Server (their defaults open SSH or RDP) — only on designated bastions, and only from their allow-list.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Remove the public path to the port (public address, listener or DNAT entry), or the internet source from the rule that admits it.",
      "Lightsail: declare aws.lightsail.InstancePublicPorts for the instance without 22/3389 (it replaces the default firewall), or restrict their cidrs.",
      "Simple Application Server: the provider cannot remove the default 22/3389 rules; delete them in the console (or with DeleteFirewallRule) and record an exemption for the server, or run the workload on ECS behind a security group.",
      "Reach private hosts through a bastion tagged hardening:role=bastion (or listed in config bastions).",
      `Give the bastion an allow-list: config allowCidrs, or its hardening:allowed-cidrs tag, continued in hardening:allowed-cidrs-2, -3, … when one value cannot hold it (all read as one list: public ranges /24 or narrower, IPv6 /48, holding in all no more addresses than ${ADMIN_SOURCE_BUDGET_BLOCKS} such blocks; the tags cannot declare the internet); admit only those ranges.`,
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.13" },
      { framework: "AWS FSBP", id: "EC2.14" },
      { framework: "CIS AWS v3.0", id: "5.2" },
      { framework: "CIS Alibaba Cloud v2.0", id: "4.3" },
      { framework: "CIS Alibaba Cloud v2.0", id: "4.4" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 1,
    resourceTypes: ["(network model: every host, balancer and DNAT entry)"],
  },
  configSchema: {
    ...BASTION_SCHEMA,
    ports: { ...PORTS_SCHEMA, description: "Administration ports (default [22, 3389, 5900, 5985, 5986])." },
    allowCidrs: { ...CIDRS_SCHEMA, description: "Public ranges every bastion may admit." },
  },
  parseConfig: (r) => ({ ...readBastions(r), ports: r.ports("ports", ADMIN_PORTS), allowCidrs: r.cidrs("allowCidrs") }),
  check: ({ model, config }) => {
    const m = model();
    const findings: StackFinding[] = [];
    for (const e of internetExposuresOnce(m)) {
      // A pass-through listener answers nothing itself: its targets' rows are judged.
      if (e.passThrough) continue;
      // An accelerator forwarding only to ALBs reaches their HTTP listeners only, as a path through an ALB does.
      const httpOnly = e.httpOnly || acceleratorReachesOnlyHttp(m, e);
      const carried = (p: number) => !(httpOnly && NOT_HTTP_ADMIN_PORTS.has(p));
      for (const port of config.ports.filter((p) => rangeCoversPort(e.ports, p) && carried(p))) {
        const host = m.hosts.get(e.urn);
        const where = e.unverified
          ? `cannot be verified at preview: ${e.name}: ${e.protocol}/${port} may be reachable from the internet (a value on its path is unknown): ${renderPath(e)}`
          : `${e.name}: ${e.protocol}/${port} is reachable from the internet: ${renderPath(e)}`;
        // A host with its own firewall (Lightsail) is fixed there, not in a security group.
        const remedy = host?.firewall ? `; ${host.firewall.remedy}` : "";
        const finding = (message: string): StackFinding => ({ urn: e.urn, message, unverifiable: e.unverified });
        if (!host || !isBastion(host, config)) {
          findings.push(finding(`${where}; only a designated bastion may expose an administration port${remedy}`));
          continue;
        }
        const tagged = taggedAllowList(host);
        const allow = [...config.allowCidrs, ...tagged.trusted];
        if (!allow.some((a) => cidrContains(a, e.source)))
          findings.push(
            finding(
              `${where}; source ${e.source} is outside the bastion's allow-list (${allow.join(", ") || "empty"})` +
                refusedNote(tagged, taggedBroadRanges(host), allowListKeysRead(host)) +
                unreadNote(allowListKeysUnread(host)) +
                remedy,
            ),
          );
      }
    }
    return findings;
  },
});
