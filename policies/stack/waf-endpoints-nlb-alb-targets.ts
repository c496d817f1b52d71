// A network load balancer listener may forward to application load balancers (target groups of targetType "alb",
// AWS's "Application Load Balancer as a target of a Network Load Balancer"): every request then passes the ALB's web
// ACL, so the listener is no web entry point without a WAF. An internal ALB reached that way is on the internet
// through the NLB, and needs a web ACL like any internet-facing one. A group or attachment the stack cannot link
// leaves the question open.
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { AWS } from "../../lib/reachability/aws/tokens";
import { targetTypeOf } from "../../lib/reachability/aws/target-ports";
import { Fronting } from "./waf-endpoints-associations";

/**
 * What the listener forwards to: not only ALBs (judged as a layer-4 listener), ALBs all with a web ACL, ALBs of
 * which some have none, or links the stack cannot read.
 */
export type AlbTargets =
  | { kind: "not-albs" }
  | { kind: "fronted" }
  | { kind: "unprotected"; albs: GenericResource[] }
  | { kind: "unknown"; why: string };

/** The target group references a listener's forward actions hold (an action unknown at preview may name any). */
function forwardRefs(actions: unknown): unknown[] {
  if (isUnknown(actions)) return [actions];
  const refs: unknown[] = [];
  for (const a of list(actions)) {
    if (isUnknown(a)) refs.push(a);
    const type = prop(a, "type");
    if (str(type) !== undefined && str(type)?.toLowerCase() !== "forward") continue;
    if (prop(a, "targetGroupArn") !== undefined) refs.push(prop(a, "targetGroupArn"));
    for (const tg of list(prop(prop(a, "forward"), "targetGroups"))) refs.push(prop(tg, "arn"));
  }
  return refs;
}

/** The ALBs attached to an ALB-type target group; undefined when an attachment names one the stack lacks. */
function attachedAlbs(res: Resolver, tg: GenericResource): GenericResource[] | undefined {
  const attachments = res
    .ofType(...AWS.targetGroupAttachment)
    .filter((a) => res.one(a, "targetGroupArn", a.inputs.targetGroupArn, AWS.targetGroup) === tg.urn);
  const albs = attachments.map((a) => res.one(a, "targetId", a.inputs.targetId, AWS.lb));
  if (albs.length === 0 || albs.some((urn) => urn === undefined)) return undefined;
  return albs.map((urn) => res.get(urn!)!);
}

/**
 * `webAcl`: whether an ALB has a web ACL association ("yes", an open question when one may, absent when none), as the ALB
 * check reads it (waf-endpoints-associations.ts).
 */
export function albTargetsOf(
  res: Resolver,
  listener: GenericResource,
  webAcl: ReadonlyMap<string, Fronting>,
): AlbTargets {
  const refs = forwardRefs(listener.inputs.defaultActions);
  const { urns, external } = res.many(listener, "defaultActions", refs, AWS.targetGroup);
  const groups = urns.map((urn) => res.get(urn)!);
  const types = groups.map(targetTypeOf);
  // Any group of hosts behind it: the listener serves those hosts at layer 4, whatever the others are.
  if (!types.some((t) => t === "alb" || t === "unknown") || types.some((t) => t !== "alb" && t !== "unknown"))
    return { kind: "not-albs" };
  if (external.length > 0 || urns.length < refs.length)
    return { kind: "unknown", why: "a target group the stack does not declare" };
  if (types.includes("unknown")) return { kind: "unknown", why: "a target group's targetType" };
  const unprotected: GenericResource[] = [];
  let open: string | undefined;
  for (const tg of groups) {
    const albs = attachedAlbs(res, tg);
    if (albs === undefined) {
      open ??= `the load balancer attached to target group ${tg.name}`;
      continue;
    }
    for (const alb of albs) {
      const waf = webAcl.get(alb.urn);
      if (waf === undefined) unprotected.push(alb);
      else if (waf !== "yes") open ??= `${waf.field} of the web ACL association of ${alb.name}`;
    }
  }
  if (unprotected.length > 0) return { kind: "unprotected", albs: [...new Set(unprotected)] };
  return open ? { kind: "unknown", why: open } : { kind: "fronted" };
}
