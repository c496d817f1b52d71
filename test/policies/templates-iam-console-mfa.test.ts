// IAM console logins declared in CloudFormation templates (AWS::IAM::User's LoginProfile) are judged by the MFA rule
// and the password rule as the program's iam.UserLoginProfile is: the template's users, groups, inline and managed
// policies reach them as the program's would, and only the password's length is ever read, never its text.
import { StackValidationPolicy } from "@pulumi/policy";
import { countOf, runPlan } from "./combined-table";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { CFN_STACK, rule, TemplateResources } from "./templates-fixtures";

const mfa = rule("require-iam-console-mfa") as unknown as StackValidationPolicy & ReturnType<typeof rule>;
const passwords = rule("require-iam-password-policy-strength");

const PASSWORD = "correct-horse-battery-staple";
const SHORT = "Sh0rt!pw";
const CONTAINER = urnOf(CFN_STACK, "app");

const FORCE_MFA = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
};
const WEAK_MFA = {
  Version: "2012-10-17",
  Statement: {
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { Bool: { "aws:MultiFactorAuthPresent": true } },
  },
};

const user = (props: Record<string, unknown> = {}): TemplateResources => ({
  Ops: { Type: "AWS::IAM::User", Properties: { LoginProfile: { Password: PASSWORD }, ...props } },
});
const managed = (props: Record<string, unknown>, document: unknown = FORCE_MFA): TemplateResources => ({
  ForceMfa: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: document, ...props } },
});
const group = (props: Record<string, unknown> = {}): TemplateResources => ({
  Humans: { Type: "AWS::IAM::Group", Properties: props },
});
const stack = (resources: TemplateResources, parameters: Record<string, unknown> = {}, props = {}): StackInput => ({
  type: CFN_STACK,
  name: "app",
  props: {
    templateBody: JSON.stringify({
      AWSTemplateFormatVersion: "2010-09-09",
      Parameters: parameters,
      Resources: resources,
    }),
    ...props,
  },
});

describe("require-iam-console-mfa: CloudFormation users with a LoginProfile", () => {
  const cases: StackCase[] = [
    {
      name: "user with a console password and no policy: a note on the container",
      resources: [stack(user({ UserName: "ops" }))],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same, failing closed",
      resources: [stack(user({ UserName: "ops" }))],
      violations: 1,
      urn: CONTAINER,
      mentions: 'template resource Ops (AWS::IAM::User) LoginProfile: login profile app/Ops gives IAM user "ops"',
      config: { failClosed: true },
    },
    { name: "user without a LoginProfile", resources: [stack({ Ops: { Type: "AWS::IAM::User" } })], violations: 0 },
    {
      name: "managed policy listing the user by Ref",
      resources: [stack({ ...user(), ...managed({ Users: [{ Ref: "Ops" }] }) })],
      violations: 0,
    },
    {
      name: "managed policy listing the named user by Ref",
      resources: [stack({ ...user({ UserName: "ops" }), ...managed({ Users: [{ Ref: "Ops" }] }) })],
      violations: 0,
    },
    {
      name: "user named by a parameter unknown at preview, listed by Ref",
      resources: [
        stack(
          { ...user({ UserName: { Ref: "Name" } }), ...managed({ Users: [{ Ref: "Ops" }] }) },
          { Name: { Type: "String" } },
        ),
      ],
      violations: 0,
    },
    {
      name: "group named by a parameter unknown at preview, the user in it by Ref",
      resources: [
        stack(
          {
            ...user({ Groups: [{ Ref: "Humans" }] }),
            ...group({ GroupName: { Ref: "Name" } }),
            ...managed({ Groups: [{ Ref: "Humans" }] }),
          },
          { Name: { Type: "String" } },
        ),
      ],
      violations: 0,
    },
    {
      name: "managed policy listing the user by name",
      resources: [stack({ ...user({ UserName: "ops" }), ...managed({ Users: ["ops"] }) })],
      violations: 0,
    },
    {
      name: "managed policy listing another user",
      resources: [stack({ ...user({ UserName: "ops" }), ...managed({ Users: ["someone-else"] }) })],
      violations: 0,
      notes: 1,
    },
    {
      name: "managed policy declared but attached to nobody",
      resources: [stack({ ...user(), ...managed({}) })],
      violations: 0,
      notes: 1,
    },
    {
      name: "user's ManagedPolicyArns naming the template's managed policy",
      resources: [stack({ ...user({ ManagedPolicyArns: [{ Ref: "ForceMfa" }] }), ...managed({}) })],
      violations: 0,
    },
    {
      name: "user's inline Policies",
      resources: [stack(user({ Policies: [{ PolicyName: "force-mfa", PolicyDocument: FORCE_MFA }] }))],
      violations: 0,
    },
    {
      name: "user in a group whose inline policy forces MFA",
      resources: [
        stack({
          ...user({ Groups: [{ Ref: "Humans" }] }),
          ...group({ Policies: [{ PolicyName: "force-mfa", PolicyDocument: FORCE_MFA }] }),
        }),
      ],
      violations: 0,
    },
    {
      name: "user in a named group the managed policy lists",
      resources: [
        stack({
          ...user({ Groups: ["humans"] }),
          ...group({ GroupName: "humans" }),
          ...managed({ Groups: ["humans"] }),
        }),
      ],
      violations: 0,
    },
    {
      name: "AWS::IAM::Policy on a group the user is added to by UserToGroupAddition",
      resources: [
        stack({
          ...user(),
          ...group(),
          Add: {
            Type: "AWS::IAM::UserToGroupAddition",
            Properties: { GroupName: { Ref: "Humans" }, Users: [{ Ref: "Ops" }] },
          },
          Inline: {
            Type: "AWS::IAM::Policy",
            Properties: { PolicyName: "force-mfa", PolicyDocument: FORCE_MFA, Groups: [{ Ref: "Humans" }] },
          },
        }),
      ],
      violations: 0,
    },
    {
      name: "weak managed policy listing the user",
      resources: [stack({ ...user(), ...managed({ Users: [{ Ref: "Ops" }] }, WEAK_MFA) })],
      violations: 0,
      notes: 1,
    },
    {
      name: "policy document from a parameter (unknown at preview)",
      resources: [
        stack({ ...user(), ...managed({ Users: [{ Ref: "Ops" }] }, { Ref: "Doc" }) }, { Doc: { Type: "String" } }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the program's policy attached to the template's named user",
      resources: [
        stack(user({ UserName: "ops" })),
        { type: "aws:iam/policy:Policy", name: "force-mfa", props: { name: "force-mfa", policy: FORCE_MFA } },
        {
          type: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
          name: "attach",
          props: { user: "ops", policyArn: UNKNOWN },
          propertyDependencies: { policyArn: [urnOf("aws:iam/policy:Policy", "force-mfa")] },
        },
      ],
      violations: 0,
    },
  ];
  stackTable(mfa, cases);

  it("says why a template's policy falls short, on the container", async () => {
    const ds = await runStack(mfa, [stack({ ...user(), ...managed({ Users: [{ Ref: "Ops" }] }, WEAK_MFA) })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].urn).toBe(CONTAINER);
    expect(ds[0].message).toContain("never selects a request without MFA");
  });

  it("names a user the template leaves unnamed by its logical id", async () => {
    const ds = await runStack(mfa, [stack(user())]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("gives IAM user template resource Ops a console password");
  });
});

describe("require-iam-password-policy-strength: CloudFormation LoginProfile passwords", () => {
  const ACCOUNT_POLICY: StackInput = {
    type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    name: "account",
    props: { minimumPasswordLength: 14, passwordReusePrevention: 24 },
  };
  const verdict = async (resources: StackInput[]) => {
    const { violations, notes } = countOf(passwords, await runPlan(passwords, resources));
    return { violations: violations.length, notes: notes.length };
  };

  it("a password shorter than the minimum proves a weak account policy", async () => {
    const ds = await runPlan(passwords, [ACCOUNT_POLICY, stack(user({ LoginProfile: { Password: SHORT } }))]);
    expect(countOf(passwords, ds).violations).toHaveLength(1);
    expect(ds[0].message).toContain("is 8 characters, fewer than the 14");
  });

  it("a long password passes", async () => {
    expect(await verdict([ACCOUNT_POLICY, stack(user())])).toEqual({ violations: 0, notes: 0 });
  });

  it("a password from a parameter or a dynamic reference has no known length", async () => {
    const fromParameter = stack(user({ LoginProfile: { Password: { Ref: "Pw" } } }), {
      Pw: { Type: "String", NoEcho: true },
    });
    const resolved = stack(user({ LoginProfile: { Password: "{{resolve:secretsmanager:ops:SecretString:pw}}" } }));
    expect(await verdict([ACCOUNT_POLICY, fromParameter])).toEqual({ violations: 0, notes: 0 });
    expect(await verdict([ACCOUNT_POLICY, resolved])).toEqual({ violations: 0, notes: 0 });
  });

  it("without the account password policy in the stack, the template's login profile gets the note", async () => {
    expect(await verdict([stack(user())])).toEqual({ violations: 0, notes: 1 });
  });

  it("never puts the password text in a message of either rule", async () => {
    const resources = [stack(user({ UserName: "ops", LoginProfile: { Password: SHORT } }))];
    const ds = [
      ...(await runPlan(passwords, resources)),
      ...(await runStack(mfa, resources)),
      ...(await runStack(mfa, resources, { failClosed: true })),
    ];
    expect(ds.length).toBeGreaterThanOrEqual(4);
    for (const d of ds) expect(d.message).not.toContain(SHORT);
  });
});
