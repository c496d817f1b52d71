// Case step 6: the lesson was a cloud WAF with OWASP rules in front of every public web entry point.
import { GenericResource, Resolver, list, prop, str } from "../../lib/reachability/internals";
import { defineStackRule, StackFinding } from "../lib/stack-rule";

const T = {
  awsLb: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  restStage: "aws:apigateway/stage:Stage",
  wafAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  cloudfront: "aws:cloudfront/distribution:Distribution",
  slb: ["alicloud:slb/loadBalancer:LoadBalancer", "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer"],
  slbListener: "alicloud:slb/listener:Listener",
  alb: "alicloud:alb/loadBalancer:LoadBalancer",
  albListener: "alicloud:alb/listener:Listener",
  wafDomain: "alicloud:wafv3/domain:Domain",
};

export const requireWafOnInternetEndpoints = defineStackRule({
  metadata: {
    name: "require-waf-on-internet-endpoints",
    description:
      "Every internet-facing web entry point has a WAF: AWS application load balancers and REST API stages through a wafv2 WebAclAssociation, CloudFront distributions through webAclId; Alibaba Cloud internet SLB (HTTP/HTTPS listeners) and ALB instances through a WAF 3.0 domain.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "AWS: add a wafv2.WebAclAssociation (resourceArn = the load balancer or stage ARN) to a web ACL with the OWASP core rule set; set webAclId on CloudFront.",
      "Alibaba Cloud: add a wafv3.Domain for the site whose backend is the load balancer.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "ELB.16" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.7" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 6,
    resourceTypes: [
      ...T.awsLb,
      T.restStage,
      T.wafAssociation,
      T.cloudfront,
      ...T.slb,
      T.slbListener,
      T.alb,
      T.albListener,
      T.wafDomain,
    ],
  },
  check: ({ resources }) => {
    const res = new Resolver(resources);
    const protectedAws = new Set(
      res.ofType(T.wafAssociation).flatMap((a) => {
        const target = res.one(a, "resourceArn", a.inputs.resourceArn, [...T.awsLb, T.restStage]);
        return target ? [target] : [];
      }),
    );
    const findings: StackFinding[] = [];
    const missing = (r: GenericResource, what: string) =>
      findings.push({ urn: r.urn, message: `${r.name}: ${what} has no WAF in front of it` });

    for (const lb of res.ofType(...T.awsLb)) {
      const internal = lb.inputs.internal === true || lb.inputs.internal === "true";
      const type = str(lb.inputs.loadBalancerType) ?? "application";
      if (!internal && type === "application" && !protectedAws.has(lb.urn))
        missing(lb, "internet-facing application load balancer");
    }
    for (const stage of res.ofType(T.restStage)) if (!protectedAws.has(stage.urn)) missing(stage, "API Gateway stage");
    for (const cf of res.ofType(T.cloudfront))
      if (cf.inputs.webAclId === undefined || cf.inputs.webAclId === "") missing(cf, "CloudFront distribution");

    const wafDomains = res.ofType(T.wafDomain);
    const fronted = (lb: GenericResource) =>
      wafDomains.some(
        (d) =>
          d.dependencies.includes(lb.urn) ||
          Object.values(d.propertyDependencies).some((deps) => deps.includes(lb.urn)) ||
          list(prop(d.inputs.redirect, "backends")).some(
            (b) => str(b) !== undefined && str(b) === str(lb.inputs.address),
          ),
      );
    for (const lb of res.ofType(...T.slb)) {
      if ((str(lb.inputs.addressType) ?? "internet").toLowerCase() === "intranet") continue;
      const web = res
        .ofType(T.slbListener)
        .filter((l) => res.one(l, "loadBalancerId", l.inputs.loadBalancerId, T.slb) === lb.urn)
        .some((l) => ["http", "https"].includes((str(l.inputs.protocol) ?? "").toLowerCase()));
      if (web && !fronted(lb)) missing(lb, "internet SLB with HTTP(S) listeners");
    }
    for (const lb of res.ofType(T.alb)) {
      if ((str(lb.inputs.addressType) ?? "Internet").toLowerCase() === "intranet") continue;
      if (!fronted(lb)) missing(lb, "internet-facing ALB");
    }
    return findings;
  },
});
