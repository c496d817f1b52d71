// Application load balancers behind CloudFront. A CLOUDFRONT web ACL inspects only the requests that pass through
// the distribution, so it fronts an ALB only when (a) a distribution with a web ACL has the ALB as an origin (linked as
// a function URL or an HTTP API's custom domain is: webAclInFront, directly or through one Route 53 record naming the
// ALB: waf-endpoints-cloudfront-records.ts) and (b) nothing on the internet reaches any of the
// ALB's listeners around it: the network model shows no internet path, and, whatever the routes, its groups admit
// no public block on a listener port (waf-endpoints-cloudfront-groups.ts) and no prefix list outside the stack but
// CloudFront's origin-facing one (waf-endpoints-cloudfront-lists.ts), and (c) since that list admits every
// distribution, another account's too, the listeners it admits forward only requests carrying the secret header the
// distribution's origin sends (waf-endpoints-cloudfront-gate.ts, WebFirewall.originRequestGate). Network and classic
// load balancers take no web ACL and the rule asks none of them for one, so only ALBs are judged here.
import { Exposure, LoadBalancer, NetworkModel, renderPath } from "../../lib/reachability";
import { AWS_SECURITY_GROUPS } from "../../lib/reachability/aws/tokens";
import { GenericResource, isUnknown, list, Resolver, str } from "../../lib/reachability/internals";
import { TEMPLATE_CONTAINERS } from "../lib/templates/template-containers";
import { deployedBy, isTemplateResourceId } from "../lib/templates/template-references";
import { Proof } from "../lib/proof";
import { internetExposuresOnce } from "./internet-exposures-once";
import { StackFinding } from "../lib/stack-rule";
import { OpenQuestion, unprotected } from "./waf-endpoint-findings";
import {
  CloudFrontInFront,
  distributionsMayHaveWaf,
  hasWebAcl,
  openWebAclInFront,
  webAclInFront,
} from "./waf-endpoints-cloudfront";
import { GateAnswer, originGate, rulesByListener, unplacedRules } from "./waf-endpoints-cloudfront-gate";
import { internetOpenings, listenersOpenToLists, outsideListRules } from "./waf-endpoints-cloudfront-groups";
import { originHeaders } from "./waf-endpoints-cloudfront-headers";
import { balancerRegion, outsideListDoubt } from "./waf-endpoints-cloudfront-lists";
import { recordsNamingBalancer } from "./waf-endpoints-cloudfront-records";

const FIX =
  "a CLOUDFRONT web ACL inspects only requests that pass through the distribution; admit only CloudFront's " +
  "origin-facing prefix list (com.amazonaws.global.cloudfront.origin-facing, e.g. WebFirewall.originIngressRules) " +
  "on the load balancer's security groups and remove every internet source, and, since that list admits every " +
  "distribution, another account's too, let the distribution send a secret origin header (origins[].customHeaders) " +
  "that every forwarding listener rule requires, each listener's default action a fixed 403 " +
  "(WebFirewall.originRequestGate); or associate a REGIONAL web ACL with the load balancer (wafv2.WebAclAssociation)";
const AROUND = "reachable around the CloudFront distribution in front of it";
const PATH_VALUE = "a value on the internet's path to its listeners";
/** How the model names a list reference it cannot resolve (lib/reachability/prefix-lists.ts). */
const UNKNOWN_LIST = "(unknown)";

/** Whether the internet reaches the balancer's listeners without passing CloudFront: why it does, or what is open. */
type WayAround = { around: "yes"; why: string } | { around: "unknown"; open: OpenQuestion } | { around: "no" };

/** Rows through the balancer's listeners: its own, its targets' behind them, and a Global Accelerator's into them. */
function rowsThrough(model: NetworkModel, rows: readonly Exposure[], lb: GenericResource): Exposure[] {
  const listeners = new Set((model.loadBalancers.get(lb.urn)?.listeners ?? []).map((l) => l.urn));
  const through = rows.filter((e) => e.urn === lb.urn || e.causes.some((c) => listeners.has(c)));
  // The balancer's own rows first: their paths end at the listener the internet reaches.
  return through.sort((a, b) => Number(b.urn === lb.urn) - Number(a.urn === lb.urn));
}

/**
 * The balancer's groups the model cannot read: known ids outside the stack, and entries unknown at preview that no
 * property dependency names. The model leaves both out, so their rules are unseen, not absent.
 */
function unseenGroups(res: Resolver, lb: GenericResource): { outside: string[]; unknown: boolean } {
  const entries = list(lb.inputs.securityGroups);
  const found = res.many(lb, "securityGroups", entries, AWS_SECURITY_GROUPS);
  return { outside: found.external, unknown: entries.length > found.urns.length + found.external.length };
}

/** What a way around rests on: the stack, its model and exposures, and the lists config names as CloudFront's. */
interface Around {
  res: Resolver;
  model: NetworkModel;
  rows: readonly Exposure[];
  cloudFrontLists: readonly string[];
}

const unsure = (lb: GenericResource, field: string, why: string): WayAround => ({
  around: "unknown",
  open: { field, question: `whether ${lb.name} is ${AROUND}: ${why}` },
});

function wayAround(ctx: Around, lb: GenericResource): WayAround {
  const { res, model } = ctx;
  const through = rowsThrough(model, ctx.rows, lb);
  const unseen = unseenGroups(res, lb);
  const balancer = model.loadBalancers.get(lb.urn);
  // With none of its groups in the model, the balancer reads as admitting everyone: a guess, not a proof.
  const guessed = (balancer?.securityGroups.length ?? 0) === 0;
  const seen = !guessed || (unseen.outside.length === 0 && !unseen.unknown);
  // A row through a value unknown at preview (a CIDR, ports, a rule list) only may open the way.
  const proven = seen ? through.find((e) => !e.unverified) : undefined;
  if (proven) return { around: "yes", why: `${AROUND}: ${renderPath(proven)}` };
  if (unseen.outside.length > 0) {
    const groups = unseen.outside.join(", ");
    return { around: "yes", why: `security groups outside the stack (${groups}): nothing shows it is not ${AROUND}` };
  }
  // Whatever the routes to its subnets (a VPC or route table outside the stack, subnets outside it): its groups.
  const type = lb.inputs.ipAddressType;
  const openings =
    balancer && !guessed ? internetOpenings(model, balancer, isUnknown(type) ? "unknown" : balancer.ipv6) : [];
  const opened = openings.find((o) => !o.unverified);
  if (opened) return { around: "yes", why: `${AROUND}: ${opened.why}` };
  if (guessed && !unseen.unknown)
    return { around: "yes", why: `no security group of its own in the stack: nothing shows it is not ${AROUND}` };
  if (unseen.unknown)
    return {
      around: "unknown",
      open: { field: "securityGroups", question: `whether a security group of ${lb.name} leaves it ${AROUND}` },
    };
  const unverified = through.find((e) => e.unverified);
  if (unverified) return unsure(lb, PATH_VALUE, renderPath(unverified));
  const maybeOpened = openings.find((o) => o.unverified);
  if (maybeOpened) return unsure(lb, PATH_VALUE, maybeOpened.why);
  return balancer ? listsAround(ctx, lb, balancer) : { around: "no" };
}

/** Prefix lists outside the stack the groups admit on a listener port: each must be CloudFront's origin-facing one. */
function listsAround(ctx: Around, lb: GenericResource, balancer: LoadBalancer): WayAround {
  const region = balancerRegion(ctx.res, lb);
  for (const rule of outsideListRules(ctx.model, balancer)) {
    if (rule.id === UNKNOWN_LIST)
      return unsure(lb, "prefixListId", `${rule.label} admits a prefix list whose id is unknown at preview`);
    const doubt = outsideListDoubt(rule.id, region, ctx.cloudFrontLists);
    if (doubt) return unsure(lb, `what prefix list ${rule.id} holds`, `${rule.label} admits it; ${doubt}`);
  }
  return { around: "no" };
}

const LIST_ADMITS_ALL = "CloudFront's origin-facing list admits every distribution, another account's too";

/** What the gate check reads: the stack, its model, the listener rules by listener and those on no known one. */
interface GateContext {
  res: Resolver;
  model: NetworkModel;
  rulesOf: (listener: string) => GenericResource[];
  unplaced: readonly GenericResource[];
}

/**
 * Whether the ALB's listeners the origin-facing list admits forward only requests carrying the secret header the
 * distributions with a web ACL in front send (waf-endpoints-cloudfront-gate.ts), read alike for the program's
 * resources and a template's (listeners, rules and origin custom headers: aws-template-listeners.ts,
 * aws-template-endpoints.ts). What a template leaves unknown at preview is the gate's own open question.
 */
function gateOf(
  ctx: GateContext,
  lb: GenericResource,
  front: CloudFrontInFront,
  targets: readonly GenericResource[],
  hosts: readonly string[],
): GateAnswer {
  const withAcl = front.distributions.filter((cf) => hasWebAcl(cf) !== "no");
  const balancer = ctx.model.loadBalancers.get(lb.urn);
  if (!balancer) return { gated: "yes" };
  const headers = originHeaders(withAcl, targets, hosts);
  return originGate(ctx.res, listenersOpenToLists(ctx.model, balancer), ctx.rulesOf, headers, ctx.unplaced);
}

/**
 * The container that deploys a template ALB: a program distribution's origin taken from its outputs (unknown at
 * preview) may be the ALB. Counting it in front is safe, since the ALB passes only when its listeners forward just
 * requests carrying the header that distribution's origin sends.
 */
function containerOf(res: Resolver, lb: GenericResource): GenericResource[] {
  if (!isTemplateResourceId(lb.inputs.id)) return [];
  return res.ofType(...TEMPLATE_CONTAINERS.keys()).filter((c) => deployedBy(lb.inputs.id, c.urn));
}

const unsureGate = (lb: GenericResource, gate: Extract<GateAnswer, { gated: "unknown" }>): OpenQuestion => ({
  field: gate.field,
  question: `whether ${lb.name} is ${AROUND}: ${LIST_ADMITS_ALL}, and ${gate.why}`,
});

/** Judges ALBs that distributions with a web ACL have as an origin; `undefined` for an ALB no such one has. */
export type CloudFrontOriginCheck = (lb: GenericResource, what: string, exposed: Proof) => StackFinding[] | undefined;

/**
 * `exposed`: whether the ALB is proven internet-facing (the rule's own answer); `open` the question it leaves;
 * `cloudFrontLists`: ids config names as CloudFront's origin-facing list besides AWS's per-region ones.
 * The network model and its exposures are built only when some ALB is an origin of such a distribution.
 */
export function cloudFrontOriginCheck(
  res: Resolver,
  model: () => NetworkModel,
  open: OpenQuestion,
  cloudFrontLists: readonly string[],
): CloudFrontOriginCheck {
  const cdns = distributionsMayHaveWaf(res);
  const recordsOf = recordsNamingBalancer(res);
  const rulesOf = rulesByListener(res);
  const unplaced = unplacedRules(res);
  let rows: readonly Exposure[] | undefined;
  return (lb, what, exposed) => {
    if (cdns.length === 0) return undefined;
    const dns = recordsOf(lb);
    const targets = [lb, ...dns.records, ...containerOf(res, lb)];
    const hosts = [str(lb.inputs.dnsName) ?? "", ...dns.hosts];
    const front = webAclInFront(cdns, targets, hosts);
    if (front.waf === "no") return undefined;
    const m = model();
    const way = wayAround({ res, model: m, rows: (rows ??= internetExposuresOnce(m)), cloudFrontLists }, lb);
    if (way.around === "yes") return unprotected(lb, `${what} (${way.why})`, exposed, open, FIX);
    const gate = gateOf({ res, model: m, rulesOf, unplaced }, lb, front, targets, hosts);
    if (gate.gated === "no")
      return unprotected(lb, `${what} (${AROUND}: ${LIST_ADMITS_ALL}, and ${gate.why})`, exposed, open, FIX);
    if (exposed === "no") return [];
    if (way.around === "unknown") return unprotected(lb, what, "unknown", way.open, FIX);
    if (gate.gated === "unknown") return unprotected(lb, what, "unknown", unsureGate(lb, gate), FIX);
    return front.waf === "yes" ? [] : unprotected(lb, what, "unknown", openWebAclInFront(front, lb.name));
  };
}
