// CloudFormation ALB/NLB listeners and listener rules, as the Pulumi AWS provider's: the network model reads their
// ports, protocols and forwards (and a rule's source-ip condition), the origin request gate behind CloudFront their
// default actions and http-header conditions (waf-endpoints-cloudfront-gate.ts). `Ref` of a listener gives its ARN,
// which a rule's ListenerArn names it by.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, templateBlock, Translation } from "./embedded-resource";
import { resolvedAtDeployment } from "./template-dynamic-references";

/** A list property mapped entry by entry; unknown at preview (a whole list or one entry) stays unknown. */
function eachOf(value: unknown, map: (entry: Record<string, unknown>) => unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((entry) => (isUnknown(entry) ? UNKNOWN : map(obj(entry) ?? {})));
}

/** A block mapped field by field; unknown stays unknown, absent absent. */
const block = (value: unknown, map: (b: Record<string, unknown>) => Record<string, unknown>): unknown =>
  templateBlock(value, (b) => defined(map(b)));

/** `ForwardConfig`: the weighted target groups. */
const forwardConfig = (v: unknown) =>
  block(v, (f) => ({
    targetGroups: eachOf(f.TargetGroups, (tg) => defined({ arn: tg.TargetGroupArn, weight: tg.Weight })),
  }));

/** One listener or rule action: `Type` (forward, fixed-response, redirect, authenticate-*) and its config. */
function action(a: Record<string, unknown>): unknown {
  return defined({
    type: a.Type,
    order: a.Order,
    targetGroupArn: a.TargetGroupArn,
    forward: forwardConfig(a.ForwardConfig),
    fixedResponse: block(a.FixedResponseConfig, (f) => ({
      statusCode: f.StatusCode,
      contentType: f.ContentType,
      messageBody: f.MessageBody,
    })),
    redirect: block(a.RedirectConfig, (r) => ({
      statusCode: r.StatusCode,
      protocol: r.Protocol,
      host: r.Host,
      port: r.Port,
      path: r.Path,
      query: r.Query,
    })),
    authenticateOidc: block(a.AuthenticateOidcConfig, (o) => ({ issuer: o.Issuer, clientId: o.ClientId })),
    authenticateCognito: block(a.AuthenticateCognitoConfig, (c) => ({ userPoolArn: c.UserPoolArn })),
  });
}

const actions = (v: unknown) => eachOf(v, action);

/** A condition's values: its config block's `Values`, or the legacy `Values` beside `Field` (host and path only). */
const valuesOf = (config: unknown, legacy: unknown): unknown =>
  config === undefined ? legacy : isUnknown(config) ? UNKNOWN : obj(config)?.Values;

/** Values the ALB compares, a dynamic reference (`{{resolve:…}}`) unknown until deployment. */
const compared = (values: unknown): unknown =>
  values === undefined || isUnknown(values) ? values : list(values).map(resolvedAtDeployment);

/**
 * One rule condition by its `Field`, as the provider's block for it. A Field unknown at preview may be any
 * condition; a Field this kit does not know is kept as a condition on something else.
 */
function condition(c: Record<string, unknown>): unknown {
  const field = c.Field;
  if (isUnknown(field) || typeof field !== "string") return UNKNOWN;
  switch (field.toLowerCase()) {
    case "http-header":
      return {
        httpHeader: block(c.HttpHeaderConfig, (h) => ({
          httpHeaderName: h.HttpHeaderName,
          values: compared(h.Values),
        })),
      };
    case "source-ip":
      return { sourceIp: block(c.SourceIpConfig, (s) => ({ values: s.Values })) };
    case "host-header":
      return { hostHeader: { values: valuesOf(c.HostHeaderConfig, c.Values) } };
    case "path-pattern":
      return { pathPattern: { values: valuesOf(c.PathPatternConfig, c.Values) } };
    case "http-request-method":
      return { httpRequestMethod: { values: valuesOf(c.HttpRequestMethodConfig, undefined) } };
    case "query-string":
      return {
        queryStrings: eachOf(valuesOf(c.QueryStringConfig, undefined), (q) => defined({ key: q.Key, value: q.Value })),
      };
    default:
      return {};
  }
}

const listener: Translation = (read) => [
  {
    type: "aws:lb/listener:Listener",
    props: defined({
      loadBalancerArn: read("LoadBalancerArn"),
      port: read("Port"),
      protocol: read("Protocol"),
      defaultActions: actions(read("DefaultActions")),
    }),
  },
];

const listenerRule: Translation = (read) => [
  {
    type: "aws:lb/listenerRule:ListenerRule",
    props: defined({
      listenerArn: read("ListenerArn"),
      priority: read("Priority"),
      actions: actions(read("Actions")),
      conditions: eachOf(read("Conditions"), condition),
    }),
  },
];

export const AWS_LISTENER_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::ElasticLoadBalancingV2::Listener", listener],
  ["AWS::ElasticLoadBalancingV2::ListenerRule", listenerRule],
]);
