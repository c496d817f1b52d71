// A load balancer that is the origin of a WAF 3.0 domain (CNAME access) keeps its own public address: a scanner that
// finds it goes around the WAF, as it would around CloudFront to an ALB without its own web ACL. The WAF fronts it only
// when each web listener admits nothing but WAF's back-to-origin CIDR blocks through a whitelist ACL. Those blocks are
// copied from the WAF console and change over time: offline, only that no entry is the internet or a broad public
// range can be checked, not that the entries are WAF's own.
import { internetSources, isBroadPublic } from "../../lib/cidr";
import { GenericResource, num, str } from "../../lib/reachability/internals";
import { whitelistBlock } from "../../lib/whitelist-entries";
import { unverifiable } from "../lib/findings";
import { allOf, Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { OpenQuestion } from "./waf-endpoint-findings";
import { Admission } from "./waf-endpoints-alicloud-listener-acls";

/** Back-to-origin blocks are /24 or narrower (IPv6 /56): an origin whitelist entry wider than these admits strangers. */
export const WAF_ORIGIN_PREFIXES = { minPrefixV4: 16, minPrefixV6: 32 };

/** A load balancer behind WAF 3.0 domains, and whether it is proven to face the internet (`open` when unknown). */
export interface Origin {
  lb: GenericResource;
  domains: readonly GenericResource[];
  exposed: Proof;
  open: OpenQuestion;
  /** How to let only WAF's blocks in, when not a listener whitelist ACL (an NLB's security groups). */
  restrict?: string;
}

/** One listener of the origin: what it admits, and whether it serves web traffic ("unknown": protocol unknown). */
export interface OriginListener {
  listener: GenericResource;
  admission: Admission;
  web: Proof;
}

const PROTOCOL: OpenQuestion = { field: "protocol", question: "whether the listener serves HTTP(S)" };

type Verdict = { admitsAnyone: string } | { unknownField: string } | undefined;

/** Whether the listener admits anyone beyond narrow blocks; a whitelist entry that is no block cannot be judged. */
function verdict(admission: Admission): Verdict {
  if (admission.kind === "anyone") return { admitsAnyone: admission.why };
  if (admission.kind === "unknown") return { unknownField: admission.field };
  const read = admission.entries.map((entry) => ({ entry, block: whitelistBlock(entry) }));
  const wide = new Set(
    internetSources(
      read.flatMap((r) => r.block ?? []),
      WAF_ORIGIN_PREFIXES,
    ),
  );
  const open = read.filter((r) => r.block !== undefined && wide.has(r.block));
  // Name the entries broad on their own; only blocks that together cover the internet are all named.
  const { minPrefixV4, minPrefixV6 } = WAF_ORIGIN_PREFIXES;
  const broad = open.filter((r) => isBroadPublic(r.block!, minPrefixV4, minPrefixV6));
  const named = (broad.length > 0 ? broad : open).map((r) => r.entry);
  if (named.length > 0) return { admitsAnyone: `its whitelist admits ${named.join(", ")}` };
  const unreadable = read.find((r) => r.block === undefined);
  return unreadable
    ? { unknownField: `whitelist entry ${JSON.stringify(unreadable.entry)} (no CIDR block)` }
    : undefined;
}

/** How findings name a listener: its port, else its name. */
export const listenerPort = (l: GenericResource) =>
  String(num(l.inputs.frontendPort ?? l.inputs.listenerPort) ?? l.name);

/** A violation per web listener proven to admit anyone, a note per listener whose admission is unknown at preview. */
export function originFindings(origin: Origin, listeners: readonly OriginListener[]): StackFinding[] {
  const { lb } = origin;
  const names = origin.domains.map((d) => str(d.inputs.domain) ?? d.name).join(", ");
  const where = `${lb.name} is the origin of WAF domain ${names}`;
  return listeners.flatMap(({ listener, admission, web }): StackFinding[] => {
    const v = verdict(admission);
    const port = listenerPort(listener);
    if (v === undefined || web === "no" || origin.exposed === "no") return [];
    if ("unknownField" in v) {
      const question = `whether listener ${port} admits only WAF 3.0's back-to-origin CIDR blocks; ${where}`;
      return [{ urn: lb.urn, ...unverifiable(`${v.unknownField} of listener ${port}`, question) }];
    }
    const message =
      `${where} but its listener ${port} accepts any address (${v.admitsAnyone}): scanners reach it around the ` +
      `WAF; ${origin.restrict ?? "restrict the listener to WAF 3.0's back-to-origin CIDR blocks with a whitelist ACL"}, ` +
      "or use cloud-native access";
    if (allOf([origin.exposed, web]) === "yes") return [{ urn: lb.urn, message }];
    const open = origin.exposed === "unknown" ? origin.open : PROTOCOL;
    return [{ urn: lb.urn, ...unverifiable(open.field, `${open.question}; ${message}`) }];
  });
}
