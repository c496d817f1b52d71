// Alibaba Cloud filter rules in the normalised form: the filter's inline ingressRules/egressRules and the separate
// TrafficMirrorFilterIngressRule / TrafficMirrorFilterEgressRule resources. Protocols ALL/TCP/UDP/ICMP, port ranges
// "from/to" ("-1/-1" is every port), priority first-match order, accept/drop.
import { GenericResource, isUnknown, list, prop } from "../../lib/reachability/internals";
import { Direction, DirectedRule, MirrorRule, RuleWords } from "./mirror-filter-rules";
import { Ports, Protocol } from "./mirror-match-space";
import {
  assemble,
  FieldNames,
  isAbsent,
  isUnknownRaw,
  known,
  raw,
  Read,
  readAction,
  readCidr,
  readOrder,
  refused,
  RuleReads,
  UNKNOWN_READ,
} from "./mirror-rule-fields";
import { ownValue } from "../../lib/own-value";
import { shown } from "./text-values";

export const ALICLOUD_RULE_WORDS: RuleWords = { reject: "drop", order: "priority" };

const INLINE: Record<Direction, string> = { ingress: "ingressRules", egress: "egressRules" };

/** A separate rule resource; its direction is its type. `action` wins over the deprecated `ruleAction`. */
export function alicloudRuleResource(r: GenericResource, direction: Direction, member: boolean): DirectedRule {
  const i = r.inputs;
  const action = isAbsent(raw(i.action)) ? i.ruleAction : i.action;
  const rule = alicloudRule(r.name, member, { ...i, action }, true);
  if (!member) rule.unknown.push(`${r.name}.trafficMirrorFilterId`);
  return { direction, rule };
}

/** The filter's own ingressRules and egressRules; an unknown list stands for rules of which nothing is known. */
export function alicloudInlineRules(filter: GenericResource): DirectedRule[] {
  return (["ingress", "egress"] as const).flatMap((direction) =>
    list(filter.inputs[INLINE[direction]]).map((entry, n) => ({
      direction,
      rule: alicloudRule(`${filter.name}.${INLINE[direction]}[${n}]`, true, entry, false),
    })),
  );
}

/** Inline rules may leave out priority and blocks; the resources require blocks. */
function alicloudRule(label: string, member: boolean, fields: unknown, resource: boolean): MirrorRule {
  const names = fieldNames(label);
  if (isUnknown(fields)) return assemble(label, member, allUnknown(), names);
  const field = (k: string) => prop(fields, k);
  return assemble(
    label,
    member,
    {
      action: readAction(field("action"), "drop"),
      order: readOrder(field("priority")),
      protocol: readProtocol(field("protocol")),
      source: readCidr(field("sourceCidrBlock"), resource),
      destination: readCidr(field("destinationCidrBlock"), resource),
      sourcePorts: readPortRange(field("sourcePortRange")),
      destinationPorts: readPortRange(field("destinationPortRange")),
    },
    names,
  );
}

function fieldNames(label: string): FieldNames {
  return {
    action: `${label}.action`,
    order: `${label}.priority`,
    protocol: `${label}.protocol`,
    source: `${label}.sourceCidrBlock`,
    destination: `${label}.destinationCidrBlock`,
    sourcePorts: `${label}.sourcePortRange`,
    destinationPorts: `${label}.destinationPortRange`,
  };
}

function allUnknown(): RuleReads {
  const u = UNKNOWN_READ;
  return { action: u, order: u, protocol: u, source: u, destination: u, sourcePorts: u, destinationPorts: u };
}

const PROTOCOLS: Record<string, Protocol> = { all: "all", tcp: 6, udp: 17, icmp: 1 };

function readProtocol(v: unknown): Read<Protocol> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  const p = typeof u === "string" ? ownValue(PROTOCOLS, u.trim().toLowerCase()) : undefined;
  if (p !== undefined) return known(p);
  return refused(isAbsent(u) ? "is unset" : `is ${shown(u)}, not ALL, TCP, UDP or ICMP`);
}

/** "-1/-1" or absent is every port; "80/80" and "1/200" are inclusive ranges. */
function readPortRange(v: unknown): Read<Ports> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  if (isAbsent(u)) return known("any");
  const m = typeof u === "string" ? /^\s*(-?\d+)\s*\/\s*(-?\d+)\s*$/.exec(u) : null;
  if (m && m[1] === "-1" && m[2] === "-1") return known("any");
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (from >= 0 && to <= 65535 && from <= to) return known({ from, to });
  return refused(`is ${shown(u)}, not a port range`);
}
