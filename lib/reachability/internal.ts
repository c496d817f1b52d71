// internalReach: who inside the network can reach database ports and SSH — the lateral-movement half of the
// case (a foothold on one server, then the database). Sources are groups (with the hosts that carry them),
// self-references, CIDR blocks and database whitelists. A rule unknown at preview is one row per host and port, from
// any source: its stand-ins for each address family are not two rules.
import { ADMIN_PORTS } from "../ports";
import { rangeCoversPort } from "../ports";
import { hostLabel } from "./exposure";
import { Host, NetworkModel, RuleSource, SgRule } from "./model";
import { AdmittedSlice, admitted, ruleLabel, rulesOf } from "./security-group-eval";
import { pushTo } from "./multimap";
import { isStandIn } from "./unknown-rules";
import { appendAll } from "../arrays";

export type ReachSource =
  /** `candidates`: when `ambiguous`, every group the rule may name (it names some of them). */
  | { kind: "sg"; sg: string; name: string; hosts: string[]; ambiguous: boolean; candidates?: readonly string[] }
  /** `unknown`: the rule's `self` flag is unknown at preview (it may reference its own group). */
  | { kind: "self"; sg: string; name: string; hosts: string[]; unknown?: true }
  /** `unknown`: the rule's CIDR is unknown at preview (`cidr` then stands for any address of its family). */
  | { kind: "cidr"; cidr: string; unknown?: true }
  | { kind: "whitelist"; cidr: string }
  | { kind: "prefix-list"; id: string }
  | { kind: "unresolved"; text: string }
  /** A rule unknown at preview (one inline rule or the whole list): it may name any source. */
  | { kind: "any" };

export interface InternalReach {
  target: string;
  targetName: string;
  targetType: string;
  port: number;
  from: ReachSource;
  /** The rule that admits (absent for whitelists). */
  rule?: string;
  path: string;
  /**
   * The rule's protocol or ports, or the rule itself (its type, the whole list), are unknown at preview: it may not
   * cover the port. Also set when its `self` flag is unknown: it may not reference its group.
   */
  unknownPorts?: true;
}

const SSH = ADMIN_PORTS[0];

/** Who reaches each host's listening ports (databases) or, on other hosts, `loginPorts` (SSH by default). */
export function internalReach(m: NetworkModel, loginPorts: readonly number[] = [SSH]): InternalReach[] {
  const carriers = groupCarriers(m);
  const rows: InternalReach[] = [];
  for (const host of m.hosts.values()) {
    const ports = host.listenPorts ?? loginPorts;
    for (const port of ports) {
      appendAll(rows, groupReach(m, host, port, carriers));
      for (const cidr of host.whitelist ?? [])
        rows.push({
          ...targetOf(host, port),
          from: { kind: "whitelist", cidr },
          path: `${cidr} → whitelist → ${hostLabel(host)}:${port}`,
        });
    }
  }
  return rows.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

function sortKey(r: InternalReach): string {
  return `${r.target}\u0000${String(r.port).padStart(5, "0")}\u0000${r.path}`;
}

/** Security group URN → URNs of hosts that carry it. */
export function groupCarriers(m: NetworkModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of m.hosts.values()) for (const sg of h.securityGroups) pushTo(out, sg, h.urn);
  for (const lb of m.loadBalancers.values()) for (const sg of lb.securityGroups) pushTo(out, sg, lb.urn);
  return out;
}

function targetOf(host: Host, port: number) {
  return { target: host.urn, targetName: host.name, targetType: host.type, port };
}

function groupReach(m: NetworkModel, host: Host, port: number, carriers: Map<string, string[]>): InternalReach[] {
  const rows: InternalReach[] = [];
  const seen = new Set<SgRule>();
  // A rule unknown at preview stands as one accept per address family: it is one rule, reported once.
  const standIns = new Set<string>();
  for (const rule of rulesOf(m, host.securityGroups)) {
    if (rule.action !== "accept" || seen.has(rule)) continue;
    seen.add(rule);
    const standIn = isStandIn(rule) ? `${rule.urn}\u0000${rule.name}` : undefined;
    if (standIn !== undefined && standIns.has(standIn)) continue;
    const slice = openSlice(m, host, rule, port);
    if (!slice) continue;
    if (standIn !== undefined) standIns.add(standIn);
    const from: ReachSource =
      standIn !== undefined ? { kind: "any" } : reachSource(m, rule.source, rule.group, carriers);
    const fromText = from.kind === "sg" || from.kind === "self" ? `sg:${from.name}` : describe(from, rule.source);
    const unverified = rule.unknownPorts || rule.unknownRule || (from.kind === "self" && from.unknown);
    rows.push({
      ...targetOf(host, port),
      from,
      rule: rule.urn,
      path: `${fromText} → ${ruleLabel(m, slice)} → ${hostLabel(host)}:${port}`,
      ...(unverified ? { unknownPorts: true as const } : {}),
    });
  }
  return rows;
}

/** The rule admits `port` after drops of higher priority are applied (source-specific evaluation). */
function openSlice(m: NetworkModel, host: Host, rule: SgRule, port: number): AdmittedSlice | undefined {
  const src = rule.source;
  const pkt =
    src.kind === "cidr"
      ? ({ kind: "cidr", cidr: src.cidr } as const)
      : src.kind === "sg"
        ? ({ kind: "group", sg: src.sg } as const)
        : src.kind === "self"
          ? ({ kind: "group", sg: rule.group } as const)
          : undefined;
  if (!pkt) {
    // Prefix lists and unresolved groups cannot be evaluated against drops: the rule's own ports decide.
    const p = rule.ports;
    const open = p === undefined || (p !== "none" && rangeCoversPort(p, port));
    if (!open) return undefined;
    const groupName = m.securityGroups.get(rule.group)?.name ?? rule.group;
    const possible = host.possibleGroups?.includes(rule.group) ? { possible: true as const } : {};
    return { rule, groupName, protocol: rule.protocol, ports: [], ...possible };
  }
  return admitted(m, host.securityGroups, pkt, (r) => r === rule, host.possibleGroups).find((s) =>
    s.ports.some((r) => rangeCoversPort(r, port)),
  );
}

function reachSource(m: NetworkModel, src: RuleSource, group: string, carriers: Map<string, string[]>): ReachSource {
  switch (src.kind) {
    case "sg":
      return {
        kind: "sg",
        sg: src.sg,
        name: m.securityGroups.get(src.sg)?.name ?? src.sg,
        hosts: carriers.get(src.sg) ?? [],
        ambiguous: src.ambiguous === true,
        ...(src.candidates ? { candidates: src.candidates } : {}),
      };
    case "self":
      return {
        kind: "self",
        sg: group,
        name: m.securityGroups.get(group)?.name ?? group,
        hosts: carriers.get(group) ?? [],
        ...(src.unknown ? { unknown: true as const } : {}),
      };
    case "cidr":
      return src.unknown ? { kind: "cidr", cidr: src.cidr, unknown: true } : { kind: "cidr", cidr: src.cidr };
    case "prefix-list":
      return { kind: "prefix-list", id: src.id };
    default:
      return { kind: "unresolved", text: src.text };
  }
}

function describe(from: ReachSource, src: RuleSource): string {
  if (from.kind === "any") return "(any source)";
  if (src.kind === "cidr") return src.unknown ? "(CIDR unknown at preview)" : src.cidr;
  if (src.kind === "prefix-list") return `prefix-list:${src.id}`;
  if (src.kind === "unresolved") return `sg:${src.text}`;
  return src.kind;
}
