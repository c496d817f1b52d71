// How require-waf-on-internet-endpoints words what it finds, whichever cloud the entry point is in.
import { GenericResource } from "../../lib/reachability/internals";
import { unverifiable } from "../lib/findings";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";

/** The field unknown at preview and the question it leaves open. */
export interface OpenQuestion {
  field: string;
  question: string;
}

/**
 * A finding for an entry point with no WAF: a violation when it is proven to need one ("yes"), a note naming the
 * unknown field when that depends on it, nothing when it is proven not to need one. `fix` follows the message where
 * the usual fix (associating a web ACL) does not apply.
 */
export function unprotected(
  r: GenericResource,
  what: string,
  needsWaf: Proof,
  open?: OpenQuestion,
  fix?: string,
): StackFinding[] {
  if (needsWaf === "no") return [];
  const tail = fix ? `: ${fix}` : "";
  if (needsWaf === "yes" || !open)
    return [{ urn: r.urn, message: `${r.name}: ${what} has no WAF in front of it${tail}` }];
  return [{ urn: r.urn, ...unverifiable(open.field, `${open.question}; it has no WAF in front of it${tail}`) }];
}
