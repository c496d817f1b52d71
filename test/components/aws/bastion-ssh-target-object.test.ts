// Bastion.allowSshTo({ label, securityGroupId }): the object form both clouds take, next to AWS's positional
// allowSshTo(label, targetSecurityGroupId). It makes the same rule and goes through the same checks (label form,
// id form, repeats across both forms, an Output id once known), naming the object's keys; a misspelled key is reported.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { Bastion } from "../../../components/aws/bastion";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP = "sg-0a1b2c3d4e5f60718";
const sshRules = () => ofType(RULE).filter((r) => r.name.includes("-ssh-to-"));

const bastion = () =>
  new Bastion("jump", {
    vpcId: "vpc-1",
    subnetId: "subnet-pub",
    vpcCidr: "10.0.0.0/16",
    allowedCidrs: ["203.0.113.0/28"],
  });

beforeEach(() => reset());

describe("Bastion.allowSshTo({ label, securityGroupId })", () => {
  it("makes the rule the positional form makes", async () => {
    bastion().allowSshTo({ label: "app", securityGroupId: GROUP });
    await settle();
    const objectForm = sshRules().map((r) => [r.name, r.inputs]);
    reset();
    bastion().allowSshTo("app", GROUP);
    await settle();
    expect(objectForm).toEqual(sshRules().map((r) => [r.name, r.inputs]));
    expect(objectForm.map(([name]) => name)).toEqual(["jump-ssh-to-app"]);
  });

  it.each([
    ["a bad label", { label: "App", securityGroupId: GROUP }, ["label"], "allowed: 1 to 40 lower-case letters"],
    [
      "a group name for the id",
      { label: "app", securityGroupId: "app-sg" },
      ["securityGroupId"],
      "allowed: a security group id, sg- and 8 or 17 hex digits",
    ],
    ["a missing id", { label: "app" }, ["securityGroupId"], "allowed: a non-empty string"],
    ["a missing label", { securityGroupId: GROUP }, ["label"], 'argument "label" is undefined'],
    [
      "a misspelled key",
      { label: "app", securityGroupID: GROUP },
      ["securityGroupID", "securityGroupId"],
      "did you mean securityGroupId?",
    ],
    [
      "swapped values",
      { label: GROUP, securityGroupId: "app" },
      ["securityGroupId"],
      "this cloud's order is allowSshTo({ label, securityGroupId })",
    ],
  ])("refuses %s, naming the object's keys, creating no rule", async (_what, target, argumentsNamed, text) => {
    const b = bastion();
    const error = validationErrorOf(() => b.allowSshTo(target as never));
    expect(error.message).toMatch(/^Bastion jump: allowSshTo: \d invalid arguments?:/);
    expect(error.problems.map((p) => p.argument)).toEqual(argumentsNamed);
    expect(error.message).toContain(text);
    await settle();
    expect(sshRules()).toEqual([]);
  });

  it("refuses a label or a group repeated across the two forms", async () => {
    const b = bastion();
    b.allowSshTo("app", GROUP);
    const label = validationErrorOf(() => b.allowSshTo({ label: "app", securityGroupId: "sg-0a1b2c3d" }));
    expect(label.problems.map((p) => p.argument)).toEqual(["label"]);
    const group = validationErrorOf(() => b.allowSshTo({ label: "db", securityGroupId: GROUP }));
    expect(group.problems.map((p) => p.argument)).toEqual(["securityGroupId"]);
    expect(group.message).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    await settle();
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });

  it("checks an Output id once known, naming securityGroupId, with no rule", async () => {
    const failures = await registrationFailures(async () => {
      bastion().allowSshTo({ label: "app", securityGroupId: pulumi.output("app-sg") });
      await settle();
    });
    expect(failures).toEqual([
      expect.stringContaining(
        'Bastion jump: allowSshTo: 1 invalid argument:\n  1. argument "securityGroupId" is "app-sg"',
      ),
    ]);
    expect(sshRules()).toEqual([]);
  });

  it("takes an Output id that is a group id", async () => {
    bastion().allowSshTo({ label: "app", securityGroupId: pulumi.output(GROUP) });
    await settle();
    expect(sshRules().map((r) => r.inputs.securityGroupId)).toEqual([GROUP]);
  });
});
