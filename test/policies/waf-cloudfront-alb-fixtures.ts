// An internet-facing ALB in a public subnet, its security group and HTTPS listener, as a preview sends them (every
// reference unknown, linked by property dependencies): the stack the require-waf-on-internet-endpoints tables put
// behind a CloudFront distribution. By default the listener is an origin request gate (WebFirewall.originRequestGate):
// a fixed 403 default action and a rule forwarding only requests whose X-Origin-Verify header carries the secret the
// distribution (`gatedDistribution`) sends; `{ gate: false }` builds the listener forwarding everything instead.
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { distribution } from "./waf-endpoint-inputs";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  igw: "aws:ec2/internetGateway:InternetGateway",
  rtb: "aws:ec2/routeTable:RouteTable",
  subnet: "aws:ec2/subnet:Subnet",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  tg: "aws:lb/targetGroup:TargetGroup",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
};
export const albUrn = urnOf(T.lb, "web");
export const sgUrn = urnOf(T.sg, "web");
const vpcUrn = urnOf(T.vpc, "app");
/** CloudFront's origin-facing list in eu-central-1, as the lookup answers it: an id outside the stack. */
export const CLOUDFRONT_LIST = "pl-a3a144ca";
export const ALB_HOST = "web-1234567890.eu-central-1.elb.amazonaws.com";
export const AROUND = "reachable around the CloudFront distribution in front of it";
export const listenerUrn = urnOf(T.listener, "web-443");
const tgUrn = urnOf(T.tg, "web");

/** The gate's header (the component's default name) and secret (64 hex digits, set with `config set --secret`). */
export const ORIGIN_HEADER = "X-Origin-Verify";
export const ORIGIN_SECRET = "6f1d0c3b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817065f4e";
/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
export const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});
/** The listener's default action while the gate is in place (WebFirewall.originGateDefaultAction()). */
export const refuse403 = {
  type: "fixed-response",
  fixedResponse: { contentType: "text/plain", statusCode: "403", messageBody: "Forbidden" },
};
/** A forward to the target group `web`, its ARN unknown at preview. */
export const forwardToWeb = { type: "forward", targetGroupArn: UNKNOWN };

/** A VPC whose subnet routes 0.0.0.0/0 and ::/0 to an internet gateway. */
const publicNetwork: StackInput[] = [
  { type: T.vpc, name: "app", props: { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true } },
  { type: T.igw, name: "igw", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: [vpcUrn] } },
  {
    type: T.rtb,
    name: "public",
    props: {
      vpcId: UNKNOWN,
      routes: [
        { cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN },
        { ipv6CidrBlock: "::/0", gatewayId: UNKNOWN },
      ],
    },
    propertyDependencies: { vpcId: [vpcUrn], routes: [urnOf(T.igw, "igw")] },
  },
  {
    type: T.subnet,
    name: "public-a",
    props: { vpcId: UNKNOWN, cidrBlock: "10.0.0.0/24" },
    propertyDependencies: { vpcId: [vpcUrn] },
  },
  {
    type: T.rta,
    name: "public-a",
    props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
    propertyDependencies: { subnetId: [urnOf(T.subnet, "public-a")], routeTableId: [urnOf(T.rtb, "public")] },
  },
];

export const tcp443 = { protocol: "tcp", fromPort: 443, toPort: 443 };
/** The lock: HTTPS from CloudFront's origin-facing list only. */
export const inlineList = { ...tcp443, prefixListIds: [CLOUDFRONT_LIST] };

/** The ALB's group; `ingress` its inline rules. */
const group = (ingress: unknown[] = []): StackInput => ({
  type: T.sg,
  name: "web",
  props: {
    vpcId: UNKNOWN,
    description: "web ALB",
    ingress,
    // Egress to anywhere lets nothing in.
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
  },
  propertyDependencies: { vpcId: [vpcUrn] },
});

/** A separate rule on the ALB's group, HTTPS unless `props` says otherwise. */
export const rule = (name: string, props: Record<string, unknown>): StackInput => ({
  type: T.ingress,
  name,
  props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...props },
  propertyDependencies: { securityGroupId: [sgUrn] },
});

/**
 * A listener rule `name` on listener `web-443` (by property dependency), forwarding to the target group `web` under
 * `conditions`; `props` and `deps` replace parts of it.
 */
export const listenerRule = (
  name: string,
  conditions: unknown,
  props: Record<string, unknown> = {},
  deps: Record<string, string[]> = {},
): StackInput => ({
  type: T.listenerRule,
  name,
  props: { listenerArn: UNKNOWN, priority: 1, actions: [forwardToWeb], conditions, ...props },
  propertyDependencies: { listenerArn: [listenerUrn], actions: [tgUrn], ...deps },
});

/** An http-header condition on `name` requiring one of `values`. */
export const headerCondition = (name: unknown, values: unknown) => ({ httpHeader: { httpHeaderName: name, values } });

/** The gate's rule, as the component makes it: the header's value is the secret, priority 1. */
export const gateRule = (headerName: unknown = ORIGIN_HEADER, value: unknown = secret(ORIGIN_SECRET)) =>
  listenerRule("web-origin-gate", [headerCondition(headerName, [value])]);

/** The custom header the distribution's origin sends: the gate's `customHeader`. */
export const originHeader = (name: unknown = ORIGIN_HEADER, value: unknown = secret(ORIGIN_SECRET)) => ({
  name,
  value,
});

/**
 * A distribution with a web ACL (or `webAcl`) whose one origin is `origin` (see `distribution`) and sends
 * `customHeaders` (the gate's header by default).
 */
export function gatedDistribution(
  origin: { type: string; name: string } | string,
  webAcl?: { webAclId?: unknown },
  customHeaders: unknown = [originHeader()],
): StackInput {
  const cdn = distribution(origin, webAcl);
  const origins = (cdn.props.origins as Record<string, unknown>[]).map((o) => ({ ...o, customHeaders }));
  return { ...cdn, props: { ...cdn.props, origins } };
}

/** A listener `name` of the ALB `web` on `port` answering with `defaultActions` (the gate's 403 by default). */
export const albListener = (
  name: string,
  port: unknown,
  defaultActions: unknown = [refuse403],
  props: Record<string, unknown> = {},
): StackInput => ({
  type: T.listener,
  name,
  props: { loadBalancerArn: UNKNOWN, port, protocol: port === 80 ? "HTTP" : "HTTPS", defaultActions, ...props },
  // A forward (or actions unknown at preview) flows from the target group's ARN; a fixed response from nothing.
  propertyDependencies: {
    loadBalancerArn: [albUrn],
    ...(!Array.isArray(defaultActions) || defaultActions.includes(forwardToWeb) ? { defaultActions: [tgUrn] } : {}),
  },
});

/**
 * The HTTPS listener `web-443` of the ALB `web` on `port`: with the gate, a fixed 403 default action and the gate's
 * rule; without it, a default action forwarding to the target group.
 */
export function listener443(gate: boolean, port: unknown = 443): StackInput[] {
  if (!gate) return [albListener("web-443", port, [forwardToWeb])];
  return [albListener("web-443", port), gateRule()];
}

/**
 * The internet-facing ALB `web` with one HTTPS listener on 443 (gated unless `gate` is false) and its target group;
 * `groupDeps` what its securityGroups flowed from.
 */
const alb = (props: Record<string, unknown>, groupDeps: string[], listeners: StackInput[]): StackInput[] => [
  {
    type: T.lb,
    name: "web",
    props: {
      loadBalancerType: "application",
      internal: false,
      subnets: [UNKNOWN],
      securityGroups: [UNKNOWN],
      ...props,
    },
    propertyDependencies: { subnets: [urnOf(T.subnet, "public-a")], securityGroups: groupDeps },
  },
  {
    type: T.tg,
    name: "web",
    props: { vpcId: UNKNOWN, port: 8080, protocol: "HTTP" },
    propertyDependencies: { vpcId: [vpcUrn] },
  },
  ...listeners,
];

/** How the ALB's listeners are built: `gate` false for `web-443` forwarding everything, or `listeners` of one's own. */
export interface ListenerOptions {
  gate?: boolean;
  /** The listeners and listener rules instead of `web-443` and its gate. */
  listeners?: StackInput[];
}

/**
 * The whole stack: network, the ALB `web` (extra inputs `lb`) with its group's inline `ingress`, then `more`; its
 * listener is gated unless `options` says otherwise.
 */
export const albStack = (
  ingress: unknown[],
  more: StackInput[],
  lb: Record<string, unknown> = {},
  groupDeps = [sgUrn],
  options: ListenerOptions = {},
): StackInput[] => [
  ...publicNetwork,
  group(ingress),
  ...alb(lb, groupDeps, options.listeners ?? listener443(options.gate ?? true)),
  ...more,
];
