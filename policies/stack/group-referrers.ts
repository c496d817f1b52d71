// Resources of the stack that carry a security group without being a host or balancer of the network model: a
// function or build project in the VPC, a launch template, an attachment to an interface outside the stack. Any
// resource whose inputs name the group (by property dependency or its known id or ARN) counts, except what only
// writes rules about it (groups, rule resources), the hosts and balancers the model already weighs, and what belongs
// to a bastion (its launch template, an interface or attachment linked to it).
import type { NetworkModel } from "../../lib/reachability";
import { GenericResource, isUnknown, str, unwrap } from "../../lib/reachability/resource";

/**
 * Rule resources (ingress or egress, of either cloud) name a group they are about, not one they carry; a tag resource
 * describes the group.
 */
const RULE_TYPE = /securitygroup\w*(rule|ingress|egress)|\/tag:Tag$/i;

/** Inputs by which other resources name a group once its values are known. */
const GROUP_IDS = ["id", "arn"];

/** The resource behind a model node: endpoint hosts are keyed `urn#endpoint`. */
const resourceUrn = (key: string) => key.split("#")[0];

/** Input property → URNs its value came from; the resource-wide list when the engine sent none per property. */
function referenced(r: GenericResource): Set<string> {
  const byProp = Object.values(r.propertyDependencies);
  return new Set(byProp.length > 0 ? byProp.flat() : r.dependencies);
}

/** URNs the resource's inputs came from: an explicit `dependsOn` orders, it does not attach a group. */
function namedInInputs(r: GenericResource): Set<string> {
  return new Set(Object.values(r.propertyDependencies).flat());
}

function mentions(v: unknown, ids: ReadonlySet<string>): boolean {
  const u = unwrap(v);
  if (typeof u === "string") return !isUnknown(u) && ids.has(u);
  if (Array.isArray(u)) return u.some((x) => mentions(x, ids));
  if (u && typeof u === "object") return Object.values(u).some((x) => mentions(x, ids));
  return false;
}

export interface GroupReferrers {
  /** The resources outside the model's hosts and balancers (and bastions' own parts) that name `sg`. */
  of(sg: string): GenericResource[];
}

/** `bastions`: URNs of the model's hosts that are bastions. */
export function groupReferrers(m: NetworkModel, bastions: ReadonlySet<string>): GroupReferrers {
  const all = m.resolver.resources;
  const deps = new Map(all.map((r) => [r.urn, referenced(r)]));
  const inputs = new Map(all.map((r) => [r.urn, namedInInputs(r)]));
  const modelled = new Set<string>();
  for (const key of [...m.hosts.keys(), ...m.loadBalancers.keys()]) modelled.add(resourceUrn(key));
  const groupTypes = new Set([...m.securityGroups.values()].map((g) => g.type));
  const ruleUrns = new Set([...m.securityGroups.values()].flatMap((g) => g.rules.map((r) => r.urn)));
  const bastionUrns = new Set([...bastions].map(resourceUrn));
  // Linked to a bastion: it depends on one, a bastion depends on it, or a third resource joins it to one.
  const linked = (urn: string) => {
    const own = deps.get(urn) ?? new Set<string>();
    if ([...bastionUrns].some((b) => own.has(b) || deps.get(b)?.has(urn))) return true;
    return all.some((x) => deps.get(x.urn)?.has(urn) && [...bastionUrns].some((b) => deps.get(x.urn)?.has(b)));
  };
  const candidate = (r: GenericResource) =>
    !modelled.has(r.urn) && !groupTypes.has(r.type) && !ruleUrns.has(r.urn) && !RULE_TYPE.test(r.type);
  return {
    of(sg) {
      const group = m.resolver.get(sg);
      const ids = new Set(GROUP_IDS.map((k) => str(group?.inputs[k])).filter((v): v is string => !!v && !isUnknown(v)));
      return all.filter(
        (r) =>
          r.urn !== sg &&
          candidate(r) &&
          (inputs.get(r.urn)?.has(sg) || (ids.size > 0 && mentions(r.inputs, ids))) &&
          !linked(r.urn),
      );
    },
  };
}
