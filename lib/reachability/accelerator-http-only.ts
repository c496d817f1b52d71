// An accelerator listener that forwards only to balancers speaking only HTTP (application load balancers): the
// accelerator answers nothing itself, and sends a port to a balancer's listener on that port only, which speaks HTTP.
// Its own row then reaches no SSH, RDP or VNC login, as a row through the ALB itself does not (Listener.httpOnly).
// A host, an outside backend, an Elastic IP or any balancer that carries other traffic among its endpoints keeps the
// row as it is: the model cannot say what answers there.
import { SERVER_TYPES } from "./alicloud/network-interfaces";
import { ALI } from "./alicloud/tokens";
import { AWS, AWS_INSTANCES } from "./aws/tokens";
import { Exposure } from "./exposure";
import { intersectRange } from "./intervals";
import { Listener, LoadBalancer, NetworkModel } from "./model";
import { isUnknown, list, prop } from "./resource";

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
  return balancers.every((b) => speaksOnlyHttp(m.loadBalancers.get(b.balancer))) && !namesUnfollowed(m, piece.urn);
}

/** Every listener HTTP-only; a balancer without listeners shows nothing of its kind and is not assumed one. */
function speaksOnlyHttp(lb: LoadBalancer | undefined): boolean {
  return !!lb && lb.listeners.length > 0 && lb.listeners.every((l) => l.httpOnly);
}

/** How each cloud's endpoint groups name their listener and endpoints, and what an endpoint may be in the stack. */
const ENDPOINT_GROUPS = [
  {
    type: AWS.gaEndpointGroup,
    listener: { prop: "listenerArn", types: [AWS.gaListener] },
    endpoint: "endpointId",
    types: [...AWS.lb, ...AWS_INSTANCES, AWS.eip],
  },
  {
    type: ALI.gaEndpointGroup,
    listener: { prop: "listenerId", types: [ALI.gaListener] },
    endpoint: "endpoint",
    types: [...ALI.slb, ALI.alb, ALI.nlb, ...SERVER_TYPES],
  },
];

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
      if (owner !== listenerUrn && !(owner === undefined && isUnknown(ref))) return false;
      const ids = list(g.inputs.endpointConfigurations).map((c) => (isUnknown(c) ? c : prop(c, kind.endpoint)));
      const named = res.many(g, "endpointConfigurations", ids, kind.types);
      return named.external.length > 0 || named.urns.some((u) => !m.loadBalancers.has(u));
    }),
  );
}
