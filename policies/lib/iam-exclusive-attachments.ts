// Resources that take a user's or group's policies away from it: aws.iam.PolicyAttachment owns every attachment of its
// policy across the account (it detaches the policy from users and groups it does not list), and the
// *PoliciesExclusive / *PolicyAttachmentsExclusive resources remove from their user or group every inline or managed
// policy they do not list. A document reaching the user through a holder such a resource strips counts for nothing;
// one whose removal turns on a list unknown at preview cannot be confirmed.
import type { GenericResource } from "../../lib/reachability";
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, list } from "../../lib/values";
import { IAM_POLICY_ATTACHMENT } from "./identity-types";
import { arnNamesPolicy, attachedPolicies, Holder, inAccountOf, names, ReachingDocument } from "./iam-user-policies";
import { isKnownName } from "./known-text";
import { isTemplateResourceId } from "./templates/template-references";

export const IAM_USER_POLICIES_EXCLUSIVE = "aws:iam/userPoliciesExclusive:UserPoliciesExclusive";
export const IAM_GROUP_POLICIES_EXCLUSIVE = "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive";
export const IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";
export const IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive";

/** The exclusive resources that can strip a user's policies (the role ones cannot reach a user). */
export const IAM_EXCLUSIVE_TYPES = [
  IAM_USER_POLICIES_EXCLUSIVE,
  IAM_GROUP_POLICIES_EXCLUSIVE,
  IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
  IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
];

export type Survival = { kind: "kept" } | { kind: "removed"; why: string } | { kind: "unknown"; field: string };

type Listed = "yes" | "no" | "unknown";

const KEPT: Survival = { kind: "kept" };

/** The exclusive resource type for a holder and a kind of policy, and the fields naming the holder and the list. */
function exclusiveFor(holder: Holder, inline: boolean): { type: string; key: string; listKey: string } {
  const user = holder.kind === "user";
  if (inline)
    return user
      ? { type: IAM_USER_POLICIES_EXCLUSIVE, key: "userName", listKey: "policyNames" }
      : { type: IAM_GROUP_POLICIES_EXCLUSIVE, key: "groupName", listKey: "policyNames" };
  return user
    ? { type: IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE, key: "userName", listKey: "policyArns" }
    : { type: IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE, key: "groupName", listKey: "policyArns" };
}

/**
 * Whether `listKey` of `from` lists `target`: a known entry that `matches` it, or an entry unknown at preview built
 * from it (a property dependency on it); an unknown entry built from something else may or may not be it.
 */
function lists(
  from: GenericResource,
  listKey: string,
  target: GenericResource,
  matches: (entry: string) => Listed,
): Listed {
  const value = unwrap(from.inputs[listKey]);
  const builtFromTarget = (from.propertyDependencies[listKey] ?? []).includes(target.urn);
  const entries = isUnknown(value) ? [value] : list(value).map(unwrap);
  const each = entries.map((e): Listed => (isKnownName(e) ? matches(e) : isUnknown(e) ? "unknown" : "no"));
  if (each.includes("yes")) return "yes";
  if (each.includes("unknown")) return builtFromTarget ? "yes" : "unknown";
  return "no";
}

/** How an exclusive list names the document: an inline policy by its name, a managed policy by its ARN. */
function listsDocument(exclusive: GenericResource, listKey: string, doc: ReachingDocument): Listed {
  const target = doc.policy ?? doc.source;
  return lists(exclusive, listKey, target, (entry) => {
    if (doc.policy) return arnNamesPolicy(entry, doc.policy, exclusive) ? "yes" : "no";
    const name = unwrap(doc.source.inputs.name);
    return isKnownName(name) ? (name === entry ? "yes" : "no") : "unknown";
  });
}

/**
 * Whether `key` of `from` names the holder: by a known name or a dependency as `names` reads it, else "unknown" while
 * a name there is unknown at preview (it may be the holder's, linked to nothing or not).
 */
function namesHolder(from: GenericResource, key: string, holder: Holder): Listed {
  if (names(from, key, holder.principal)) return "yes";
  const value = unwrap(from.inputs[key]);
  return isUnknown(value) || list(value).map(unwrap).some(isUnknown) ? "unknown" : "no";
}

/** The worst of several outcomes: one sure removal is enough, else one that may remove. */
function worstOf(outcomes: readonly Survival[]): Survival {
  return outcomes.find((s) => s.kind === "removed") ?? outcomes.find((s) => s.kind === "unknown") ?? KEPT;
}

/**
 * What the holder's exclusive resources do to a document reaching through it: each that may be the holder's is
 * judged, and a sure removal by one outweighs another's unknown list or owner.
 */
function exclusiveSurvival(doc: ReachingDocument, holder: Holder, resources: readonly GenericResource[]): Survival {
  const { type, key, listKey } = exclusiveFor(holder, doc.policy === undefined);
  const outcomes = resources
    .filter((r) => r.type === type)
    .map((exclusive): Survival => {
      const owner = namesHolder(exclusive, key, holder);
      if (owner === "no") return KEPT;
      const listed = listsDocument(exclusive, listKey, doc);
      if (listed === "yes") return KEPT;
      if (owner === "unknown") return { kind: "unknown", field: `${exclusive.name}'s ${key}` };
      if (listed === "unknown") return { kind: "unknown", field: `${exclusive.name}'s ${listKey}` };
      return {
        kind: "removed",
        why: `${exclusive.name} (${type.split(":").pop()}) does not list ${(doc.policy ?? doc.source).name}, so it removes it from the ${holder.kind}`,
      };
    });
  return worstOf(outcomes);
}

/**
 * A template's AWS::IAM::ManagedPolicy lists its Users and Groups as a PolicyAttachment naming the policy's own id;
 * CloudFormation adds those attachments beside others, it does not own them.
 */
const fromTemplatePolicy = (attachment: GenericResource) => isTemplateResourceId(unwrap(attachment.inputs.policyArn));

/**
 * What the account's PolicyAttachments of the document's managed policy do: each detaches it from every holder it does
 * not list, whatever else attached it there (several of them undo each other).
 */
function policyAttachmentSurvival(
  doc: ReachingDocument,
  holder: Holder,
  resources: readonly GenericResource[],
): Survival {
  const { policy } = doc;
  if (!policy) return KEPT;
  const key = holder.kind === "user" ? "users" : "groups";
  const owners = resources.filter(
    (r) =>
      r.type === IAM_POLICY_ATTACHMENT &&
      !fromTemplatePolicy(r) &&
      attachedPolicies(r, resources).some((p) => p.urn === policy.urn),
  );
  const outcomes = owners.map((owner): Survival => {
    const listed = namesHolder(owner, key, holder);
    if (listed === "yes") return KEPT;
    if (listed === "unknown") return { kind: "unknown", field: `${owner.name}'s ${key}` };
    return {
      kind: "removed",
      why: `PolicyAttachment ${owner.name} attaches ${policy.name} to the ${key} it lists only, across the account, so it detaches ${doc.field} from the ${holder.kind}`,
    };
  });
  return worstOf(outcomes);
}

/** Whether the document still reaches the user once exclusive resources have applied: one holder that keeps it is enough. */
export function documentSurvival(
  profile: GenericResource,
  doc: ReachingDocument,
  all: readonly GenericResource[],
): Survival {
  const resources = inAccountOf(profile, all);
  const each = doc.holders.map((holder) =>
    worstOf([policyAttachmentSurvival(doc, holder, resources), exclusiveSurvival(doc, holder, resources)]),
  );
  return (
    each.find((s) => s.kind === "kept") ??
    each.find((s) => s.kind === "unknown") ??
    each.find((s) => s.kind === "removed") ??
    KEPT
  );
}
