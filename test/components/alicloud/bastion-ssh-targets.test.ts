// Bastion.allowSshTo(privateSecurityGroupId, label): the label names the rule (`<bastion>-ssh-to-<label>`), so a bad
// or repeated one would surface as an engine URN collision, and a bad id only at deployment. Both are refused at the
// call, naming the argument; an id given as an Output is checked once known, in the same words, before the rule.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { unknownAtPreview } from "../aws/unknown-at-preview";
import { ofType, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";

const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const GROUP = "sg-bp1fg655nh68xyz9i3x8";
const ID_RULE = "allowed: a security group id, sg- and letters or digits, at most 30 characters";
const LABEL_RULE = "allowed: 1 to 40 lower-case letters, digits or '-'";
const sshRules = (name: string) => ofType(name, RULE).filter((r) => r.name.includes("-ssh-to-"));

let built = 0;
/** A bastion under a name of its own: the mocks keep every test's resources, told apart by prefix. */
function bastion(): { b: Bastion; name: string } {
  const name = `st-${++built}`;
  const b = new Bastion(name, {
    vpcId: "vpc-1",
    vswitchId: "vsw-public",
    allowedCidrs: ["203.0.113.0/28"],
    keyName: "ops-key",
  });
  return { b, name };
}

describe("Bastion.allowSshTo arguments", () => {
  it.each([
    ["an empty label", GROUP, "", "label", LABEL_RULE],
    ["a capitalised label", GROUP, "Web", "label", LABEL_RULE],
    ["a label with a space", GROUP, "web tier", "label", LABEL_RULE],
    ["a label with a colon", GROUP, "web::1", "label", LABEL_RULE],
    ["a 41-character label", GROUP, "a".repeat(41), "label", LABEL_RULE],
    ["a label given as an Output", GROUP, pulumi.output("web"), "label", "allowed: a plain value"],
    ["an empty id", "", "web", "privateSecurityGroupId", "allowed: a non-empty string"],
    ["a whitespace id", "  ", "web", "privateSecurityGroupId", "allowed: a non-empty string"],
    ["a group name", "web-group", "web", "privateSecurityGroupId", ID_RULE],
    ["an id with a hyphen after sg-", "sg-web-1", "web", "privateSecurityGroupId", ID_RULE],
    ["an id of 31 characters", `sg-${"a".repeat(28)}`, "web", "privateSecurityGroupId", ID_RULE],
    ["a vSwitch id", "vsw-bp1gds63lmlm7ib05", "web", "privateSecurityGroupId", ID_RULE],
  ] as const)("refuses %s, creating no rule", async (_what, id, label, argument, allowed) => {
    const { b, name } = bastion();
    const message = thrown(() => b.allowSshTo(id, label as string));
    expect(message).toMatch(new RegExp(`^Bastion "${name}": allowSshTo: 1 invalid argument:`));
    expect(message).toContain(`argument "${argument}"`);
    expect(message).toContain(allowed);
    await settle();
    expect(sshRules(name)).toEqual([]);
  });

  it("names the order when the arguments look swapped (AWS's order)", async () => {
    const { b } = bastion();
    const message = thrown(() => b.allowSshTo("web", GROUP));
    expect(message).toContain('argument "privateSecurityGroupId" is "web"');
    expect(message).toContain(
      "fix: the arguments look swapped: this cloud's order is allowSshTo(privateSecurityGroupId, label)",
    );
    await settle();
  });

  it("refuses a label used by an earlier call, instead of a URN collision", async () => {
    const { b, name } = bastion();
    b.allowSshTo(GROUP, "web");
    const message = thrown(() => b.allowSshTo("sg-uf6abc", "web"));
    expect(message).toContain(
      'argument "label" is "web"; allowed: a label not used by an earlier allowSshTo call of this Bastion',
    );
    await settle();
    expect(sshRules(name).map((r) => r.name)).toEqual([`${name}-ssh-to-web`]);
  });

  it("refuses a group opened by an earlier call", async () => {
    const { b } = bastion();
    b.allowSshTo(GROUP, "web");
    const message = thrown(() => b.allowSshTo(GROUP, "web-2"));
    expect(message).toContain('argument "privateSecurityGroupId"');
    expect(message).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    await settle();
  });

  it("accepts distinct labels and groups", async () => {
    const { b, name } = bastion();
    b.allowSshTo(GROUP, "web");
    b.allowSshTo("sg-uf6abc", "app-1");
    await settle();
    expect(sshRules(name).map((r) => [r.name, r.inputs.securityGroupId])).toEqual([
      [`${name}-ssh-to-app-1`, "sg-uf6abc"],
      [`${name}-ssh-to-web`, GROUP],
    ]);
  });
});

describe("Bastion.allowSshTo ids given as Outputs", () => {
  it.each([["sg-web-1"], [""], ["web-group"]])(
    "refuses %j once known, in the plain value's words, creating no rule",
    async (id) => {
      const plain = bastion();
      const message = thrown(() => plain.b.allowSshTo(id, "web"));
      const late = bastion();
      const failures = await registrationFailures(async () => {
        late.b.allowSshTo(pulumi.output(id), "web");
        await settle();
      });
      expect(failures).toEqual([message.replace(`"${plain.name}"`, `"${late.name}"`)]);
      expect(failures[0]).not.toContain("error serializing");
      expect(sshRules(late.name)).toEqual([]);
    },
  );

  it("uses a valid id once known", async () => {
    const { b, name } = bastion();
    const failures = await registrationFailures(async () => {
      b.allowSshTo(pulumi.output(GROUP), "web");
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules(name).map((r) => r.inputs.securityGroupId)).toEqual([GROUP]);
  });

  it("registers the rule, with no error, for an id unknown at preview", async () => {
    const { b, name } = bastion();
    const failures = await registrationFailures(async () => {
      b.allowSshTo(unknownAtPreview<string>(), "web");
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules(name).map((r) => r.name)).toEqual([`${name}-ssh-to-web`]);
  });
});

describe("Bastion.allowSshTo repeats and names across calls and bastions", () => {
  const OTHER = "sg-uf6abc";
  /** A bastion under a given name, for rule names that border the separator. */
  const named = (name: string) =>
    new Bastion(name, {
      vpcId: "vpc-1",
      vswitchId: "vsw-public",
      vpcCidr: "10.0.0.0/16",
      allowedCidrs: ["203.0.113.0/28"],
      keyName: "ops-key",
    });

  it("refuses a group given twice as one Output once known, in the plain ids' words", async () => {
    const plain = bastion();
    plain.b.allowSshTo(OTHER, "web");
    const message = thrown(() => plain.b.allowSshTo(OTHER, "web-2"));
    const late = bastion();
    const failures = await registrationFailures(async () => {
      const id = pulumi.output(OTHER);
      late.b.allowSshTo(id, "web");
      late.b.allowSshTo(id, "web-2");
      await settle();
    });
    expect(failures).toEqual([message.replace(`"${plain.name}"`, `"${late.name}"`)]);
    expect(sshRules(late.name).map((r) => r.name)).toEqual([`${late.name}-ssh-to-web`]);
  });

  it("refuses an Output id once known that an earlier call gave plain", async () => {
    const { b, name } = bastion();
    const failures = await registrationFailures(async () => {
      b.allowSshTo(OTHER, "web");
      b.allowSshTo(pulumi.output(OTHER), "web-2");
      await settle();
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    expect(sshRules(name).map((r) => r.name)).toEqual([`${name}-ssh-to-web`]);
  });

  it.each([
    ["different groups given as Outputs", pulumi.output(OTHER), pulumi.output(GROUP)],
    ["one group unknown at preview", ...[unknownAtPreview<string>()].flatMap((id) => [id, id])],
  ])("registers both rules for %s", async (_what, first, second) => {
    const { b, name } = bastion();
    const failures = await registrationFailures(async () => {
      b.allowSshTo(first, "web");
      b.allowSshTo(second, "web-2");
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules(name).map((r) => r.name)).toEqual([`${name}-ssh-to-web`, `${name}-ssh-to-web-2`]);
  });

  it.each([
    ["y-ssh-to-z", "y-z"],
    ["ssh-to-z", "z"],
  ])("refuses the label %j, which could name another bastion's rule", async (label, suggested) => {
    const { b, name } = bastion();
    const message = thrown(() => b.allowSshTo(GROUP, label));
    expect(message).toContain(
      `argument "label" is "${label}"; allowed: a label with no "ssh-to-" at its start or after a '-' (the rule is ` +
        `named <bastion>-ssh-to-<label>, so such a label can name another bastion's rule); fix: drop "ssh-to" from ` +
        `the label, e.g. "${suggested}"`,
    );
    await settle();
    expect(sshRules(name)).toEqual([]);
  });

  it("keeps rule names of labels near the separator, and of bastions holding it, as they were", async () => {
    named("nx").allowSshTo(GROUP, "ssh-to");
    named("nx-ssh-to-y").allowSshTo(GROUP, "z");
    named("nx-b").allowSshTo(GROUP, "a-ssh-to");
    await settle();
    // The bastion's own rules carry "-ssh-to-" in their names too; the rules allowSshTo makes are told by source.
    const fromBastion = ofType("nx", RULE).filter((r) => r.inputs.sourceSecurityGroupId !== undefined);
    expect(fromBastion.map((r) => r.name).sort()).toEqual([
      "nx-b-ssh-to-a-ssh-to",
      "nx-ssh-to-ssh-to",
      "nx-ssh-to-y-ssh-to-z",
    ]);
  });

  it("names the order when an Output id comes second (a caller without types)", async () => {
    const { b, name } = bastion();
    const message = thrown(() => b.allowSshTo("web", pulumi.output(GROUP) as unknown as string));
    expect(message).toContain(
      "fix: the arguments look swapped: this cloud's order is allowSshTo(privateSecurityGroupId, label)",
    );
    await settle();
    expect(sshRules(name)).toEqual([]);
  });
});

// Bastion.allowSshTo({ label, securityGroupId }): the object form both clouds take, next to Alibaba Cloud's positional
// allowSshTo(privateSecurityGroupId, label). It makes the same rule and goes through the same checks (label form,
// id form, repeats across both forms, an Output id once known), naming the object's keys; a misspelled key is reported.
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
