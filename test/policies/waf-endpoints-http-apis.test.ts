// require-waf-on-internet-endpoints on API Gateway v2 (HTTP and WebSocket) APIs: no web ACL attaches to them, so only
// a disabled default endpoint and custom domains behind CloudFront with a web ACL keep them off the open internet.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { associationOf, distribution } from "./waf-endpoint-inputs";

const API = "aws:apigatewayv2/api:Api";
const STAGE = "aws:apigatewayv2/stage:Stage";
const MAPPING = "aws:apigatewayv2/apiMapping:ApiMapping";
const DOMAIN = "aws:apigatewayv2/domainName:DomainName";
const HOST = "api.example.com";

const api = (props: Record<string, unknown> = {}): StackInput => ({
  type: API,
  name: "orders",
  props: { name: "orders", protocolType: "HTTP", ...props },
});
/** A stage of the API, linked while the API's id is unknown. */
const stage: StackInput = {
  type: STAGE,
  name: "default",
  props: { apiId: UNKNOWN, name: "$default", autoDeploy: true },
  propertyDependencies: { apiId: [urnOf(API, "orders")] },
};
const served = (props: Record<string, unknown> = {}): StackInput[] => [api(props), stage];
const closed = (props: Record<string, unknown> = {}) => served({ disableExecuteApiEndpoint: true, ...props });

/** The API's custom domain and its mapping; `planned: false` maps a domain created outside the stack. */
function customDomain(planned = true): StackInput[] {
  const mapping: StackInput = {
    type: MAPPING,
    name: "orders-mapping",
    props: { apiId: UNKNOWN, domainName: HOST, stage: UNKNOWN },
    propertyDependencies: {
      apiId: [urnOf(API, "orders")],
      domainName: planned ? [urnOf(DOMAIN, "api")] : [],
      stage: [urnOf(STAGE, "default")],
    },
  };
  if (!planned) return [mapping];
  const domain: StackInput = {
    type: DOMAIN,
    name: "api",
    props: { domainName: HOST, domainNameConfiguration: { certificateArn: UNKNOWN, endpointType: "REGIONAL" } },
  };
  return [domain, mapping];
}
const viaDomain = { type: DOMAIN, name: "api" };
const apiUrn = urnOf(API, "orders");

describe("require-waf-on-internet-endpoints: API Gateway v2 HTTP and WebSocket APIs", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "HTTP API with its default endpoint",
      resources: served(),
      violations: 1,
      urn: apiUrn,
      mentions: "AWS WAF cannot be associated with HTTP or WebSocket APIs; set disableExecuteApiEndpoint: true",
    },
    {
      name: "default endpoint explicitly enabled",
      resources: served({ disableExecuteApiEndpoint: false }),
      violations: 1,
    },
    {
      name: "default endpoint enabled as a string",
      resources: served({ disableExecuteApiEndpoint: "false" }),
      violations: 1,
    },
    { name: "HTTP API without a stage serves nothing", resources: [api()], violations: 0 },
    {
      name: "quick-create target makes a $default stage",
      resources: [api({ target: "arn:aws:lambda:eu-west-1:123456789012:function:orders" })],
      violations: 1,
      urn: apiUrn,
    },
    { name: "quick-create target unknown at preview", resources: [api({ target: UNKNOWN })], violations: 1 },
    {
      name: "WebSocket API with its default endpoint",
      resources: served({ protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" }),
      violations: 1,
      mentions: "WebSocket API",
    },
    {
      name: "API of a protocol unknown at preview: neither kind takes a web ACL",
      resources: served({ protocolType: UNKNOWN }),
      violations: 1,
      mentions: "HTTP or WebSocket API",
    },
    {
      name: "a web ACL association with the API does not count: WAF cannot attach",
      resources: [...served(), associationOf(API, "orders")],
      violations: 1,
      urn: apiUrn,
    },
    {
      name: "CloudFront with a web ACL in front of the open default endpoint is bypassed",
      resources: [...served(), distribution({ type: API, name: "orders" })],
      violations: 1,
      mentions: "reachable around the CloudFront distribution",
    },
    { name: "default endpoint disabled, no custom domain", resources: closed(), violations: 0 },
    {
      name: "default endpoint disabled as a string",
      resources: served({ disableExecuteApiEndpoint: "true" }),
      violations: 0,
    },
    {
      name: "default endpoint disabled, custom domain with no CloudFront",
      resources: [...closed(), ...customDomain()],
      violations: 1,
      urn: apiUrn,
      mentions: `custom domain ${HOST}`,
    },
    {
      name: "default endpoint disabled, custom domain the origin of CloudFront with a web ACL",
      resources: [...closed(), ...customDomain(), distribution(viaDomain)],
      violations: 0,
    },
    {
      name: "custom domain named by host in CloudFront's origin (known after deployment)",
      resources: [...closed(), ...customDomain(), distribution("API.example.com")],
      violations: 0,
    },
    // The distribution without a web ACL is a violation of its own too.
    {
      name: "custom domain behind CloudFront without a web ACL",
      resources: [...closed(), ...customDomain(), distribution(viaDomain, {})],
      violations: 2,
    },
    {
      name: "custom domain behind CloudFront with a blank webAclId",
      resources: [...closed(), ...customDomain(), distribution(viaDomain, { webAclId: " " })],
      violations: 2,
    },
    {
      name: "custom domain behind CloudFront with a web ACL unknown at preview",
      resources: [...closed(), ...customDomain(), distribution(viaDomain, { webAclId: UNKNOWN })],
      violations: 0,
    },
    {
      name: "CloudFront in front of another host leaves the custom domain open",
      resources: [...closed(), ...customDomain(), distribution("shop.example.com")],
      violations: 1,
    },
    {
      name: "custom domain created outside the stack, not behind CloudFront",
      resources: [...closed(), ...customDomain(false)],
      violations: 1,
      mentions: `custom domain ${HOST}`,
    },
    {
      name: "custom domain created outside the stack, behind CloudFront with a web ACL",
      resources: [...closed(), ...customDomain(false), distribution(HOST)],
      violations: 0,
    },
    {
      name: "a custom domain mapped to another API (without a stage) leaves this one alone",
      resources: [
        ...closed(),
        { type: API, name: "billing", props: { name: "billing", protocolType: "HTTP" } },
        ...customDomain().map((r) =>
          r.type === MAPPING
            ? { ...r, propertyDependencies: { apiId: [urnOf(API, "billing")], domainName: [urnOf(DOMAIN, "api")] } }
            : r,
        ),
      ],
      violations: 0,
    },
    {
      name: "mapping whose domain is unknown and unlinked is a note",
      resources: [
        ...closed(),
        {
          type: MAPPING,
          name: "orders-mapping",
          props: { apiId: UNKNOWN, domainName: UNKNOWN, stage: "$default" },
          propertyDependencies: { apiId: [apiUrn] },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "default endpoint unknown at preview is a note",
      resources: served({ disableExecuteApiEndpoint: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    {
      name: "default endpoint unknown and a custom domain in the open: the domain is still a violation",
      resources: [...served({ disableExecuteApiEndpoint: UNKNOWN }), ...customDomain()],
      violations: 1,
      notes: 1,
      mentions: `custom domain ${HOST}`,
    },
    {
      name: "stage whose API cannot be linked",
      resources: [api({ name: "other" }), { ...stage, propertyDependencies: {} }],
      violations: 0,
    },
  ] as StackCase[]);

  it("reports the open custom domain on the API even when the distribution in front lacks a web ACL", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [
      ...closed(),
      ...customDomain(),
      distribution(viaDomain, {}),
    ]);
    const onApi = ds.filter((d) => d.urn === apiUrn);
    expect(onApi).toHaveLength(1);
    expect(onApi[0].level).toBe("mandatory");
    expect(onApi[0].message).toContain(`custom domain ${HOST}`);
    expect(onApi[0].message).toContain("origin of a CloudFront distribution with a web ACL");
  });

  it("names the fix in the note for an unknown disableExecuteApiEndpoint", async () => {
    const [note] = await runStack(requireWafOnInternetEndpoints, served({ disableExecuteApiEndpoint: UNKNOWN }));
    expect(note.level).toBe("advisory");
    expect(note.urn).toBe(apiUrn);
    expect(note.message).toContain("disableExecuteApiEndpoint is unknown");
    expect(note.message).toContain("use a REST API (aws.apigateway.RestApi)");
  });
});
