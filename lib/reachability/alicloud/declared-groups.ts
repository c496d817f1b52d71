// The security groups a resource names itself, in list or single-id inputs: databases and node pools accept both
// spellings, and a group named in both counts once. A group an input may not name (Resolver.many `possible`) is
// carried only possibly (group-links.ts), unless another input names it for certain. A list unknown at preview as a
// whole (`pulumi.all([web.id, guard.id])`, a component's list output) carries every group it depends on.
import { GroupLinks, joinLinks, linksOf } from "../group-links";
import { GenericResource, isUnknown, list, unwrap } from "../resource";
import { Resolver } from "../resolver";
import { ALI } from "./tokens";

/** Group inputs holding a list of ids; `securityGroupId` holds one. */
const LIST_INPUTS = new Set(["securityGroups", "securityGroupIds"]);

/**
 * The list input is unknown at preview as a whole: how many groups it holds is unknown, so its dependencies do not
 * outnumber its values (Resolver.many `countUnknown`).
 */
export function wholeListUnknown(r: GenericResource, prop: string): boolean {
  return LIST_INPUTS.has(prop) && isUnknown(unwrap(r.inputs[prop]));
}

export function groupInputs(res: Resolver, r: GenericResource, props: readonly string[]): GroupLinks {
  return joinLinks(
    ...props.map((p) => {
      const refs = res.many(r, p, list(r.inputs[p]), [ALI.securityGroup], wholeListUnknown(r, p));
      return linksOf(refs.urns, refs.possible);
    }),
  );
}

export function declaredSecurityGroups(res: Resolver, r: GenericResource): GroupLinks {
  return groupInputs(res, r, ["securityGroupIds", "securityGroupId"]);
}
