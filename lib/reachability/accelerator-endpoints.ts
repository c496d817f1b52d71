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
   * May name nothing of the stack: a known id the stack does not declare, an unknown one no dependency explains
   * (with `names` too when a literal may be either), or no id at all.
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
  const own = ids.map((id) => res.byValue(id, types));
  const claimed = new Set(own.filter((u): u is string => u !== undefined));
  // What the group's dependencies explain: references unknown at preview first, then literals the resolver kept.
  const viaDependency = named.urns.filter((u) => !claimed.has(u));
  const external = new Set(named.external);
  const ambiguous = new Set(named.ambiguous);
  // The dependencies explain the ids unknown at preview in list order; those beyond them name something outside.
  const unknownIds = ids.flatMap((id, i) => (isReference(id) ? [i] : []));
  return {
    urns: named.urns,
    configurations: configs.map((config, i) => {
      const id = ids[i];
      const ownUrn = own[i];
      if (ownUrn !== undefined) return { config, id, names: [ownUrn], outside: false };
      // A configuration naming no endpoint names nothing of the stack: the accelerator's own row stands for it.
      if (id === undefined || id === null) return { config, id, names: [], outside: true };
      if (isLiteral(id)) {
        // A literal that may be a dependency's id as well as one outside (resolver.ts) is both.
        const outside = external.has(id);
        return { config, id, names: outside && !ambiguous.has(id) ? [] : viaDependency, outside };
      }
      return { config, id, names: viaDependency, outside: unknownIds.indexOf(i) >= viaDependency.length };
    }),
  };
}

const isLiteral = (id: unknown): id is string => typeof id === "string" && !isUnknown(id);

/** An id only a dependency can explain: unknown at preview (or anything but a known string). */
const isReference = (id: unknown): boolean => id !== undefined && id !== null && !isLiteral(id);
