// CloudFront distributions as the WAF in front of an origin: webAclId names a web ACL, and an origin reaches the
// entry point, by a property dependency at preview, by its known host name, or in a template by a reference to it.
// A program's webAclId unknown at preview is an output (a web ACL's arn) and counts as set; a raw template's may be
// left out (an undecided `Fn::If` with `AWS::NoValue`), so unless the program feeds it through a parameter it is an
// open question, never a pass.
import { GenericResource, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { isOpenInput } from "../lib/templates/template-conditional-switches";
import { isTemplateResourceId } from "../lib/templates/template-references";
import { OpenQuestion, unprotected } from "./waf-endpoint-findings";
import { mayBeFronted } from "./waf-endpoints-associations";

export const CLOUDFRONT = "aws:cloudfront/distribution:Distribution";

/** A webAclId that names a web ACL: set and not blank (unknown at preview: set to one). */
function namesWebAcl(id: unknown): boolean {
  return isUnknown(id) || (typeof id === "string" && id.trim() !== "");
}

/** Whether the distribution inspects requests with a web ACL: "unknown" when its template leaves webAclId open. */
export function hasWebAcl(cf: GenericResource): Proof {
  if (!namesWebAcl(cf.inputs.webAclId)) return "no";
  return isOpenInput(cf, "webAclId") ? "unknown" : "yes";
}

/**
 * Distributions that inspect requests with a web ACL, and those whose template leaves it open ("unknown"): pass them
 * to `webAclInFront`, which tells the two apart.
 */
export function distributionsMayHaveWaf(res: Resolver): GenericResource[] {
  return res.ofType(CLOUDFRONT).filter((cf) => hasWebAcl(cf) !== "no");
}

const OPEN_WEB_ACL =
  "the template may leave WebACLId out: a condition undecided at preview or a value from outside the program decides it";

/** A violation for each distribution without a web ACL, a note for each whose template leaves it open. */
export function cloudFrontFindings(res: Resolver): StackFinding[] {
  const what = "CloudFront distribution";
  return res.ofType(CLOUDFRONT).flatMap((cf) => {
    const waf = hasWebAcl(cf);
    if (waf === "yes") return [];
    if (waf === "no") return unprotected(cf, what, "yes");
    return [mayBeFronted(cf, what, { field: "webAclId", question: OPEN_WEB_ACL })];
  });
}

/** A host name as DNS compares it: lower case, without the root's trailing dot. */
export const dnsHost = (name: string): string => name.trim().toLowerCase().replace(/\.$/, "");

/**
 * What an origin's domainName may name the entry point by: its host names, and the id of a template resource (a
 * template origin's `Fn::GetAtt [Alb, DNSName]` reads as a reference to the ALB, bound to its id: template-references.ts).
 */
function wantedNames(hosts: readonly string[], targets: readonly GenericResource[]): Set<string> {
  const ids = targets.map((t) => t.inputs.id).filter(isTemplateResourceId);
  return new Set([...hosts, ...ids].filter((h) => h.trim() !== "").map(dnsHost));
}

/** Whether one of `targets` flowed into the distribution's origins. */
function originsFlowFrom(cf: GenericResource, targets: readonly GenericResource[]): boolean {
  // An older SDK sends no per-property dependencies; the resource-wide list serves then.
  const byProp = cf.propertyDependencies;
  const deps = Object.keys(byProp).length > 0 ? (byProp.origins ?? []) : cf.dependencies;
  return targets.some((t) => deps.includes(t.urn));
}

const namesWanted = (o: unknown, wanted: ReadonlySet<string>): boolean => {
  const host = str(prop(o, "domainName"));
  return host !== undefined && wanted.has(dnsHost(host));
};

/** Whether `cf` has an origin that one of `targets` flowed into or whose domainName is one of `wanted` (`dnsHost`). */
function fronts(cf: GenericResource, targets: readonly GenericResource[], wanted: ReadonlySet<string>): boolean {
  return originsFlowFrom(cf, targets) || list(cf.inputs.origins).some((o) => namesWanted(o, wanted));
}

/**
 * The origins of `cf` that may be the entry point: those whose domainName is one of `hosts`, and, when one of
 * `targets` flowed into the origins, those whose domainName is unknown at preview (the dependency does not say
 * which origin it fed). An origin unknown at preview as a whole is kept as is.
 */
export function originsReaching(
  cf: GenericResource,
  targets: readonly GenericResource[],
  hosts: readonly string[],
): unknown[] {
  const wanted = wantedNames(hosts, targets);
  const flowed = originsFlowFrom(cf, targets);
  return list(cf.inputs.origins).filter(
    (o) => isUnknown(o) || namesWanted(o, wanted) || (flowed && str(prop(o, "domainName")) === undefined),
  );
}

/** The CloudFront distributions in front of an origin, and whether one of them inspects requests with a web ACL. */
export interface CloudFrontInFront {
  /** "yes": one has a web ACL; "unknown": none has, but a template leaves one's webAclId open; "no" otherwise. */
  waf: Proof;
  /** The distributions whose origin it is, whatever their web ACL. */
  distributions: GenericResource[];
}

/**
 * The distributions among `distributions` with an origin that `target` flowed into or whose domainName is one of
 * `hosts`, and the three-way answer (`hasWebAcl`) for the best of them: the one place an origin behind CloudFront
 * (an HTTP API's custom domain, a function URL, an ALB and the Route 53 records naming it) learns whether a web ACL
 * is in front of it.
 */
export function webAclInFront(
  distributions: readonly GenericResource[],
  target: GenericResource | readonly GenericResource[] | undefined,
  hosts: readonly string[],
): CloudFrontInFront {
  const targets = target === undefined ? [] : "urn" in target ? [target] : target;
  const wanted = wantedNames(hosts, targets);
  const front = distributions.filter((cf) => fronts(cf, targets, wanted));
  const answers = front.map(hasWebAcl);
  const waf = answers.includes("yes") ? "yes" : answers.includes("unknown") ? "unknown" : "no";
  return { waf, distributions: front };
}

/** The open question distributions in front of `origin` leave when their template may leave WebACLId out. */
export function openWebAclInFront(front: CloudFrontInFront, origin: string): OpenQuestion {
  const open = front.distributions.filter((cf) => hasWebAcl(cf) === "unknown").map((cf) => cf.name);
  return {
    field: `webAclId of the CloudFront distribution in front (${open.join(", ")})`,
    question: `whether the CloudFront distribution in front of ${origin} has a web ACL: ${OPEN_WEB_ACL}`,
  };
}
