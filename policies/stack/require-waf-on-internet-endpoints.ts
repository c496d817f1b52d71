// Case step 6: the lesson was a cloud WAF with OWASP rules in front of every public web entry point.
import { Resolver } from "../../lib/reachability/internals";
import { PREFIX_LIST_IDS_SCHEMA } from "../lib/config";
import { defineStackRule } from "../lib/stack-rule";
import { ALICLOUD_WAF_READ_TYPES, alicloudEndpointFindings } from "./waf-endpoints-alicloud";
import { AWS_WAF_READ_TYPES, awsEndpointFindings } from "./waf-endpoints-aws";
import { listenerReach } from "./waf-endpoints-listener-reach";

interface WafEndpointsConfig {
  /** Prefix list ids counted as CloudFront's origin-facing list besides AWS's published per-region ids. */
  cloudFrontOriginFacingPrefixLists: string[];
}

export const requireWafOnInternetEndpoints = defineStackRule<WafEndpointsConfig>({
  metadata: {
    name: "require-waf-on-internet-endpoints",
    description:
      "Every internet-facing web entry point must have a WAF, on itself or on a front the internet cannot go around (a CloudFront distribution or a WAF 3.0 domain).",
    details:
      "Every internet-facing web entry point has a WAF. AWS: application load balancers (internet-facing, or internal behind a Global Accelerator), REST API stages (unless the API is PRIVATE), AppSync GraphQL APIs (unless PRIVATE), App Runner services (unless not publicly accessible), Cognito user pools (their sign-in endpoints), Amplify Hosting apps, Bedrock AgentCore gateways and Verified Access instances with HTTP(S) endpoints through a wafv2 WebAclAssociation, CloudFront distributions through webAclId; an application load balancer also passes as the origin of a CloudFront distribution with a web ACL (linked by its dnsName, or through one Route 53 record whose alias or CNAME names it) when nothing on the internet reaches any of its listeners around the distribution: the network model shows no internet path to them, and, whatever the routes to its subnets, its security groups admit no public block on a listener port (any port when a listener's port is unknown or no listener is in the stack) and no prefix list outside the stack but CloudFront's origin-facing one (AWS's id for the load balancer's region, or an id in cloudFrontOriginFacingPrefixLists), and, since that list admits every distribution, another account's too, every listener it admits forwards only requests carrying a secret header the distribution's origin sends (origins[].customHeaders, WebFirewall.originRequestGate): no default action forwards, and every forwarding listener rule has an http-header condition on that header, sharing a value with it when both are known (template listeners, listener rules and OriginCustomHeaders are read too; a listener, rule or header unknown at preview is a note); a security group outside the stack, or none in it, keeps the violation; another outside prefix list (customer-managed, S3's, an id unknown at preview) and a source or group unknown at preview are notes; Elastic Beanstalk web server environments through an association with their application load balancer (classic and network balancers and single instances take no WAF). AWS WAF attaches to no network or classic load balancer: an internet-facing classic load balancer with an HTTP or HTTPS listener the internet reaches is a violation, and a TCP, TLS or QUIC listener of an internet-facing network load balancer (or one behind a Global Accelerator), or a TCP or SSL listener of a classic one, on a web port (80, 443, 8080, 8443, or a port unknown at preview) that the internet reaches may carry HTTP(S): a note naming the listeners (a violation when failing closed); a network load balancer listener whose forward actions (defaultActions targetGroupArn, forward.targetGroups) lead only to target groups of targetType alb is judged by the application load balancers attached to them (TargetGroupAttachment): it passes when each has a web ACL association, an attached ALB without one is a violation naming that ALB (internal or not, the internet reaches it through the network load balancer), and a target group outside the stack, a targetType unknown at preview, an ALB group without an attachment in the stack, or an association that may not apply is a note; whether the internet reaches a listener is the network model's answer (routes, NACLs, security groups), and where the model cannot see the routes its security groups decide, whatever the routes (a prefix list outside the stack they admit, such as CloudFront's origin-facing one, leaves a note). HTTP and WebSocket APIs (API Gateway v2) and Lambda function URLs with authorizationType NONE take no web ACL: an HTTP or WebSocket API passes only with its default execute-api endpoint disabled and every custom domain behind a CloudFront distribution with a web ACL. Alibaba Cloud: internet SLB (HTTP/HTTPS listeners; a TCP listener on a web port the internet reaches is a note, since WAF 3.0 protects the HTTP(S) it carries in cloud native mode, which the provider cannot attach) and ALB instances through a WAF 3.0 domain whose origin they are, each web listener admitting only WAF's back-to-origin CIDR blocks through a whitelist ACL (a CNAME origin keeps its public address, like an ALB behind CloudFront), or an ALB of the WAF-enabled edition (StandardWithWaf, cloud-native access). Load balancers, CloudFront distributions and web ACL associations deployed by raw CloudFormation templates are judged too (an association created only under a condition undecided at preview, or taking its resourceArn from a template's outputs, and a CloudFront distribution whose WebACLId the template leaves unknown at preview, are notes, never a pass). An internet NLB's TCP or TCPSSL listener on a web port the internet reaches is a note too (WAF 3.0 cloud native mode protects TCP listeners, not TCPSSL), unless the NLB is the backend of a WAF 3.0 domain: then it is judged as any WAF origin, through its security groups (securityGroupIds, LoadBalancerSecurityGroupAttachment; an NLB has no listener ACL): it passes when their accept rules meeting a web listener's protocol and port admit no source but narrow blocks (as back-to-origin blocks are; rules naming a group admit no stranger), is a violation when they admit anyone (0.0.0.0/0, ::/0, a broad public block, or no security group at all), and a note when a rule's source or ports, the groups, or a group outside the stack are unknown (drop rules are not subtracted). An internet SLB listener whose protocol is unknown at preview, and a WAF 3.0 domain whose backend is an output of the ROS stack that deploys the SLB or ALB, are notes too.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "AWS: add a wafv2.WebAclAssociation whose resourceArn is the entry point's ARN (load balancer, API Gateway stage, AppSync GraphQL API, App Runner service, Cognito user pool, Amplify app, AgentCore gateway or Verified Access instance) and whose web ACL uses the OWASP core rule set; set webAclId on CloudFront.",
      "Application load balancers behind CloudFront: give the distribution a web ACL (webAclId) and let the load balancer's security groups admit only CloudFront's origin-facing prefix list (com.amazonaws.global.cloudfront.origin-facing, e.g. WebFirewall.originIngressRules), with no 0.0.0.0/0, ::/0 or other public source; since that list admits every distribution, let the distribution send a secret origin header that every forwarding listener rule requires, each listener's default action a fixed 403 (WebFirewall.originRequestGate).",
      "HTTP and WebSocket APIs: set disableExecuteApiEndpoint true and serve the API only through a custom domain that is the origin of a CloudFront distribution with a web ACL, or use a REST API whose stage has a web ACL association.",
      'Lambda function URLs: set authorizationType "AWS_IAM" and serve the function through CloudFront with a web ACL and an origin access control, or through a REST API with a web ACL.',
      "Network and classic load balancers: AWS WAF cannot attach to them; serve HTTP(S) through an application load balancer with a web ACL, or a CloudFront distribution with a web ACL in front of it, and keep the balancer itself off the internet; a network load balancer may forward to application load balancers (a target group of targetType alb with a TargetGroupAttachment naming each ALB) when every such ALB, internal ones included, has a wafv2.WebAclAssociation; a TCP or TLS listener on a web port that serves no HTTP can be exempted (exemptions: resource, reason, owner, expires).",
      "Elastic Beanstalk: create the environment load balanced with LoadBalancerType application and add a WebAclAssociation whose resourceArn is the environment's loadBalancers[0].",
      'AppSync APIs created with visibility "PRIVATE" and App Runner services whose ingressConfiguration sets isPubliclyAccessible false are not internet entry points and need no WAF association.',
      "Alibaba Cloud TCP listeners of an internet CLB or NLB on a web port: add the port to WAF 3.0 in cloud native mode (WAF console, Cloud Product Access; NLB TCP listeners only, not TCPSSL) and exempt the balancer, or serve the site through HTTP(S) listeners behind a WAF 3.0 domain or an ALB of the WAF-enabled edition, or declare the wafv3.Domain whose backend the balancer is (an NLB then admits on its web listeners, through its security groups, only WAF 3.0's back-to-origin CIDR blocks; a CLB through a whitelist ACL); a balancer that serves no HTTP can be exempted (exemptions: resource, reason, owner, expires).",
      'Alibaba Cloud: create the ALB with loadBalancerEdition "StandardWithWaf" (cloud-native access), or add a wafv3.Domain for the site whose backend is the load balancer and restrict each of its web listeners to WAF 3.0\'s back-to-origin CIDR blocks (WAF console, CNAME Record, Back-to-origin CIDR Blocks) with a whitelist ACL: SLB listeners aclStatus "on", aclType "white", aclIds; ALB listeners an alb.ListenerAclAttachment of aclType "White".',
    ],
    controls: [
      { framework: "AWS FSBP", id: "ELB.16" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.7" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 6,
    resourceTypes: [...AWS_WAF_READ_TYPES, ...ALICLOUD_WAF_READ_TYPES],
  },
  configSchema: {
    cloudFrontOriginFacingPrefixLists: {
      ...PREFIX_LIST_IDS_SCHEMA,
      description:
        "Ids of CloudFront's origin-facing prefix list besides AWS's published per-region ones (regions the rule's table lacks, an account's own copy): an ALB behind CloudFront whose security groups admit one of them still passes.",
    },
  },
  parseConfig: (r) => ({ cloudFrontOriginFacingPrefixLists: r.prefixListIds("cloudFrontOriginFacingPrefixLists") }),
  readsTemplateResources: true,
  check: ({ resources, model, config }) => {
    const res = new Resolver(resources);
    // The model and its exposures are built on the first question, once for both clouds.
    const reach = listenerReach(model);
    return [
      ...awsEndpointFindings(res, model, reach, config.cloudFrontOriginFacingPrefixLists),
      ...alicloudEndpointFindings(res, reach, model),
    ];
  },
});
