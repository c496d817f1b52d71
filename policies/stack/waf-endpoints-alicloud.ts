// Alibaba Cloud web entry points and the WAF in front of them: a WAF 3.0 domain (CNAME access) whose backend is the
// load balancer, or, for ALB, the WAF-enabled edition (StandardWithWaf), which runs WAF 3.0 inside the load balancer
// itself (cloud-native access). A wafv3 DefenseResourceGroup only groups objects already protected: it fronts nothing.
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { unprotected } from "./waf-endpoint-findings";

export const ALICLOUD_WAF_TYPES = {
  slb: ["alicloud:slb/loadBalancer:LoadBalancer", "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer"],
  slbListener: "alicloud:slb/listener:Listener",
  alb: "alicloud:alb/loadBalancer:LoadBalancer",
  albListener: "alicloud:alb/listener:Listener",
  wafDomain: "alicloud:wafv3/domain:Domain",
};
const T = ALICLOUD_WAF_TYPES;

export const ALICLOUD_WAF_READ_TYPES = [...T.slb, T.slbListener, T.alb, T.albListener, T.wafDomain];

const WAF_ENABLED_EDITION = "standardwithwaf";

/** Internet (the default) or intranet; unknown at preview, whether the balancer faces the internet is open. */
const intranet = (lb: GenericResource) => (str(lb.inputs.addressType) ?? "").toLowerCase() === "intranet";
const onInternet = (lb: GenericResource): Proof => (isUnknown(lb.inputs.addressType) ? "unknown" : "yes");
const ADDRESS_TYPE = { field: "addressType", question: "whether the load balancer faces the internet" };

function frontedByDomain(lb: GenericResource, domains: readonly GenericResource[]): boolean {
  return domains.some(
    (d) =>
      d.dependencies.includes(lb.urn) ||
      Object.values(d.propertyDependencies).some((deps) => deps.includes(lb.urn)) ||
      list(prop(d.inputs.redirect, "backends")).some((b) => str(b) !== undefined && str(b) === str(lb.inputs.address)),
  );
}

/** Whether the ALB still needs a WAF in front: not when its own edition carries one. */
function albWithoutBuiltInWaf(alb: GenericResource): Proof {
  const edition = alb.inputs.loadBalancerEdition;
  if (isUnknown(edition)) return "unknown";
  return (str(edition) ?? "").toLowerCase() === WAF_ENABLED_EDITION ? "no" : "yes";
}

export function alicloudEndpointFindings(res: Resolver): StackFinding[] {
  const domains = res.ofType(T.wafDomain);
  const findings: StackFinding[] = [];
  for (const lb of res.ofType(...T.slb)) {
    if (intranet(lb)) continue;
    const web = res
      .ofType(T.slbListener)
      .filter((l) => res.one(l, "loadBalancerId", l.inputs.loadBalancerId, T.slb) === lb.urn)
      .some((l) => ["http", "https"].includes((str(l.inputs.protocol) ?? "").toLowerCase()));
    if (web && !frontedByDomain(lb, domains))
      findings.push(...unprotected(lb, "internet SLB with HTTP(S) listeners", onInternet(lb), ADDRESS_TYPE));
  }
  for (const alb of res.ofType(T.alb)) {
    if (intranet(alb) || frontedByDomain(alb, domains)) continue;
    const needsWaf = albWithoutBuiltInWaf(alb);
    // The edition settles it when it carries a WAF; otherwise an unknown address type leaves the question open.
    const open = needsWaf === "yes" && onInternet(alb) === "unknown";
    findings.push(
      ...(open
        ? unprotected(alb, "internet-facing ALB", "unknown", ADDRESS_TYPE)
        : unprotected(alb, "internet-facing ALB", needsWaf, {
            field: "loadBalancerEdition",
            question: "whether the ALB is of the WAF-enabled edition (StandardWithWaf)",
          })),
    );
  }
  return findings;
}
