// CloudFront distributions as the WAF in front of an origin: webAclId names a web ACL, and an origin reaches the
// entry point, by a property dependency at preview or by its known host name. A program's webAclId unknown at preview
// is an output (a web ACL's arn) and counts as set; a raw template's may be left out (an undecided `Fn::If` with
// `AWS::NoValue`), so unless the program feeds it through a parameter it is an open question, never a pass.
import { GenericResource, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { isOpenInput } from "../lib/templates/template-conditional-switches";
import { unprotected } from "./waf-endpoint-findings";
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

/** Distributions that inspect requests with a web ACL. */
export function distributionsWithWaf(res: Resolver): GenericResource[] {
  return res.ofType(CLOUDFRONT).filter((cf) => hasWebAcl(cf) === "yes");
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

/** Whether one of the distributions has an origin that `target` flowed into or whose domainName is one of `hosts`. */
export function frontedByCloudFront(
  distributions: readonly GenericResource[],
  target: GenericResource | undefined,
  hosts: readonly string[],
): boolean {
  const wanted = new Set(hosts.filter((h) => h !== "").map((h) => h.toLowerCase()));
  return distributions.some((cf) => {
    // An older SDK sends no per-property dependencies; the resource-wide list serves then.
    const byProp = cf.propertyDependencies;
    const deps = Object.keys(byProp).length > 0 ? (byProp.origins ?? []) : cf.dependencies;
    if (target && deps.includes(target.urn)) return true;
    return list(cf.inputs.origins).some((o) => {
      const host = str(prop(o, "domainName"));
      return host !== undefined && wanted.has(host.toLowerCase());
    });
  });
}
