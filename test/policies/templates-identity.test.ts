// RAM console logins declared in ROS templates are judged by the MFA rule as the program's ram.LoginProfile is:
// MFABindRequired unset means false, a mandatory security preference of the stack overrides the opt-out, and a login
// profile switched off (Status Inactive) or a user without one has no login to judge.
import { countOf, planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { container, given, rosBody } from "./ros-program-twins";
import { ROS_STACK, ROS_STACK_GROUP, rule, TemplateResources } from "./templates-fixtures";

const mfa = rule("require-ram-mfa-for-login");
const PREF = "alicloud:ram/securityPreference:SecurityPreference";

const ramUser = (loginProfile?: unknown): TemplateResources => ({
  Ops: {
    Type: "ALIYUN::RAM::User",
    Properties: { UserName: "ops", ...(loginProfile === undefined ? {} : { LoginProfile: loginProfile }) },
  },
});
const loginProfile = (props: Record<string, unknown>): TemplateResources => ({
  Login: {
    Type: "ALIYUN::RAM::LoginProfile",
    Properties: { UserPrincipalName: "ops@example.onaliyun.com", Password: "correct-horse-battery", ...props },
  },
});
const stack = (resources: TemplateResources, parameters: Record<string, unknown> = {}, props = {}): StackInput =>
  container(rosBody(resources, parameters), props);
const preference = (props: Record<string, unknown>): StackInput => ({ type: PREF, name: "pref", props });
const CONTAINER = urnOf(ROS_STACK, "app");

describe("require-ram-mfa-for-login: ROS RAM users' login profiles", () => {
  planTable(mfa, [
    {
      name: "user whose login profile opts out of MFA",
      resources: [stack(ramUser({ Password: "correct-horse-battery", MFABindRequired: false }))],
      violations: 1,
      mentions:
        "template resource Ops (ALIYUN::RAM::User) LoginProfile: login profile app/Ops: mfaBindRequired is false",
      urn: CONTAINER,
    },
    {
      name: 'opt-out written as the string "false"',
      resources: [stack(ramUser({ MFABindRequired: "false" }))],
      violations: 1,
    },
    {
      name: "login profile leaving MFABindRequired unset (default false)",
      resources: [stack(ramUser({ Password: "correct-horse-battery" }))],
      violations: 1,
      mentions: "not set (default false)",
    },
    { name: "empty login profile", resources: [stack(ramUser({}))], violations: 1 },
    { name: "user requiring MFA", resources: [stack(ramUser({ MFABindRequired: true }))], violations: 0 },
    { name: 'MFA required as "TRUE"', resources: [stack(ramUser({ MFABindRequired: "TRUE" }))], violations: 0 },
    { name: "user without a login profile", resources: [stack(ramUser())], violations: 0 },
    {
      name: "login profile from a Json parameter's default object",
      resources: [
        stack(
          { Ops: { Type: "ALIYUN::RAM::User", Properties: { UserName: "ops", LoginProfile: { Ref: "Login" } } } },
          { Login: { Type: "Json", Default: { MFABindRequired: false } } },
        ),
      ],
      violations: 1,
    },
    {
      name: "login profile from a Json parameter given as JSON text requiring MFA",
      resources: [
        stack(
          { Ops: { Type: "ALIYUN::RAM::User", Properties: { UserName: "ops", LoginProfile: { Ref: "Login" } } } },
          { Login: { Type: "Json" } },
          given({ Login: JSON.stringify({ MFABindRequired: true }) }),
        ),
      ],
      violations: 0,
    },
    {
      name: "login profile from a Json parameter unknown at preview",
      resources: [
        stack(
          { Ops: { Type: "ALIYUN::RAM::User", Properties: { UserName: "ops", LoginProfile: { Ref: "Login" } } } },
          { Login: { Type: "Json" } },
        ),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-ram-mfa-for-login: ROS login profiles", () => {
  planTable(mfa, [
    {
      name: "login profile leaving MFABindRequired unset (default false)",
      resources: [stack(loginProfile({ Status: "Active" }))],
      violations: 1,
      mentions: "template resource Login (ALIYUN::RAM::LoginProfile): login profile app/Login",
      urn: CONTAINER,
    },
    { name: "opting out explicitly", resources: [stack(loginProfile({ MFABindRequired: false }))], violations: 1 },
    { name: "requiring MFA", resources: [stack(loginProfile({ MFABindRequired: true }))], violations: 0 },
    {
      name: 'requiring MFA as the string "true"',
      resources: [stack(loginProfile({ MFABindRequired: "true" }))],
      violations: 0,
    },
    {
      name: "password sign-in switched off (Status Inactive)",
      resources: [stack(loginProfile({ Status: "Inactive", MFABindRequired: false }))],
      violations: 0,
    },
    {
      name: "switched off, in lower case",
      resources: [stack(loginProfile({ Status: "inactive" }))],
      violations: 0,
    },
    {
      name: "switched off through a parameter's default",
      resources: [
        stack(loginProfile({ Status: { Ref: "State" } }), { State: { Type: "String", Default: "Inactive" } }),
      ],
      violations: 0,
    },
    {
      name: "Status unknown at preview: judged as Active, its default",
      resources: [stack(loginProfile({ Status: { Ref: "State" } }), { State: { Type: "String" } })],
      violations: 1,
      mentions: "judged as Active",
    },
    {
      name: "opt-out from a Boolean parameter's default",
      resources: [
        stack(loginProfile({ MFABindRequired: { Ref: "Mfa" } }), { Mfa: { Type: "Boolean", Default: false } }),
      ],
      violations: 1,
    },
    {
      name: "MFA required by the parameter the program passes",
      resources: [
        stack(
          loginProfile({ MFABindRequired: { Ref: "Mfa" } }),
          { Mfa: { Type: "Boolean", Default: false } },
          given({ Mfa: "true" }),
        ),
      ],
      violations: 0,
    },
    {
      name: "MFA flag from a parameter unknown at preview",
      resources: [stack(loginProfile({ MFABindRequired: { Ref: "Mfa" } }), { Mfa: { Type: "Boolean" } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "opt-out in a stack group's template",
      resources: [{ ...stack(loginProfile({})), type: ROS_STACK_GROUP }],
      violations: 1,
    },
  ]);
});

describe("require-ram-mfa-for-login: template logins beside the stack's security preference", () => {
  planTable(mfa, [
    {
      name: "a mandatory preference in the program overrides the template's opt-out",
      resources: [preference({ mfaOperationForLogin: "mandatory" }), stack(loginProfile({ MFABindRequired: false }))],
      violations: 0,
    },
    {
      name: "an independent preference leaves it standing (both reported)",
      resources: [preference({ mfaOperationForLogin: "independent" }), stack(loginProfile({}))],
      violations: 2,
    },
    {
      name: "a preference unknown at preview is a note for the opt-out",
      resources: [preference({ mfaOperationForLogin: UNKNOWN }), stack(ramUser({ MFABindRequired: false }))],
      violations: 0,
      notes: 2,
    },
    {
      // ROS's ALIYUN::RAM::SecurityPreference has no MFA-at-login property: it neither overrides nor is judged.
      name: "a template security preference does not override the opt-out",
      resources: [
        stack({
          ...loginProfile({}),
          Pref: { Type: "ALIYUN::RAM::SecurityPreference", Properties: { EnableSaveMFATicket: false } },
        }),
      ],
      violations: 1,
    },
  ]);
});

describe("require-ram-mfa-for-login: ROS logins in shapes ROS would reject", () => {
  it.each([
    ["a login profile written as a list", ramUser([{ MFABindRequired: true }])],
    ["a Status that is not a string", loginProfile({ Status: 7, MFABindRequired: null })],
    ["a password naming another resource", loginProfile({ Password: { Ref: "Login" }, MFABindRequired: [] })],
  ])("%s is judged without throwing, never passed as requiring MFA", async (_n, resources) => {
    const { violations, notes } = countOf(mfa, await runPlan(mfa, [stack(resources)]));
    expect(violations.length + notes.length).toBe(1);
  });
});

describe("template logins are judged by the RAM rules alone", () => {
  const OTHER_RULES = ["disallow-ecs-password-login", "require-imdsv2", "disallow-internet-admin-ports"];
  it.each(OTHER_RULES)("%s says nothing about them", async (name) => {
    const ds = await runPlan(rule(name), [stack({ ...ramUser({ MFABindRequired: false }), ...loginProfile({}) })]);
    expect(ds).toEqual([]);
  });

  it("one finding per login, none from the resource part", async () => {
    const ds = await runPlan(mfa, [stack({ ...ramUser({ MFABindRequired: false }), ...loginProfile({}) })]);
    expect(countOf(mfa, ds).violations.map((d) => d.urn)).toEqual([CONTAINER, CONTAINER]);
  });
});

describe("require-ram-password-policy-strength: template logins' passwords", () => {
  const passwords = rule("require-ram-password-policy-strength");
  const POLICY = "alicloud:ram/passwordPolicy:PasswordPolicy";
  const strong = {
    type: POLICY,
    name: "policy",
    props: { minimumPasswordLength: 14, maxLoginAttemps: 5, passwordReusePrevention: 5 },
  };
  planTable(passwords, [
    {
      name: "a login profile's password shorter than the minimum proves a weak policy",
      resources: [strong, stack(loginProfile({ Password: "Passw0rd!", MFABindRequired: true }))],
      violations: 1,
      mentions: "9 characters",
    },
    {
      name: "a RAM user's login profile password shorter than the minimum",
      resources: [strong, stack(ramUser({ Password: "Passw0rd!", MFABindRequired: true }))],
      violations: 1,
    },
    {
      name: "a long password under a strong policy of the stack",
      resources: [strong, stack(loginProfile({ MFABindRequired: true }))],
      violations: 0,
    },
    {
      name: "a long password with no password policy in the stack: one note",
      resources: [stack(loginProfile({ MFABindRequired: true }))],
      violations: 0,
      notes: 1,
    },
    {
      name: "a switched-off login profile",
      resources: [stack(loginProfile({ Password: "Passw0rd!", Status: "Inactive" }))],
      violations: 0,
    },
  ]);
});
