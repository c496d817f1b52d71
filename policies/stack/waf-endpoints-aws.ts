// AWS web entry points and the WAF in front of them: a wafv2 WebAclAssociation whose resourceArn is the entry
// point's ARN (application load balancers, REST API stages, AppSync GraphQL APIs, App Runner services, Cognito user
// pools, Verified Access instances, Amplify apps, Bedrock AgentCore gateways, the load balancer of an Elastic
// Beanstalk environment), or webAclId on a CloudFront distribution. HTTP and WebSocket APIs and Lambda function URLs
// take no web ACL at all: only CloudFront in front of them can carry one. Which associations count, and which leave
// it open: waf-endpoints-associations.ts. An ALB may instead sit behind a CloudFront distribution with a web ACL that
// nothing on the internet can go around: waf-endpoints-cloudfront-origins.ts. Network and classic load balancers take
// no web ACL: their listeners that serve or may serve the web are judged in waf-endpoints-aws-layer4.ts.
import { NetworkModel } from "../../lib/reachability";
import { GenericResource, isUnknown, prop, Resolver, str } from "../../lib/reachability/internals";
import { bool } from "../../lib/values";
import { Proof } from "../lib/proof";
import { is } from "../lib/text-values";
import { StackFinding } from "../lib/stack-rule";
import { ACCELERATOR_TYPES, acceleratedBalancers } from "./waf-endpoints-accelerated";
import { BEANSTALK, beanstalkFindings } from "./waf-endpoints-beanstalk";
import { CLOUDFRONT, cloudFrontFindings, distributionsMayHaveWaf } from "./waf-endpoints-cloudfront";
import { cloudFrontOriginCheck } from "./waf-endpoints-cloudfront-origins";
import { FUNCTION_URL, functionUrlFindings } from "./waf-endpoints-function-urls";
import { HTTP_API_READ_TYPES, httpApiFindings } from "./waf-endpoints-http-apis";
import { OpenQuestion, unprotected } from "./waf-endpoint-findings";
import { frontedByAssociations, mayBeFronted, WAF_ASSOCIATION } from "./waf-endpoints-associations";
import { VERIFIED_ACCESS, verifiedAccessWebInstances } from "./waf-endpoints-verified-access";
import { CLOUDFRONT_RECORD_TYPES } from "./waf-endpoints-cloudfront-records";
import { CLOUDFRONT_GATE_TYPES } from "./waf-endpoints-cloudfront-gate";
import { AWS_LAYER4_TYPES, layer4Findings } from "./waf-endpoints-aws-layer4";
import { ListenerReach } from "./waf-endpoints-listener-reach";

export const AWS_WAF_TYPES = {
  lb: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  restStage: "aws:apigateway/stage:Stage",
  restApi: "aws:apigateway/restApi:RestApi",
  graphQlApi: "aws:appsync/graphQLApi:GraphQLApi",
  appRunner: "aws:apprunner/service:Service",
  userPool: "aws:cognito/userPool:UserPool",
  amplifyApp: "aws:amplify/app:App",
  agentGateway: "aws:bedrock/agentcoreGateway:AgentcoreGateway",
  wafAssociation: WAF_ASSOCIATION,
  cloudfront: CLOUDFRONT,
};
const T = AWS_WAF_TYPES;

/** Every type the AWS side reads. */
export const AWS_WAF_READ_TYPES = [
  ...T.lb,
  T.restStage,
  T.restApi,
  T.graphQlApi,
  T.appRunner,
  T.userPool,
  T.amplifyApp,
  T.agentGateway,
  VERIFIED_ACCESS.instance,
  VERIFIED_ACCESS.group,
  VERIFIED_ACCESS.endpoint,
  T.wafAssociation,
  T.cloudfront,
  ...ACCELERATOR_TYPES,
  ...HTTP_API_READ_TYPES,
  FUNCTION_URL,
  BEANSTALK.environment,
  BEANSTALK.template,
  ...CLOUDFRONT_RECORD_TYPES,
  ...CLOUDFRONT_GATE_TYPES,
  ...AWS_LAYER4_TYPES,
];

const ASSOCIABLE = [
  ...T.lb,
  T.restStage,
  T.graphQlApi,
  T.appRunner,
  T.userPool,
  T.amplifyApp,
  T.agentGateway,
  VERIFIED_ACCESS.instance,
  // Its load balancer, by the ARN the environment reports (loadBalancers[0]).
  BEANSTALK.environment,
];

/** An application balancer that is internet-facing, or internal behind a Global Accelerator. */
function internetAlb(lb: GenericResource, accelerated: Set<string>): Proof {
  const { internal, loadBalancerType } = lb.inputs;
  if (!is(loadBalancerType ?? "application", "application")) return isUnknown(loadBalancerType) ? "unknown" : "no";
  if (accelerated.has(lb.urn)) return "yes";
  // A boolean as the provider takes it ("True", "1"); unknown at preview, the scheme is an open question.
  if (isUnknown(internal)) return "unknown";
  return bool(internal) === true ? "no" : "yes";
}

/**
 * A stage serves its REST API's endpoint: EDGE (the default) and REGIONAL are on the internet, PRIVATE only in VPCs
 * through interface endpoints. An API outside the stack is taken as public.
 */
function publicRestStage(res: Resolver, stage: GenericResource): Proof {
  const apiUrn = res.one(stage, "restApi", stage.inputs.restApi, [T.restApi]);
  const api = apiUrn === undefined ? undefined : res.get(apiUrn);
  if (!api) return "yes";
  // Older providers send the block as a one-element list.
  const block = api.inputs.endpointConfiguration;
  const endpoint = Array.isArray(block) ? block[0] : block;
  const types = prop(endpoint, "types");
  if (isUnknown(endpoint) || isUnknown(types)) return "unknown";
  const named = (Array.isArray(types) ? types : [types]).map((t) => (isUnknown(t) ? t : str(t)?.toUpperCase()));
  if (named.some(isUnknown)) return "unknown";
  return named.length > 0 && named.every((t) => t === "PRIVATE") ? "no" : "yes";
}

/** AppSync APIs are public (GLOBAL) unless created PRIVATE (reachable from VPC endpoints only). */
function publicGraphQlApi(api: GenericResource): Proof {
  const visibility = api.inputs.visibility;
  if (isUnknown(visibility)) return "unknown";
  return (str(visibility) ?? "GLOBAL").toUpperCase() === "PRIVATE" ? "no" : "yes";
}

/** App Runner services are public unless ingress is turned off for the internet. */
function publicAppRunner(service: GenericResource): Proof {
  const network = service.inputs.networkConfiguration;
  const ingress = prop(network, "ingressConfiguration");
  const publicly = prop(ingress, "isPubliclyAccessible");
  if (isUnknown(network) || isUnknown(ingress) || isUnknown(publicly)) return "unknown";
  return bool(publicly) === false ? "no" : "yes";
}

const ALB_SCHEME: OpenQuestion = {
  field: "internal or loadBalancerType",
  question: "whether the load balancer is an internal or non-application one",
};

/**
 * `model`: the stack's network model, built only when an ALB is the origin of a distribution with a web ACL;
 * `reach`: whether the internet reaches a listener (asked of network and classic balancers' web listeners);
 * `cloudFrontLists`: prefix list ids config names as CloudFront's origin-facing list.
 */
export function awsEndpointFindings(
  res: Resolver,
  model: () => NetworkModel,
  reach: ListenerReach,
  cloudFrontLists: readonly string[] = [],
): StackFinding[] {
  const fronting = frontedByAssociations(res, ASSOCIABLE);
  const fronted = new Set([...fronting].filter(([, f]) => f === "yes").map(([urn]) => urn));
  const check = (r: GenericResource, what: string, exposed: Proof, open?: OpenQuestion) => {
    const waf = fronting.get(r.urn);
    if (waf === "yes") return [];
    return waf && exposed !== "no" ? [mayBeFronted(r, what, waf)] : unprotected(r, what, exposed, open);
  };
  const webInstances = verifiedAccessWebInstances(res);
  const accelerated = acceleratedBalancers(res, T.lb);
  const behindCloudFront = cloudFrontOriginCheck(res, model, ALB_SCHEME, cloudFrontLists);
  const albFindings = (lb: GenericResource) => {
    const what = accelerated.has(lb.urn)
      ? "application load balancer behind a Global Accelerator"
      : "internet-facing application load balancer";
    const exposed = internetAlb(lb, accelerated);
    const viaCloudFront = fronting.get(lb.urn) === "yes" ? undefined : behindCloudFront(lb, what, exposed);
    // CloudFront that cannot be gone around fronts the ALB whatever its associations leave open; otherwise an
    // association's open question comes before CloudFront's findings.
    if (viaCloudFront === undefined || (viaCloudFront.length > 0 && fronting.has(lb.urn)))
      return check(lb, what, exposed, ALB_SCHEME);
    return viaCloudFront;
  };
  return [
    ...res.ofType(...T.lb).flatMap(albFindings),
    ...res.ofType(T.restStage).flatMap((stage) =>
      check(stage, "API Gateway stage", publicRestStage(res, stage), {
        field: "endpointConfiguration.types",
        question: "whether the stage's REST API is PRIVATE",
      }),
    ),
    ...cloudFrontFindings(res),
    ...res.ofType(T.graphQlApi).flatMap((api) =>
      check(api, "AppSync GraphQL API", publicGraphQlApi(api), {
        field: "visibility",
        question: "whether the AppSync GraphQL API is public (GLOBAL) or PRIVATE",
      }),
    ),
    ...res.ofType(T.appRunner).flatMap((s) =>
      check(s, "App Runner service", publicAppRunner(s), {
        field: "networkConfiguration.ingressConfiguration.isPubliclyAccessible",
        question: "whether the App Runner service is publicly accessible",
      }),
    ),
    // Every user pool's sign-in, sign-up and token endpoints are on the internet: where passwords are guessed.
    ...res.ofType(T.userPool).flatMap((pool) => check(pool, "Cognito user pool (sign-in endpoints)", "yes")),
    // Amplify Hosting serves every app's branches on public amplifyapp.com domains; an AgentCore gateway's MCP
    // endpoint is a public HTTPS URL whatever its authorizer.
    ...res.ofType(T.amplifyApp).flatMap((app) => check(app, "Amplify Hosting app", "yes")),
    ...res.ofType(T.agentGateway).flatMap((g) => check(g, "Bedrock AgentCore gateway", "yes")),
    ...res.ofType(VERIFIED_ACCESS.instance).flatMap((i) =>
      check(i, "Verified Access instance with HTTP(S) endpoints", webInstances.get(i.urn) ?? "no", {
        field: "endpoint type or protocol",
        question: "whether an endpoint of the Verified Access instance serves HTTP(S)",
      }),
    ),
    ...httpApiFindings(res, distributionsMayHaveWaf(res)),
    ...functionUrlFindings(res),
    ...beanstalkFindings(res, fronted),
    ...layer4Findings(res, accelerated, reach, fronting),
  ];
}
