// require-waf-on-internet-endpoints on the origin request gate (WebFirewall.originRequestGate) a raw CloudFormation
// template builds: a distribution with a web ACL whose origin (`Fn::GetAtt [Alb, DNSName]`) sends a secret header
// (OriginCustomHeaders), an ALB whose group admits only CloudFront's origin-facing list, and listeners that answer a
// fixed 403 unless a rule's http-header condition finds that header. The template's listeners, rules and headers are
// read as the program's are: the full pattern passes, a gap is a violation like the program form's, and what a
// preview leaves undecided (a condition under an undecided Fn::If, a rule whose listener is unknown) is a note.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN } from "./harness";
import { TemplateResources } from "./templates-fixtures";
import { cfn, container, expectTemplateFindings, stack, templateTable } from "./templates-waf-harness";
import {
  albStack,
  albUrn,
  CLOUDFRONT_LIST,
  gatedDistribution,
  headerCondition as programHeaderCondition,
  inlineList,
  listenerRule as listenerRuleOf,
  ORIGIN_HEADER,
  ORIGIN_SECRET,
  secret,
} from "./waf-cloudfront-alb-fixtures";

const WAF = requireWafOnInternetEndpoints;
const GATE_MISSING = "forwards requests that carry no secret origin header of the distribution";

/** The fixed 403 the gate's listeners answer with by default. */
const REFUSE_403 = {
  Type: "fixed-response",
  FixedResponseConfig: { StatusCode: "403", ContentType: "text/plain", MessageBody: "Forbidden" },
};
const FORWARD = { Type: "forward", TargetGroupArn: { Ref: "Tg" } };
/** An http-header condition on `name` requiring `values` (the OriginSecret parameter by default). */
const headerCondition = (name: unknown = ORIGIN_HEADER, values: unknown = [{ Ref: "OriginSecret" }]) => ({
  Field: "http-header",
  HttpHeaderConfig: { HttpHeaderName: name, Values: values },
});
/** The header the distribution's origin sends: the gate's name, its value the NoEcho parameter OriginSecret. */
const originHeader = (name: unknown = ORIGIN_HEADER, value: unknown = { Ref: "OriginSecret" }) => ({
  HeaderName: name,
  HeaderValue: value,
});

const SECTIONS = {
  Parameters: {
    OriginSecret: { Type: "String", NoEcho: true },
    Env: { Type: "String", Default: "test" },
  },
  Conditions: { GateOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};

/** A listener rule on `listenerArn` (the template's Listener by default) forwarding under `conditions`. */
const listenerRule = (
  conditions: unknown,
  listenerArn: unknown = { Ref: "Listener" },
  actions: unknown = [FORWARD],
) => ({
  Type: "AWS::ElasticLoadBalancingV2::ListenerRule",
  Properties: { ListenerArn: listenerArn, Priority: 1, Actions: actions, Conditions: conditions },
});

/** The template's ALB, its group locked to CloudFront's list on 443, its HTTPS listener and target group. */
function albResources(defaultActions: unknown, rules: TemplateResources): TemplateResources {
  return {
    AlbSg: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        GroupDescription: "web ALB",
        VpcId: "vpc-0123456789abcdef0",
        SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, SourcePrefixListId: CLOUDFRONT_LIST }],
      },
    },
    Alb: {
      Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
      Properties: {
        Scheme: "internet-facing",
        Type: "application",
        Subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
        SecurityGroups: [{ "Fn::GetAtt": ["AlbSg", "GroupId"] }],
      },
    },
    Tg: {
      Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
      Properties: { Port: 8080, Protocol: "HTTP", VpcId: "vpc-0123456789abcdef0" },
    },
    Listener: {
      Type: "AWS::ElasticLoadBalancingV2::Listener",
      Properties: { LoadBalancerArn: { Ref: "Alb" }, Port: 443, Protocol: "HTTPS", DefaultActions: defaultActions },
    },
    ...rules,
  };
}

/** The template's web ACL and a distribution with it whose one origin is `domainName` and sends `headers`. */
function cdnResources(domainName: unknown, headers: unknown): TemplateResources {
  const origin = {
    Id: "alb",
    DomainName: domainName,
    CustomOriginConfig: { OriginProtocolPolicy: "https-only" },
    ...(headers === undefined ? {} : { OriginCustomHeaders: headers }),
  };
  return {
    Acl: {
      Type: "AWS::WAFv2::WebACL",
      Properties: {
        Scope: "CLOUDFRONT",
        DefaultAction: { Allow: {} },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, MetricName: "edge", SampledRequestsEnabled: true },
        Rules: [],
      },
    },
    Cdn: {
      Type: "AWS::CloudFront::Distribution",
      Properties: {
        DistributionConfig: { Enabled: true, WebACLId: { "Fn::GetAtt": ["Acl", "Arn"] }, Origins: [origin] },
      },
    },
  };
}

const GET_ATT = { "Fn::GetAtt": ["Alb", "DNSName"] };

interface Pattern {
  domainName?: unknown;
  headers?: unknown;
  defaultActions?: unknown;
  rules?: TemplateResources;
  /** Resources added beside the pattern's (another listener). */
  more?: TemplateResources;
}

/** The whole pattern in one template; each field replaces the gate's part of it. */
const pattern = (p: Pattern = {}) =>
  cfn(
    {
      ...cdnResources(p.domainName ?? GET_ATT, "headers" in p ? p.headers : [originHeader()]),
      ...albResources(p.defaultActions ?? [REFUSE_403], p.rules ?? { Gate: listenerRule([headerCondition()]) }),
      ...p.more,
    },
    SECTIONS,
  );

/** The container `web` deploying `body`, OriginSecret fed with the secret unless `parameters` says otherwise. */
const deploy = (body: string, parameters: Record<string, unknown> = {}) =>
  stack(body, { parameters: { OriginSecret: secret(ORIGIN_SECRET), ...parameters } });

describe("an origin request gate a template builds, in one template", () => {
  templateTable(WAF, [
    // Known-good.
    {
      name: "the full pattern: CloudFront + web ACL + ALB locked to CloudFront's list + gate",
      resources: [deploy(pattern())],
      violations: 0,
    },
    {
      name: 'the origin names the ALB by !Sub "${Alb.DNSName}"',
      resources: [deploy(pattern({ domainName: { "Fn::Sub": "${Alb.DNSName}" } }))],
      violations: 0,
    },
    {
      name: "header names compared ignoring case; a path condition beside the header one",
      resources: [
        deploy(
          pattern({
            headers: [originHeader("x-origin-verify")],
            rules: {
              Gate: listenerRule([
                { Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } },
                headerCondition("X-ORIGIN-VERIFY"),
              ]),
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a redirect default action and a rule answering a fixed response without the header",
      resources: [
        deploy(
          pattern({
            defaultActions: [{ Type: "redirect", RedirectConfig: { Protocol: "HTTPS", StatusCode: "HTTP_301" } }],
            rules: {
              Gate: listenerRule([headerCondition()]),
              Health: listenerRule([{ Field: "path-pattern", Values: ["/health"] }], { Ref: "Listener" }, [
                { Type: "fixed-response", FixedResponseConfig: { StatusCode: "200" } },
              ]),
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a port-80 listener forwarding everything that the group does not admit",
      resources: [
        deploy(
          pattern({
            more: {
              Plain: {
                Type: "AWS::ElasticLoadBalancingV2::Listener",
                Properties: { LoadBalancerArn: { Ref: "Alb" }, Port: 80, Protocol: "HTTP", DefaultActions: [FORWARD] },
              },
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a dynamic reference on both sides ({{resolve:secretsmanager:…}}): unknown at preview, the names match",
      resources: [
        deploy(
          pattern({
            headers: [originHeader(ORIGIN_HEADER, "{{resolve:secretsmanager:origin-gate:SecretString:value}}")],
            rules: {
              Gate: listenerRule([
                headerCondition(ORIGIN_HEADER, ["{{resolve:secretsmanager:origin-gate:SecretString:v2}}"]),
              ]),
            },
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "a rule whose ListenerArn is imported requires the header: it gates whatever listener it is on",
      resources: [
        deploy(
          pattern({
            rules: {
              Gate: listenerRule([headerCondition()]),
              Elsewhere: listenerRule([headerCondition()], { "Fn::ImportValue": "OtherListener" }),
            },
          }),
        ),
      ],
      violations: 0,
    },
    // Known-bad.
    {
      name: "the distribution's origin is another host: the ALB has no web ACL in front",
      resources: [deploy(pattern({ domainName: "static.example.com" }))],
      violations: 1,
      mentions: "web/Alb",
    },
    {
      name: "the listener's default action forwards and no rule gates it",
      resources: [deploy(pattern({ defaultActions: [FORWARD], rules: {} }))],
      violations: 1,
      mentions: `listener web/Listener ${GATE_MISSING} (WebFirewall.originRequestGate): its default action forwards`,
    },
    {
      name: "a weighted ForwardConfig default action",
      resources: [
        deploy(
          pattern({
            defaultActions: [
              {
                Type: "forward",
                ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: "Tg" }, Weight: 1 }] },
              },
            ],
          }),
        ),
      ],
      violations: 1,
      mentions: "its default action forwards",
    },
    {
      name: "authenticate-oidc then forward by default",
      resources: [
        deploy(
          pattern({
            defaultActions: [
              { Type: "authenticate-oidc", Order: 1, AuthenticateOidcConfig: { Issuer: "https://idp.example.com" } },
              { ...FORWARD, Order: 2 },
            ],
          }),
        ),
      ],
      violations: 1,
      mentions: "its default action forwards",
    },
    {
      name: "a rule forwarding on a path condition, without a header condition",
      resources: [
        deploy(
          pattern({
            rules: { Gate: listenerRule([{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }]) },
          }),
        ),
      ],
      violations: 1,
      mentions: "rule web/Gate forwards, and it has no http-header condition",
    },
    {
      name: "the rule's header name is not the one the distribution sends",
      resources: [deploy(pattern({ rules: { Gate: listenerRule([headerCondition("X-Other")]) } }))],
      violations: 1,
      mentions: "its http-header condition names X-Other, a header the distribution's origin does not send",
    },
    {
      name: "the distribution sends no OriginCustomHeaders",
      resources: [deploy(pattern({ headers: undefined }))],
      violations: 1,
      mentions: "the distribution's origin for it sends no customHeaders",
    },
    {
      name: "known values on both sides that differ",
      resources: [
        deploy(
          pattern({
            headers: [originHeader(ORIGIN_HEADER, "sent-value")],
            rules: { Gate: listenerRule([headerCondition(ORIGIN_HEADER, ["other-value"])]) },
          }),
        ),
      ],
      violations: 1,
      mentions: `its ${ORIGIN_HEADER} condition matches no value the distribution sends`,
    },
    // Unknown at preview.
    {
      name: "the header's value a NoEcho parameter fed unknown at preview: the names match, a pass",
      resources: [deploy(pattern(), { OriginSecret: UNKNOWN })],
      violations: 0,
    },
    {
      name: "the rule's header condition under Fn::If on a condition undecided at preview: a note",
      resources: [
        deploy(
          pattern({
            rules: {
              Gate: listenerRule([{ "Fn::If": ["GateOn", headerCondition(), { Ref: "AWS::NoValue" }] }]),
            },
          }),
          { Env: UNKNOWN },
        ),
      ],
      violations: 0,
      notes: 1,
      mentions: "conditions[0] of listener rule web/Gate",
    },
    {
      name: "the same Fn::If decided true by the parameter: a pass",
      resources: [
        deploy(
          pattern({
            rules: { Gate: listenerRule([{ "Fn::If": ["GateOn", headerCondition(), { Ref: "AWS::NoValue" }] }]) },
          }),
          { Env: "prod" },
        ),
      ],
      violations: 0,
    },
    {
      name: "the listener's default actions under an undecided Fn::If: a note",
      resources: [
        deploy(pattern({ defaultActions: { "Fn::If": ["GateOn", [REFUSE_403], [FORWARD]] } }), { Env: UNKNOWN }),
      ],
      violations: 0,
      notes: 1,
      mentions: "defaultActions of listener web/Listener",
    },
    {
      name: "a rule whose ListenerArn is imported forwards without the header: it may be on the listener, a note",
      resources: [
        deploy(
          pattern({
            rules: {
              Gate: listenerRule([headerCondition()]),
              Elsewhere: listenerRule([{ Field: "host-header", Values: ["api.example.com"] }], {
                "Fn::ImportValue": "OtherListener",
              }),
            },
          }),
        ),
      ],
      violations: 0,
      notes: 1,
      mentions: "listenerArn of listener rule web/Elsewhere",
    },
  ]);
});

it("a NoEcho parameter's value never appears in a finding", async () => {
  const ds = await runStack(WAF, [deploy(pattern({ rules: { Gate: listenerRule([headerCondition("X-Other")]) } }))]);
  expect(ds).toHaveLength(1);
  expect(ds[0].message).not.toContain(ORIGIN_SECRET);
});

describe("an origin request gate split between the program and a template", () => {
  /** A template with only the distribution, its origin the Origin parameter the program feeds with the ALB's dnsName. */
  const cdnOnly = (headers: unknown) =>
    stack(
      cfn(cdnResources({ Ref: "Origin" }, headers), {
        Parameters: { Origin: { Type: "String" }, OriginSecret: { Type: "String", NoEcho: true } },
      }),
      { parameters: { Origin: UNKNOWN, OriginSecret: secret(ORIGIN_SECRET) } },
      { propertyDependencies: { parameters: [albUrn] } },
    );

  it("a template distribution in front of a program ALB with the program gate passes", async () => {
    await expectTemplateFindings(WAF, albStack([inlineList], [cdnOnly([originHeader()])]), { violations: 0 });
  });

  it("the same template distribution sending another header leaves the program gate a violation", async () => {
    await expectTemplateFindings(
      WAF,
      albStack([inlineList], [cdnOnly([originHeader("X-Other")])]),
      { violations: 1, mentions: "its http-header condition names X-Origin-Verify" },
      albUrn,
    );
  });

  /** A template with only the ALB, its group, listener and `rules`; the program's distribution takes its output. */
  const albOnly = (rules: TemplateResources): StackInput[] => [
    deploy(cfn(albResources([REFUSE_403], rules), SECTIONS)),
    gatedDistribution({ type: "aws:cloudformation/stack:Stack", name: "web" }),
  ];

  it("a program distribution in front of a template ALB with a template gate passes", async () => {
    await expectTemplateFindings(WAF, albOnly({ Gate: listenerRule([headerCondition()]) }), { violations: 0 });
  });

  /** A program listener rule on a listener the template's outputs name (unknown at preview) under `conditions`. */
  const programRule = (conditions: unknown): StackInput =>
    listenerRuleOf("outside", conditions, {}, { listenerArn: [container], actions: [] });

  it("a program rule on a listener from the template's outputs forwarding without the header: a note", async () => {
    await expectTemplateFindings(
      WAF,
      [...albOnly({ Gate: listenerRule([headerCondition()]) }), programRule([{ pathPattern: { values: ["/*"] } }])],
      { violations: 0, notes: 1, mentions: "listenerArn of listener rule outside" },
      container,
    );
  });

  it("the same program rule requiring the header passes", async () => {
    await expectTemplateFindings(
      WAF,
      [
        ...albOnly({ Gate: listenerRule([headerCondition()]) }),
        programRule([programHeaderCondition(ORIGIN_HEADER, [UNKNOWN])]),
      ],
      { violations: 0 },
    );
  });

  it("a program distribution in front of a template ALB whose rule forwards without the header", async () => {
    await expectTemplateFindings(
      WAF,
      albOnly({ Gate: listenerRule([{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }]) }),
      { violations: 1, mentions: "rule web/Gate forwards, and it has no http-header condition" },
      container,
    );
  });
});
