// One check per inbound-rule form, shared by the admin-port and high-risk-port rules: they differ only in the port
// list and how broad a public source may be.
import { exposedPorts, describeExposure } from "../../lib/exposure";
import { INGRESS_EXTRACTORS, IngressEntry, IngressExtraction, NACL_TYPES } from "../../lib/ingress";
import { unknownPrefixList } from "../../lib/ingress-fields";
import { PortRange } from "../../lib/ports";
import { obj } from "../../lib/values";
import { decodedFromMessage } from "./convert-once";
import { Finding, unverifiable, violation } from "./findings";
import { Check } from "./rule";

export interface PortExposureConfig {
  ports: number[];
  allowCidrs: string[];
  minPublicPrefixV4: number;
  minPublicPrefixV6: number;
  /** Stateless ACLs must let replies in on ephemeral ports; such an allow is not a service opening. */
  allowNaclEphemeralReturn: boolean;
}

/**
 * The ephemeral return ranges AWS and Alibaba Cloud document for ACLs, and only those: 1024-65535 (AWS NACL
 * guidance, Alibaba Cloud), 1025-65535 (Windows Server 2003), 32768-65535 (Linux kernels) and 49152-65535 (IANA,
 * Windows Server 2008+, ELB). Any other start (e.g. 3389-65535) is a service opening, not reply traffic.
 */
const EPHEMERAL_STARTS: ReadonlySet<number> = new Set([1024, 1025, 32768, 49152]);

export function isEphemeralReturnRange(r: PortRange): boolean {
  return r.to === 65535 && EPHEMERAL_STARTS.has(r.from);
}

function ephemeralAsClosed(e: IngressEntry): IngressEntry {
  const returnOnly =
    e.action === "allow" && e.range !== "unknown" && e.range !== "none" && isEphemeralReturnRange(e.range);
  return returnOnly ? { ...e, range: "none" } : e;
}

/**
 * The prefix-list field behind an entry of an AWS security-group form, when it is unknown at preview: extraction leaves
 * prefix lists to the stack policies (lib/ingress.ts), yet an id unknown at preview may name any list, and a managed
 * prefix list may hold 0.0.0.0/0. Such an entry's source is unknown, a note like an unknown `cidrBlocks` or `cidrIpv4`.
 * A known id stays unread here, as before: the stack policies resolve the lists of the stack.
 */
type UnknownPrefixListOf = (props: Record<string, unknown>, index: number) => string | undefined;

const ruleField =
  (field: string): UnknownPrefixListOf =>
  (props) =>
    unknownPrefixList(props[field]) ? field : undefined;

/** Inline `ingress[]` entries come one per item, in item order (awsSecurityGroupIngress). */
const inlinePrefixLists: UnknownPrefixListOf = (props, i) => {
  const items = props.ingress;
  const item = Array.isArray(items) ? obj(items[i]) : undefined;
  return item && unknownPrefixList(item.prefixListIds) ? "prefixListIds" : undefined;
};

const UNKNOWN_PREFIX_LISTS: Readonly<Record<string, UnknownPrefixListOf>> = {
  "aws:ec2/securityGroup:SecurityGroup": inlinePrefixLists,
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": inlinePrefixLists,
  "aws:ec2/securityGroupRule:SecurityGroupRule": ruleField("prefixListIds"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ruleField("prefixListId"),
};

/** Entries whose only unknown source is a prefix-list field: the field, so the note names it. */
const prefixListSource = new WeakMap<IngressEntry, string>();

/** The extractor, with entries naming a prefix list unknown at preview read as having an unknown source. */
function withUnknownPrefixLists(
  extract: (typeof INGRESS_EXTRACTORS)[string],
  unknownOf: UnknownPrefixListOf,
): (typeof INGRESS_EXTRACTORS)[string] {
  return (props) => {
    const extracted = extract(props);
    if (extracted.unknownField) return extracted;
    let entries: IngressEntry[] | undefined;
    extracted.entries.forEach((e, i) => {
      const field = unknownOf(props, i);
      if (!field || e.unknownSource) return;
      const marked: IngressEntry = { ...e, unknownSource: true };
      prefixListSource.set(marked, field);
      (entries ??= [...extracted.entries])[i] = marked;
    });
    return entries ? { entries } : extracted;
  };
}

/** How a note names an entry's unknown field: the prefix-list field when that is the unknown source. */
function unknownReason(entry: IngressEntry, reason: string): string {
  return (reason === "source CIDR" && prefixListSource.get(entry)) || reason;
}

/**
 * The admin-port and high-risk-port rules read the same entries from a resource's props: props decoded from a request
 * are shared by its policies and written by none (convert-once.ts), so their entries are extracted once.
 */
const extractedFromMessage = new WeakMap<object, IngressExtraction>();

function extractionOf(extract: (props: Record<string, unknown>) => IngressExtraction, props: Record<string, unknown>) {
  if (!decodedFromMessage(props)) return extract(props);
  let extracted = extractedFromMessage.get(props);
  if (!extracted) extractedFromMessage.set(props, (extracted = extract(props)));
  return extracted;
}

/** Findings for one resource type's bag; the type's extractor is looked up once, when the checks are built. */
function portExposureFindings(
  extract: (typeof INGRESS_EXTRACTORS)[string],
  isNacl: boolean,
  props: Record<string, unknown>,
  c: PortExposureConfig,
): Finding[] {
  const extracted = extractionOf(extract, props);
  if (extracted.unknownField) return [unverifiable(extracted.unknownField)];
  if (extracted.entries.length === 0) return [];
  const entries = isNacl && c.allowNaclEphemeralReturn ? extracted.entries.map(ephemeralAsClosed) : extracted.entries;
  const result = exposedPorts(entries, c.ports, {
    allow: c.allowCidrs,
    minPrefixV4: c.minPublicPrefixV4,
    minPrefixV6: c.minPublicPrefixV6,
  });
  // Plain loops: most resources expose nothing, and spreading two empty mapped arrays costs more than the check.
  const findings: Finding[] = [];
  // An entry that is an inbound allow only if an unknown field says so opens ports only in that case: a note.
  for (const e of result.exposures)
    findings.push(
      e.entry.assumed ? unverifiable(e.entry.assumed, describeExposure(e)) : violation(describeExposure(e)),
    );
  for (const { entry, reason } of result.uncertain)
    findings.push(
      entry.assumed
        ? unverifiable(
            entry.assumed,
            reason === "action" ? "" : `and ${entry.where} ${unknownReason(entry, reason)} is not known either`,
          )
        : reason === "source CIDR" && entry.unreadable && (!entry.unknownSource || prefixListSource.has(entry))
          ? unreadableSource(entry.where, entry.unreadable)
          : uncertainSource(entry, reason),
    );
  return findings;
}

/** A note on an entry's unknown field; an unknown prefix list says why a list stands for the internet. */
function uncertainSource(entry: IngressEntry, reason: string): Finding {
  const field = unknownReason(entry, reason);
  return field === reason
    ? unverifiable(`${entry.where} ${reason}`)
    : unverifiable(`${entry.where} ${field}`, "the prefix list it names may hold 0.0.0.0/0 or ::/0");
}

/** A known source that is not a CIDR block: the cloud may read it as the internet, so it is reported like an unknown. */
function unreadableSource(where: string, texts: string[]): Finding {
  const quoted = texts.map((t) => JSON.stringify(t)).join(", ");
  return {
    message: `cannot be verified: ${where} source ${quoted} is not a CIDR block or address; write it in canonical form (e.g. 10.0.0.0/8, ::/0)`,
    unverifiable: true,
  };
}

/** Checks for every resource type that carries inbound rules. */
export function portExposureChecks<C extends PortExposureConfig>(): Record<string, Check<C>> {
  return Object.fromEntries(
    Object.entries(INGRESS_EXTRACTORS).map(([type, extract]) => {
      const isNacl = NACL_TYPES.has(type);
      const unknownOf = UNKNOWN_PREFIX_LISTS[type];
      const read = unknownOf ? withUnknownPrefixLists(extract, unknownOf) : extract;
      const check: Check<C> = (props, ctx) => portExposureFindings(read, isNacl, props, ctx.config);
      return [type, check];
    }),
  );
}
