// Console sign-in resources and the rules that judge them, named once: the rules, and the template translations
// whose login profiles only those rules judge (templates/ros-template-identity.ts), read the same tokens.

export const RAM_MFA_RULE = "require-ram-mfa-for-login";
export const RAM_PASSWORD_RULE = "require-ram-password-policy-strength";

export const RAM_LOGIN_PROFILE = "alicloud:ram/loginProfile:LoginProfile";
export const RAM_PASSWORD_POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
export const RAM_ACCOUNT_PASSWORD_POLICY = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
export const CLOUDSSO_USER = "alicloud:cloudsso/user:User";

export const IAM_USER_LOGIN_PROFILE = "aws:iam/userLoginProfile:UserLoginProfile";
export const IAM_ACCOUNT_PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
