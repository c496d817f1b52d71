// Bastion.allowSshTo({ label, securityGroupId }): the object form both clouds take, next to Alibaba Cloud's positional
// allowSshTo(privateSecurityGroupId, label). It makes the same rule and goes through the same checks (label form,
// id form, repeats across both forms, an Output id once known), naming the object's keys; a misspelled key is reported.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { ofType, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";

const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const GROUP = "sg-bp1fg655nh68xyz9i3x8";
const sshRules = (name: string) => ofType(name, RULE).filter((r) => r.name.includes("-ssh-to-"));

let built = 0;
/** A bastion under a name of its own: the mocks keep every test's resources, told apart by prefix. */
function bastion(): { b: Bastion; name: string } {
  const name = `so-${++built}`;
  const b = new Bastion(name, {
    vpcId: "vpc-1",
    vswitchId: "vsw-public",
    allowedCidrs: ["203.0.113.0/28"],
    keyName: "ops-key",
  });
  return { b, name };
}

describe("Bastion.allowSshTo({ label, securityGroupId })", () => {
  it("makes the rule the positional form makes", async () => {
    const viaObject = bastion();
    viaObject.b.allowSshTo({ label: "web", securityGroupId: GROUP });
    const positional = bastion();
    positional.b.allowSshTo(GROUP, "web");
    await settle();
    const [objectRule] = sshRules(viaObject.name);
    const [positionalRule] = sshRules(positional.name);
    expect(objectRule.name).toBe(`${viaObject.name}-ssh-to-web`);
    const withoutSource = (inputs: Record<string, unknown>) => ({ ...inputs, sourceSecurityGroupId: undefined });
    expect(withoutSource(objectRule.inputs)).toEqual(withoutSource(positionalRule.inputs));
    expect(objectRule.inputs.securityGroupId).toBe(GROUP);
  });

  it.each([
    [
      "a bad label",
      { label: "Web", securityGroupId: GROUP },
      'argument "label" is "Web"',
      "allowed: 1 to 40 lower-case",
    ],
    [
      "a vSwitch id for the id",
      { label: "web", securityGroupId: "vsw-bp1gds63lmlm7ib05" },
      'argument "securityGroupId" is "vsw-bp1gds63lmlm7ib05"',
      "allowed: a security group id, sg- and letters or digits",
    ],
    ["a missing id", { label: "web" }, 'argument "securityGroupId" is undefined', "allowed: a non-empty string"],
    [
      "a misspelled key",
      { label: "web", securityGroupID: GROUP },
      'argument "securityGroupID"',
      "did you mean securityGroupId?",
    ],
    [
      "swapped values",
      { label: GROUP, securityGroupId: "web" },
      'argument "securityGroupId" is "web"',
      "this cloud's order is allowSshTo({ label, securityGroupId })",
    ],
  ])("refuses %s, naming the object's keys, creating no rule", async (_what, target, argument, text) => {
    const { b, name } = bastion();
    const message = thrown(() => b.allowSshTo(target as never));
    expect(message).toMatch(new RegExp(`^Bastion "${name}": allowSshTo: \\d invalid arguments?:`));
    expect(message).toContain(argument);
    expect(message).toContain(text);
    expect(message).not.toContain("privateSecurityGroupId");
    await settle();
    expect(sshRules(name)).toEqual([]);
  });

  it("refuses a label or a group repeated across the two forms", async () => {
    const { b, name } = bastion();
    b.allowSshTo(GROUP, "web");
    expect(thrown(() => b.allowSshTo({ label: "web", securityGroupId: "sg-uf6abc" }))).toContain(
      'argument "label" is "web"; allowed: a label not used by an earlier allowSshTo call of this Bastion',
    );
    const group = thrown(() => b.allowSshTo({ label: "app", securityGroupId: GROUP }));
    expect(group).toContain('argument "securityGroupId"');
    expect(group).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    await settle();
    expect(sshRules(name).map((r) => r.name)).toEqual([`${name}-ssh-to-web`]);
  });

  it("checks an Output id once known, naming securityGroupId, with no rule", async () => {
    const { b, name } = bastion();
    const failures = await registrationFailures(async () => {
      b.allowSshTo({ label: "web", securityGroupId: pulumi.output("web-group") });
      await settle();
    });
    expect(failures).toEqual([expect.stringContaining('argument "securityGroupId" is "web-group"; allowed:')]);
    expect(sshRules(name)).toEqual([]);
  });

  it("takes an Output id that is a group id", async () => {
    const { b, name } = bastion();
    b.allowSshTo({ label: "web", securityGroupId: pulumi.output(GROUP) });
    await settle();
    expect(sshRules(name).map((r) => r.inputs.securityGroupId)).toEqual([GROUP]);
  });
});
