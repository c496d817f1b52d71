// require-waf-on-internet-endpoints on AWS balancers no web ACL attaches to: a classic ELB serving HTTP(S) is a web
// entry point without a WAF (a violation); a network balancer's or classic ELB's TCP/TLS listener on a web port may
// serve the web (a note, a violation when failing closed). Only what faces the internet and what the network model
// shows the internet reaching is judged.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { UNDECIDED_CONDITION } from "../../policies/lib/templates/template-conditional-switches";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  igw: "aws:ec2/internetGateway:InternetGateway",
  rtb: "aws:ec2/routeTable:RouteTable",
  subnet: "aws:ec2/subnet:Subnet",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  elb: "aws:elb/loadBalancer:LoadBalancer",
  association: "aws:wafv2/webAclAssociation:WebAclAssociation",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
  ga: "aws:globalaccelerator/accelerator:Accelerator",
  gaListener: "aws:globalaccelerator/listener:Listener",
  gaGroup: "aws:globalaccelerator/endpointGroup:EndpointGroup",
};
const vpcUrn = urnOf(T.vpc, "app");
const nlbUrn = urnOf(T.lb, "edge");
const elbUrn = urnOf(T.elb, "legacy");

/** A VPC with a public subnet (routed to an internet gateway) and a private one (no route out). */
const network: StackInput[] = [
  { type: T.vpc, name: "app", props: { cidrBlock: "10.0.0.0/16" } },
  { type: T.igw, name: "igw", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: [vpcUrn] } },
  {
    type: T.rtb,
    name: "public",
    props: { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }] },
    propertyDependencies: { vpcId: [vpcUrn], routes: [urnOf(T.igw, "igw")] },
  },
  { type: T.rtb, name: "private", props: { vpcId: UNKNOWN, routes: [] }, propertyDependencies: { vpcId: [vpcUrn] } },
  ...(["public", "private"] as const).flatMap((tier): StackInput[] => [
    {
      type: T.subnet,
      name: tier,
      props: { vpcId: UNKNOWN, cidrBlock: tier === "public" ? "10.0.0.0/24" : "10.0.1.0/24" },
      propertyDependencies: { vpcId: [vpcUrn] },
    },
    {
      type: T.rta,
      name: tier,
      props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
      propertyDependencies: { subnetId: [urnOf(T.subnet, tier)], routeTableId: [urnOf(T.rtb, tier)] },
    },
  ]),
];

/** A subnet of the stack in a VPC outside it, with no route table of the stack: its routes are out of sight. */
const outsideSubnet: StackInput = {
  type: T.subnet,
  name: "outside",
  props: { vpcId: "vpc-0abc", cidrBlock: "172.31.0.0/24" },
};

/** A security group `name` whose inline ingress admits `cidr` (or a prefix list id) on `port` (TCP). */
const group = (name: string, port: number, cidr: string): StackInput => ({
  type: T.sg,
  name,
  props: {
    vpcId: UNKNOWN,
    description: name,
    ingress: [
      {
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        ...(cidr.startsWith("pl-") ? { prefixListIds: [cidr] } : { cidrBlocks: [cidr] }),
      },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
  },
  propertyDependencies: { vpcId: [vpcUrn] },
});

/** The network balancer `edge` in `tier`'s subnet; `groups` the security groups it carries (none by default). */
const nlb = (props: Record<string, unknown> = {}, tier = "public", groups: string[] = []): StackInput => ({
  type: T.lb,
  name: "edge",
  props: {
    loadBalancerType: "network",
    internal: false,
    subnets: [UNKNOWN],
    ...(groups.length > 0 ? { securityGroups: groups.map(() => UNKNOWN) } : {}),
    ...props,
  },
  propertyDependencies: {
    subnets: [urnOf(T.subnet, tier)],
    ...(groups.length > 0 ? { securityGroups: groups.map((g) => urnOf(T.sg, g)) } : {}),
  },
});

/** A listener of `edge` (or `lb`) on `port` speaking `protocol`. */
const listener = (name: string, protocol: unknown, port: unknown, lb = nlbUrn): StackInput => ({
  type: T.listener,
  name,
  props: { loadBalancerArn: UNKNOWN, protocol, port, defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }] },
  propertyDependencies: { loadBalancerArn: [lb] },
});

/** The classic load balancer `legacy` in the public subnet with `listeners` (lbProtocol, lbPort). */
const elb = (listeners: unknown, props: Record<string, unknown> = {}, groups: string[] = []): StackInput => ({
  type: T.elb,
  name: "legacy",
  props: {
    internal: false,
    subnets: [UNKNOWN],
    listeners,
    ...(groups.length > 0 ? { securityGroups: groups.map(() => UNKNOWN) } : {}),
    ...props,
  },
  propertyDependencies: {
    subnets: [urnOf(T.subnet, "public")],
    ...(groups.length > 0 ? { securityGroups: groups.map((g) => urnOf(T.sg, g)) } : {}),
  },
});
const elbListener = (lbProtocol: unknown, lbPort: unknown) => ({
  lbProtocol,
  lbPort,
  instanceProtocol: "http",
  instancePort: 8080,
});

/** An accelerator forwarding TCP 443 to the balancer `edge`. */
const accelerator: StackInput[] = [
  { type: T.ga, name: "front", props: { name: "front", enabled: true, ipAddressType: "IPV4" } },
  {
    type: T.gaListener,
    name: "https",
    props: { acceleratorArn: UNKNOWN, protocol: "TCP", portRanges: [{ fromPort: 443, toPort: 443 }] },
    propertyDependencies: { acceleratorArn: [urnOf(T.ga, "front")] },
  },
  {
    type: T.gaGroup,
    name: "eu",
    props: { listenerArn: UNKNOWN, endpointConfigurations: [{ endpointId: UNKNOWN, weight: 100 }] },
    propertyDependencies: { listenerArn: [urnOf(T.gaListener, "https")], endpointConfigurations: [nlbUrn] },
  },
];

describe("require-waf-on-internet-endpoints: network load balancers", () => {
  const onNlb = { urn: nlbUrn };
  const stack = (...rest: StackInput[]) => [...network, ...rest];
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "internet-facing NLB with a TLS listener on 443 (a note)",
      resources: stack(nlb(), listener("tls", "TLS", 443)),
      violations: 0,
      notes: 1,
    },
    {
      name: "the same note is a violation when failing closed",
      resources: stack(nlb(), listener("tls", "TLS", 443)),
      config: { failClosed: true },
      violations: 1,
      mentions: "the protocol listener TLS:443 of edge carries",
      ...onNlb,
    },
    {
      name: "NLB TCP listeners on 80 and 8443 (one note naming both)",
      resources: stack(nlb(), listener("http", "tcp", 80), listener("alt", "TCP", 8443)),
      config: { failClosed: true },
      violations: 1,
      mentions: "TCP:80, TCP:8443",
      ...onNlb,
    },
    {
      name: "NLB TCP listener on 22 is no web port",
      resources: stack(nlb(), listener("ssh", "TCP", 22)),
      violations: 0,
    },
    { name: "NLB UDP listener on 443", resources: stack(nlb(), listener("dns", "UDP", 443)), violations: 0 },
    {
      name: "NLB QUIC listener on 443 (HTTP/3)",
      resources: stack(nlb(), listener("h3", "QUIC", 443)),
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB listener port unknown at preview",
      resources: stack(nlb(), listener("tcp", "TCP", UNKNOWN)),
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB listener protocol unknown at preview on 443",
      resources: stack(nlb(), listener("any", UNKNOWN, 443)),
      violations: 0,
      notes: 1,
    },
    {
      name: "internal NLB",
      resources: stack(nlb({ internal: true }), listener("tls", "TLS", 443)),
      violations: 0,
    },
    {
      name: "internal NLB given as the string the provider takes",
      resources: stack(nlb({ internal: "True" }), listener("tls", "TLS", 443)),
      violations: 0,
    },
    {
      name: "NLB scheme unknown at preview",
      resources: stack(nlb({ internal: UNKNOWN }), listener("tls", "TLS", 443)),
      violations: 0,
      notes: 1,
    },
    {
      name: "internet-facing NLB in a subnet with no route to the internet",
      resources: stack(nlb({}, "private"), listener("tls", "TLS", 443)),
      violations: 0,
    },
    {
      name: "NLB whose security group admits 443 from the VPC only",
      resources: stack(group("nlb", 443, "10.0.0.0/8"), nlb({}, "public", ["nlb"]), listener("tls", "TLS", 443)),
      violations: 0,
    },
    {
      name: "NLB whose security group admits 443 from anywhere",
      resources: stack(group("nlb", 443, "0.0.0.0/0"), nlb({}, "public", ["nlb"]), listener("tls", "TLS", 443)),
      violations: 0,
      notes: 1,
    },
    {
      name: "an association naming the NLB does not front it (AWS WAF takes no NLB)",
      resources: stack(nlb(), listener("tls", "TLS", 443), {
        type: T.association,
        name: "edge-waf",
        props: { resourceArn: UNKNOWN, webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/1" },
        propertyDependencies: { resourceArn: [nlbUrn] },
      }),
      violations: 0,
      notes: 1,
    },
    {
      name: "internal NLB behind a Global Accelerator with a TCP listener on 443",
      resources: stack(nlb({ internal: true }), listener("tcp", "TCP", 443), ...accelerator),
      config: { failClosed: true },
      violations: 1,
      mentions: "network load balancer behind a Global Accelerator",
      ...onNlb,
    },
    // Routes the model cannot see prove nothing: the groups decide, whatever the routes.
    {
      name: "NLB in a subnet of a VPC outside the stack, no security group",
      resources: [outsideSubnet, nlb({}, "outside"), listener("tls", "TLS", 443)],
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB in a subnet of a VPC outside the stack, its group admitting the VPC only",
      resources: [
        outsideSubnet,
        group("nlb", 443, "10.0.0.0/8"),
        nlb({}, "outside", ["nlb"]),
        listener("tls", "TLS", 443),
      ],
      violations: 0,
    },
    {
      name: "NLB naming a subnet outside the stack beside the private one",
      resources: stack(
        {
          ...nlb({}, "private"),
          props: { loadBalancerType: "network", internal: false, subnets: [UNKNOWN, "subnet-0abc"] },
        },
        listener("tls", "TLS", 443),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB listener whose balancer is another",
      resources: stack(nlb(), listener("tls", "TLS", 443, urnOf(T.lb, "other"))),
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-waf-on-internet-endpoints: classic load balancers", () => {
  const onElb = { urn: elbUrn };
  const stack = (...rest: StackInput[]) => [...network, ...rest];
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "internet-facing classic ELB with an HTTP listener on 80",
      resources: stack(elb([elbListener("http", 80)])),
      violations: 1,
      mentions: "internet-facing classic load balancer serves HTTP(S) (listener HTTP:80) with no WAF in front of it",
      ...onElb,
    },
    {
      name: "classic ELB with HTTPS on an unusual port",
      resources: stack(elb([elbListener("HTTPS", 9443)])),
      violations: 1,
      mentions: "HTTPS:9443",
      ...onElb,
    },
    {
      name: "classic ELB: only its second listener serves HTTP",
      resources: stack(elb([elbListener("tcp", 22), elbListener("http", 8080)])),
      violations: 1,
      mentions: "listener HTTP:8080)",
    },
    {
      name: "classic ELB with a TCP listener on 443 (a note)",
      resources: stack(elb([elbListener("TCP", 443)])),
      violations: 0,
      notes: 1,
    },
    { name: "classic ELB with a TCP listener on 22", resources: stack(elb([elbListener("tcp", 22)])), violations: 0 },
    {
      name: "internal classic ELB with an HTTP listener",
      resources: stack(elb([elbListener("http", 80)], { internal: true })),
      violations: 0,
    },
    {
      name: "classic ELB scheme unknown at preview",
      resources: stack(elb([elbListener("http", 80)], { internal: UNKNOWN })),
      violations: 0,
      notes: 1,
    },
    {
      name: "classic ELB listeners unknown at preview",
      resources: stack(elb(UNKNOWN)),
      violations: 0,
      notes: 1,
    },
    {
      name: "classic ELB listener protocol unknown at preview",
      resources: stack(elb([elbListener(UNKNOWN, 80)])),
      violations: 0,
      notes: 1,
    },
    {
      name: "classic ELB whose security group admits 80 from the VPC only",
      resources: stack(group("elb", 80, "10.0.0.0/8"), elb([elbListener("http", 80)], {}, ["elb"])),
      violations: 0,
    },
    {
      name: "classic ELB admitting only CloudFront's origin-facing list (every distribution reaches it)",
      resources: stack(group("elb", 80, "pl-a3a144ca"), elb([elbListener("http", 80)], {}, ["elb"])),
      violations: 0,
      notes: 1,
    },
    {
      name: "classic ELB whose security group admits 80 from anywhere over IPv4",
      resources: stack(group("elb", 80, "0.0.0.0/0"), elb([elbListener("http", 80)], {}, ["elb"])),
      violations: 1,
      ...onElb,
    },
  ] as StackCase[]);
});

describe("require-waf-on-internet-endpoints: NLB listeners forwarding to application load balancers", () => {
  const stack = (...rest: StackInput[]) => [...network, ...rest];
  const albUrn = (name: string) => urnOf(T.lb, name);
  /** An internal ALB `name` in the private subnet, with a web ACL association when `webAcl` ("unknown": maybe). */
  const internalAlb = (name: string, webAcl: boolean | "unknown"): StackInput[] => [
    {
      type: T.lb,
      name,
      props: { loadBalancerType: "application", internal: true, subnets: [UNKNOWN] },
      propertyDependencies: { subnets: [urnOf(T.subnet, "private")] },
    },
    ...(webAcl === false
      ? []
      : [
          {
            type: T.association,
            name: `${name}-waf`,
            props: {
              resourceArn: UNKNOWN,
              webAclArn: "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/1",
              // A template's association created only under a condition undecided at preview.
              ...(webAcl === "unknown" ? { [UNDECIDED_CONDITION]: "WithWaf" } : {}),
            },
            propertyDependencies: { resourceArn: [albUrn(name)] },
          },
        ]),
  ];
  /** A target group `name` of `targetType` with the ALBs `albs` attached (by dependency on targetId). */
  const targetGroup = (name: string, targetType: unknown, albs: string[]): StackInput[] => [
    {
      type: T.targetGroup,
      name,
      props: { targetType, port: 443, protocol: "TCP", vpcId: UNKNOWN, arn: `arn:aws:elasticloadbalancing:tg/${name}` },
      propertyDependencies: { vpcId: [vpcUrn] },
    },
    ...albs.map((alb): StackInput => ({
      type: T.attachment,
      name: `${name}-${alb}`,
      props: { targetGroupArn: UNKNOWN, targetId: UNKNOWN, port: 443 },
      propertyDependencies: { targetGroupArn: [urnOf(T.targetGroup, name)], targetId: [albUrn(alb)] },
    })),
  ];
  /** A TCP:443 listener of `edge` whose forward action(s) name the target groups `groups` (by dependency). */
  const forwarding = (groups: string[], actions?: unknown): StackInput => ({
    type: T.listener,
    name: "tcp443",
    props: {
      loadBalancerArn: UNKNOWN,
      protocol: "TCP",
      port: 443,
      defaultActions: actions ?? [
        groups.length === 1
          ? { type: "forward", targetGroupArn: UNKNOWN }
          : { type: "forward", forward: { targetGroups: groups.map(() => ({ arn: UNKNOWN, weight: 1 })) } },
      ],
    },
    propertyDependencies: {
      loadBalancerArn: [nlbUrn],
      defaultActions: groups.map((g) => urnOf(T.targetGroup, g)),
    },
  });
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "NLB TCP:443 to an internal ALB with a web ACL (no finding)",
      resources: stack(
        nlb(),
        forwarding(["albs"]),
        ...targetGroup("albs", "alb", ["app"]),
        ...internalAlb("app", true),
      ),
      violations: 0,
    },
    {
      name: "NLB forwarding (weighted) to two ALB groups, both ALBs with web ACLs",
      resources: stack(
        nlb(),
        forwarding(["a", "b"]),
        ...targetGroup("a", "ALB", ["app"]),
        ...targetGroup("b", "alb", ["api"]),
        ...internalAlb("app", true),
        ...internalAlb("api", true),
      ),
      violations: 0,
    },
    {
      name: "NLB TCP:443 to an internal ALB without a web ACL (a violation on the ALB)",
      resources: stack(
        nlb(),
        forwarding(["albs"]),
        ...targetGroup("albs", "alb", ["app"]),
        ...internalAlb("app", false),
      ),
      violations: 1,
      mentions:
        "app: application load balancer with no web ACL that the internet reaches through listener TCP:443 of edge",
      urn: albUrn("app"),
    },
    {
      name: "two ALB groups, one ALB without a web ACL (the violation names it)",
      resources: stack(
        nlb(),
        forwarding(["a", "b"]),
        ...targetGroup("a", "alb", ["app"]),
        ...targetGroup("b", "alb", ["api"]),
        ...internalAlb("app", true),
        ...internalAlb("api", false),
      ),
      violations: 1,
      urn: albUrn("api"),
    },
    {
      name: "internal NLB forwarding to an ALB without a web ACL",
      resources: stack(
        nlb({ internal: true }),
        forwarding(["albs"]),
        ...targetGroup("albs", "alb", ["app"]),
        ...internalAlb("app", false),
      ),
      violations: 0,
    },
    {
      name: "ALB target group with no attachment in the stack (a note)",
      resources: stack(nlb(), forwarding(["albs"]), ...targetGroup("albs", "alb", [])),
      violations: 0,
      notes: 1,
    },
    {
      name: "target type unknown at preview (a note)",
      resources: stack(
        nlb(),
        forwarding(["albs"]),
        ...targetGroup("albs", UNKNOWN, ["app"]),
        ...internalAlb("app", true),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "an ALB group and a target group outside the stack (a note)",
      resources: stack(
        nlb(),
        forwarding(
          ["albs"],
          [
            {
              type: "forward",
              forward: { targetGroups: [{ arn: UNKNOWN }, { arn: "arn:aws:elasticloadbalancing:tg/elsewhere" }] },
            },
          ],
        ),
        ...targetGroup("albs", "alb", ["app"]),
        ...internalAlb("app", true),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "an ALB group beside an instance group (judged as a layer-4 listener: a note)",
      resources: stack(
        nlb(),
        forwarding(["a", "hosts"]),
        ...targetGroup("a", "alb", ["app"]),
        ...targetGroup("hosts", "instance", []),
        ...internalAlb("app", true),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "the ALB's web ACL association is created only under an undecided condition (a note)",
      resources: stack(
        nlb(),
        forwarding(["albs"]),
        ...targetGroup("albs", "alb", ["app"]),
        ...internalAlb("app", "unknown"),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "NLB TCP:443 to an instance target group stays a note",
      resources: stack(nlb(), forwarding(["hosts"]), ...targetGroup("hosts", "instance", [])),
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});
