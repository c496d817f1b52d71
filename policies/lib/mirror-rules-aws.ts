// AWS filter rules (aws.ec2.TrafficMirrorFilterRule) in the normalised form: protocol numbers (0 or absent is every
// protocol), {fromPort, toPort} ranges, ruleNumber first-match order, accept/reject.
import { GenericResource } from "../../lib/reachability/internals";
import { Direction, DirectedRule, RuleWords } from "./mirror-filter-rules";
import { Ports, Protocol } from "./mirror-match-space";
import {
  assemble,
  isAbsent,
  isUnknownRaw,
  known,
  raw,
  Read,
  readAction,
  readCidr,
  readOrder,
  refused,
  UNKNOWN_READ,
} from "./mirror-rule-fields";
import { shown } from "./text-values";

export const AWS_RULE_WORDS: RuleWords = { reject: "reject", order: "rule number" };

export function awsFilterRule(r: GenericResource, member: boolean): DirectedRule {
  const i = r.inputs;
  const direction = readDirection(i.trafficDirection);
  const rule = assemble(
    r.name,
    member,
    {
      action: readAction(i.ruleAction, "reject"),
      order: readOrder(i.ruleNumber),
      protocol: readProtocol(i.protocol),
      source: readCidr(i.sourceCidrBlock, true),
      destination: readCidr(i.destinationCidrBlock, true),
      sourcePorts: readPortRange(i.sourcePortRange),
      destinationPorts: readPortRange(i.destinationPortRange),
    },
    {
      action: `${r.name}.ruleAction`,
      order: `${r.name}.ruleNumber`,
      protocol: `${r.name}.protocol`,
      source: `${r.name}.sourceCidrBlock`,
      destination: `${r.name}.destinationCidrBlock`,
      sourcePorts: `${r.name}.sourcePortRange`,
      destinationPorts: `${r.name}.destinationPortRange`,
    },
  );
  if (!member) rule.unknown.push(`${r.name}.trafficMirrorFilterId`);
  if ("unknown" in direction) rule.unknown.push(`${r.name}.trafficDirection`);
  if ("invalid" in direction) rule.invalid ??= `${r.name}.trafficDirection ${direction.invalid}`;
  return { direction: "value" in direction ? direction.value : undefined, rule };
}

function readDirection(v: unknown): Read<Direction> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  const text = typeof u === "string" ? u.trim().toLowerCase() : "";
  if (text === "ingress" || text === "egress") return known(text);
  return refused(isAbsent(u) ? "is unset" : `is ${shown(u)}, not ingress or egress`);
}

/** Absent or 0 is every protocol (what AWS stores when none is given). */
function readProtocol(v: unknown): Read<Protocol> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  if (isAbsent(u)) return known("all");
  const n = typeof u === "string" && u.trim() !== "" ? Number(u) : u;
  if (n === 0) return known("all");
  if (typeof n === "number" && Number.isInteger(n) && n > 0 && n <= 255) return known(n);
  return refused(`is ${shown(u)}, not a protocol number`);
}

/** Absent is every port; a range missing one end reads as the one port given (never wider than it may be). */
function readPortRange(v: unknown): Read<Ports> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  if (isAbsent(u)) return known("any");
  if (typeof u !== "object" || Array.isArray(u)) return refused(`is ${shown(u)}, not a port range`);
  const from = raw((u as Record<string, unknown>).fromPort);
  const to = raw((u as Record<string, unknown>).toPort);
  if (isUnknownRaw(from) || isUnknownRaw(to)) return UNKNOWN_READ;
  if (isAbsent(from) && isAbsent(to)) return known("any");
  const lo = isAbsent(from) ? to : from;
  const hi = isAbsent(to) ? from : to;
  const port = (p: unknown) => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 65535;
  if (!port(lo) || !port(hi) || (lo as number) > (hi as number)) return refused(`is ${shown(u)}, not a port range`);
  return known({ from: lo as number, to: hi as number });
}
