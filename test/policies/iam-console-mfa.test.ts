// IAM users with a console password must be denied everything without MFA by a policy the plan attaches to them or
// to a group they are in. With none in the stack (an SCP may enforce it), or with one that falls short, the rule can
// only note it; failing closed makes that a violation.
import { requireIamConsoleMfa } from "../../policies/rules/require-iam-console-mfa";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const USER = "aws:iam/user:User";
const GROUP = "aws:iam/group:Group";
const POLICY = "aws:iam/policy:Policy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const USER_ATTACH = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
const GROUP_ATTACH = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
const POLICY_ATTACH = "aws:iam/policyAttachment:PolicyAttachment";
const USER_GROUPS = "aws:iam/userGroupMembership:UserGroupMembership";
const GROUP_USERS = "aws:iam/groupMembership:GroupMembership";

const FAIL_CLOSED = { failClosed: true };

/** AWS's documented shape: deny all but MFA set-up when the request carries no MFA. */
const forceMfa = (statement: Record<string, unknown> = {}) => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: ["iam:ListVirtualMFADevices"], Resource: "*" },
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
        "iam:ChangePassword",
      ],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      ...statement,
    },
  ],
});
/** The IAM User Guide's "manage their own MFA device" policy: its Deny leaves read-only IAM actions out. */
const AWS_SELF_SERVICE = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowViewAccountInfo", Effect: "Allow", Action: ["iam:ListVirtualMFADevices"], Resource: "*" },
    {
      Sid: "AllowManageOwnVirtualMFADevice",
      Effect: "Allow",
      Action: ["iam:CreateVirtualMFADevice"],
      Resource: "arn:aws:iam::*:mfa/*",
    },
    {
      Sid: "AllowManageOwnUserMFA",
      Effect: "Allow",
      Action: [
        "iam:DeactivateMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice",
      ],
      Resource: "arn:aws:iam::*:user/${aws:username}",
    },
    {
      Sid: "AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA",
      Effect: "Allow",
      Action: ["iam:DeactivateMFADevice"],
      Resource: ["arn:aws:iam::*:mfa/${aws:username}", "arn:aws:iam::*:user/${aws:username}"],
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    },
    {
      Sid: "BlockMostAccessUnlessSignedInWithMFA",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ListUsers",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
      ],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
};
/** The Knowledge Center's shape: the Deny spares calls services make for the user, and read-only self-service. */
const KNOWLEDGE_CENTER = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyAllExceptListedIfNoMFA",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetUser",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken",
        "iam:ListAccountAliases",
        "iam:GetAccountSummary",
        "iam:ListAccessKeys",
        "iam:ListSSHPublicKeys",
        "iam:ListServiceSpecificCredentials",
      ],
      Resource: "*",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "false", "aws:ViaAWSService": "false" } },
    },
  ],
};
/** A plain Deny of everything without MFA, with the given condition. */
const denyAll = (condition: unknown, extra: Record<string, unknown> = {}) => ({
  Version: "2012-10-17",
  Statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: condition, ...extra },
});

const r = (type: string, name: string, props: Record<string, unknown>, deps?: Record<string, string[]>) =>
  ({ type, name, props, ...(deps ? { propertyDependencies: deps } : {}) }) as StackInput;
const login = (props: Record<string, unknown> = { user: "ops" }, deps?: Record<string, string[]>) =>
  r(LOGIN, "console", props, deps);
const user = (name: unknown = "ops") => r(USER, "ops-user", { name });
const policy = (document: unknown, name = "force-mfa") => r(POLICY, name, { name, policy: document });
const LOGIN_URN = urnOf(LOGIN, "console");
const POLICY_URN = urnOf(POLICY, "force-mfa");
const USER_URN = urnOf(USER, "ops-user");
const GROUP_URN = urnOf(GROUP, "humans");
const attachToUser = (userName: unknown = "ops", deps: Record<string, string[]> = {}) =>
  r(USER_ATTACH, "attach", { user: userName, policyArn: UNKNOWN }, { policyArn: [POLICY_URN], ...deps });
const groupAttachment = () =>
  r(GROUP_ATTACH, "group-attach", { group: "humans", policyArn: UNKNOWN }, { policyArn: [POLICY_URN] });

describe("require-iam-console-mfa: no policy forcing MFA in the stack", () => {
  stackTable(requireIamConsoleMfa, [
    { name: "login profile alone: a note", resources: [login()], violations: 0, notes: 1 },
    {
      name: "login profile alone, failing closed: a violation on the login profile",
      resources: [login()],
      violations: 1,
      urn: LOGIN_URN,
      mentions: 'login profile console gives IAM user "ops" a console password, and no policy in this stack',
      config: FAIL_CLOSED,
    },
    { name: "no login profile: nothing to judge", resources: [user(), policy(forceMfa())], violations: 0 },
    {
      name: "Force_MFA policy declared but attached to another user",
      resources: [login(), policy(forceMfa()), attachToUser("someone-else")],
      violations: 0,
      notes: 1,
    },
    {
      name: "Force_MFA attached to a group the user is not in",
      resources: [login(), policy(forceMfa()), groupAttachment()],
      violations: 0,
      notes: 1,
    },
  ]);

  it("fails closed with the fix in the message", async () => {
    const ds = await runStack(requireIamConsoleMfa, [login()], FAIL_CLOSED);
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(1);
    expect(ds[0].urn).toBe(LOGIN_URN);
    expect(ds[0].message).toContain('BoolIfExists aws:MultiFactorAuthPresent "false"');
    expect(ds[0].message).toContain("failing closed");
  });
});

describe("require-iam-console-mfa: the policy reaches the user", () => {
  stackTable(requireIamConsoleMfa, [
    {
      name: "managed policy attached to the user by name",
      resources: [login(), policy(forceMfa()), attachToUser()],
      violations: 0,
    },
    {
      name: "policy given as JSON text",
      resources: [login(), policy(JSON.stringify(forceMfa())), attachToUser()],
      violations: 0,
    },
    {
      name: "attached by a known ARN naming the policy (after deployment, no dependency)",
      resources: [
        login(),
        policy(forceMfa()),
        r(USER_ATTACH, "attach", { user: "ops", policyArn: "arn:aws:iam::123456789012:policy/force-mfa" }),
      ],
      violations: 0,
    },
    {
      name: "inline user policy",
      resources: [login(), r(USER_POLICY, "inline", { user: "ops", policy: JSON.stringify(forceMfa()) })],
      violations: 0,
    },
    {
      name: "inline group policy, user added by UserGroupMembership",
      resources: [
        login(),
        r(USER_GROUPS, "membership", { user: "ops", groups: ["other", "humans"] }),
        r(GROUP_POLICY, "inline", { group: "humans", policy: forceMfa() }),
      ],
      violations: 0,
    },
    {
      name: "group attachment, user added by UserGroupMembership",
      resources: [
        login(),
        policy(forceMfa()),
        r(USER_GROUPS, "membership", { user: "ops", groups: ["humans"] }),
        groupAttachment(),
      ],
      violations: 0,
    },
    {
      name: "group attachment, user added by GroupMembership",
      resources: [
        login(),
        policy(forceMfa()),
        r(GROUP_USERS, "members", { group: "humans", users: ["a", "ops"] }),
        groupAttachment(),
      ],
      violations: 0,
    },
    {
      name: "PolicyAttachment listing the user",
      resources: [
        login(),
        policy(forceMfa()),
        r(POLICY_ATTACH, "pa", { users: ["ops"], policyArn: UNKNOWN }, { policyArn: [POLICY_URN] }),
      ],
      violations: 0,
    },
    {
      name: "PolicyAttachment listing a group the user is in",
      resources: [
        login(),
        policy(forceMfa()),
        r(USER_GROUPS, "membership", { user: "ops", groups: ["humans"] }),
        r(POLICY_ATTACH, "pa", { groups: ["humans"], policyArn: UNKNOWN }, { policyArn: [POLICY_URN] }),
      ],
      violations: 0,
    },
    {
      name: "PolicyAttachment listing only roles",
      resources: [
        login(),
        policy(forceMfa()),
        r(POLICY_ATTACH, "pa", { roles: ["ops"], policyArn: UNKNOWN }, { policyArn: [POLICY_URN] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "membership of a group whose policy is someone else's",
      resources: [
        login(),
        policy(forceMfa()),
        r(USER_GROUPS, "membership", { user: "ops", groups: ["devs"] }),
        groupAttachment(),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-iam-console-mfa: condition and statement forms", () => {
  const attached = (document: unknown) => [login(), policy(document), attachToUser()];
  stackTable(requireIamConsoleMfa, [
    {
      name: 'BoolIfExists "false"',
      resources: attached(denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } })),
      violations: 0,
    },
    {
      name: 'Bool "false"',
      resources: attached(denyAll({ Bool: { "aws:MultiFactorAuthPresent": "false" } })),
      violations: 0,
    },
    {
      name: "Bool false (a JSON boolean)",
      resources: attached(denyAll({ Bool: { "aws:MultiFactorAuthPresent": false } })),
      violations: 0,
    },
    {
      name: 'weak: Null "true" selects only access-key requests (console sessions carry the key)',
      resources: attached(denyAll({ Null: { "aws:MultiFactorAuthPresent": "true" } })),
      violations: 0,
      notes: 1,
    },
    {
      name: "AWS's published self-service policy (an Allow tested on MFA, read-only IAM actions left out)",
      resources: attached(AWS_SELF_SERVICE),
      violations: 0,
    },
    {
      name: 'AWS\'s Knowledge Center version (Bool aws:ViaAWSService "false" beside the MFA test)',
      resources: attached(KNOWLEDGE_CENTER),
      violations: 0,
    },
    {
      name: "weak: NotAction also leaves out iam:CreateAccessKey",
      resources: attached(forceMfa({ NotAction: ["iam:EnableMFADevice", "iam:CreateAccessKey"] })),
      violations: 0,
      notes: 1,
    },
    {
      name: 'weak: Bool aws:ViaAWSService "true" beside the MFA test',
      resources: attached(
        denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false", "aws:ViaAWSService": "true" } }),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "key and operator in other case",
      resources: attached(denyAll({ boolifexists: { "AWS:MultiFactorAuthPresent": ["FALSE"] } })),
      violations: 0,
    },
    {
      name: "weak: Allow instead of Deny",
      resources: attached(denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } }, { Effect: "Allow" })),
      violations: 0,
      notes: 1,
    },
    {
      name: 'weak: Bool "true" denies only MFA sessions',
      resources: attached(denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } })),
      violations: 0,
      notes: 1,
    },
    {
      name: 'weak: Null "false"',
      resources: attached(denyAll({ Null: { "aws:MultiFactorAuthPresent": "false" } })),
      violations: 0,
      notes: 1,
    },
    {
      name: 'weak: Action "s3:*" only',
      resources: attached(denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { Action: "s3:*" })),
      violations: 0,
      notes: 1,
    },
    {
      name: "weak: NotAction exempting all of IAM",
      resources: attached(forceMfa({ NotAction: ["iam:*", "sts:GetSessionToken"] })),
      violations: 0,
      notes: 1,
    },
    {
      name: "weak: Resource limited to one bucket",
      resources: attached(
        denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { Resource: "arn:aws:s3:::b/*" }),
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "weak: another condition narrows the Deny",
      resources: attached(
        denyAll({
          BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        }),
      ),
      violations: 0,
      notes: 1,
    },
    { name: "policy with no MFA statement at all", resources: attached(denyAll(undefined)), violations: 0, notes: 1 },
    { name: "policy that is not JSON", resources: attached("{not json"), violations: 0, notes: 1 },
    {
      name: "a weak statement beside a strong one still forces MFA",
      resources: [
        ...attached(forceMfa()),
        r(USER_POLICY, "weak", { user: "ops", policy: denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } }) }),
      ],
      violations: 0,
    },
    {
      name: "weak policy, failing closed",
      resources: attached(denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } })),
      violations: 1,
      mentions: "never selects a request without MFA",
      config: FAIL_CLOSED,
    },
  ]);
});

describe("require-iam-console-mfa: unknown values at preview", () => {
  stackTable(requireIamConsoleMfa, [
    {
      name: "document unknown",
      resources: [login(), policy(UNKNOWN), attachToUser()],
      violations: 0,
      notes: 1,
    },
    {
      name: "condition value unknown",
      resources: [
        login(),
        policy(denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": UNKNOWN } })),
        attachToUser(),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "user name unknown, login profile and attachment both built from the user",
      resources: [
        user(UNKNOWN),
        login({ user: UNKNOWN }, { user: [USER_URN] }),
        policy(forceMfa()),
        attachToUser(UNKNOWN, { user: [USER_URN] }),
      ],
      violations: 0,
    },
    {
      name: "user name known, login profile built from the user, attachment by the name",
      resources: [user("ops"), login({ user: "ops" }, { user: [USER_URN] }), policy(forceMfa()), attachToUser("ops")],
      violations: 0,
    },
    {
      name: "user name unknown, attachment built from another user",
      resources: [
        user(UNKNOWN),
        r(USER, "other-user", { name: UNKNOWN }),
        login({ user: UNKNOWN }, { user: [USER_URN] }),
        policy(forceMfa()),
        attachToUser(UNKNOWN, { user: [urnOf(USER, "other-user")] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "group unknown: membership and group attachment both built from the group",
      resources: [
        r(GROUP, "humans", { name: UNKNOWN }),
        login(),
        policy(forceMfa()),
        r(USER_GROUPS, "membership", { user: "ops", groups: [UNKNOWN] }, { groups: [GROUP_URN] }),
        r(GROUP_ATTACH, "ga", { group: UNKNOWN, policyArn: UNKNOWN }, { group: [GROUP_URN], policyArn: [POLICY_URN] }),
      ],
      violations: 0,
    },
    {
      name: "a known name built from the user names another user",
      resources: [user("ops"), login(), policy(forceMfa()), attachToUser("ops-admin", { user: [USER_URN] })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-iam-console-mfa: messages", () => {
  it("names the weakness and never anything but the login profile's own fields", async () => {
    const ds = await runStack(requireIamConsoleMfa, [
      login({ user: "ops", passwordLength: 24 }),
      policy(denyAll({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { Action: "s3:*" })),
      attachToUser(),
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("advisory");
    expect(ds[0].message).toContain('force-mfa\'s policy.Statement.Action "s3:*" denies only some actions without MFA');
  });

  const weak: [string, unknown, string][] = [
    [
      "Allow",
      denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } }, { Effect: "Allow" }),
      "no policy in this stack denies",
    ],
    [
      "Null true",
      denyAll({ Null: { "aws:MultiFactorAuthPresent": "true" } }),
      "selects only requests signed with long-term access keys",
    ],
    ["Bool true", denyAll({ Bool: { "aws:MultiFactorAuthPresent": "true" } }), "never selects a request without MFA"],
    ["NotAction iam:*", forceMfa({ NotAction: ["iam:*"] }), "NotAction also exempts iam:* from the MFA requirement"],
    [
      "NotResource",
      denyAll(
        { Bool: { "aws:MultiFactorAuthPresent": "false" } },
        { Resource: undefined, NotResource: "arn:aws:s3:::b" },
      ),
      "NotResource leaves resources out",
    ],
    ["no MFA statement", denyAll(undefined), "no policy in this stack denies"],
    ["document unknown", UNKNOWN, "force-mfa's policy is unknown"],
  ];
  it.each(weak)("a note says why: %s", async (_n, document, why) => {
    const ds = await runStack(requireIamConsoleMfa, [login(), policy(document), attachToUser()]);
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain(why);
  });
});

describe("require-iam-console-mfa: attachments by a known policy ARN", () => {
  const byArn = (policyArn: string) => r(USER_ATTACH, "attach", { user: "ops", policyArn });
  stackTable(requireIamConsoleMfa, [
    {
      name: "the stack's policy by its ARN after deployment",
      resources: [login(), policy(forceMfa()), byArn("arn:aws:iam::123456789012:policy/force-mfa")],
      violations: 0,
    },
    {
      name: "an AWS managed policy of the same name is not the stack's",
      resources: [login(), policy(forceMfa()), byArn("arn:aws:iam::aws:policy/force-mfa")],
      violations: 0,
      notes: 1,
    },
    {
      name: "a policy of the same name under another path is not the stack's",
      resources: [login(), policy(forceMfa()), byArn("arn:aws:iam::123456789012:policy/other-path/force-mfa")],
      violations: 0,
      notes: 1,
    },
  ]);
});
