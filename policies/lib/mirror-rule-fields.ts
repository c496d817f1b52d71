// Reading one traffic mirror filter rule's fields, from either cloud, into the normalised rule: each field is known,
// unknown at preview, or a value the cloud refuses (which leaves the rule matching nothing).
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { MirrorRule } from "./mirror-filter-rules";
import { ADDRESSES, addressSpan, familyOf, Ports, Protocol, Span } from "./mirror-match-space";
import { shown } from "./text-values";

export type Read<T> = { value: T } | { unknown: true } | { invalid: string };

export const known = <T>(value: T): Read<T> => ({ value });
export const UNKNOWN_READ: Read<never> = { unknown: true };
export const refused = (why: string): Read<never> => ({ invalid: why });

const UNKNOWN_MARK = Symbol("unknown at preview");

/** The raw value with secrets unwrapped, and one marker for every kind of preview sentinel. */
export function raw(v: unknown): unknown {
  const u = unwrap(v);
  return isUnknown(u) ? UNKNOWN_MARK : u;
}

export const isAbsent = (v: unknown): boolean => v === undefined || v === null;
export const isUnknownRaw = (v: unknown): boolean => v === UNKNOWN_MARK;

/** accept/reject (AWS) or accept/drop (Alibaba Cloud), in any case. */
export function readAction(v: unknown, rejectWord: string): Read<"accept" | "reject"> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  if (isAbsent(u)) return refused("is unset");
  const text = typeof u === "string" ? u.trim().toLowerCase() : "";
  if (text === "accept") return known("accept");
  if (text === rejectWord) return known("reject");
  return refused(`is ${shown(u)}, not accept or ${rejectWord}`);
}

/** Rule number or priority. An unset one reads as unknown: where the cloud places the rule is not in the plan. */
export function readOrder(v: unknown): Read<number> {
  const u = raw(v);
  if (isUnknownRaw(u) || isAbsent(u)) return UNKNOWN_READ;
  const n = typeof u === "string" && u.trim() !== "" ? Number(u) : u;
  return typeof n === "number" && Number.isFinite(n) ? known(n) : refused(`is ${shown(u)}, not a number`);
}

/** A CIDR block; `any` when an optional block is absent (the other end's family decides, see `assemble`). */
export function readCidr(v: unknown, required: boolean): Read<Span | "any"> {
  const u = raw(v);
  if (isUnknownRaw(u)) return UNKNOWN_READ;
  if (isAbsent(u)) return required ? refused("is unset") : known("any");
  const span = typeof u === "string" ? addressSpan(u) : undefined;
  return span ? known(span) : refused(`is ${shown(u)}, not a CIDR block`);
}

export interface RuleReads {
  action: Read<"accept" | "reject">;
  order: Read<number>;
  protocol: Read<Protocol>;
  source: Read<Span | "any">;
  destination: Read<Span | "any">;
  sourcePorts: Read<Ports>;
  destinationPorts: Read<Ports>;
}

/** How the cloud names each field in messages (`fx-rule.ruleAction`, `filter.ingressRules[0].action`). */
export type FieldNames = Record<keyof RuleReads, string>;

const valueOf = <T>(r: Read<T>): T | undefined => ("value" in r ? r.value : undefined);

/** The normalised rule: unknown fields listed, the first refused one kept as the reason it matches nothing. */
export function assemble(label: string, member: boolean, reads: RuleReads, names: FieldNames): MirrorRule {
  const keys = Object.keys(reads) as (keyof RuleReads)[];
  const unknown = keys.filter((k) => "unknown" in reads[k]).map((k) => names[k]);
  const refusedKey = keys.find((k) => "invalid" in reads[k]);
  let invalid = refusedKey && `${names[refusedKey]} ${(reads[refusedKey] as { invalid: string }).invalid}`;
  const blocks = pairBlocks(valueOf(reads.source), valueOf(reads.destination));
  if (!invalid && blocks === "mixed") invalid = `${names.source} and ${names.destination} are of different families`;
  const [source, destination] = blocks === "mixed" ? [undefined, undefined] : blocks;
  return {
    label,
    member,
    action: valueOf(reads.action),
    order: valueOf(reads.order),
    protocol: valueOf(reads.protocol),
    source,
    destination,
    sourcePorts: valueOf(reads.sourcePorts),
    destinationPorts: valueOf(reads.destinationPorts),
    unknown,
    ...(invalid ? { invalid } : {}),
  };
}

/** An absent block is the whole of the other's family (IPv4 when both are absent); the clouds refuse a mix. */
function pairBlocks(
  source: Span | "any" | undefined,
  destination: Span | "any" | undefined,
): [Span | undefined, Span | undefined] | "mixed" {
  const family = (s: Span | "any" | undefined) => (s === undefined || s === "any" ? undefined : familyOf(s));
  const fs = family(source);
  const fd = family(destination);
  if (fs && fd && fs !== fd) return "mixed";
  const fill = (s: Span | "any" | undefined, other: Span | undefined) =>
    s === "any" ? (other ?? (source === undefined || destination === undefined ? undefined : ADDRESSES.ipv4)) : s;
  return [fill(source, fd), fill(destination, fs)];
}
