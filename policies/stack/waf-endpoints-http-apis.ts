// API Gateway v2 APIs (HTTP and WebSocket) serve the internet with no WAF the stack can attach: AWS WAF's protected
// resource types are CloudFront distributions, REST API stages, ALBs, AppSync, Cognito, App Runner, Amplify and
// Verified Access (WAFV2 API reference), so neither HTTP nor WebSocket APIs can take a WebAclAssociation. The one WAF
// in front of them is a CloudFront distribution with a web ACL (it also carries WebSocket connections), and it holds
// only when the default execute-api endpoint is disabled and every custom domain mapped to the API is an origin of
// such a distribution. An API serves once it has a stage (a quick-create target makes a $default stage).
import { GenericResource, isUnknown, prop, Resolver, str } from "../../lib/reachability/internals";
import { bool } from "../../lib/reachability/resource";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { is } from "../lib/text-values";
import { openWebAclInFront, webAclInFront } from "./waf-endpoints-cloudfront";
import { unprotected } from "./waf-endpoint-findings";

export const HTTP_API_TYPES = {
  api: "aws:apigatewayv2/api:Api",
  stage: "aws:apigatewayv2/stage:Stage",
  mapping: "aws:apigatewayv2/apiMapping:ApiMapping",
  domain: "aws:apigatewayv2/domainName:DomainName",
};
const T = HTTP_API_TYPES;

export const HTTP_API_READ_TYPES = [T.api, T.stage, T.mapping, T.domain];

const CANNOT_ATTACH = "AWS WAF cannot be associated with HTTP or WebSocket APIs";
const DEFAULT_ENDPOINT_FIX =
  `${CANNOT_ATTACH}; set disableExecuteApiEndpoint: true and serve the API only through a custom domain that is ` +
  "the origin of a CloudFront distribution with a web ACL (webAclId), or use a REST API (aws.apigateway.RestApi) " +
  "whose stage has a web ACL association";
const CUSTOM_DOMAIN_FIX =
  `${CANNOT_ATTACH}; make the custom domain the origin of a CloudFront distribution with a web ACL (webAclId) ` +
  "and point the domain's DNS at the distribution";

function kindOf(api: GenericResource): string {
  const protocol = api.inputs.protocolType;
  if (is(protocol, "WEBSOCKET")) return "WebSocket API";
  return is(protocol, "HTTP") ? "HTTP API" : "HTTP or WebSocket API";
}

/** APIs with a stage of their own, or created with a quick-create target. */
function servedApis(res: Resolver): Set<string> {
  const served = new Set<string>();
  for (const api of res.ofType(T.api)) {
    const target = api.inputs.target;
    if (isUnknown(target) || (typeof target === "string" && target !== "")) served.add(api.urn);
  }
  for (const stage of res.ofType(T.stage)) {
    const api = res.one(stage, "apiId", stage.inputs.apiId, [T.api]);
    if (api) served.add(api);
  }
  return served;
}

/** The default execute-api endpoint takes requests unless disableExecuteApiEndpoint is true. */
function defaultEndpointOpen(api: GenericResource): Proof {
  const disabled = bool(api.inputs.disableExecuteApiEndpoint);
  if (disabled === "unknown") return "unknown";
  return disabled === true ? "no" : "yes";
}

/** A custom domain mapped to an API: the domain resource when the stack plans it, and the host names it goes by. */
interface MappedDomain {
  mapping: GenericResource;
  domain?: GenericResource;
  hosts: string[];
}

function mappedDomains(res: Resolver, api: GenericResource): MappedDomain[] {
  return res
    .ofType(T.mapping)
    .filter((m) => res.one(m, "apiId", m.inputs.apiId, [T.api]) === api.urn)
    .map((mapping) => {
      const urn = res.one(mapping, "domainName", mapping.inputs.domainName, [T.domain]);
      const domain = urn === undefined ? undefined : res.get(urn);
      const hosts = [
        mapping.inputs.domainName,
        domain?.inputs.domainName,
        prop(domain?.inputs.domainNameConfiguration, "targetDomainName"),
      ].flatMap((h) => str(h) ?? []);
      return { mapping, domain, hosts };
    });
}

function domainFindings(api: GenericResource, kind: string, d: MappedDomain, cdns: readonly GenericResource[]) {
  const front = webAclInFront(cdns, d.domain, d.hosts);
  if (front.waf === "yes") return [];
  const named = d.hosts[0] ?? d.domain?.name;
  if (named === undefined)
    return unprotected(
      api,
      kind,
      "unknown",
      { field: `domainName of ${d.mapping.name}`, question: "which custom domain the API mapping serves the API on" },
      CUSTOM_DOMAIN_FIX,
    );
  // A template distribution in front whose WebACLId is open at preview: whether the domain is protected is too.
  return unprotected(
    api,
    `${kind} (its custom domain ${named})`,
    front.waf === "unknown" ? "unknown" : "yes",
    front.waf === "unknown" ? openWebAclInFront(front, `its custom domain ${named}`) : undefined,
    CUSTOM_DOMAIN_FIX,
  );
}

/**
 * `cdns`: the CloudFront distributions that carry a web ACL or whose template leaves it open (`distributionsMayHaveWaf`);
 * `webAclInFront` tells which protect a custom domain, which leave it an open question.
 */
export function httpApiFindings(res: Resolver, cdns: readonly GenericResource[]): StackFinding[] {
  for (const d of res.ofType(T.domain)) {
    const name = str(d.inputs.domainName);
    if (name) res.alias(d, name);
  }
  const served = servedApis(res);
  return res
    .ofType(T.api)
    .filter((api) => served.has(api.urn))
    .flatMap((api) => {
      const kind = kindOf(api);
      // A distribution in front of the default endpoint is bypassed by calling the endpoint itself.
      const where =
        webAclInFront(cdns, api, []).waf !== "no"
          ? "default execute-api endpoint, reachable around the CloudFront distribution in front of it"
          : "default execute-api endpoint";
      return [
        ...unprotected(
          api,
          `${kind} (its ${where})`,
          defaultEndpointOpen(api),
          {
            field: "disableExecuteApiEndpoint",
            question: "whether the API's default execute-api endpoint is disabled",
          },
          DEFAULT_ENDPOINT_FIX,
        ),
        ...mappedDomains(res, api).flatMap((d) => domainFindings(api, kind, d, cdns)),
      ];
    });
}
