// A deny-without-MFA policy counts only while it still reaches the user: aws.iam.PolicyAttachment detaches its policy
// from every user and group it does not list (across the account), and the *PoliciesExclusive /
// *PolicyAttachmentsExclusive resources remove every policy of their user or group they do not list. IAM users are
// per account: a policy of another account's provider reaches another user of the same name.
import { requireIamConsoleMfa } from "../../policies/rules/require-iam-console-mfa";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { CFN_STACK, rule } from "./templates-fixtures";

const LOGIN = "aws:iam/userLoginProfile:UserLoginProfile";
const GROUP = "aws:iam/group:Group";
const POLICY = "aws:iam/policy:Policy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const USER_ATTACH = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
const GROUP_ATTACH = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
const POLICY_ATTACH = "aws:iam/policyAttachment:PolicyAttachment";
const USER_GROUPS = "aws:iam/userGroupMembership:UserGroupMembership";
const USER_ARNS_EXCLUSIVE = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";
const GROUP_ARNS_EXCLUSIVE = "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive";
const USER_NAMES_EXCLUSIVE = "aws:iam/userPoliciesExclusive:UserPoliciesExclusive";
const GROUP_NAMES_EXCLUSIVE = "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive";
const ROLE_ARNS_EXCLUSIVE = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";

const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::";
const FORCE_MFA_ARN = "arn:aws:iam::123456789012:policy/force-mfa";
const READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const POLICY_URN = urnOf(POLICY, "force-mfa");
const GROUP_URN = urnOf(GROUP, "humans");

const DENY = {
  Version: "2012-10-17",
  Statement: {
    Effect: "Deny",
    Action: "*",
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  },
};

const r = (type: string, name: string, props: Record<string, unknown>, deps?: Record<string, string[]>) =>
  ({ type, name, props, ...(deps ? { propertyDependencies: deps } : {}) }) as StackInput;
/** The same resource, managed by a provider pinned to `accounts`. */
const inAccounts = (res: StackInput, accounts: unknown, provider = `acct-${String(accounts)}`): StackInput => ({
  ...res,
  provider: `${PROVIDER}${provider}`,
  providerProps: { region: "us-east-1", allowedAccountIds: accounts },
});

const login = () => r(LOGIN, "console", { user: "alice" });
const policy = () => r(POLICY, "force-mfa", { name: "force-mfa", policy: DENY });
const attachByArn = (arn = FORCE_MFA_ARN) => r(USER_ATTACH, "attach", { user: "alice", policyArn: arn });
/** X1's base: alice signs in with a password and the deny is attached to her by ARN. */
const base = () => [login(), policy(), attachByArn()];
const inline = (name: unknown = "mfa") =>
  r(USER_POLICY, "inline", { user: "alice", ...(name === undefined ? {} : { name }), policy: DENY });
const policyAttachment = (props: Record<string, unknown>, deps?: Record<string, string[]>) =>
  r(POLICY_ATTACH, "exclusive-attach", { policyArn: FORCE_MFA_ARN, ...props }, deps);
const userArnsExclusive = (policyArns: unknown, deps?: Record<string, string[]>) =>
  r(USER_ARNS_EXCLUSIVE, "only-listed", { userName: "alice", policyArns }, deps);
const userNamesExclusive = (policyNames: unknown, deps?: Record<string, string[]>) =>
  r(USER_NAMES_EXCLUSIVE, "only-inline", { userName: "alice", policyNames }, deps);

/** alice in group humans, and in devs too when asked. */
const member = (groups = ["humans"]) => r(USER_GROUPS, "membership", { user: "alice", groups });
const groupAttach = (group = "humans") => r(GROUP_ATTACH, `group-attach-${group}`, { group, policyArn: FORCE_MFA_ARN });
const groupInline = () => r(GROUP_POLICY, "group-inline", { group: "humans", name: "mfa", policy: DENY });
const groupArnsExclusive = (policyArns: unknown, groupName = "humans") =>
  r(GROUP_ARNS_EXCLUSIVE, `only-listed-${groupName}`, { groupName, policyArns });
const groupNamesExclusive = (policyNames: unknown) =>
  r(GROUP_NAMES_EXCLUSIVE, "only-group-inline", { groupName: "humans", policyNames });

describe("require-iam-console-mfa: PolicyAttachment owns its policy across the account", () => {
  stackTable(requireIamConsoleMfa, [
    { name: "base: the deny attached by ARN forces MFA", resources: base(), violations: 0 },
    {
      name: "X1: a PolicyAttachment of the same policy listing only bob detaches it from alice",
      resources: [...base(), policyAttachment({ users: ["bob"] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a PolicyAttachment of the same policy by dependency, listing only roles, detaches it too",
      resources: [...base(), policyAttachment({ roles: ["ops"], policyArn: UNKNOWN }, { policyArn: [POLICY_URN] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a PolicyAttachment listing alice as well keeps it",
      resources: [...base(), policyAttachment({ users: ["bob", "alice"] })],
      violations: 0,
    },
    {
      name: "a PolicyAttachment of another policy changes nothing",
      resources: [...base(), policyAttachment({ users: ["bob"], policyArn: "arn:aws:iam::123456789012:policy/other" })],
      violations: 0,
    },
    {
      name: "a PolicyAttachment listing alice's group keeps the group's attachment",
      resources: [login(), policy(), member(), groupAttach(), policyAttachment({ groups: ["humans"] })],
      violations: 0,
    },
    {
      name: "a PolicyAttachment listing only users detaches the group's attachment",
      resources: [login(), policy(), member(), groupAttach(), policyAttachment({ users: ["bob"] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "users unknown at preview: the deny cannot be confirmed",
      resources: [...base(), policyAttachment({ users: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "failing closed, X1 is a violation",
      resources: [...base(), policyAttachment({ users: ["bob"] })],
      violations: 1,
      mentions: "PolicyAttachment exclusive-attach attaches force-mfa to the users it lists only",
      config: { failClosed: true },
    },
  ]);

  it("says which resource takes the policy away, or which value is unknown", async () => {
    const removed = await runStack(requireIamConsoleMfa, [...base(), policyAttachment({ users: ["bob"] })]);
    expect(removed.map((d) => d.level)).toEqual(["advisory"]);
    expect(removed[0].message).toContain("detaches force-mfa's policy from the user");
    const unknown = await runStack(requireIamConsoleMfa, [...base(), policyAttachment({ users: UNKNOWN })]);
    expect(unknown.map((d) => d.level)).toEqual(["advisory"]);
    expect(unknown[0].message).toContain("exclusive-attach's users is unknown");
  });
});

describe("require-iam-console-mfa: a user's exclusive managed policies", () => {
  stackTable(requireIamConsoleMfa, [
    {
      name: "X2: UserPolicyAttachmentsExclusive listing only ReadOnlyAccess removes the deny",
      resources: [...base(), userArnsExclusive([READ_ONLY_ARN])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an empty list removes every managed policy",
      resources: [...base(), userArnsExclusive([])],
      violations: 0,
      notes: 1,
    },
    {
      name: "listing the deny by ARN keeps it",
      resources: [...base(), userArnsExclusive([READ_ONLY_ARN, FORCE_MFA_ARN])],
      violations: 0,
    },
    {
      name: "listing it by the policy's ARN at preview (unknown, built from the policy) keeps it",
      resources: [...base(), userArnsExclusive([READ_ONLY_ARN, UNKNOWN], { policyArns: [POLICY_URN] })],
      violations: 0,
    },
    {
      name: "an AWS managed policy of the same name is not the deny",
      resources: [...base(), userArnsExclusive(["arn:aws:iam::aws:policy/force-mfa"])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an entry unknown at preview built from something else: cannot be confirmed",
      resources: [...base(), userArnsExclusive([READ_ONLY_ARN, UNKNOWN])],
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole list unknown at preview: cannot be confirmed",
      resources: [...base(), userArnsExclusive(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "another user's exclusive list changes nothing",
      resources: [...base(), r(USER_ARNS_EXCLUSIVE, "bobs", { userName: "bob", policyArns: [] })],
      violations: 0,
    },
    {
      name: "a managed-policy list leaves inline policies alone",
      resources: [login(), inline(), userArnsExclusive([])],
      violations: 0,
    },
    {
      name: "a role's exclusive list reaches no user",
      resources: [...base(), r(ROLE_ARNS_EXCLUSIVE, "role-only", { roleName: "alice", policyArns: [] })],
      violations: 0,
    },
  ]);

  it("names the exclusive resource in the note", async () => {
    const ds = await runStack(requireIamConsoleMfa, [...base(), userArnsExclusive([READ_ONLY_ARN])]);
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("only-listed (UserPolicyAttachmentsExclusive) does not list force-mfa");
  });
});

describe("require-iam-console-mfa: a user's exclusive inline policies", () => {
  stackTable(requireIamConsoleMfa, [
    { name: "inline deny alone forces MFA", resources: [login(), inline()], violations: 0 },
    {
      name: "X3: UserPoliciesExclusive listing only another name removes the inline deny",
      resources: [login(), inline(), userNamesExclusive(["other"])],
      violations: 0,
      notes: 1,
    },
    {
      name: "listing its name keeps it",
      resources: [login(), inline(), userNamesExclusive(["other", "mfa"])],
      violations: 0,
    },
    {
      name: "an inline policy's name unknown at preview, list built from it: kept",
      resources: [
        login(),
        inline(UNKNOWN),
        userNamesExclusive([UNKNOWN], { policyNames: [urnOf(USER_POLICY, "inline")] }),
      ],
      violations: 0,
    },
    {
      name: "an inline policy with no name given: cannot be confirmed",
      resources: [login(), inline(undefined), userNamesExclusive(["other"])],
      violations: 0,
      notes: 1,
    },
    {
      name: "the list unknown at preview: cannot be confirmed",
      resources: [login(), inline(), userNamesExclusive(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "an inline-policy list leaves managed policies alone",
      resources: [...base(), userNamesExclusive([])],
      violations: 0,
    },
  ]);
});

describe("require-iam-console-mfa: a group's exclusive policies", () => {
  stackTable(requireIamConsoleMfa, [
    {
      name: "group attachment alone forces MFA",
      resources: [login(), policy(), member(), groupAttach()],
      violations: 0,
    },
    {
      name: "GroupPolicyAttachmentsExclusive omitting the deny removes it from the group",
      resources: [login(), policy(), member(), groupAttach(), groupArnsExclusive([READ_ONLY_ARN])],
      violations: 0,
      notes: 1,
    },
    {
      name: "GroupPolicyAttachmentsExclusive listing the deny keeps it",
      resources: [login(), policy(), member(), groupAttach(), groupArnsExclusive([FORCE_MFA_ARN])],
      violations: 0,
    },
    {
      name: "the group's list unknown at preview: cannot be confirmed",
      resources: [login(), policy(), member(), groupAttach(), groupArnsExclusive(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
    {
      name: "stripped from one group, still attached to another group alice is in",
      resources: [
        login(),
        policy(),
        member(["humans", "devs"]),
        groupAttach("humans"),
        groupAttach("devs"),
        groupArnsExclusive([], "humans"),
      ],
      violations: 0,
    },
    {
      name: "another group's exclusive list changes nothing",
      resources: [login(), policy(), member(), groupAttach(), groupArnsExclusive([], "devs")],
      violations: 0,
    },
    {
      name: "group named by dependency at preview: its exclusive list applies",
      resources: [
        r(GROUP, "humans", { name: UNKNOWN }),
        login(),
        policy(),
        r(USER_GROUPS, "membership", { user: "alice", groups: [UNKNOWN] }, { groups: [GROUP_URN] }),
        r(GROUP_ATTACH, "ga", { group: UNKNOWN, policyArn: FORCE_MFA_ARN }, { group: [GROUP_URN] }),
        r(GROUP_ARNS_EXCLUSIVE, "only", { groupName: UNKNOWN, policyArns: [] }, { groupName: [GROUP_URN] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "GroupPoliciesExclusive omitting the inline deny removes it",
      resources: [login(), member(), groupInline(), groupNamesExclusive(["other"])],
      violations: 0,
      notes: 1,
    },
    {
      name: "GroupPoliciesExclusive listing the inline deny keeps it",
      resources: [login(), member(), groupInline(), groupNamesExclusive(["mfa"])],
      violations: 0,
    },
    {
      name: "GroupPoliciesExclusive unknown at preview: cannot be confirmed",
      resources: [login(), member(), groupInline(), groupNamesExclusive(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-iam-console-mfa: IAM users are per account", () => {
  const in1 = (res: StackInput) => inAccounts(res, ["111111111111"]);
  const in2 = (res: StackInput) => inAccounts(res, ["222222222222"]);
  const arnIn = (account: string) => `arn:aws:iam::${account}:policy/force-mfa`;
  /** The base stack, all of it in account 111111111111. */
  const base1 = () => [in1(login()), in1(policy()), in1(attachByArn(arnIn("111111111111")))];
  stackTable(requireIamConsoleMfa, [
    {
      name: "D4: the deny of account 111111111111 does not reach alice of account 222222222222",
      resources: [in1(inline()), in2(login())],
      violations: 0,
      notes: 1,
    },
    { name: "all in account 111111111111: the deny counts", resources: base1(), violations: 0 },
    {
      name: "both in account 111111111111 through different providers: counts",
      resources: [in1(inline()), inAccounts(login(), ["111111111111"], "other-provider")],
      violations: 0,
    },
    {
      name: "accounts unknown at preview: may be the same account, counts as before",
      resources: [inAccounts(inline(), UNKNOWN), in2(login())],
      violations: 0,
    },
    {
      name: "the policy and its attachment in another account than the login profile",
      resources: [in2(login()), in1(policy()), in1(attachByArn(arnIn("111111111111")))],
      violations: 0,
      notes: 1,
    },
    {
      name: "another account's PolicyAttachment of a same-named policy detaches nothing here",
      resources: [...base1(), in2(policyAttachment({ users: ["bob"], policyArn: arnIn("222222222222") }))],
      violations: 0,
    },
    {
      name: "another account's exclusive list for its own alice removes nothing here",
      resources: [...base1(), in2(userArnsExclusive([]))],
      violations: 0,
    },
  ]);
});

describe("require-iam-console-mfa: the account a policy ARN names", () => {
  const in1 = (res: StackInput) => inAccounts(res, ["111111111111"]);
  stackTable(requireIamConsoleMfa, [
    {
      name: "an ARN of account 111111111111 names the policy of account 111111111111",
      resources: [in1(login()), in1(policy()), in1(attachByArn("arn:aws:iam::111111111111:policy/force-mfa"))],
      violations: 0,
    },
    {
      name: "an ARN of account 999999999999 names no policy a user of 111111111111 can be attached",
      resources: [in1(login()), in1(policy()), in1(attachByArn("arn:aws:iam::999999999999:policy/force-mfa"))],
      violations: 0,
      notes: 1,
    },
    {
      name: "an exclusive list naming the policy under another account keeps nothing",
      resources: [
        in1(login()),
        in1(policy()),
        in1(attachByArn("arn:aws:iam::111111111111:policy/force-mfa")),
        in1(userArnsExclusive(["arn:aws:iam::999999999999:policy/force-mfa"])),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "no provider account known: an ARN's account cannot be checked, it matches by name as before",
      resources: [login(), policy(), attachByArn("arn:aws:iam::999999999999:policy/force-mfa")],
      violations: 0,
    },
  ]);
});

describe("require-iam-console-mfa: a CloudFormation managed policy's Users and Groups are no exclusive attachment", () => {
  const deny = { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: DENY, Groups: [{ Ref: "Humans" }] } };
  const template = (userProps: Record<string, unknown>) =>
    r(CFN_STACK, "app", {
      templateBody: JSON.stringify({
        AWSTemplateFormatVersion: "2010-09-09",
        Resources: {
          Humans: { Type: "AWS::IAM::Group", Properties: {} },
          ForceMfa: deny,
          Alice: {
            Type: "AWS::IAM::User",
            Properties: { LoginProfile: { Password: "correct-horse-battery" }, ...userProps },
          },
        },
      }),
    });
  // The rule as the pack runs it, reading templates.
  const withTemplates = rule("require-iam-console-mfa") as unknown as typeof requireIamConsoleMfa;
  stackTable(withTemplates, [
    {
      name: "attached to the user by ManagedPolicyArns beside the policy's own Groups: kept",
      resources: [template({ ManagedPolicyArns: [{ Ref: "ForceMfa" }] })],
      violations: 0,
    },
    {
      name: "reaching the user by neither: a note",
      resources: [template({})],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-iam-console-mfa: an exclusive resource whose owner is unknown at preview may be alice's", () => {
  const unknownUserArns = (policyArns: unknown, deps?: Record<string, string[]>) =>
    r(USER_ARNS_EXCLUSIVE, "someones", { userName: UNKNOWN, policyArns }, deps);
  stackTable(requireIamConsoleMfa, [
    {
      name: "UserPolicyAttachmentsExclusive for an unknown user, empty list, linked to nothing: a note",
      resources: [...base(), unknownUserArns([])],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same, its user built from an unrelated resource: still a note",
      resources: [
        ...base(),
        unknownUserArns([], { userName: ["urn:pulumi:test::hardening-kit::random:index/randomPet:RandomPet::x"] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed",
      resources: [...base(), unknownUserArns([READ_ONLY_ARN])],
      violations: 1,
      mentions: "someones's userName is unknown",
      config: { failClosed: true },
    },
    {
      name: "an unknown user's list that keeps the deny: no note",
      resources: [...base(), unknownUserArns([READ_ONLY_ARN, FORCE_MFA_ARN])],
      violations: 0,
    },
    {
      name: "an unknown user's managed-policy list leaves alice's inline deny alone",
      resources: [login(), inline(), unknownUserArns([])],
      violations: 0,
    },
    {
      name: "UserPoliciesExclusive for an unknown user: a note",
      resources: [
        login(),
        inline(),
        r(USER_NAMES_EXCLUSIVE, "someones-inline", { userName: UNKNOWN, policyNames: [] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "GroupPolicyAttachmentsExclusive for an unknown group: a note",
      resources: [
        login(),
        policy(),
        member(),
        groupAttach(),
        r(GROUP_ARNS_EXCLUSIVE, "some-group", { groupName: UNKNOWN, policyArns: [READ_ONLY_ARN] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "GroupPoliciesExclusive for an unknown group: a note",
      resources: [
        login(),
        member(),
        groupInline(),
        r(GROUP_NAMES_EXCLUSIVE, "some-group-inline", { groupName: UNKNOWN, policyNames: ["other"] }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "an unknown group's exclusive list cannot take a deny attached to alice herself",
      resources: [...base(), r(GROUP_ARNS_EXCLUSIVE, "some-group", { groupName: UNKNOWN, policyArns: [] })],
      violations: 0,
    },
    {
      name: "a known other group's exclusive list changes nothing (unchanged)",
      resources: [login(), policy(), member(), groupAttach(), groupArnsExclusive([], "devs")],
      violations: 0,
    },
  ]);

  it("names the exclusive resource whose owner is unknown", async () => {
    const ds = await runStack(requireIamConsoleMfa, [...base(), unknownUserArns([])]);
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("cannot be verified at preview: someones's userName is unknown");
  });
});

describe("require-iam-console-mfa: a sure removal is not hidden behind another resource's unknown value", () => {
  const x1 = (props: Record<string, unknown>) => r(USER_ARNS_EXCLUSIVE, "x1", { userName: "alice", ...props });
  const x2 = (props: Record<string, unknown>) => r(USER_ARNS_EXCLUSIVE, "x2", { userName: "alice", ...props });
  const X2_REMOVES = "x2 (UserPolicyAttachmentsExclusive) does not list force-mfa";
  const attachmentOf = (name: string, props: Record<string, unknown>) =>
    r(POLICY_ATTACH, name, { policyArn: FORCE_MFA_ARN, ...props });
  stackTable(requireIamConsoleMfa, [
    {
      name: "x1's list unknown, x2's empty: x2 surely removes the deny",
      resources: [...base(), x1({ policyArns: [UNKNOWN] }), x2({ policyArns: [] })],
      violations: 1,
      mentions: X2_REMOVES,
      config: { failClosed: true },
    },
    {
      name: "x1's whole list unknown, x2's listing only ReadOnlyAccess",
      resources: [...base(), x1({ policyArns: UNKNOWN }), x2({ policyArns: [READ_ONLY_ARN] })],
      violations: 1,
      mentions: X2_REMOVES,
      config: { failClosed: true },
    },
    {
      name: "x1's owner unknown, x2 alice's with an empty list (control: x2 still named)",
      resources: [...base(), x1({ userName: UNKNOWN, policyArns: [] }), x2({ policyArns: [] })],
      violations: 1,
      mentions: X2_REMOVES,
      config: { failClosed: true },
    },
    {
      name: "group exclusives: one unknown, one empty",
      resources: [
        login(),
        policy(),
        member(),
        groupAttach(),
        r(GROUP_ARNS_EXCLUSIVE, "g1", { groupName: "humans", policyArns: UNKNOWN }),
        r(GROUP_ARNS_EXCLUSIVE, "g2", { groupName: "humans", policyArns: [] }),
      ],
      violations: 1,
      mentions: "g2 (GroupPolicyAttachmentsExclusive) does not list force-mfa",
      config: { failClosed: true },
    },
    {
      name: "PolicyAttachments: one's users unknown, another's listing only bob",
      resources: [...base(), attachmentOf("p1", { users: UNKNOWN }), attachmentOf("p2", { users: ["bob"] })],
      violations: 1,
      mentions: "PolicyAttachment p2 attaches force-mfa to the users it lists only",
      config: { failClosed: true },
    },
    {
      name: "a PolicyAttachment's users unknown, an exclusive list surely dropping the deny",
      resources: [...base(), attachmentOf("p1", { users: UNKNOWN }), x2({ policyArns: [] })],
      violations: 1,
      mentions: X2_REMOVES,
      config: { failClosed: true },
    },
    {
      name: "x1's list unknown, x2's keeping the deny: only unknown",
      resources: [...base(), x1({ policyArns: [UNKNOWN] }), x2({ policyArns: [FORCE_MFA_ARN] })],
      violations: 1,
      mentions: "x1's policyArns is unknown",
      config: { failClosed: true },
    },
    {
      name: "both keep the deny: no finding",
      resources: [...base(), x1({ policyArns: [FORCE_MFA_ARN] }), x2({ policyArns: [READ_ONLY_ARN, FORCE_MFA_ARN] })],
      violations: 0,
      config: { failClosed: true },
    },
  ]);

  it("reports the sure removal, naming x2, whatever the order", async () => {
    for (const order of [
      [x1({ policyArns: [UNKNOWN] }), x2({ policyArns: [] })],
      [x2({ policyArns: [] }), x1({ policyArns: [UNKNOWN] })],
    ]) {
      const ds = await runStack(requireIamConsoleMfa, [...base(), ...order]);
      expect(ds.map((d) => d.level)).toEqual(["advisory"]);
      expect(ds[0].message).toContain(X2_REMOVES);
      expect(ds[0].message).not.toContain("x1's policyArns is unknown");
    }
  });
});

describe("require-iam-console-mfa: an ARN names a policy only in the policy's partition", () => {
  const inRegion = (res: StackInput, region: unknown): StackInput => ({
    ...res,
    provider: `${PROVIDER}region-${String(region)}`,
    providerProps: { region },
  });
  const arn = (partition: string) => `arn:${partition}:iam::123456789012:policy/sec/force-mfa`;
  const secPolicy = (props: Record<string, unknown> = {}) =>
    r(POLICY, "force-mfa", { name: "force-mfa", path: "/sec/", policy: DENY, ...props });
  /** alice, the deny under /sec/ and its attachment by ARN, all in the region's partition. */
  const stackIn = (region: unknown, partition: string, exclusiveArns: string[]) =>
    [login(), secPolicy(), attachByArn(arn(partition)), userArnsExclusive(exclusiveArns)].map((x) =>
      inRegion(x, region),
    );
  stackTable(requireIamConsoleMfa, [
    {
      name: "the stack in us-east-1 (aws), the exclusive list holding the aws-cn ARN: removed",
      resources: stackIn("us-east-1", "aws", [arn("aws-cn")]),
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed, naming the exclusive resource",
      resources: stackIn("us-east-1", "aws", [arn("aws-cn")]),
      violations: 1,
      mentions: "only-listed (UserPolicyAttachmentsExclusive) does not list force-mfa",
      config: { failClosed: true },
    },
    {
      name: "us-east-1, the aws ARN: kept",
      resources: stackIn("us-east-1", "aws", [arn("aws")]),
      violations: 0,
    },
    {
      name: "cn-north-1 (aws-cn), the aws-cn ARN: kept",
      resources: stackIn("cn-north-1", "aws-cn", [arn("aws-cn")]),
      violations: 0,
    },
    {
      name: "cn-north-1 (aws-cn), the aws ARN: removed",
      resources: stackIn("cn-north-1", "aws-cn", [arn("aws")]),
      violations: 0,
      notes: 1,
    },
    {
      name: "us-gov-west-1 (aws-us-gov), the aws ARN: removed",
      resources: stackIn("us-gov-west-1", "aws-us-gov", [arn("aws")]),
      violations: 0,
      notes: 1,
    },
    {
      name: "us-gov-west-1 (aws-us-gov), the aws-us-gov ARN: kept",
      resources: stackIn("us-gov-west-1", "aws-us-gov", [arn("aws-us-gov")]),
      violations: 0,
    },
    {
      name: "the policy's own ARN says aws (no provider): the aws-cn ARN is another policy",
      resources: [login(), secPolicy({ arn: arn("aws") }), attachByArn(arn("aws")), userArnsExclusive([arn("aws-cn")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "an attachment by the aws-cn ARN attaches no policy of us-east-1: no deny reaches alice",
      resources: [login(), secPolicy(), attachByArn(arn("aws-cn"))].map((x) => inRegion(x, "us-east-1")),
      violations: 0,
      notes: 1,
    },
    {
      name: "no provider region: the partition is unknown, the aws-cn ARN matches by name as before",
      resources: [login(), secPolicy(), attachByArn(arn("aws")), userArnsExclusive([arn("aws-cn")])],
      violations: 0,
    },
    {
      name: "region unknown at preview: as before",
      resources: stackIn(UNKNOWN, "aws", [arn("aws-cn")]),
      violations: 0,
    },
  ]);
});
