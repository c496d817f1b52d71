// The security groups a resource names itself, in either the list or the single-id input: databases and node pools
// accept both spellings, and a group named in both counts once.
import { GenericResource, list } from "../resource";
import { Resolver } from "../resolver";
import { ALI } from "./tokens";

export function declaredSecurityGroups(res: Resolver, r: GenericResource): string[] {
  const groups = ["securityGroupIds", "securityGroupId"].flatMap(
    (p) => res.many(r, p, list(r.inputs[p]), [ALI.securityGroup]).urns,
  );
  return [...new Set(groups)];
}
