// The endpoints of a Global Accelerator endpoint group, on either cloud, resolved together. Instance ids, balancer
// ARNs and addresses share one list, and the group's dependencies explain its references unknown at preview only:
// looked up one by one, a literal ARN of a balancer outside the stack beside a reference to the stack's one ALB would
// be explained by that dependency and taken for the ALB. Looked up together, the dependency explains the reference,
// and the literal stays an endpoint outside the stack (outside-backends.ts). Of several literals and fewer
// dependencies, one whose ARN names another kind or name of balancer is outside wherever it stands; literals nothing
// tells apart are each both the dependency's and outside.
import { SERVER_TYPES } from "./alicloud/network-interfaces";
import { ALI } from "./alicloud/tokens";
import { AWS, AWS_INSTANCES } from "./aws/tokens";
import type { Resolver } from "./resolver";
import { GenericResource, isUnknown, list, prop } from "./resource";

const CONFIGURATIONS = "endpointConfigurations";

/** How a cloud's endpoint groups name their listener and endpoints, and what an endpoint may be in the stack. */
export interface EndpointGroupKind {
  type: string;
  listener: { prop: string; types: readonly string[] };
  /** The key of a configuration holding the endpoint's id. */
  endpoint: string;
  types: readonly string[];
}

export const AWS_ENDPOINT_GROUPS: EndpointGroupKind = {
  type: AWS.gaEndpointGroup,
  listener: { prop: "listenerArn", types: [AWS.gaListener] },
  endpoint: "endpointId",
  // An instance, an ALB / NLB or an Elastic IP.
  types: [...AWS.lb, ...AWS_INSTANCES, AWS.eip],
};

export const ALICLOUD_ENDPOINT_GROUPS: EndpointGroupKind = {
  type: ALI.gaEndpointGroup,
  listener: { prop: "listenerId", types: [ALI.gaListener] },
  endpoint: "endpoint",
  types: [...ALI.slb, ALI.alb, ALI.nlb, ...SERVER_TYPES],
};

/** One endpoint configuration and what of the stack it may name. */
export interface EndpointConfiguration {
  config: unknown;
  /** The endpoint's id as the configuration holds it (unknown at preview, a literal, absent). */
  id: unknown;
  /** Resources of the stack: the one its id names, or any the group depends on when a dependency explains the id. */
  names: string[];
  /**
   * May name nothing of the stack: a known id the stack does not declare, or an unknown one no dependency explains
   * (with `names` too when a literal may be either).
   */
  outside: boolean;
}

export interface GroupEndpoints {
  /** Resources of the stack the endpoints name. */
  urns: string[];
  configurations: EndpointConfiguration[];
}

/** The group's endpoints, linked to resources of the kinds an endpoint may name. */
export function groupEndpoints(res: Resolver, group: GenericResource, kind: EndpointGroupKind): GroupEndpoints {
  const { types } = kind;
  const configs = list(group.inputs[CONFIGURATIONS]);
  const ids = configs.map((c) => (isUnknown(c) ? c : prop(c, kind.endpoint)));
  const named = res.many(group, CONFIGURATIONS, ids, types);
  const own = ids.map((id) => byValue(res, group, id, types));
  const claimed = new Set(own.filter((u): u is string => u !== undefined));
  // What the group's dependencies explain: references unknown at preview first, then literals the resolver kept.
  const viaDependency = named.urns.filter((u) => !claimed.has(u));
  const external = new Set(named.external);
  const ambiguous = new Set(named.ambiguous);
  let pending = 0;
  return {
    urns: named.urns,
    configurations: configs.map((config, i) => {
      const id = ids[i];
      const ownUrn = own[i];
      if (ownUrn !== undefined) return { config, id, names: [ownUrn], outside: false };
      if (id === undefined || id === null) return { config, id, names: [], outside: false };
      if (typeof id === "string" && !isUnknown(id)) {
        // A literal that may be a dependency's id as well as one outside (resolver.ts) is both.
        const outside = external.has(id);
        return { config, id, names: outside && !ambiguous.has(id) ? [] : viaDependency, outside };
      }
      // Unknown ids beyond the dependencies left to explain them name something outside the stack.
      return { config, id, names: viaDependency, outside: pending++ >= viaDependency.length };
    }),
  };
}

/** Is `urn` a resource of the stack of one of `types`? */
export const isOfType = (res: Resolver, urn: string, types: readonly string[]): boolean =>
  types.includes(res.get(urn)?.type ?? "");

/** The resource a known id names by what it says alone, not by any dependency of the group. */
function byValue(res: Resolver, group: GenericResource, id: unknown, types: readonly string[]): string | undefined {
  if (typeof id !== "string" || isUnknown(id)) return undefined;
  return res.many({ ...group, propertyDependencies: {}, dependencies: [] }, CONFIGURATIONS, [id], types).urns[0];
}
