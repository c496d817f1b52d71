// The "password policy not in this stack" note of the RAM and IAM password rules across accounts and CloudSSO
// directories: a password policy governs only its own account's login profiles, a CloudSSO directory only the users
// whose directoryId is its id.
import { planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { rule } from "./templates-fixtures";

const ram = rule("require-ram-password-policy-strength");
const iam = rule("require-iam-password-policy-strength");

const RAM_POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
const RAM_ACCOUNT_POLICY = "alicloud:ram/accountPasswordPolicy:AccountPasswordPolicy";
const RAM_LOGIN = "alicloud:ram/loginProfile:LoginProfile";
const IAM_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";
const IAM_LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const DIRECTORY = "alicloud:cloudsso/directory:Directory";
const SSO_USER = "alicloud:cloudsso/user:User";

const LONG = "correct-horse-battery-staple";

const ALI = "urn:pulumi:test::hardening-kit::pulumi:providers:alicloud::";
const AWS = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::";
const providers: Record<string, { urn: string; props: Record<string, unknown> }> = {
  ali1: { urn: ALI + "ali1", props: { assumeRole: { roleArn: "acs:ram::1111111111111111:role/x" } } },
  ali1b: {
    urn: ALI + "ali1b",
    props: { region: "cn-shanghai", assumeRole: '{"roleArn":"acs:ram::1111111111111111:role/y"}' },
  },
  ali2: { urn: ALI + "ali2", props: { assumeRole: { roleArn: "acs:ram::2222222222222222:role/x" } } },
  aliPending: { urn: ALI + "aliPending", props: { assumeRole: { roleArn: UNKNOWN } } },
  aws1: { urn: AWS + "aws1", props: { region: "us-east-1", allowedAccountIds: ["111111111111"] } },
  aws1b: { urn: AWS + "aws1b", props: { region: "eu-west-1", allowedAccountIds: '["111111111111"]' } },
  aws2: { urn: AWS + "aws2", props: { region: "us-east-1", allowedAccountIds: ["222222222222"] } },
  awsProfile: { urn: AWS + "awsProfile", props: { region: "us-east-1", profile: "audit" } },
};
const on = (provider: string, r: StackInput): StackInput => ({
  ...r,
  provider: providers[provider].urn,
  providerProps: providers[provider].props,
});
const one = (type: string, props: Record<string, unknown>, name: string): StackInput => ({ type, name, props });

const ramPolicy = one(RAM_POLICY, { minimumPasswordLength: 14, maxLoginAttemps: 5, passwordReusePrevention: 5 }, "pp");
const ramAccountPolicy = one(
  RAM_ACCOUNT_POLICY,
  { minimumPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 },
  "app",
);
const ramLogin = one(RAM_LOGIN, { userName: "ops", password: LONG, mfaBindRequired: true }, "lp");
const iamPolicy = one(IAM_POLICY, { minimumPasswordLength: 14, passwordReusePrevention: 24 }, "pp");
const iamLogin = one(IAM_LOGIN, { user: "ops" }, "lp");

describe("require-iam-password-policy-strength: the account password policy governs only its own account", () => {
  planTable(iam, [
    {
      name: "policy in 111111111111, login profile in 222222222222: a note",
      resources: [on("aws1", iamPolicy), on("aws2", iamLogin)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [on("aws1", iamPolicy), on("aws2", iamLogin)],
      violations: 1,
      urn: urnOf(IAM_LOGIN, "lp"),
      config: { failClosed: true },
    },
    {
      name: "policy and login profile in one account, through two providers",
      resources: [on("aws1", iamPolicy), on("aws1b", iamLogin)],
      violations: 0,
    },
    {
      name: "policy on one provider, login profile on another that may be in another account: a note",
      resources: [on("awsProfile", iamPolicy), on("aws2", iamLogin)],
      violations: 0,
      notes: 1,
    },
    {
      name: "policies in both accounts",
      resources: [on("aws1", iamPolicy), on("aws2", { ...iamPolicy, name: "pp2" }), on("aws2", iamLogin)],
      violations: 0,
    },
    { name: "no providers sent: one account", resources: [iamPolicy, iamLogin], violations: 0 },
  ]);
});

describe("require-ram-password-policy-strength: a RAM password policy governs only its own account", () => {
  planTable(ram, [
    {
      name: "PasswordPolicy in 1111, login profile with a password in 2222: a note",
      resources: [on("ali1", ramPolicy), on("ali2", ramLogin)],
      violations: 0,
      notes: 1,
    },
    {
      name: "AccountPasswordPolicy in 1111, login profile with a password in 2222: a note",
      resources: [on("ali1", ramAccountPolicy), on("ali2", ramLogin)],
      violations: 0,
      notes: 1,
    },
    {
      name: "policy whose account is unknown at preview: a note",
      resources: [on("aliPending", ramPolicy), on("ali2", ramLogin)],
      violations: 0,
      notes: 1,
    },
    {
      name: "policy and login profile in one account, through two providers",
      resources: [on("ali1", ramPolicy), on("ali1b", ramLogin)],
      violations: 0,
    },
    {
      name: "login profile without a password in another account",
      resources: [on("ali1", ramPolicy), on("ali2", { ...ramLogin, props: { userName: "ops" } })],
      violations: 0,
    },
  ]);

  it("names the login profile the unseen policy governs", async () => {
    const ds = await runPlan(ram, [on("ali1", ramPolicy), on("ali2", ramLogin)]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("the RAM account password policy is not in this stack, and login profile lp");
    expect(ds[0].message).toContain("on a provider of their account");
  });
});

describe("require-ram-password-policy-strength: a CloudSSO directory's policy governs only its own users", () => {
  const directory: StackInput = {
    type: DIRECTORY,
    name: "corp",
    props: {
      directoryName: "corp",
      passwordPolicy: { minPasswordLength: 14, maxLoginAttempts: 5, passwordReusePrevention: 5 },
    },
  };
  const user = (directoryId: unknown, linked: boolean, props: Record<string, unknown> = {}): StackInput => ({
    type: SSO_USER,
    name: "ops",
    props: { directoryId, userName: "ops", password: LONG, ...props },
    ...(linked ? { propertyDependencies: { directoryId: [urnOf(DIRECTORY, "corp")] } } : {}),
  });

  planTable(ram, [
    {
      name: "user of an existing directory (literal id) with a password beside a declared directory: a note",
      resources: [directory, user("d-00existing", false)],
      violations: 0,
      notes: 1,
    },
    {
      name: "user with a password, directoryId unknown and linked to nothing: a note",
      resources: [directory, user(UNKNOWN, false)],
      violations: 0,
      notes: 1,
    },
    {
      name: "user of the declared directory (its id at preview)",
      resources: [directory, user(UNKNOWN, true)],
      violations: 0,
    },
    {
      name: "user of the declared directory (its id known after deployment)",
      resources: [directory, user("d-0123456789", true)],
      violations: 0,
    },
    {
      name: "disabled user of an existing directory (cannot sign in)",
      resources: [directory, user("d-00existing", false, { status: "Disabled" })],
      violations: 0,
    },
    {
      name: "user of an existing directory without a password",
      resources: [directory, user("d-00existing", false, { password: undefined })],
      violations: 0,
    },
  ]);

  it("tells how to bring the user's directory into the stack", async () => {
    const ds = await runPlan(ram, [directory, user("d-00existing", false)]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain(
      "the CloudSSO directory's password policy is not in this stack, and CloudSSO user ops",
    );
    expect(ds[0].message).toContain("set their directoryId from its id");
  });
});
