// Application load balancers behind CloudFront. A CLOUDFRONT web ACL inspects only the requests that pass through
// the distribution, so it fronts an ALB only when (a) a distribution with a web ACL has the ALB as an origin (linked as
// a function URL or an HTTP API's custom domain is: webAclInFront) and (b) the network model shows no internet source
// reaching any of the ALB's listeners around it: its groups admit CloudFront's origin-facing prefix list (a list
// outside the stack, which the model never reads as the internet) and no internet block. Network and classic load
// balancers take no web ACL and the rule asks none of them for one, so only ALBs are judged here.
import { Exposure, internetExposures, NetworkModel, renderPath } from "../../lib/reachability";
import { AWS_SECURITY_GROUPS } from "../../lib/reachability/aws/tokens";
import { GenericResource, list, Resolver, str } from "../../lib/reachability/internals";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { OpenQuestion, unprotected } from "./waf-endpoint-findings";
import { distributionsMayHaveWaf, openWebAclInFront, webAclInFront } from "./waf-endpoints-cloudfront";

const FIX =
  "a CLOUDFRONT web ACL inspects only requests that pass through the distribution; admit only CloudFront's " +
  "origin-facing prefix list (com.amazonaws.global.cloudfront.origin-facing, e.g. WebFirewall.originIngressRules) " +
  "on the load balancer's security groups and remove every internet source, or associate a REGIONAL web ACL with " +
  "the load balancer (wafv2.WebAclAssociation)";
const AROUND = "reachable around the CloudFront distribution in front of it";

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

function wayAround(res: Resolver, model: NetworkModel, rows: readonly Exposure[], lb: GenericResource): WayAround {
  const through = rowsThrough(model, rows, lb);
  const unseen = unseenGroups(res, lb);
  // With none of its groups in the model, the balancer reads as admitting everyone: a guess, not a proof.
  const guessed = (model.loadBalancers.get(lb.urn)?.securityGroups.length ?? 0) === 0;
  const seen = !guessed || (unseen.outside.length === 0 && !unseen.unknown);
  // A row through a value unknown at preview (a CIDR, ports, a rule list) only may open the way.
  const proven = seen ? through.find((e) => !e.unverified) : undefined;
  if (proven) return { around: "yes", why: `${AROUND}: ${renderPath(proven)}` };
  if (unseen.outside.length > 0) {
    const groups = unseen.outside.join(", ");
    return { around: "yes", why: `security groups outside the stack (${groups}): nothing shows it is not ${AROUND}` };
  }
  if (unseen.unknown)
    return {
      around: "unknown",
      open: { field: "securityGroups", question: `whether a security group of ${lb.name} leaves it ${AROUND}` },
    };
  const unverified = through.find((e) => e.unverified);
  if (!unverified) return { around: "no" };
  return {
    around: "unknown",
    open: {
      field: "a value on the internet's path to its listeners",
      question: `whether ${lb.name} is ${AROUND}: ${renderPath(unverified)}`,
    },
  };
}

/** Judges ALBs that distributions with a web ACL have as an origin; `undefined` for an ALB no such one has. */
export type CloudFrontOriginCheck = (lb: GenericResource, what: string, exposed: Proof) => StackFinding[] | undefined;

/**
 * `exposed`: whether the ALB is proven internet-facing (the rule's own answer); `open` the question it leaves.
 * The network model and its exposures are built only when some ALB is an origin of such a distribution.
 */
export function cloudFrontOriginCheck(
  res: Resolver,
  model: () => NetworkModel,
  open: OpenQuestion,
): CloudFrontOriginCheck {
  const cdns = distributionsMayHaveWaf(res);
  let rows: Exposure[] | undefined;
  return (lb, what, exposed) => {
    const front = webAclInFront(cdns, lb, [str(lb.inputs.dnsName) ?? ""]);
    if (front.waf === "no") return undefined;
    const m = model();
    const way = wayAround(res, m, (rows ??= internetExposures(m)), lb);
    if (way.around === "yes") return unprotected(lb, `${what} (${way.why})`, exposed, open, FIX);
    if (exposed === "no") return [];
    if (way.around === "unknown") return unprotected(lb, what, "unknown", way.open, FIX);
    return front.waf === "yes" ? [] : unprotected(lb, what, "unknown", openWebAclInFront(front, lb.name));
  };
}
