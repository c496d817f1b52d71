// The groups a single Alibaba Cloud group reference (a container group's or scaling configuration's
// `securityGroupId`, an NLB group attachment's) links: the one it names or, when it may name several groups of the
// stack and nothing tells which (Resolver.candidates), each of them, carried only possibly (group-links.ts): their
// accepts open (fails closed), their drops close only their own group's accepts, since one of them could hide
// another's opening.
import { GroupLinks, linksOf } from "../group-links";
import { NetworkModel } from "../model";
import { GenericResource } from "../resource";
import { ALI } from "./tokens";

export function singleGroupCandidates(m: NetworkModel, r: GenericResource, propName: string): GroupLinks {
  const found = m.resolver.candidates(r, propName, r.inputs[propName], [ALI.securityGroup]);
  return linksOf(found.urns, found.ambiguous ? found.urns : []);
}
