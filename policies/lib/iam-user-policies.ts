// The IAM policy documents of the plan that apply to one IAM user: inline policies of the user and of its groups, and
// managed policies attached to either (by user/group attachments or by a PolicyAttachment's lists). A user and a group
// are named by name (a login profile's `user`, a membership's `groups`); at preview a new name may be unknown, and a
// property dependency on the resource that names it links them instead (links.ts).
import type { GenericResource } from "../../lib/reachability";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, list } from "../../lib/values";
import {
  IAM_GROUP,
  IAM_GROUP_MEMBERSHIP,
  IAM_GROUP_POLICY,
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_USER,
  IAM_USER_GROUP_MEMBERSHIP,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
} from "./identity-types";
import { isKnownName } from "./known-text";
import { linkOf } from "./links";

/** A user or some groups as references may name them: known names, and the resources whose outputs they may be. */
interface Principal {
  names: Set<string>;
  urns: Set<string>;
}

/** A policy document that reaches the user, and where it comes from (for messages). */
export interface ReachingDocument {
  document: unknown;
  /** "user policy ops-deny's policy", "policy force-mfa's policy". */
  field: string;
}

const byType = (resources: readonly GenericResource[], type: string) => resources.filter((r) => r.type === type);

/**
 * Whether `key` of `from` (one name or a list of names) names the principal: a known entry equal to one of its known
 * names, or, for an entry unknown at preview or a principal whose names are all unknown, a property dependency on one
 * of its resources. A known entry that differs names another principal even when built from one of these.
 */
function names(from: GenericResource, key: string, p: Principal): boolean {
  const value = unwrap(from.inputs[key]);
  const entries = list(value).map(unwrap);
  if (entries.some((e) => isKnownName(e) && p.names.has(e))) return true;
  const comparable = p.names.size > 0 && !isUnknown(value) && entries.every(isKnownName);
  if (comparable) return false;
  return (from.propertyDependencies[key] ?? []).some((u) => p.urns.has(u));
}

/** Adds a resource and its known names to a principal. */
function include(p: Principal, r: GenericResource, fields: readonly string[]): void {
  p.urns.add(r.urn);
  for (const f of fields) {
    const name = unwrap(r.inputs[f]);
    if (isKnownName(name)) p.names.add(name);
  }
}

/** The user a login profile signs in as: its `user` name and every aws.iam.User that name surely refers to. */
function userOf(profile: GenericResource, resources: readonly GenericResource[]): Principal {
  const user: Principal = { names: new Set(), urns: new Set() };
  const name = unwrap(profile.inputs.user);
  if (isKnownName(name)) user.names.add(name);
  // A template user carries its id (what `Ref` gives) beside its name.
  for (const u of byType(resources, IAM_USER))
    if (linkOf(profile, "user", u, ["name", "id"]) === "yes") include(user, u, ["name", "id"]);
  return user;
}

/** Named entries of a membership's group field, and the resources unknown entries depend on. */
function addNamed(groups: Principal, from: GenericResource, key: string): void {
  const value = unwrap(from.inputs[key]);
  const entries = list(value).map(unwrap);
  for (const e of entries) if (isKnownName(e)) groups.names.add(e);
  if (isUnknown(value) || entries.some(isUnknown))
    for (const u of from.propertyDependencies[key] ?? []) groups.urns.add(u);
}

/** The groups the plan puts the user in, through either kind of membership. */
function groupsOf(user: Principal, resources: readonly GenericResource[]): Principal {
  const groups: Principal = { names: new Set(), urns: new Set() };
  for (const m of byType(resources, IAM_USER_GROUP_MEMBERSHIP))
    if (names(m, "user", user)) addNamed(groups, m, "groups");
  for (const m of byType(resources, IAM_GROUP_MEMBERSHIP)) if (names(m, "users", user)) addNamed(groups, m, "group");
  // A group named by name or by dependency brings its other names (a template group's id) along.
  for (const g of byType(resources, IAM_GROUP)) {
    const named = [g.inputs.name, g.inputs.id].map(unwrap).some((n) => isKnownName(n) && groups.names.has(n));
    if (named || groups.urns.has(g.urn)) include(groups, g, ["name", "id"]);
  }
  return groups;
}

/** The managed policy an attachment's `policyArn` names: by dependency at preview, by ARN, or by the ARN's name. */
/**
 * A customer managed policy's path and name from its ARN (`arn:aws:iam::123456789012:policy/team/force-mfa` →
 * "/team/force-mfa"); an AWS managed policy (account "aws") is none of the stack's.
 */
function customerPolicyPath(arn: string): string | undefined {
  const match = /^arn:[^:]+:iam::([^:]*):policy(\/.*)$/.exec(arn);
  return match && match[1] !== "aws" ? match[2] : undefined;
}

/** The path a policy of the stack is created under ("/" by default). */
function policyPathOf(p: GenericResource): string {
  const path = unwrap(p.inputs.path);
  return typeof path === "string" && path !== "" ? path : "/";
}

function attachedPolicies(attachment: GenericResource, resources: readonly GenericResource[]): GenericResource[] {
  const arn = unwrap(attachment.inputs.policyArn);
  const named = isKnownName(arn) ? customerPolicyPath(arn) : undefined;
  return byType(resources, IAM_POLICY).filter(
    (p) =>
      linkOf(attachment, "policyArn", p, ["arn", "id"]) === "yes" ||
      (named !== undefined && named === `${policyPathOf(p)}${String(unwrap(p.inputs.name))}`),
  );
}

/** Every policy document of the plan that applies to the login profile's user. */
export function documentsReaching(profile: GenericResource, resources: readonly GenericResource[]): ReachingDocument[] {
  const user = userOf(profile, resources);
  const groups = groupsOf(user, resources);
  const reaches = (r: GenericResource) => {
    switch (r.type) {
      case IAM_USER_POLICY:
      case IAM_USER_POLICY_ATTACHMENT:
        return names(r, "user", user);
      case IAM_GROUP_POLICY:
      case IAM_GROUP_POLICY_ATTACHMENT:
        return names(r, "group", groups);
      case IAM_POLICY_ATTACHMENT:
        return names(r, "users", user) || names(r, "groups", groups);
      default:
        return false;
    }
  };
  return resources.filter(reaches).flatMap((r): ReachingDocument[] => {
    if (r.type === IAM_USER_POLICY || r.type === IAM_GROUP_POLICY)
      return [{ document: r.inputs.policy, field: `${r.name}'s policy` }];
    return attachedPolicies(r, resources).map((p) => ({ document: p.inputs.policy, field: `${p.name}'s policy` }));
  });
}
