// An ALB's listeners as an origin request gate (WebFirewall.originRequestGate, AWS's "Restricting access to
// Application Load Balancers"): CloudFront's origin-facing prefix list admits every distribution, another account's
// too, so a listener it admits may forward only requests carrying the secret header our distribution adds. Its
// default actions must not forward (a fixed response or a redirect answers), and every rule attached to it that
// forwards must have an http-header condition on a header the distribution's origin sends, sharing a value with it
// when both are known (a secret or a value unknown at preview is taken as the one the component wires to both).
// Listeners, rules and origins a raw template deploys are read alike (aws-template-listeners.ts).
import { AWS } from "../../lib/reachability/aws/tokens";
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { TEMPLATE_CONTAINERS } from "../lib/templates/template-containers";
import { isTemplateResourceId } from "../lib/templates/template-references";
import { OriginHeaders } from "./waf-endpoints-cloudfront-headers";
import { sourcesOf } from "./waf-endpoints-template-outputs";

/** "no" carries why the listeners let other distributions through; "unknown" the field a preview leaves open. */
export type GateAnswer =
  { gated: "yes" } | { gated: "no"; why: string } | { gated: "unknown"; field: string; why: string };

/** The types the gate check reads: listeners and their rules. */
export const CLOUDFRONT_GATE_TYPES = [...AWS.listener, ...AWS.listenerRule];

type Tri = "yes" | "no" | "unknown";

const WITHOUT_HEADER = "forwards requests that carry no secret origin header of the distribution";

/** Whether actions forward to targets (an `authenticate-*` action before a forward still forwards). */
function forwards(actions: unknown): Tri {
  let unread = false;
  for (const a of list(actions)) {
    const type = prop(a, "type");
    if (isUnknown(a) || isUnknown(type)) {
      unread = true;
      continue;
    }
    const kind = str(type)?.toLowerCase();
    // The provider needs a type; an action without one that names a target group reads as the forward it describes.
    if (kind === "forward" || (kind === undefined && (prop(a, "targetGroupArn") ?? prop(a, "forward")) !== undefined))
      return "yes";
  }
  return unread ? "unknown" : "no";
}

/** Whether a rule value and a value the distribution sends can be the same; the ALB compares them ignoring case. */
function shareValue(required: readonly (string | undefined)[], sent: readonly (string | undefined)[]): boolean {
  if (required.includes(undefined) || sent.includes(undefined)) return true;
  const lower = new Set(sent.map((v) => v!.toLowerCase()));
  return required.some((v) => lower.has(v!.toLowerCase()));
}

/** A rule's verdict: "yes" it requires the header; else why not, and the field unknown at preview if that decides. */
type HeaderVerdict = { gated: "yes" } | { gated: "no"; why: string } | { gated: "unknown"; field: string };

function sentByOrigin(headers: OriginHeaders): string {
  if (headers.names.length === 0) return "the distribution's origin for it sends no customHeaders";
  return `a header the distribution's origin does not send (it sends ${headers.names.join(", ")})`;
}

/**
 * One condition's verdict; undefined for a condition on something else than a header (a path, a host). `at` names
 * the condition in the rule (`conditions[1]`), `of` the rule, for the field a preview leaves open.
 */
function conditionVerdict(c: unknown, at: string, of: string, headers: OriginHeaders): HeaderVerdict | undefined {
  const header = prop(c, "httpHeader");
  if (isUnknown(c) || isUnknown(header)) return { gated: "unknown", field: `${at} of ${of}` };
  if (header === undefined || header === null) return undefined;
  const name = str(prop(header, "httpHeaderName"));
  if (name === undefined) return { gated: "unknown", field: `${at}.httpHeader.httpHeaderName of ${of}` };
  const sent = headers.values.get(name.toLowerCase());
  if (sent === undefined) {
    if (headers.open) return { gated: "unknown", field: "customHeaders of the distribution's origin" };
    return { gated: "no", why: `its http-header condition names ${name}, ${sentByOrigin(headers)}` };
  }
  const required = list(prop(header, "values")).map(str);
  if (required.length > 0 && shareValue(required, sent)) return { gated: "yes" };
  return { gated: "no", why: `its ${name} condition matches no value the distribution sends` };
}

/** Whether the rule's (ANDed) conditions require a header the distribution sends, with a value it sends. */
function requiresHeader(rule: GenericResource, headers: OriginHeaders): HeaderVerdict {
  const conditions = rule.inputs.conditions;
  let open: string | undefined;
  let why: string | undefined;
  const entries = list(conditions);
  for (let i = 0; i < entries.length; i++) {
    const at = isUnknown(conditions) ? "conditions" : `conditions[${i}]`;
    const verdict = conditionVerdict(entries[i], at, `listener rule ${rule.name}`, headers);
    if (verdict?.gated === "yes") return verdict;
    if (verdict?.gated === "unknown") open ??= verdict.field;
    if (verdict?.gated === "no") why ??= verdict.why;
  }
  if (open !== undefined) return { gated: "unknown", field: open };
  if (why !== undefined) return { gated: "no", why };
  return {
    gated: "no",
    why: `it has no http-header condition${headers.names.length === 0 ? `, and ${sentByOrigin(headers)}` : ""}`,
  };
}

function ruleVerdict(rule: GenericResource, headers: OriginHeaders): HeaderVerdict {
  const verdict = requiresHeader(rule, headers);
  if (verdict.gated === "yes") return verdict;
  const forwarding = forwards(rule.inputs.actions);
  if (forwarding === "no") return { gated: "yes" };
  if (forwarding === "unknown" && verdict.gated === "no")
    return { gated: "unknown", field: `actions of listener rule ${rule.name}` };
  return verdict;
}

/** The listener rules of the stack, by the listeners their listenerArn may name (literal or property dependency). */
export function rulesByListener(res: Resolver): (listener: string) => GenericResource[] {
  let byListener: Map<string, GenericResource[]> | undefined;
  return (listener) => {
    if (!byListener) {
      byListener = new Map();
      for (const rule of res.ofType(...AWS.listenerRule))
        for (const urn of res.many(rule, "listenerArn", [rule.inputs.listenerArn], AWS.listener).urns)
          byListener.set(urn, [...(byListener.get(urn) ?? []), rule]);
    }
    return byListener.get(listener) ?? [];
  };
}

/**
 * The listener rules whose listenerArn is unknown at preview and names no listener of the stack, yet may name a
 * template's: a template rule's (an import, a condition undecided at preview) or a program rule's taken from a
 * template container's outputs. Each may be on any listener, which the plan cannot tell.
 */
export function unplacedRules(res: Resolver): GenericResource[] {
  const fromTemplate = (rule: GenericResource) =>
    isTemplateResourceId(rule.inputs.id) ||
    sourcesOf(rule, "listenerArn").some((u) => TEMPLATE_CONTAINERS.has(res.get(u)?.type ?? ""));
  return res
    .ofType(...AWS.listenerRule)
    .filter(
      (rule) =>
        isUnknown(rule.inputs.listenerArn) &&
        fromTemplate(rule) &&
        res.many(rule, "listenerArn", [rule.inputs.listenerArn], AWS.listener).urns.length === 0,
    );
}

/**
 * One listener's answer: its default actions, then each of its rules; a rule that may be on it (`unplaced`) and
 * would let requests without the header through leaves it open.
 */
function listenerGate(
  listener: GenericResource,
  rules: readonly GenericResource[],
  headers: OriginHeaders,
  unplaced: readonly GenericResource[],
): GateAnswer {
  const lead = `listener ${listener.name} ${WITHOUT_HEADER} (WebFirewall.originRequestGate)`;
  const mayForward = `listener ${listener.name} may forward requests without the distribution's secret origin header`;
  const byDefault = forwards(listener.inputs.defaultActions);
  if (byDefault === "yes") return { gated: "no", why: `${lead}: its default action forwards` };
  let unsure: GateAnswer | undefined =
    byDefault === "unknown"
      ? { gated: "unknown", field: `defaultActions of listener ${listener.name}`, why: `${mayForward} by default` }
      : undefined;
  for (const rule of rules) {
    const verdict = ruleVerdict(rule, headers);
    if (verdict.gated === "no") return { gated: "no", why: `${lead}: rule ${rule.name} forwards, and ${verdict.why}` };
    if (verdict.gated === "unknown")
      unsure ??= { gated: "unknown", field: verdict.field, why: `${mayForward} through rule ${rule.name}` };
  }
  for (const rule of unplaced)
    if (ruleVerdict(rule, headers).gated !== "yes")
      unsure ??= {
        gated: "unknown",
        field: `listenerArn of listener rule ${rule.name}`,
        why: `${mayForward} through rule ${rule.name}, whose listener is unknown at preview`,
      };
  return unsure ?? { gated: "yes" };
}

/**
 * Whether every listener in `listeners` (urns) forwards only requests carrying a header of `headers`: a known way
 * through outweighs an unknown one. No listener in the stack shows nothing, which keeps the violation.
 */
export function originGate(
  res: Resolver,
  listeners: readonly string[],
  rulesOf: (listener: string) => GenericResource[],
  headers: OriginHeaders,
  unplaced: readonly GenericResource[] = [],
): GateAnswer {
  if (listeners.length === 0)
    return {
      gated: "no",
      why: "no listener of it in the stack shows that it forwards only requests carrying a secret origin header of the distribution (WebFirewall.originRequestGate)",
    };
  let unsure: GateAnswer | undefined;
  for (const urn of listeners) {
    const listener = res.get(urn);
    if (!listener) continue;
    const answer = listenerGate(listener, rulesOf(urn), headers, unplaced);
    if (answer.gated === "no") return answer;
    if (answer.gated === "unknown") unsure ??= answer;
  }
  return unsure ?? { gated: "yes" };
}
