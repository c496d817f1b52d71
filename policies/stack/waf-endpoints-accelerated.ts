// Balancers an AWS Global Accelerator forwards to: an internal ALB named by an endpoint group takes the internet's
// requests on the ports the accelerator forwards, so it needs a web ACL like an internet-facing one. An endpoint
// group whose accelerator cannot be found counts; one of an accelerator created disabled does not.
import { Resolver } from "../../lib/reachability/internals";
import { bool, isUnknown, list, prop } from "../../lib/reachability/resource";
import { AWS } from "../../lib/reachability/aws/tokens";

export const ACCELERATOR_TYPES = [AWS.gaAccelerator, AWS.gaListener, AWS.gaEndpointGroup];

/** URNs of the balancers (of `lbTypes`) that an enabled accelerator's endpoint group names. */
export function acceleratedBalancers(res: Resolver, lbTypes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const group of res.ofType(AWS.gaEndpointGroup)) {
    const listener = res.get(res.one(group, "listenerArn", group.inputs.listenerArn, [AWS.gaListener]) ?? "");
    const accelerator =
      listener &&
      res.get(res.one(listener, "acceleratorArn", listener.inputs.acceleratorArn, [AWS.gaAccelerator]) ?? "");
    if (accelerator && bool(accelerator.inputs.enabled) === false) continue;
    const ids = list(group.inputs.endpointConfigurations).map((c) => (isUnknown(c) ? c : prop(c, "endpointId")));
    for (const urn of res.many(group, "endpointConfigurations", ids, lbTypes).urns) out.add(urn);
  }
  return out;
}
