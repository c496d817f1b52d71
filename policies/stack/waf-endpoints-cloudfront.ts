// CloudFront distributions as the WAF in front of an origin: webAclId names a web ACL, and an origin reaches the
// entry point, by a property dependency at preview or by its known host name.
import { GenericResource, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";

export const CLOUDFRONT = "aws:cloudfront/distribution:Distribution";

/** A webAclId that names a web ACL: set and not blank (unknown at preview: set to one). */
export function namesWebAcl(id: unknown): boolean {
  return isUnknown(id) || (typeof id === "string" && id.trim() !== "");
}

/** Distributions that inspect requests with a web ACL. */
export function distributionsWithWaf(res: Resolver): GenericResource[] {
  return res.ofType(CLOUDFRONT).filter((cf) => namesWebAcl(cf.inputs.webAclId));
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
