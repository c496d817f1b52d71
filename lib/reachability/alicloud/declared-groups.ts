// The security groups a resource names itself, in list or single-id inputs: databases and node pools accept both
// spellings, and a group named in both counts once. A group an input may not name (Resolver.many `possible`) is
// carried only possibly (group-links.ts), unless another input names it for certain.
import { GroupLinks, joinLinks, linksOf } from "../group-links";
import { GenericResource, list } from "../resource";
import { Resolver } from "../resolver";
import { ALI } from "./tokens";

export function groupInputs(res: Resolver, r: GenericResource, props: readonly string[]): GroupLinks {
  return joinLinks(
    ...props.map((p) => {
      const refs = res.many(r, p, list(r.inputs[p]), [ALI.securityGroup]);
      return linksOf(refs.urns, refs.possible);
    }),
  );
}

export function declaredSecurityGroups(res: Resolver, r: GenericResource): GroupLinks {
  return groupInputs(res, r, ["securityGroupIds", "securityGroupId"]);
}
