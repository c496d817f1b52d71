// A security group the stack names only by a literal id (an existing group it does not declare) but attaches rule
// resources to: a group whose known rules are those rules. Its other rules stay out of sight, as an outside group's
// always were, but what the plan adds counts, and every reference to the same id (a host's group list, a rule's
// source) links to that one group. A value that names a declared group, by known id or dependency, never becomes one.
import { Cloud, NetworkModel } from "./model";
import { GenericResource } from "./resource";

/** The model key of the group outside the stack known by `id`. */
export function literalGroupKey(cloud: Cloud, id: string): string {
  return `literal-group:${cloud}:${id}`;
}

/** A group known only by a literal id (its unseen rules may admit anything). */
export function isLiteralGroup(key: string): boolean {
  return key.startsWith("literal-group:");
}

/**
 * A balancer's groups as the model judges them. Naming only groups outside the stack it stays groupless, answering
 * every port, as it always was: their unseen rules may admit anything, and rules the plan adds must not narrow that.
 */
export function balancerGroups(urns: string[]): string[] {
  return urns.every(isLiteralGroup) ? [] : urns;
}

/**
 * Declares a group for every literal `securityGroupId` of `rules` that names no group of `groupTypes`; `groupType` is
 * the type references look it up as. Run before the rules are read, so their order does not matter.
 */
export function declareLiteralGroups(
  m: NetworkModel,
  cloud: Cloud,
  groupType: string,
  groupTypes: readonly string[],
  rules: readonly GenericResource[],
): void {
  for (const r of rules) {
    const id = m.resolver.outsideLiteral(r, "securityGroupId", r.inputs.securityGroupId, groupTypes);
    if (id === undefined) continue;
    const key = literalGroupKey(cloud, id);
    if (m.securityGroups.has(key)) continue;
    m.securityGroups.set(key, {
      urn: key,
      name: `${id} (outside the stack)`,
      type: groupType,
      cloud,
      rules: [],
      tags: {},
    });
    m.resolver.declareLiteral(groupType, id, key);
  }
}
