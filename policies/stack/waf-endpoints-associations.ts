// What the stack's wafv2 WebAclAssociations put a web ACL in front of. An association names its resource by a known
// ARN, or by the dependency of an ARN unknown at preview. Two cases leave it open rather than in place: an association
// a raw template creates only under a condition undecided at preview, and one whose resourceArn is an output of a
// template container (which of the template's resources it names cannot be read from the program).
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { unverifiable } from "../lib/findings";
import { StackFinding } from "../lib/stack-rule";
import { UNDECIDED_CONDITION } from "../lib/templates/template-conditional-switches";
import { deployedByContainersAmong, sourcesOf } from "./waf-endpoints-template-outputs";

export const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";

/** A web ACL in front of the resource, or the question that decides whether one is. */
export type Fronting = "yes" | { field: string; question: string };

/** Resource URN → what the associations say of it; resources no association names are absent. */
export function frontedByAssociations(res: Resolver, types: readonly string[]): Map<string, Fronting> {
  const fronted = new Map<string, Fronting>();
  const maybe = (urn: string, open: Fronting) => {
    if (!fronted.has(urn)) fronted.set(urn, open);
  };
  for (const a of res.ofType(WAF_ASSOCIATION)) {
    const target = res.one(a, "resourceArn", a.inputs.resourceArn, types);
    const condition = a.inputs[UNDECIDED_CONDITION];
    if (target !== undefined && condition === undefined) fronted.set(target, "yes");
    else if (target !== undefined)
      maybe(target, {
        field: `whether ${a.name} is created`,
        question: `the template creates the web ACL association only if condition ${String(condition)} holds`,
      });
    else
      for (const r of deployedByContainersAmong(res, sourcesOf(a, "resourceArn"), types))
        maybe(r.urn, {
          field: `whether ${a.name} names it`,
          question: "the web ACL association's resourceArn is an output of the template that deploys it",
        });
  }
  return fronted;
}

/** The finding for an entry point a web ACL may front: a note naming the open question, never a pass. */
export function mayBeFronted(r: GenericResource, what: string, open: Exclude<Fronting, "yes">): StackFinding {
  return { urn: r.urn, ...unverifiable(open.field, `${open.question}; otherwise ${r.name}: ${what} has no WAF`) };
}
