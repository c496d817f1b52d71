// require-waf-on-internet-endpoints on application load balancers behind CloudFront: a CLOUDFRONT web ACL fronts the
// ALB only when a distribution with one has the ALB as its origin and no internet source reaches the ALB's listeners
// around it (its groups admit CloudFront's origin-facing prefix list, outside the stack, and no internet block).
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { cfn, container, stack } from "./templates-waf-harness";
import { associationOf, CLOUDFRONT, distribution } from "./waf-endpoint-inputs";
import {
  albStack,
  albUrn,
  ALB_HOST,
  AROUND,
  CLOUDFRONT_LIST,
  gatedDistribution,
  inlineList,
  ORIGIN_HEADER,
  ORIGIN_SECRET,
  rule,
  secret,
  T,
  tcp443,
} from "./waf-cloudfront-alb-fixtures";

const listRule = rule("cdn-origin-web-443", { prefixListId: CLOUDFRONT_LIST });

/** A distribution with a web ACL whose origin is the ALB's dnsName (unknown at preview), sending the gate's header. */
const cdn = gatedDistribution({ type: T.lb, name: "web" });
const cdnWithoutAcl = gatedDistribution({ type: T.lb, name: "web" }, {});

/** The whole stack: network, the ALB with its group, extra resources (rules, distributions). */
const origin = albStack;
const OUTSIDE_GROUP = "sg-0123456789abcdef0";

describe("require-waf-on-internet-endpoints: ALBs behind CloudFront", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Known-bad: a way around the distribution, or no web ACL in front.
    {
      name: "CloudFront with a web ACL, ALB open to 0.0.0.0/0 on 443 (inline)",
      resources: origin([inlineList, { ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [cdn]),
      violations: 1,
      urn: albUrn,
      mentions: `internet-facing application load balancer (${AROUND}: 0.0.0.0/0 → igw:igw`,
    },
    {
      name: "CloudFront with a web ACL, ALB open to 0.0.0.0/0 on 443 through a separate rule next to the lock",
      resources: origin([], [listRule, rule("open-https", { cidrIpv4: "0.0.0.0/0" }), cdn]),
      violations: 1,
      urn: albUrn,
      mentions: "sg:web rule open-https",
    },
    {
      name: "IPv6: a separate rule admitting ::/0 on a dual-stack ALB",
      resources: origin([], [listRule, rule("open-v6", { cidrIpv6: "::/0" }), cdn], { ipAddressType: "dualstack" }),
      violations: 1,
      urn: albUrn,
      mentions: `${AROUND}: ::/0 → igw:igw`,
    },
    {
      name: "one public block is enough to go around",
      resources: origin([inlineList, { ...tcp443, cidrBlocks: ["93.184.216.0/24"] }], [cdn]),
      violations: 1,
      urn: albUrn,
      mentions: `${AROUND}: 93.184.216.0/24`,
    },
    {
      name: "every protocol and port (-1) from anywhere",
      resources: origin([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }], [cdn]),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "a port range covering the listener from anywhere",
      resources: origin([], [rule("range", { cidrIpv4: "0.0.0.0/0", fromPort: 400, toPort: 500 }), cdn]),
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "a NACL deny on the subnet covering part of the internet is no lock",
      resources: [
        ...origin([{ ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [cdn]),
        {
          type: T.nacl,
          name: "public",
          props: {
            vpcId: UNKNOWN,
            subnetIds: [UNKNOWN],
            ingress: [
              { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/1" },
              { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
            ],
          },
          propertyDependencies: { vpcId: [urnOf(T.vpc, "app")], subnetIds: [urnOf(T.subnet, "public-a")] },
        },
      ],
      violations: 1,
      urn: albUrn,
      mentions: AROUND,
    },
    {
      name: "ALB locked to the list, but the distribution has no web ACL (both are violations)",
      resources: origin([inlineList], [cdnWithoutAcl]),
      violations: 2,
    },
    {
      name: "ALB locked to the list, no distribution in front",
      resources: origin([inlineList], []),
      violations: 1,
      urn: albUrn,
      mentions: "web: internet-facing application load balancer has no WAF in front of it",
    },
    {
      name: "ALB locked, a distribution with a web ACL in front of something else",
      resources: origin([inlineList], [distribution("static.example.com")]),
      violations: 1,
      urn: albUrn,
    },
    {
      name: "the ALB's only group is outside the stack: nothing shows it admits only CloudFront",
      resources: origin([inlineList], [cdn], { securityGroups: [OUTSIDE_GROUP] }, []),
      violations: 1,
      urn: albUrn,
      mentions: `security groups outside the stack (${OUTSIDE_GROUP}): nothing shows it is not ${AROUND}`,
    },
    {
      name: "a locked group of the stack next to one outside it",
      resources: origin([inlineList], [cdn], { securityGroups: [UNKNOWN, OUTSIDE_GROUP] }),
      violations: 1,
      urn: albUrn,
      mentions: `security groups outside the stack (${OUTSIDE_GROUP})`,
    },
    // Known-good: a distribution with a web ACL and nothing around it.
    {
      name: "CloudFront with a web ACL, ALB admitting only the prefix list inline",
      resources: origin([inlineList], [cdn]),
      violations: 0,
    },
    {
      name: "CloudFront with a web ACL, the lock as separate rules (as the component makes them)",
      resources: origin(
        [],
        [listRule, rule("cdn-origin-web-8443", { prefixListId: CLOUDFRONT_LIST, fromPort: 8443, toPort: 8443 }), cdn],
      ),
      violations: 0,
    },
    {
      name: "the internet admitted on a port no listener serves does not go around",
      resources: origin([inlineList, { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }], [cdn]),
      violations: 0,
    },
    {
      name: "the VPC's own range admitted besides the list",
      resources: origin([inlineList, { ...tcp443, cidrBlocks: ["10.0.0.0/16"] }], [cdn]),
      violations: 0,
    },
    {
      name: "::/0 admitted on an IPv4-only ALB reaches no address",
      resources: origin([], [listRule, rule("open-v6", { cidrIpv6: "::/0" }), cdn]),
      violations: 0,
    },
    {
      name: "after deployment: the distribution names the ALB's known host name",
      resources: origin([inlineList], [gatedDistribution(ALB_HOST)], { dnsName: ALB_HOST }),
      violations: 0,
    },
    {
      name: "an open ALB with its own REGIONAL association needs no lock",
      resources: origin([{ ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [cdn, associationOf(T.lb, "web")]),
      violations: 0,
    },
    {
      name: "a program distribution's webAclId unknown at preview counts as set, as everywhere in the rule",
      resources: origin([inlineList], [gatedDistribution({ type: T.lb, name: "web" }, { webAclId: UNKNOWN })]),
      violations: 0,
    },
    // Unknown at preview: notes, never a pass and never a violation.
    {
      name: "a separate rule's CIDR unknown at preview",
      resources: origin([], [listRule, rule("office", { cidrIpv4: UNKNOWN }), cdn]),
      violations: 0,
      notes: 1,
    },
    {
      name: "a separate rule from anywhere whose ports are unknown at preview",
      resources: origin(
        [],
        [listRule, rule("maybe", { cidrIpv4: "0.0.0.0/0", fromPort: UNKNOWN, toPort: UNKNOWN }), cdn],
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "the ALB's group unknown at preview and named by no dependency",
      resources: origin([inlineList], [cdn], {}, []),
      violations: 0,
      notes: 1,
    },
    {
      name: "a second group unknown at preview next to the locked one, one dependency for two entries",
      resources: origin([inlineList], [cdn], { securityGroups: [UNKNOWN, UNKNOWN] }),
      violations: 0,
      notes: 1,
    },
    {
      name: "a known opening outweighs an unknown one",
      resources: origin([{ ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [rule("office", { cidrIpv4: UNKNOWN }), cdn]),
      violations: 1,
      urn: albUrn,
    },
  ] as StackCase[]);

  it("names the fix for the way around", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      origin([], [listRule, rule("open-https", { cidrIpv4: "0.0.0.0/0" }), cdn]),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("sg:web rule open-https");
    expect(ds[0].message).toContain("listener:web-443:443");
    expect(ds[0].message).toContain("com.amazonaws.global.cloudfront.origin-facing");
    expect(ds[0].message).toContain("REGIONAL web ACL");
  });

  it("a CIDR unknown at preview is a note on the ALB naming the path it may open", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      origin([], [listRule, rule("office", { cidrIpv4: UNKNOWN }), cdn]),
    );
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ level: "advisory", urn: albUrn });
    expect(ds[0].message).toContain("a value on the internet's path to its listeners is unknown");
    expect(ds[0].message).toContain(`whether web is ${AROUND}`);
    expect(ds[0].message).toContain("CIDR unknown at preview");
  });

  it("a group unknown at preview is a note naming securityGroups", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, origin([inlineList], [cdn], {}, []));
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "advisory"]]);
    expect(ds[0].message).toContain("securityGroups is unknown");
    expect(ds[0].message).toContain(`whether a security group of web leaves it ${AROUND}`);
  });

  it("the distribution without a web ACL is reported on itself, the ALB as having no WAF", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, origin([inlineList], [cdnWithoutAcl]));
    expect(ds.map((d) => [d.urn, d.level])).toEqual(
      expect.arrayContaining([
        [albUrn, "mandatory"],
        [urnOf(CLOUDFRONT, "edge"), "mandatory"],
      ]),
    );
    expect(ds.find((d) => d.urn === albUrn)?.message).not.toContain(AROUND);
  });
});

describe("an ALB behind a template distribution whose WebACLId is open at preview", () => {
  const ENV = {
    Parameters: {
      Env: { Type: "String", Default: "test" },
      AclArn: { Type: "String", Default: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1" },
      Origin: { Type: "String" },
      OriginSecret: { Type: "String", NoEcho: true },
    },
    Conditions: { WafOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
  };
  /** The gate's header, its value the NoEcho parameter OriginSecret the program feeds with the secret. */
  const gateHeader = [{ HeaderName: ORIGIN_HEADER, HeaderValue: { Ref: "OriginSecret" } }];
  /**
   * The container `web` deploying a distribution whose origin is the Origin parameter, fed by the ALB's dnsName, and
   * sends `headers` (OriginCustomHeaders, the gate's by default).
   */
  const cdnStack = (webAclId: unknown, env: unknown, headers: unknown = gateHeader) =>
    stack(
      cfn(
        {
          Cdn: {
            Type: "AWS::CloudFront::Distribution",
            Properties: {
              DistributionConfig: {
                Enabled: true,
                WebACLId: webAclId,
                Origins: [
                  {
                    Id: "alb",
                    DomainName: { Ref: "Origin" },
                    CustomOriginConfig: { OriginProtocolPolicy: "https-only" },
                    OriginCustomHeaders: headers,
                  },
                ],
              },
            },
          },
        },
        ENV,
      ),
      { parameters: { Origin: UNKNOWN, Env: env, OriginSecret: secret(ORIGIN_SECRET) } },
      { propertyDependencies: { parameters: [albUrn] } },
    );
  const ifWafOn = { "Fn::If": ["WafOn", { Ref: "AclArn" }, { Ref: "AWS::NoValue" }] };

  it("a locked ALB is a note naming the distribution's open webAclId, as the distribution is", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, origin([inlineList], [cdnStack(ifWafOn, UNKNOWN)]));
    expect(ds.map((d) => [d.urn, d.level])).toEqual([
      [albUrn, "advisory"],
      [container, "advisory"],
    ]);
    expect(ds[0].message).toContain("webAclId of the CloudFront distribution in front (web/Cdn) is unknown");
  });

  it("an open ALB is still a violation: it is reached around the distribution whatever its web ACL", async () => {
    const ds = await runStack(
      requireWafOnInternetEndpoints,
      origin([{ ...tcp443, cidrBlocks: ["0.0.0.0/0"] }], [cdnStack(ifWafOn, UNKNOWN)]),
    );
    const onAlb = ds.filter((d) => d.urn === albUrn);
    expect(onAlb.map((d) => d.level)).toEqual(["mandatory"]);
    expect(onAlb[0].message).toContain(AROUND);
  });

  it("a decided condition gives the web ACL; the template's origin sends the gate's header: the locked ALB passes", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, origin([inlineList], [cdnStack(ifWafOn, "prod")]));
    expect(ds).toEqual([]);
  });

  it("a decided condition gives the web ACL; the template's origin sends no header: the gated ALB is a violation", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, origin([inlineList], [cdnStack(ifWafOn, "prod", [])]));
    expect(ds.map((d) => [d.urn, d.level])).toEqual([[albUrn, "mandatory"]]);
    expect(ds[0].message).toContain("rule web-origin-gate forwards");
    expect(ds[0].message).toContain("the distribution's origin for it sends no customHeaders");
  });
});
