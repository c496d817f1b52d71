// require-waf-on-internet-endpoints: the entry points beyond load balancers, stages and CloudFront.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const GRAPHQL = "aws:appsync/graphQLApi:GraphQLApi";
const APP_RUNNER = "aws:apprunner/service:Service";
const USER_POOL = "aws:cognito/userPool:UserPool";
const AMPLIFY = "aws:amplify/app:App";
const AGENT_GATEWAY = "aws:bedrock/agentcoreGateway:AgentcoreGateway";
const AWS_LB = "aws:lb/loadBalancer:LoadBalancer";
const GA = "aws:globalaccelerator/accelerator:Accelerator";
const GA_LISTENER = "aws:globalaccelerator/listener:Listener";
const GA_GROUP = "aws:globalaccelerator/endpointGroup:EndpointGroup";
const VA_INSTANCE = "aws:verifiedaccess/instance:Instance";
const VA_GROUP = "aws:verifiedaccess/group:Group";
const VA_ENDPOINT = "aws:verifiedaccess/endpoint:Endpoint";
const ALI_ALB = "alicloud:alb/loadBalancer:LoadBalancer";
const WAF_DOMAIN = "alicloud:wafv3/domain:Domain";
const WEB_ACL_ARN = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1";

/** An association whose resourceArn flows from `target` (unknown at preview). */
const association = (type: string, name: string): StackInput => ({
  type: ASSOCIATION,
  name: `${name}-waf`,
  props: { resourceArn: UNKNOWN, webAclArn: WEB_ACL_ARN },
  propertyDependencies: { resourceArn: [urnOf(type, name)] },
});
const graphQl = (props: Record<string, unknown> = {}): StackInput => ({
  type: GRAPHQL,
  name: "api",
  props: { name: "orders", authenticationType: "AMAZON_COGNITO_USER_POOLS", ...props },
});
const appRunner = (networkConfiguration?: unknown): StackInput => ({
  type: APP_RUNNER,
  name: "web",
  props: { serviceName: "web", ...(networkConfiguration === undefined ? {} : { networkConfiguration }) },
});
const ingress = (isPubliclyAccessible: unknown) => ({ ingressConfiguration: { isPubliclyAccessible } });
const userPool: StackInput = { type: USER_POOL, name: "users", props: { name: "users" } };
const amplifyApp: StackInput = { type: AMPLIFY, name: "site", props: { name: "site", platform: "WEB" } };
const agentGateway: StackInput = {
  type: AGENT_GATEWAY,
  name: "tools",
  props: { name: "tools", authorizerType: "AWS_IAM", protocolType: "MCP", roleArn: UNKNOWN },
};

/** An accelerator → listener → endpoint group naming an internal balancer, all new at preview (ids unknown). */
function accelerated(enabled: unknown = true, loadBalancerType = "application"): StackInput[] {
  return [
    { type: GA, name: "edge", props: { name: "edge", enabled, ipAddressType: "IPV4" } },
    {
      type: GA_LISTENER,
      name: "https",
      props: { acceleratorArn: UNKNOWN, protocol: "TCP", portRanges: [{ fromPort: 443, toPort: 443 }] },
      propertyDependencies: { acceleratorArn: [urnOf(GA, "edge")] },
    },
    {
      type: GA_GROUP,
      name: "eu",
      props: { listenerArn: UNKNOWN, endpointConfigurations: [{ endpointId: UNKNOWN, weight: 100 }] },
      propertyDependencies: {
        listenerArn: [urnOf(GA_LISTENER, "https")],
        endpointConfigurations: [urnOf(AWS_LB, "app")],
      },
    },
    { type: AWS_LB, name: "app", props: { internal: true, loadBalancerType, subnets: ["subnet-1"] } },
  ];
}

/** A Verified Access instance, its group and one endpoint of the given type and protocol. */
function verifiedAccess(endpointType: unknown, protocol: unknown): StackInput[] {
  const options = { port: 443, protocol, subnetIds: ["subnet-1"] };
  return [
    { type: VA_INSTANCE, name: "va", props: { description: "staff apps" } },
    {
      type: VA_GROUP,
      name: "staff",
      props: { verifiedaccessInstanceId: UNKNOWN },
      propertyDependencies: { verifiedaccessInstanceId: [urnOf(VA_INSTANCE, "va")] },
    },
    {
      type: VA_ENDPOINT,
      name: "wiki",
      props: {
        verifiedAccessGroupId: UNKNOWN,
        endpointType,
        attachmentType: "vpc",
        ...(endpointType === "network-interface"
          ? { networkInterfaceOptions: options }
          : { loadBalancerOptions: options }),
      },
      propertyDependencies: { verifiedAccessGroupId: [urnOf(VA_GROUP, "staff")] },
    },
  ];
}
const alb = (props: Record<string, unknown>): StackInput => ({
  type: ALI_ALB,
  name: "shop",
  props: { addressType: "Internet", loadBalancerEdition: "Standard", ...props },
});

describe("require-waf-on-internet-endpoints: AppSync, App Runner, Cognito, Verified Access, WAF-enabled ALB", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // AppSync GraphQL APIs.
    {
      name: "public AppSync API without a WAF",
      resources: [graphQl()],
      violations: 1,
      urn: urnOf(GRAPHQL, "api"),
      mentions: "AppSync GraphQL API has no WAF",
    },
    { name: "GLOBAL AppSync API without a WAF", resources: [graphQl({ visibility: "GLOBAL" })], violations: 1 },
    { name: "PRIVATE AppSync API", resources: [graphQl({ visibility: "PRIVATE" })], violations: 0 },
    { name: "AppSync API with an association", resources: [graphQl(), association(GRAPHQL, "api")], violations: 0 },
    {
      name: "AppSync API associated by its known ARN after deployment",
      resources: [
        graphQl({ arn: "arn:aws:appsync:eu-west-1:123456789012:apis/abc" }),
        {
          type: ASSOCIATION,
          name: "api-waf",
          props: { resourceArn: "arn:aws:appsync:eu-west-1:123456789012:apis/abc", webAclArn: WEB_ACL_ARN },
        },
      ],
      violations: 0,
    },
    {
      name: "association for another resource leaves the AppSync API unprotected",
      resources: [graphQl(), userPool, association(USER_POOL, "users")],
      violations: 1,
      urn: urnOf(GRAPHQL, "api"),
    },
    {
      name: "AppSync API of unknown visibility is a note",
      resources: [graphQl({ visibility: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "AppSync API of unknown visibility with an association",
      resources: [graphQl({ visibility: UNKNOWN }), association(GRAPHQL, "api")],
      violations: 0,
    },
    // App Runner services.
    {
      name: "App Runner service with default (public) ingress",
      resources: [appRunner()],
      violations: 1,
      mentions: "App Runner service",
    },
    { name: "App Runner service publicly accessible", resources: [appRunner(ingress(true))], violations: 1 },
    { name: "App Runner service private", resources: [appRunner(ingress(false))], violations: 0 },
    { name: "App Runner service private (string)", resources: [appRunner(ingress("false"))], violations: 0 },
    {
      name: "App Runner service with an association",
      resources: [appRunner(ingress(true)), association(APP_RUNNER, "web")],
      violations: 0,
    },
    { name: "App Runner ingress unknown is a note", resources: [appRunner(ingress(UNKNOWN))], violations: 0, notes: 1 },
    { name: "App Runner network unknown is a note", resources: [appRunner(UNKNOWN)], violations: 0, notes: 1 },
    // Cognito user pools: their sign-in endpoints are where passwords are guessed.
    {
      name: "Cognito user pool without a WAF",
      resources: [userPool],
      violations: 1,
      urn: urnOf(USER_POOL, "users"),
      mentions: "Cognito user pool",
    },
    {
      name: "Cognito user pool with an association",
      resources: [userPool, association(USER_POOL, "users")],
      violations: 0,
    },
    // Amplify Hosting apps and AgentCore gateways: public HTTPS endpoints whatever their settings.
    {
      name: "Amplify app without a WAF",
      resources: [amplifyApp],
      violations: 1,
      urn: urnOf(AMPLIFY, "site"),
      mentions: "Amplify Hosting app",
    },
    { name: "Amplify app with an association", resources: [amplifyApp, association(AMPLIFY, "site")], violations: 0 },
    {
      name: "AgentCore gateway (IAM authorizer) without a WAF",
      resources: [agentGateway],
      violations: 1,
      urn: urnOf(AGENT_GATEWAY, "tools"),
      mentions: "Bedrock AgentCore gateway",
    },
    {
      name: "AgentCore gateway with an association",
      resources: [agentGateway, association(AGENT_GATEWAY, "tools")],
      violations: 0,
    },
    {
      name: "an association of the Amplify app does not cover the gateway",
      resources: [amplifyApp, agentGateway, association(AMPLIFY, "site")],
      violations: 1,
      urn: urnOf(AGENT_GATEWAY, "tools"),
    },
    // An internal ALB behind a Global Accelerator takes the internet's requests.
    {
      name: "internal ALB behind an accelerator without a WAF",
      resources: accelerated(),
      violations: 1,
      urn: urnOf(AWS_LB, "app"),
      mentions: "behind a Global Accelerator",
    },
    {
      name: "internal ALB behind an accelerator with an association",
      resources: [...accelerated(), association(AWS_LB, "app")],
      violations: 0,
    },
    { name: "internal ALB behind a disabled accelerator", resources: accelerated(false), violations: 0 },
    {
      name: "internal ALB behind an accelerator enabled at preview only as an unknown",
      resources: accelerated(UNKNOWN),
      violations: 1,
    },
    { name: "internal ALB without an accelerator", resources: accelerated().slice(3), violations: 0 },
    {
      name: "internal NLB behind an accelerator is not a web entry point",
      resources: accelerated(true, "network"),
      violations: 0,
    },
    // Verified Access instances with HTTP(S) endpoints.
    {
      name: "Verified Access instance with an HTTPS load-balancer endpoint",
      resources: verifiedAccess("load-balancer", "https"),
      violations: 1,
      urn: urnOf(VA_INSTANCE, "va"),
      mentions: "Verified Access instance",
    },
    {
      name: "Verified Access instance with an HTTP network-interface endpoint",
      resources: verifiedAccess("network-interface", "http"),
      violations: 1,
    },
    {
      name: "Verified Access instance with an association",
      resources: [...verifiedAccess("load-balancer", "https"), association(VA_INSTANCE, "va")],
      violations: 0,
    },
    {
      name: "Verified Access instance with only a TCP endpoint",
      resources: verifiedAccess("load-balancer", "tcp"),
      violations: 0,
    },
    {
      name: "Verified Access instance with only an RDS endpoint",
      resources: verifiedAccess("rds", "tcp"),
      violations: 0,
    },
    {
      name: "Verified Access instance without endpoints",
      resources: verifiedAccess("load-balancer", "https").slice(0, 1),
      violations: 0,
    },
    {
      name: "Verified Access endpoint protocol unknown is a note",
      resources: verifiedAccess("load-balancer", UNKNOWN),
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud: the WAF-enabled ALB edition carries WAF 3.0 itself.
    {
      name: "internet ALB of the WAF-enabled edition",
      resources: [alb({ loadBalancerEdition: "StandardWithWaf" })],
      violations: 0,
    },
    { name: "internet ALB of the Standard edition", resources: [alb({})], violations: 1, urn: urnOf(ALI_ALB, "shop") },
    {
      name: "internet ALB of the Standard edition behind a WAF 3.0 domain",
      resources: [
        alb({}),
        {
          type: WAF_DOMAIN,
          name: "shop",
          props: { domain: "shop.example.com", redirect: { backends: [UNKNOWN] } },
          propertyDependencies: { redirect: [urnOf(ALI_ALB, "shop")] },
        },
      ],
      violations: 0,
    },
    {
      name: "internet ALB of unknown edition is a note",
      resources: [alb({ loadBalancerEdition: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "intranet ALB of the Standard edition", resources: [alb({ addressType: "Intranet" })], violations: 0 },
  ] as StackCase[]);
});

const STAGE = "aws:apigateway/stage:Stage";
const REST_API = "aws:apigateway/restApi:RestApi";

/** A REST API with the given endpoint configuration and a stage that serves it (ids unknown at preview). */
function restApi(endpointConfiguration?: unknown): StackInput[] {
  return [
    {
      type: REST_API,
      name: "orders",
      props: { name: "orders", ...(endpointConfiguration === undefined ? {} : { endpointConfiguration }) },
    },
    {
      type: STAGE,
      name: "prod",
      props: { stageName: "prod", restApi: UNKNOWN, deployment: UNKNOWN },
      propertyDependencies: { restApi: [urnOf(REST_API, "orders")] },
    },
  ];
}

describe("require-waf-on-internet-endpoints on API Gateway stages", () => {
  stackTable(requireWafOnInternetEndpoints, [
    { name: "stage of an edge API (the default)", resources: restApi(), violations: 1, urn: urnOf(STAGE, "prod") },
    { name: "stage of a regional API", resources: restApi({ types: "REGIONAL" }), violations: 1 },
    { name: "stage of a private API", resources: restApi({ types: "PRIVATE" }), violations: 0 },
    { name: "stage of a private API, types as a list", resources: restApi({ types: ["PRIVATE"] }), violations: 0 },
    { name: "stage of a private API, older list block", resources: restApi([{ types: ["PRIVATE"] }]), violations: 0 },
    {
      name: "stage of an API outside the stack is taken as public",
      resources: [{ type: STAGE, name: "prod", props: { stageName: "prod", restApi: "a1b2c3" } }],
      violations: 1,
    },
    {
      name: "stage of an API whose type is unknown is a note",
      resources: restApi({ types: UNKNOWN }),
      notes: 1,
      violations: 0,
    },
    {
      name: "stage of a regional API behind a web ACL",
      resources: [...restApi({ types: "REGIONAL" }), association(STAGE, "prod")],
      violations: 0,
    },
  ] as StackCase[]);
});
