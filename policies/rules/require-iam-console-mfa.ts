import type { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { documentSurvival, IAM_EXCLUSIVE_TYPES } from "../lib/iam-exclusive-attachments";
import { MfaDenyVerdict, mfaDenyVerdict } from "../lib/iam-mfa-denies";
import { documentsReaching, ReachingDocument } from "../lib/iam-user-policies";
import { unverifiable } from "../lib/findings";
import {
  IAM_GROUP,
  IAM_GROUP_MEMBERSHIP,
  IAM_GROUP_POLICY,
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_MFA_RULE,
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_USER,
  IAM_USER_GROUP_MEMBERSHIP,
  IAM_USER_LOGIN_PROFILE,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
} from "../lib/identity-types";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";
import { StackFinding } from "../lib/stack-rule";
import { isTemplateResourceId } from "../lib/templates/template-references";
import { shown } from "../lib/text-values";

const FIX =
  'attach a policy with a Deny of Action "*" (or NotAction listing only the MFA set-up actions) on Resource "*" under Condition BoolIfExists aws:MultiFactorAuthPresent "false" to the user or a group it is in';

/** The user as messages name it: a template's user by its logical id, not the id the kit gives it. */
function userShown(v: unknown): string {
  if (isUnknown(v)) return "(unknown at preview)";
  return isTemplateResourceId(v) ? `template resource ${v.slice(v.lastIndexOf("/") + 1)}` : shown(v);
}

/**
 * A document's verdict once exclusive resources have applied: one they strip from the user forces nothing, and one
 * that would force MFA is unconfirmed while its removal turns on a value unknown at preview.
 */
function verdictAfterRemovals(
  profile: GenericResource,
  doc: ReachingDocument,
  resources: readonly GenericResource[],
): MfaDenyVerdict {
  const verdict = mfaDenyVerdict(doc.document, doc.field);
  if (verdict.kind === "none") return verdict;
  const survival = documentSurvival(profile, doc, resources);
  if (survival.kind === "removed") return { kind: "weak", why: survival.why };
  if (survival.kind === "unknown" && verdict.kind === "enforces") return { kind: "unknown", field: survival.field };
  return verdict;
}

/**
 * The provider has no input that makes an IAM user use MFA: it is enforced by a policy denying whatever is done
 * without MFA, or outside the stack (an SCP, IAM Identity Center instead of IAM users). So a login profile with no
 * such policy in the plan is a note, like other settings the plan does not show; failing closed makes it a violation.
 */
function loginProfileFindings(profile: GenericResource, resources: readonly GenericResource[]): StackFinding[] {
  const { urn, name } = profile;
  const verdicts = documentsReaching(profile, resources).map((d) => verdictAfterRemovals(profile, d, resources));
  if (verdicts.some((v) => v.kind === "enforces")) return [];
  const user = userShown(profile.inputs.user);
  const unknown = verdicts.find((v): v is Extract<MfaDenyVerdict, { kind: "unknown" }> => v.kind === "unknown");
  if (unknown)
    return [{ urn, ...unverifiable(unknown.field, `whether it denies IAM user ${user} everything without MFA`) }];
  const weak = verdicts.find((v): v is Extract<MfaDenyVerdict, { kind: "weak" }> => v.kind === "weak");
  const found = weak
    ? `the policies reaching it do not force MFA: ${weak.why}`
    : "no policy in this stack denies that user's actions without MFA (an SCP or IAM Identity Center outside the stack may)";
  const message = `cannot be verified at preview: login profile ${name} gives IAM user ${user} a console password, and ${found}; ${FIX}, or exempt ${name} once MFA is enforced outside the stack`;
  return [{ urn, message, unverifiable: true }];
}

/** Case step 6: "MFA and no root remote login" was a lesson of the case; a password alone fell in step 1. */
const consoleMfaRule = defineResourceRule<unknown>({
  metadata: {
    name: IAM_MFA_RULE,
    description:
      "Every IAM user given a console password must be denied everything without MFA by a policy the stack attaches to the user or to a group it is in.",
    details:
      'Every IAM user given a console password (iam.UserLoginProfile) must be denied everything without MFA: the stack must attach to the user, or to a group it is in (iam.UserGroupMembership, iam.GroupMembership), a policy with a Deny of Action "*" (or NotAction listing only the MFA set-up and read-only IAM actions) on Resource "*" under BoolIfExists or Bool aws:MultiFactorAuthPresent "false" (Null "true" selects only access-key requests: console sessions always carry the key) (inline iam.UserPolicy / iam.GroupPolicy, or an iam.Policy attached by iam.UserPolicyAttachment, iam.GroupPolicyAttachment or iam.PolicyAttachment). The provider cannot require MFA of a user otherwise, and it may be enforced outside the stack (an SCP), so a login profile without such a policy, or with one that falls short or is unknown at preview, gets a note (a violation when failing closed). IAM users with a LoginProfile in CloudFormation templates, and their templates\' policies and groups, are judged like the program\'s.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Create an iam.Policy whose statement denies Action "*" (or NotAction: the MFA set-up actions such as iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, iam:GetUser, sts:GetSessionToken, iam:ChangePassword) on Resource "*" with Condition BoolIfExists {"aws:MultiFactorAuthPresent": "false"}.',
      "Attach it to every IAM user with a login profile, or to a group they all belong to (iam.GroupPolicyAttachment with iam.UserGroupMembership).",
      "Prefer IAM Identity Center (federated sign-in with MFA) over IAM user passwords.",
      "When an SCP outside the stack enforces MFA, exempt the login profile with the SCP named as the reason.",
    ],
    controls: [
      { framework: "CIS AWS v3.0", id: "1.10" },
      { framework: "AWS FSBP", id: "IAM.5" },
    ],
    caseStep: 6,
  },
  checks: {},
});

export const requireIamConsoleMfa = withStackChecks(consoleMfaRule, {
  types: [
    IAM_USER_LOGIN_PROFILE,
    IAM_USER,
    IAM_GROUP,
    IAM_POLICY,
    IAM_USER_POLICY,
    IAM_GROUP_POLICY,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    IAM_USER_GROUP_MEMBERSHIP,
    IAM_GROUP_MEMBERSHIP,
    ...IAM_EXCLUSIVE_TYPES,
  ],
  check: ({ resources }) =>
    resources.filter((r) => r.type === IAM_USER_LOGIN_PROFILE).flatMap((r) => loginProfileFindings(r, resources)),
});
