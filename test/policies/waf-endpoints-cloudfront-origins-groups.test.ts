// require-waf-on-internet-endpoints on ALBs behind CloudFront whose network the path model cannot follow: subnets in a
// VPC outside the stack with no route table, subnets partly outside the stack. Whatever the routes, the ALB's own
// security groups must admit no public block on a listener port, and every prefix list outside the stack they admit
// must be CloudFront's origin-facing one (AWS's id for the region, or one the rule's config names).
import { CLOUDFRONT_ORIGIN_FACING_IDS } from "../../lib/cloudfront-origin-facing";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { gatedDistribution as distribution, listener443 } from "./waf-cloudfront-alb-fixtures";

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  tg: "aws:lb/targetGroup:TargetGroup",
  provider: "pulumi:providers:aws",
};
const albUrn = urnOf(T.lb, "web");
const sgUrn = urnOf(T.sg, "web");
const OUTSIDE_VPC = "vpc-0a1b2c3d4e5f60718";
const OUTSIDE_SUBNET = "subnet-0fedcba9876543210";
const FRANKFURT = "eu-central-1";
const FRANKFURT_LIST = CLOUDFRONT_ORIGIN_FACING_IDS[FRANKFURT];
const VIRGINIA_LIST = CLOUDFRONT_ORIGIN_FACING_IDS["us-east-1"];
/** A customer-managed list (17 hex digits) and S3's AWS-managed list: neither holds only CloudFront. */
const CUSTOMER_LIST = "pl-0123456789abcdef0";
const S3_LIST = "pl-6ea54007";
const AROUND = "reachable around the CloudFront distribution in front of it";
const ALB_HOST = `web-1234567890.${FRANKFURT}.elb.amazonaws.com`;

/** A subnet in a VPC the stack does not hold, with no route table of the stack: the path model sees no entry. */
const outsideVpcSubnet: StackInput = {
  type: T.subnet,
  name: "public-a",
  props: { vpcId: OUTSIDE_VPC, cidrBlock: "10.0.0.0/24" },
};

/** A VPC of the stack without an internet gateway, and its private subnet. */
const privateNetwork: StackInput[] = [
  { type: T.vpc, name: "app", props: { cidrBlock: "10.0.0.0/16" } },
  {
    type: T.subnet,
    name: "public-a",
    props: { vpcId: UNKNOWN, cidrBlock: "10.0.0.0/24" },
    propertyDependencies: { vpcId: [urnOf(T.vpc, "app")] },
  },
];

/** The ALB's group in the outside VPC; `ingress` its inline rules. */
const group = (ingress: unknown = []): StackInput => ({
  type: T.sg,
  name: "web",
  props: { vpcId: OUTSIDE_VPC, description: "web ALB", ingress },
});

const tcp443 = { protocol: "tcp", fromPort: 443, toPort: 443 };
const inlineList = (id: string) => ({ ...tcp443, prefixListIds: [id] });

/** A separate vpc.SecurityGroupIngressRule on the ALB's group. */
const rule = (name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}): StackInput => ({
  type: T.ingress,
  name,
  props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...props },
  propertyDependencies: { securityGroupId: [sgUrn], ...deps },
});

/** A separate ec2.SecurityGroupRule on the ALB's group. */
const classicRule = (name: string, props: Record<string, unknown>): StackInput => ({
  type: T.sgRule,
  name,
  props: { type: "ingress", securityGroupId: UNKNOWN, ...tcp443, ...props },
  propertyDependencies: { securityGroupId: [sgUrn] },
});

const provider = (region: string): StackInput => ({ type: T.provider, name: "origin", props: { region } });

interface AlbOptions {
  props?: Record<string, unknown>;
  /** The ALB's `subnets` and the stack subnets they depend on. */
  subnets?: unknown[];
  /** The listener's port; null: no listener in the stack. */
  port?: unknown;
  /** The region of the provider it is managed with; none: no provider. */
  region?: string;
}

/**
 * An internet-facing ALB in the stack's subnet `public-a` with an HTTPS listener gated to the distribution's secret
 * header (a fixed 403 default action, a rule forwarding to a target group only with the header).
 */
function alb({ props = {}, subnets = [UNKNOWN], port = 443, region }: AlbOptions = {}): StackInput[] {
  const balancer: StackInput = {
    type: T.lb,
    name: "web",
    props: { loadBalancerType: "application", internal: false, subnets, securityGroups: [UNKNOWN], ...props },
    propertyDependencies: { subnets: [urnOf(T.subnet, "public-a")], securityGroups: [sgUrn] },
    ...(region ? { provider: urnOf(T.provider, "origin") } : {}),
  };
  const targets: StackInput = { type: T.tg, name: "web", props: { vpcId: OUTSIDE_VPC, port: 8080, protocol: "HTTP" } };
  return [...(region ? [provider(region)] : []), balancer, targets, ...(port === null ? [] : listener443(true, port))];
}

/** A distribution with a web ACL whose origin is the ALB's dnsName (unknown at preview), sending the gate's header. */
const cdn = distribution({ type: T.lb, name: "web" });

/** The ALB in a VPC outside the stack, its group, and `more` (rules, lists), behind the distribution. */
const outside = (ingress: unknown, more: StackInput[] = [], options: AlbOptions = {}): StackInput[] => [
  outsideVpcSubnet,
  group(ingress),
  ...alb(options),
  ...more,
  cdn,
];

const anywhere443 = { ...tcp443, cidrBlocks: ["0.0.0.0/0"] };

describe("require-waf-on-internet-endpoints: an ALB behind CloudFront whatever the routes to its subnets", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Known-bad: a group admits the internet on a listener port, though no route shows how it gets there.
    {
      name: "VPC outside the stack, no route table: 0.0.0.0/0 on 443 inline next to the lock",
      resources: outside([inlineList(FRANKFURT_LIST), anywhere443]),
      violations: 1,
      urn: albUrn,
      mentions: `${AROUND}: sg:web rule web ingress[1] admits 0.0.0.0/0 on 443 whatever the routes to its subnets`,
    },
    {
      name: "VPC outside the stack: a separate vpc.SecurityGroupIngressRule from 0.0.0.0/0",
      resources: outside([], [rule("lock", { prefixListId: FRANKFURT_LIST }), rule("open", { cidrIpv4: "0.0.0.0/0" })]),
      violations: 1,
      urn: albUrn,
      mentions: "sg:web rule open admits 0.0.0.0/0 on 443",
    },
    {
      name: "VPC outside the stack: a separate ec2.SecurityGroupRule from 0.0.0.0/0",
      resources: outside([inlineList(FRANKFURT_LIST)], [classicRule("open", { cidrBlocks: ["0.0.0.0/0"] })]),
      violations: 1,
      urn: albUrn,
      mentions: "sg:web rule open admits 0.0.0.0/0 on 443",
    },
    {
      name: "a port range covering the listener from anywhere",
      resources: outside([], [rule("range", { cidrIpv4: "0.0.0.0/0", fromPort: 400, toPort: 500 })]),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 443 whatever the routes",
    },
    {
      name: "every protocol and port (-1) from anywhere",
      resources: outside([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 443",
    },
    {
      name: "one public block is enough",
      resources: outside([{ ...tcp443, cidrBlocks: ["10.0.0.0/8", "93.184.216.0/24"] }]),
      violations: 1,
      urn: albUrn,
      mentions: "admits 93.184.216.0/24 on 443",
    },
    {
      name: "a block holding public addresses besides private ones (0.0.0.0/1)",
      resources: outside([{ ...tcp443, cidrBlocks: ["0.0.0.0/1"] }]),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/1 on 443",
    },
    {
      name: "IPv6: ::/0 on a dual-stack ALB",
      resources: outside([], [rule("open-v6", { cidrIpv6: "::/0" })], { props: { ipAddressType: "dualstack" } }),
      violations: 1,
      urn: albUrn,
      mentions: "admits ::/0 on 443",
    },
    {
      name: "subnets half outside the stack: a private subnet of the stack and a public one outside it",
      resources: [
        ...privateNetwork,
        {
          type: T.sg,
          name: "web",
          props: { vpcId: UNKNOWN, description: "web ALB", ingress: [anywhere443] },
          propertyDependencies: { vpcId: [urnOf(T.vpc, "app")] },
        },
        ...alb({ subnets: [UNKNOWN, OUTSIDE_SUBNET] }),
        cdn,
      ],
      violations: 1,
      urn: albUrn,
      mentions: "sg:web rule web ingress[0] admits 0.0.0.0/0 on 443",
    },
    {
      name: "a second listener on 80, which the group opens to anywhere",
      resources: outside(
        [inlineList(FRANKFURT_LIST), { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }],
        [
          {
            type: T.listener,
            name: "web-80",
            props: {
              loadBalancerArn: UNKNOWN,
              port: 80,
              protocol: "HTTP",
              defaultActions: [
                { type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } },
              ],
            },
            propertyDependencies: { loadBalancerArn: [albUrn] },
          },
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 80 whatever the routes",
    },
    {
      name: "a listener port unknown at preview: any port the group opens may be it",
      resources: outside([{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }], [], {
        port: UNKNOWN,
      }),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 8443",
    },
    {
      name: "no listener in the stack: any port the group opens may be one",
      resources: outside([{ protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlocks: ["0.0.0.0/0"] }], [], {
        port: null,
      }),
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 8443",
    },
    {
      name: "a prefix list of the stack holding 0.0.0.0/0",
      resources: outside(
        [],
        [
          {
            type: T.prefixList,
            name: "all",
            props: { addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "0.0.0.0/0" }] },
          },
          rule("listed", { prefixListId: UNKNOWN }, { prefixListId: [urnOf(T.prefixList, "all")] }),
        ],
      ),
      violations: 1,
      urn: albUrn,
      mentions: "via prefix-list:all admits 0.0.0.0/0 on 443",
    },
    {
      // A NACL guards one subnet of the stack; the ALB may have others, so the lock must be in its groups.
      name: "a NACL denying the internet on 443 does not stand in for the group lock",
      resources: [
        ...outside([inlineList(FRANKFURT_LIST), anywhere443]),
        {
          type: "aws:ec2/networkAcl:NetworkAcl",
          name: "public",
          props: {
            vpcId: OUTSIDE_VPC,
            subnetIds: [UNKNOWN],
            ingress: [
              { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
              { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "10.0.0.0/8" },
            ],
          },
          propertyDependencies: { subnetIds: [urnOf(T.subnet, "public-a")] },
        },
      ],
      violations: 1,
      urn: albUrn,
      mentions: "admits 0.0.0.0/0 on 443 whatever the routes",
    },
    {
      name: "no security group of its own: the default group of a VPC outside the stack",
      resources: [outsideVpcSubnet, ...alb({ props: { securityGroups: undefined } }), cdn],
      violations: 1,
      urn: albUrn,
      mentions: `no security group of its own in the stack: nothing shows it is not ${AROUND}`,
    },
    // Known-good: the groups admit only CloudFront's origin-facing list, or nothing public on a listener port.
    {
      name: "VPC outside the stack, only CloudFront's list (region unknown: any region's id of the table)",
      resources: outside([inlineList(FRANKFURT_LIST)]),
      violations: 0,
    },
    {
      name: "the list of the ALB's region, the region from its provider",
      resources: outside([], [rule("lock", { prefixListId: FRANKFURT_LIST })], { region: FRANKFURT }),
      violations: 0,
    },
    {
      name: "the list of the ALB's region, the region from its own region input",
      resources: outside([inlineList(FRANKFURT_LIST)], [], { props: { region: FRANKFURT } }),
      violations: 0,
    },
    {
      name: "the list of the ALB's region, the region from its known host name",
      resources: [
        outsideVpcSubnet,
        group([inlineList(FRANKFURT_LIST)]),
        ...alb({ props: { dnsName: ALB_HOST } }),
        distribution(ALB_HOST),
      ],
      violations: 0,
    },
    {
      name: "a customer copy of the list named in config",
      resources: outside([inlineList(CUSTOMER_LIST)]),
      config: { cloudFrontOriginFacingPrefixLists: [CUSTOMER_LIST] },
      violations: 0,
    },
    {
      name: "a region the table lacks, its id named in config",
      resources: outside([inlineList("pl-0a1b2c3d")], [], { region: "ap-east-1" }),
      config: { cloudFrontOriginFacingPrefixLists: ["pl-0a1b2c3d"] },
      violations: 0,
    },
    {
      name: "a customer list on a port no listener serves",
      resources: outside([
        inlineList(FRANKFURT_LIST),
        { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [CUSTOMER_LIST] },
      ]),
      violations: 0,
    },
    {
      name: "the internet on a port no listener serves",
      resources: outside([
        inlineList(FRANKFURT_LIST),
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
      ]),
      violations: 0,
    },
    {
      name: "the internet over UDP on the listener's port (HTTPS is TCP)",
      resources: outside([
        inlineList(FRANKFURT_LIST),
        { protocol: "udp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
      ]),
      violations: 0,
    },
    {
      name: "private blocks only besides the list",
      resources: outside([inlineList(FRANKFURT_LIST), { ...tcp443, cidrBlocks: ["10.0.0.0/8", "192.168.0.0/16"] }]),
      violations: 0,
    },
    {
      name: "::/0 on an IPv4-only ALB reaches no address",
      resources: outside([inlineList(FRANKFURT_LIST)], [rule("open-v6", { cidrIpv6: "::/0" })]),
      violations: 0,
    },
    // Known outside lists that are not CloudFront's, and values unknown at preview: notes, never a pass.
    {
      name: "a customer-managed prefix list outside the stack",
      resources: outside([inlineList(CUSTOMER_LIST)]),
      violations: 0,
      notes: 1,
    },
    {
      name: "S3's prefix list next to CloudFront's",
      resources: outside([inlineList(FRANKFURT_LIST)], [rule("s3", { prefixListId: S3_LIST })]),
      violations: 0,
      notes: 1,
    },
    {
      name: "CloudFront's list of another region than the ALB's",
      resources: outside([inlineList(VIRGINIA_LIST)], [], { region: FRANKFURT }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a region the table lacks, without config: the engine's stand-in id is unknown to the rule",
      resources: outside([inlineList("pl-0a1b2c3d")], [], { region: "ap-east-1" }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a prefix list id unknown at preview with no dependency (a lookup leaves none)",
      resources: outside([], [rule("lock", { prefixListId: UNKNOWN })]),
      violations: 0,
      notes: 1,
    },
    {
      name: "a rule's CIDR unknown at preview",
      resources: outside([inlineList(FRANKFURT_LIST)], [rule("office", { cidrIpv4: UNKNOWN })]),
      violations: 0,
      notes: 1,
    },
    {
      name: "a rule from anywhere whose ports are unknown at preview",
      resources: outside([], [rule("maybe", { cidrIpv4: "0.0.0.0/0", fromPort: UNKNOWN, toPort: UNKNOWN })]),
      violations: 0,
      notes: 1,
    },
    {
      name: "the group's whole ingress list unknown at preview",
      resources: outside(UNKNOWN),
      violations: 0,
      notes: 1,
    },
    {
      name: "::/0 with the ALB's address type unknown at preview",
      resources: outside([inlineList(FRANKFURT_LIST)], [rule("open-v6", { cidrIpv6: "::/0" })], {
        props: { ipAddressType: UNKNOWN },
      }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a known opening outweighs a doubtful list",
      resources: outside([inlineList(CUSTOMER_LIST), anywhere443]),
      violations: 1,
      urn: albUrn,
    },
  ] as StackCase[]);

  it("names the outside list that may admit clients around CloudFront, and the config that vouches for a copy", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      outside([inlineList(CUSTOMER_LIST)], [], { region: FRANKFURT }),
    );
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "advisory"]]);
    expect(ds[0].message).toMatch(/^cannot be verified/);
    expect(ds[0].message).toContain(
      `prefix list ${CUSTOMER_LIST} outside the stack may admit clients around CloudFront`,
    );
    expect(ds[0].message).toContain(`CloudFront's origin-facing list in ${FRANKFURT} is ${FRANKFURT_LIST}`);
    expect(ds[0].message).toContain("sg:web rule web ingress[0]");
    expect(ds[0].message).toContain("cloudFrontOriginFacingPrefixLists");
  });

  it("says which region another region's CloudFront list belongs to", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      outside([inlineList(VIRGINIA_LIST)], [], { region: FRANKFURT }),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain(`it is CloudFront's origin-facing list in us-east-1, not in ${FRANKFURT}`);
  });

  it("an unknown list id is a note naming prefixListId", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, outside([], [rule("lock", { prefixListId: UNKNOWN })]));
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("prefixListId is unknown");
    expect(ds[0].message).toContain("sg:web rule lock admits a prefix list whose id is unknown at preview");
  });

  it("fails closed: a doubtful list becomes a violation", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, outside([inlineList(S3_LIST)]), { failClosed: true });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
  });

  it.each<[string, unknown]>([
    ["not a list", "pl-a3a144ca"],
    ["not a prefix list id", ["sg-0123456789abcdef0"]],
    ["upper case", ["PL-A3A144CA"]],
  ])("rejects cloudFrontOriginFacingPrefixLists %s, naming the policy and the key", async (_label, value) => {
    const run = () =>
      runStack(requireWafOnInternetEndpoints, outside([inlineList(FRANKFURT_LIST)]), {
        cloudFrontOriginFacingPrefixLists: value,
      });
    await expect(run()).rejects.toThrow(/policy 'require-waf-on-internet-endpoints'/);
    await expect(run()).rejects.toThrow(/'cloudFrontOriginFacingPrefixLists'/);
  });

  it("declares cloudFrontOriginFacingPrefixLists in its config schema", () => {
    expect(Object.keys(requireWafOnInternetEndpoints.configSchema?.properties ?? {})).toContain(
      "cloudFrontOriginFacingPrefixLists",
    );
  });
});
