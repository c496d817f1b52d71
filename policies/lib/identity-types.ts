// Console sign-in resources and the rules that judge them, named once: the rules, and the template translations
// whose login profiles only those rules judge (templates/ros-template-identity.ts), read the same tokens.

export const RAM_MFA_RULE = "require-ram-mfa-for-login";
export const IAM_MFA_RULE = "require-iam-console-mfa";
export const IAM_PASSWORD_RULE = "require-iam-password-policy-strength";
export const RAM_PASSWORD_RULE = "require-ram-password-policy-strength";

export const RAM_LOGIN_PROFILE = "alicloud:ram/loginProfile:LoginProfile";
export const RAM_PASSWORD_POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
export const RAM_ACCOUNT_PASSWORD_POLICY = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
export const CLOUDSSO_USER = "alicloud:cloudsso/user:User";

export const IAM_USER_LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile";
export const IAM_ACCOUNT_PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";

// What reaches an IAM user's permissions: its own and its groups' inline policies, managed policies attached to it or
// its groups, and the memberships that put it in groups.
export const IAM_USER = "aws:iam/user:User";
export const IAM_GROUP = "aws:iam/group:Group";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";
export const IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
