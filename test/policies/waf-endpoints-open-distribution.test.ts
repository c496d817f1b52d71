// An HTTP API's custom domain (or a function URL) behind a CloudFront distribution deployed by a raw template: the
// distribution in front answers yes, no or "cannot tell" (its template leaves WebACLId open at preview), and the API
// takes that answer, a note for an open one, as the distribution itself does. Program distributions are unchanged.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { Diagnostic, runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { cfn, container, expectFindingCounts, stack } from "./templates-waf-harness";
import { distribution } from "./waf-endpoint-inputs";

const API = "aws:apigatewayv2/api:Api";
const STAGE = "aws:apigatewayv2/stage:Stage";
const MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
const DOMAIN = "aws:apigatewayv2/domainName:DomainName";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
const HOST = "api.example.com";
const ACL_ARN = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1";
const apiUrn = urnOf(API, "orders");
const urlUrn = urnOf(FUNCTION_URL, "hook");

/** An HTTP API with a stage, its default endpoint disabled, served on the custom domain HOST (as in the API tests). */
const closedApiOnDomain: StackInput[] = [
  { type: API, name: "orders", props: { name: "orders", protocolType: "HTTP", disableExecuteApiEndpoint: true } },
  {
    type: STAGE,
    name: "default",
    props: { apiId: UNKNOWN, name: "$default", autoDeploy: true },
    propertyDependencies: { apiId: [apiUrn] },
  },
  {
    type: DOMAIN,
    name: "api",
    props: { domainName: HOST, domainNameConfiguration: { certificateArn: UNKNOWN, endpointType: "REGIONAL" } },
  },
  {
    type: MAPPING,
    name: "orders-mapping",
    props: { apiId: UNKNOWN, domainName: HOST, stage: UNKNOWN },
    propertyDependencies: { apiId: [apiUrn], domainName: [urnOf(DOMAIN, "api")], stage: [urnOf(STAGE, "default")] },
  },
];

const functionUrl = (authorizationType: string): StackInput => ({
  type: FUNCTION_URL,
  name: "hook",
  props: { functionName: UNKNOWN, authorizationType },
});

const ENV = {
  Parameters: {
    Env: { Type: "String", Default: "test" },
    AclArn: { Type: "String", Default: ACL_ARN },
    Origin: { Type: "String", Default: HOST },
  },
  Conditions: { WafOn: { "Fn::Equals": [{ Ref: "Env" }, "prod"] } },
};
const ifWafOn = { "Fn::If": ["WafOn", { Ref: "AclArn" }, { Ref: "AWS::NoValue" }] };

/** The container `web` deploying one distribution whose origin is the Origin parameter (HOST by default). */
function cdnStack(webAclId: unknown, parameters: Record<string, unknown> = {}, more: Partial<StackInput> = {}) {
  const config: Record<string, unknown> = {
    Enabled: true,
    Origins: [{ Id: "api", DomainName: { Ref: "Origin" }, CustomOriginConfig: { OriginProtocolPolicy: "https-only" } }],
  };
  if (webAclId !== undefined) config.WebACLId = webAclId;
  return stack(
    cfn({ Cdn: { Type: "AWS::CloudFront::Distribution", Properties: { DistributionConfig: config } } }, ENV),
    { parameters },
    more,
  );
}
/** The template distribution's origin fed by the function URL's host, unknown at preview. */
const fedByUrl = (webAclId: unknown, parameters: Record<string, unknown> = {}) =>
  cdnStack(webAclId, { Origin: UNKNOWN, ...parameters }, { propertyDependencies: { parameters: [urlUrn] } });

const on = (ds: Diagnostic[], urn: string) => ds.filter((d) => d.urn === urn);

describe("an HTTP API's custom domain behind a template distribution", () => {
  it("WebACLId from an Fn::If undecided at preview: a note on the API, as on the distribution", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      ...closedApiOnDomain,
      cdnStack(ifWafOn, { Env: UNKNOWN }),
    ]);
    expectFindingCounts(ds, { violations: 0, notes: 2 });
    const [note] = on(ds, apiUrn);
    expect(note.message).toContain("webAclId of the CloudFront distribution in front (web/Cdn) is unknown");
    expect(note.message).toContain("the template may leave WebACLId out");
    expect(note.message).toContain(`whether the CloudFront distribution in front of its custom domain ${HOST} has`);
    expect(note.message).toContain("make the custom domain the origin of a CloudFront distribution");
    expect(on(ds, container)).toHaveLength(1);
  });

  it("the same condition true: a known web ACL passes", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      ...closedApiOnDomain,
      cdnStack(ifWafOn, { Env: "prod" }),
    ]);
    expect(ds).toEqual([]);
  });

  it("a known template WebACLId passes", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [...closedApiOnDomain, cdnStack({ Ref: "AclArn" })]);
    expect(ds).toEqual([]);
  });

  it("the same condition false: a violation on the API and on the distribution", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [...closedApiOnDomain, cdnStack(ifWafOn)]);
    expectFindingCounts(ds, { violations: 2 });
    expect(on(ds, apiUrn)[0].message).toContain(`custom domain ${HOST}`);
  });

  it("no WebACLId at all: a violation on the API and on the distribution", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [...closedApiOnDomain, cdnStack(undefined)]);
    expectFindingCounts(ds, { violations: 2 });
    expect(on(ds, apiUrn)).toHaveLength(1);
    expect(on(ds, container)).toHaveLength(1);
  });

  it("a known web ACL on another distribution in front wins over the open one", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      ...closedApiOnDomain,
      cdnStack(ifWafOn, { Env: UNKNOWN }),
      distribution(HOST),
    ]);
    expectFindingCounts(ds, { violations: 0, notes: 1 });
    expect(on(ds, apiUrn)).toEqual([]);
  });

  it("an open distribution in front of another host leaves the custom domain a violation", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      ...closedApiOnDomain,
      cdnStack(ifWafOn, { Env: UNKNOWN, Origin: "shop.example.com" }),
    ]);
    expectFindingCounts(ds, { violations: 1, notes: 1 });
    expect(on(ds, apiUrn)[0].level).toBe("mandatory");
  });
});

describe("a function URL behind a template distribution", () => {
  it("the distribution in front is linked through the parameter the URL feeds", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [functionUrl("NONE"), fedByUrl({ Ref: "AclArn" })]);
    expectFindingCounts(ds, { violations: 1 });
    expect(on(ds, urlUrn)[0].message).toContain("reachable around the CloudFront distribution in front of it");
  });

  it.each([
    ["WebACLId from an Fn::If undecided at preview: a note", fedByUrl(ifWafOn, { Env: UNKNOWN }), 0, 1],
    ["a known template web ACL: a pass", fedByUrl({ Ref: "AclArn" }), 0, 0],
    ["no WebACLId: a violation", fedByUrl(undefined), 1, 0],
  ])("AWS_IAM URL, %s (on the distribution; the URL itself passes)", async (_n, cdn, violations, notes) => {
    const ds = await runStack(requireWafOnInternetEndpoints, [functionUrl("AWS_IAM"), cdn]);
    expectFindingCounts(ds, { violations, notes });
    expect(on(ds, urlUrn)).toEqual([]);
  });

  it.each([
    ["undecided", fedByUrl(ifWafOn, { Env: UNKNOWN }), 1, true],
    ["known", fedByUrl({ Ref: "AclArn" }), 0, true],
    ["absent", fedByUrl(undefined), 1, false],
  ])("public URL, WebACLId %s: still a violation, called directly", async (_n, cdn, onCdn, around) => {
    const ds = await runStack(requireWafOnInternetEndpoints, [functionUrl("NONE"), cdn]);
    const [finding] = on(ds, urlUrn);
    expect(finding.level).toBe("mandatory");
    expect(finding.message.includes("reachable around the CloudFront distribution in front of it")).toBe(around);
    expect(on(ds, container)).toHaveLength(onCdn);
  });
});

describe("program distributions in front (unchanged)", () => {
  const viaDomain = { type: DOMAIN, name: "api" };
  it.each([
    ["a known webAclId passes", { webAclId: ACL_ARN }, 0],
    ["a webAclId unknown at preview counts as set", { webAclId: UNKNOWN }, 0],
    ["no webAclId: the API and the distribution are violations", {}, 2],
  ])("HTTP API: %s", async (_n, webAcl, violations) => {
    const ds = await runStack(requireWafOnInternetEndpoints, [...closedApiOnDomain, distribution(viaDomain, webAcl)]);
    expectFindingCounts(ds, { violations, notes: 0 });
  });

  it("a webAclId unknown at preview with a dependency on a program WebAcl counts as set", async () => {
    const acl: StackInput = {
      type: "aws:wafv2/webAcl:WebAcl",
      name: "edge",
      props: { scope: "CLOUDFRONT", defaultAction: { allow: {} } },
    };
    const cdn = distribution(viaDomain, { webAclId: UNKNOWN });
    const linked = {
      ...cdn,
      propertyDependencies: { ...cdn.propertyDependencies, webAclId: [urnOf(acl.type, "edge")] },
    };
    expect(await runStack(requireWafOnInternetEndpoints, [...closedApiOnDomain, acl, linked])).toEqual([]);
  });

  it("a public function URL behind a program distribution is still a violation", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      functionUrl("NONE"),
      distribution({ type: FUNCTION_URL, name: "hook" }, { webAclId: UNKNOWN }),
    ]);
    expectFindingCounts(ds, { violations: 1 });
    expect(on(ds, urlUrn)).toHaveLength(1);
  });
});
