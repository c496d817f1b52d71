// Which WAF 3.0 domains (CNAME access) are in front of an Alibaba Cloud load balancer: those naming it as their
// backend, by a dependency on it or by its address. Shared by the SLB, ALB and NLB checks.
import { GenericResource, list, prop, str } from "../../lib/reachability/internals";

export const WAF_DOMAIN = "alicloud:wafv3/domain:Domain";

/** The WAF 3.0 domains whose backend is the balancer. */
export function domainsFronting(lb: GenericResource, domains: readonly GenericResource[]): GenericResource[] {
  return domains.filter(
    (d) =>
      d.dependencies.includes(lb.urn) ||
      Object.values(d.propertyDependencies).some((deps) => deps.includes(lb.urn)) ||
      list(prop(d.inputs.redirect, "backends")).some((b) => str(b) !== undefined && str(b) === str(lb.inputs.address)),
  );
}
