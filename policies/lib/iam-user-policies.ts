// The IAM policy documents of the plan that apply to one IAM user: inline policies of the user and of its groups, and
// managed policies attached to either (by user/group attachments or by a PolicyAttachment's lists). A user and a group
// are named by name (a login profile's `user`, a membership's `groups`); at preview a new name may be unknown, and a
// property dependency on the resource that names it links them instead (links.ts). IAM names are per account: resources
// whose providers surely act in another account than the login profile's reach other users (provider-accounts.ts).
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
import { partitionOf } from "./aws-partitions";
import { isKnownName } from "./known-text";
import { linkOf } from "./links";
import { providerAccount, sameAccount } from "./provider-accounts";

/** A user or some groups as references may name them: known names, and the resources whose outputs they may be. */
export interface Principal {
  names: Set<string>;
  urns: Set<string>;
}

/** Whom a document reaches the user through: the user itself, or one group it is in. */
export interface Holder {
  kind: "user" | "group";
  principal: Principal;
}

/** A policy document that reaches the user, and where it comes from (for messages). */
export interface ReachingDocument {
  document: unknown;
  /** "user policy ops-deny's policy", "policy force-mfa's policy". */
  field: string;
  /** The inline policy or the attachment that gives it. */
  source: GenericResource;
  /** The managed policy an attachment attaches; none for an inline policy. */
  policy?: GenericResource;
  /** Every way it reaches the user: one is enough. */
  holders: Holder[];
}

const byType = (resources: readonly GenericResource[], type: string) => resources.filter((r) => r.type === type);

/**
 * Whether `key` of `from` (one name or a list of names) names the principal: a known entry equal to one of its known
 * names, or, for an entry unknown at preview or a principal whose names are all unknown, a property dependency on one
 * of its resources. A known entry that differs names another principal even when built from one of these.
 */
export function names(from: GenericResource, key: string, p: Principal): boolean {
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
  return withGroupNames(groups, resources);
}

/** A group named by name or by dependency brings its other names (a template group's id) along. */
function withGroupNames(groups: Principal, resources: readonly GenericResource[]): Principal {
  for (const g of byType(resources, IAM_GROUP)) {
    const named = [g.inputs.name, g.inputs.id].map(unwrap).some((n) => isKnownName(n) && groups.names.has(n));
    if (named || groups.urns.has(g.urn)) include(groups, g, ["name", "id"]);
  }
  return groups;
}

/**
 * Each of the user's groups `key` of `from` names, on its own: a policy leaves a group only by that group's exclusive
 * resource, and still reaches the user through the others.
 */
function groupsNamed(
  from: GenericResource,
  key: string,
  groups: Principal,
  resources: readonly GenericResource[],
): Principal[] {
  const known = list(unwrap(from.inputs[key]))
    .map(unwrap)
    .filter((e): e is string => isKnownName(e) && groups.names.has(e));
  const each = known.map((e) => withGroupNames({ names: new Set([e]), urns: new Set() }, resources));
  if (each.length > 0) return each;
  const urns = (from.propertyDependencies[key] ?? []).filter((u) => groups.urns.has(u));
  return [withGroupNames({ names: new Set(), urns: new Set(urns) }, resources)];
}

/**
 * A customer managed policy's partition, account, path and name from its ARN
 * (`arn:aws:iam::123456789012:policy/team/force-mfa` → "aws", "123456789012", "/team/force-mfa"); an AWS managed
 * policy (account "aws") is none of the stack's.
 */
function customerPolicy(arn: string): { partition: string; account: string; path: string } | undefined {
  const match = /^arn:([^:]+):iam::([^:]*):policy(\/.*)$/.exec(arn);
  return match && match[2] !== "aws" ? { partition: match[1], account: match[2], path: match[3] } : undefined;
}

/** Whether the resource's provider may act in the account (a policy of one account attaches only there). */
function mayActIn(r: GenericResource, account: string): boolean {
  const within = providerAccount(r).within;
  return within === undefined || within.includes(account);
}

/** Whether the policy may be in the partition: surely not when its own partition is known and another. */
function mayBeIn(p: GenericResource, partition: string): boolean {
  const own = partitionOf(p);
  return own === undefined || own === partition;
}

/** The path a policy of the stack is created under ("/" by default). */
function policyPathOf(p: GenericResource): string {
  const path = unwrap(p.inputs.path);
  return typeof path === "string" && path !== "" ? path : "/";
}

/**
 * Whether a known ARN that `from` gives names the stack's policy `p`: same path and name, the policy's partition
 * when known, and an account both the policy and `from` may be in (no user of one account is attached another
 * account's policy).
 */
export function arnNamesPolicy(arn: string, p: GenericResource, from: GenericResource): boolean {
  const named = customerPolicy(arn);
  return (
    named !== undefined &&
    named.path === `${policyPathOf(p)}${String(unwrap(p.inputs.name))}` &&
    mayBeIn(p, named.partition) &&
    mayActIn(p, named.account) &&
    mayActIn(from, named.account)
  );
}

/** The managed policies an attachment's `policyArn` names: by dependency at preview, by ARN, or by the ARN's name. */
export function attachedPolicies(
  attachment: GenericResource,
  resources: readonly GenericResource[],
): GenericResource[] {
  const arn = unwrap(attachment.inputs.policyArn);
  return byType(resources, IAM_POLICY).filter(
    (p) =>
      linkOf(attachment, "policyArn", p, ["arn", "id"]) === "yes" ||
      (isKnownName(arn) && arnNamesPolicy(arn, p, attachment)),
  );
}

/** The resources that may share the login profile's account: the others name users and policies of another one. */
export function inAccountOf(profile: GenericResource, resources: readonly GenericResource[]): GenericResource[] {
  return resources.filter((r) => sameAccount(profile, r) !== "other");
}

/** Every policy document of the plan that applies to the login profile's user, with the ways it reaches the user. */
export function documentsReaching(profile: GenericResource, all: readonly GenericResource[]): ReachingDocument[] {
  const resources = inAccountOf(profile, all);
  const user = userOf(profile, resources);
  const groups = groupsOf(user, resources);
  const asUser: Holder = { kind: "user", principal: user };
  const viaGroups = (r: GenericResource, key: string): Holder[] =>
    names(r, key, groups)
      ? groupsNamed(r, key, groups, resources).map((principal) => ({ kind: "group", principal }))
      : [];
  const holdersOf = (r: GenericResource): Holder[] => {
    switch (r.type) {
      case IAM_USER_POLICY:
      case IAM_USER_POLICY_ATTACHMENT:
        return names(r, "user", user) ? [asUser] : [];
      case IAM_GROUP_POLICY:
      case IAM_GROUP_POLICY_ATTACHMENT:
        return viaGroups(r, "group");
      case IAM_POLICY_ATTACHMENT:
        return [...(names(r, "users", user) ? [asUser] : []), ...viaGroups(r, "groups")];
      default:
        return [];
    }
  };
  return resources.flatMap((source): ReachingDocument[] => {
    const holders = holdersOf(source);
    if (holders.length === 0) return [];
    if (source.type === IAM_USER_POLICY || source.type === IAM_GROUP_POLICY)
      return [{ document: source.inputs.policy, field: `${source.name}'s policy`, source, holders }];
    return attachedPolicies(source, resources).map((policy) => ({
      document: policy.inputs.policy,
      field: `${policy.name}'s policy`,
      source,
      policy,
      holders,
    }));
  });
}
