// The groups of the model a security group rule resource attaches to: the one its `securityGroupId` names or, when
// it may name several groups of the stack and nothing tells which (Resolver.candidates), each of them. The rule
// opens whichever it names, so an opening is not lost to the ambiguity; its name in paths says so.
import { NetworkModel, SecurityGroup } from "./model";
import { GenericResource } from "./resource";

export const SEVERAL_GROUPS = "one of several groups it may name";

export interface RuleGroups {
  groups: { urn: string; sg: SecurityGroup }[];
  /** How paths name the rule. */
  name: string;
  /** The rule may be on another of `groups` than each one it is read on. */
  ambiguous: boolean;
}

export function ruleGroups(m: NetworkModel, r: GenericResource, types: readonly string[]): RuleGroups {
  const found = m.resolver.candidates(r, "securityGroupId", r.inputs.securityGroupId, types);
  const groups = found.urns.flatMap((urn) => {
    const sg = m.securityGroups.get(urn);
    return sg ? [{ urn, sg }] : [];
  });
  return { groups, name: found.ambiguous ? `${r.name}, ${SEVERAL_GROUPS}` : r.name, ambiguous: found.ambiguous };
}
