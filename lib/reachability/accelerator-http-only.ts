// An accelerator listener that forwards only to balancers speaking only HTTP (application load balancers): the
// accelerator answers nothing itself, and sends a port to a balancer's listener on that port only, which speaks HTTP.
// Its own row then reaches no SSH, RDP or VNC login, as a row through the ALB itself does not (Listener.httpOnly).
// An AWS balancer without listeners accepts nothing, so forwards nothing either. A host, an outside backend, an
// Elastic IP or any balancer that carries other traffic among its endpoints keeps the row as it is: the model cannot
// say what answers there.
import { ALICLOUD_ENDPOINT_GROUPS, AWS_ENDPOINT_GROUPS, groupEndpoints } from "./accelerator-endpoints";
import { Exposure } from "./exposure";
import { intersectRange } from "./intervals";
import { AWS } from "./aws/tokens";
import { Listener, NetworkModel } from "./model";
import { literalMayName } from "./literal-fit";
import type { Resolver } from "./resolver";
import { GenericResource, isUnknown, unwrap } from "./resource";

/** Does the row end at an accelerator whose listeners on its ports forward only to HTTP-only balancers? */
export function acceleratorReachesOnlyHttp(m: NetworkModel, e: Exposure): boolean {
  const accelerator = m.loadBalancers.get(e.urn);
  if (!accelerator) return false;
  // The model listeners the row came through: pieces of the accelerator listener it names, on its ports.
  const pieces = accelerator.listeners.filter((l) => e.causes.includes(l.urn) && intersectRange(l.ports, e.ports));
  return pieces.length > 0 && pieces.every((l) => forwardsOnlyToHttp(m, l));
}

function forwardsOnlyToHttp(m: NetworkModel, piece: Listener): boolean {
  const balancers = piece.balancers ?? [];
  if (piece.targets.length > 0 || (piece.outside ?? []).length > 0 || balancers.length === 0) return false;
  return balancers.every((b) => speaksOnlyHttp(m, b.balancer)) && !namesUnfollowed(m, piece.urn);
}

/** Every listener HTTP-only; a balancer without listeners shows nothing of its kind and must accept nothing. */
function speaksOnlyHttp(m: NetworkModel, balancer: string): boolean {
  const lb = m.loadBalancers.get(balancer);
  if (!lb) return false;
  return lb.listeners.length > 0 ? lb.listeners.every((l) => l.httpOnly) : acceptsNothing(m, balancer);
}

/**
 * An AWS ALB or NLB receives traffic only on its listeners: without one it accepts nothing. A listener of the stack
 * whose balancer is unknown at preview and linked to none, that may be this one among several, or that names it by a
 * literal ARN naming nothing of the stack but fitting it (its own ARN unknown at preview), may yet be its.
 */
function acceptsNothing(m: NetworkModel, balancer: string): boolean {
  const res = m.resolver;
  if (!res.isOfType(balancer, AWS.lb)) return false;
  return !res.ofType(...AWS.listener).some((l) => mayListenOn(res, l, balancer));
}

function mayListenOn(res: Resolver, listener: GenericResource, balancer: string): boolean {
  const ref = listener.inputs.loadBalancerArn;
  const named = res.many(listener, "loadBalancerArn", [ref], AWS.lb);
  if (named.urns.includes(balancer)) return true;
  const value = unwrap(ref);
  if (isUnknown(value)) return named.urns.length === 0;
  return typeof value === "string" && named.external.includes(value) && literalMayName(res.get(balancer)!, value);
}

const ENDPOINT_GROUPS = [AWS_ENDPOINT_GROUPS, ALICLOUD_ENDPOINT_GROUPS];

/**
 * Does an endpoint group of the listener name anything but a balancer of the stack? An Elastic IP or an instance the
 * model does not follow into the piece, and an id left unexplained when the group's endpoints are resolved together
 * (one outside balancer beside a reference to the ALB), keep the accelerator's own row standing for them.
 */
function namesUnfollowed(m: NetworkModel, listenerUrn: string): boolean {
  const res = m.resolver;
  return ENDPOINT_GROUPS.some((kind) =>
    res.ofType(kind.type).some((g) => {
      const ref = g.inputs[kind.listener.prop];
      const owner = res.one(g, kind.listener.prop, ref, kind.listener.types);
      // A group whose listener is unknown at preview and linked to none may be this listener's.
      if (owner !== listenerUrn && !(owner === undefined && isUnknown(unwrap(ref)))) return false;
      const named = groupEndpoints(res, g, kind);
      return named.configurations.some((c) => c.outside) || named.urns.some((u) => !m.loadBalancers.has(u));
    }),
  );
}
