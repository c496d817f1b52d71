// The groups a single Alibaba Cloud group reference (a container group's or scaling configuration's
// `securityGroupId`, an NLB group attachment's) links: the one it names or, when it may name several groups of the
// stack and nothing tells which (Resolver.candidates), each of them as long as none has a drop rule. Accepts of a
// group the resource may not carry only open more (fails closed); a drop of one may close another's opening, and a
// host cannot carry a group's accepts without its drops (rule-groups.ts can leave such a drop out because it is a rule
// of its own), so then none is linked, as `Resolver.one` does.
import { NetworkModel } from "../model";
import { GenericResource } from "../resource";
import { ALI } from "./tokens";

export function singleGroupCandidates(m: NetworkModel, r: GenericResource, propName: string): string[] {
  const found = m.resolver.candidates(r, propName, r.inputs[propName], [ALI.securityGroup]);
  if (!found.ambiguous) return found.urns;
  const drops = found.urns.some((u) => m.securityGroups.get(u)?.rules.some((rule) => rule.action === "drop"));
  return drops ? [] : found.urns;
}
