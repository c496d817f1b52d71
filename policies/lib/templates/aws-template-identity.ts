// CloudFormation IAM users, groups and policies, translated to the Pulumi AWS provider's shapes for the console-login
// rules alone: a user's LoginProfile is an iam.UserLoginProfile (only the password's length is kept, never its text),
// and the policies, attachments and memberships that reach a user are the provider's types, so a template's Force_MFA
// policy counts as the program's would. `Ref` of a user or group gives its name, of a managed policy its ARN; within
// one template these read as the resource's own id (template-references.ts), which the translated resource carries.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import {
  IAM_GROUP,
  IAM_GROUP_MEMBERSHIP,
  IAM_GROUP_POLICY,
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_MFA_RULE,
  IAM_PASSWORD_RULE,
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_USER,
  IAM_USER_GROUP_MEMBERSHIP,
  IAM_USER_LOGIN_PROFILE,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
} from "../identity-types";
import { defined, PropertyReader, Translated, Translation } from "./embedded-resource";
import { resolvedAtDeployment } from "./template-dynamic-references";

/** Judged by the MFA rule only: to other rules these would look like resources with every other setting left out. */
const MFA_ONLY = [IAM_MFA_RULE];
const LOGIN_RULES = [IAM_MFA_RULE, IAM_PASSWORD_RULE];

const piece = (type: string, props: Record<string, unknown>, where?: string): Translated => ({
  type,
  props: defined(props),
  judgedBy: MFA_ONLY,
  ...(where ? { where } : {}),
});

/**
 * The length of the password the template sets, never the text: a parameter, dynamic reference or anything not a
 * known text is unknown until deployment.
 */
function passwordLength(password: unknown): number | string {
  const value = resolvedAtDeployment(password);
  if (typeof value === "number") return String(value).length;
  return typeof value === "string" && !isUnknown(value) ? value.length : UNKNOWN;
}

/**
 * How the template's other resources name a user or group: its name when known; else (left out, or a parameter
 * unknown at preview) its own id, which `Ref` of it reads as and which the translated user or group carries.
 */
const nameOrSelf = (name: unknown, self: string): unknown => (name === undefined || isUnknown(name) ? self : name);

/** Each entry of a list property, or one entry unknown at preview when the list itself is. */
function entries(value: unknown): unknown[] {
  return isUnknown(value) ? [UNKNOWN] : list(value);
}

/** Inline `Policies` entries as the provider's user or group policies of `owner`. */
function inlinePolicies(read: PropertyReader, type: string, ownerField: string, owner: unknown): Translated[] {
  return entries(read("Policies")).map((p, i) =>
    piece(
      type,
      { [ownerField]: owner, policy: isUnknown(p) ? UNKNOWN : obj(p)?.PolicyDocument, name: obj(p)?.PolicyName },
      `Policies[${i}]`,
    ),
  );
}

/** `ManagedPolicyArns` as the provider's attachments of `owner`. */
function managedAttachments(read: PropertyReader, type: string, ownerField: string, owner: unknown): Translated[] {
  return entries(read("ManagedPolicyArns")).map((arn, i) =>
    piece(type, { [ownerField]: owner, policyArn: arn }, `ManagedPolicyArns[${i}]`),
  );
}

/** A user with a LoginProfile can sign in to the console; its groups and policies decide what it may do there. */
const user: Translation = (read, self) => {
  const name = read("UserName");
  const ref = nameOrSelf(name, self);
  const profile = read("LoginProfile");
  const login: Translated[] =
    profile === undefined || profile === null
      ? []
      : [
          {
            type: IAM_USER_LOGIN_PROFILE,
            props: defined({
              user: ref,
              passwordLength: passwordLength(read(["LoginProfile", "Password"])),
              passwordResetRequired: read(["LoginProfile", "PasswordResetRequired"]),
            }),
            judgedBy: LOGIN_RULES,
            where: "LoginProfile",
          },
        ];
  const groups = read("Groups");
  return [
    piece(IAM_USER, { name }),
    ...login,
    ...(groups === undefined ? [] : [piece(IAM_USER_GROUP_MEMBERSHIP, { user: ref, groups }, "Groups")]),
    ...inlinePolicies(read, IAM_USER_POLICY, "user", ref),
    ...managedAttachments(read, IAM_USER_POLICY_ATTACHMENT, "user", ref),
  ];
};

const group: Translation = (read, self) => {
  const name = read("GroupName");
  const ref = nameOrSelf(name, self);
  return [
    piece(IAM_GROUP, { name }),
    ...inlinePolicies(read, IAM_GROUP_POLICY, "group", ref),
    ...managedAttachments(read, IAM_GROUP_POLICY_ATTACHMENT, "group", ref),
  ];
};

/**
 * `AWS::IAM::Policy` (inline, embedded in each user and group it lists) and `AWS::IAM::ManagedPolicy` (attached to
 * them) give the same permissions: a policy, and an attachment naming it by its own id, for the users and groups.
 */
const policy =
  (nameField: string): Translation =>
  (read, self) => {
    const users = read("Users");
    const groups = read("Groups");
    const attached = users !== undefined || groups !== undefined;
    return [
      piece(IAM_POLICY, { policy: read("PolicyDocument"), name: read(nameField) }),
      ...(attached ? [piece(IAM_POLICY_ATTACHMENT, { policyArn: self, users, groups }, "Users")] : []),
    ];
  };

/** Adds users to an existing or template group. */
const userToGroupAddition: Translation = (read) => [
  piece(IAM_GROUP_MEMBERSHIP, { group: read("GroupName"), users: read("Users") }),
];

export const AWS_IDENTITY_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::IAM::User", user],
  ["AWS::IAM::Group", group],
  ["AWS::IAM::Policy", policy("PolicyName")],
  ["AWS::IAM::ManagedPolicy", policy("ManagedPolicyName")],
  ["AWS::IAM::UserToGroupAddition", userToGroupAddition],
]);
