// Bastion.allowSshTo(label, targetSecurityGroupId): the label names the rule (`<bastion>-ssh-to-<label>`), so a bad or
// repeated one would surface as an engine URN collision, and a bad id only at deployment. Both are refused at the
// call, naming the argument; an id given as an Output is checked once known, in the same words, before the rule.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, reset, settle, validationErrorOf } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { Bastion } from "../../../components/aws/bastion";

const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const GROUP = "sg-0a1b2c3d4e5f60718";
const ID_RULE = "allowed: a security group id, sg- and 8 or 17 hex digits";
const LABEL_RULE = "allowed: 1 to 40 lower-case letters, digits or '-'";
const sshRules = () => ofType(RULE).filter((r) => r.name.includes("-ssh-to-"));

const bastion = (name = "jump") =>
  new Bastion(name, {
    vpcId: "vpc-1",
    subnetId: "subnet-pub",
    vpcCidr: "10.0.0.0/16",
    allowedCidrs: ["203.0.113.0/28"],
  });

beforeEach(() => reset());

describe("Bastion.allowSshTo arguments", () => {
  it.each([
    ["an empty label", "", GROUP, "label", LABEL_RULE],
    ["a capitalised label", "App", GROUP, "label", LABEL_RULE],
    ["a label with an underscore", "app_1", GROUP, "label", LABEL_RULE],
    ["a label with a slash", "app/db", GROUP, "label", LABEL_RULE],
    ["a label starting with '-'", "-app", GROUP, "label", LABEL_RULE],
    ["a 41-character label", "a".repeat(41), GROUP, "label", LABEL_RULE],
    ["a label given as an Output", pulumi.output("app"), GROUP, "label", "allowed: a plain value"],
    ["an empty id", "app", "", "targetSecurityGroupId", "allowed: a non-empty string"],
    ["a whitespace id", "app", " ", "targetSecurityGroupId", "allowed: a non-empty string"],
    ["a padded id", "app", ` ${GROUP}`, "targetSecurityGroupId", "allowed: a non-empty string"],
    ["a group name", "app", "app-sg", "targetSecurityGroupId", ID_RULE],
    ["an id of no hex form", "app", "sg-app", "targetSecurityGroupId", ID_RULE],
    ["an id in capitals", "app", "sg-0A1B2C3D", "targetSecurityGroupId", ID_RULE],
    ["an id of 9 hex digits", "app", "sg-0a1b2c3d4", "targetSecurityGroupId", ID_RULE],
    [
      "a group ARN",
      "app",
      `arn:aws:ec2:us-east-1:123456789012:security-group/${GROUP}`,
      "targetSecurityGroupId",
      ID_RULE,
    ],
  ] as const)("refuses %s, creating no rule", async (_what, label, id, argument, allowed) => {
    const b = bastion();
    const error = validationErrorOf(() => b.allowSshTo(label as string, id));
    expect(error.message).toMatch(/^Bastion jump: allowSshTo: 1 invalid argument:/);
    expect(error.problems.map((p) => p.argument)).toEqual([argument]);
    expect(error.message).toContain(allowed);
    await settle();
    expect(sshRules()).toEqual([]);
  });

  it("reports a bad label and a bad id together", async () => {
    const error = validationErrorOf(() => bastion().allowSshTo("", ""));
    expect(error.problems.map((p) => p.argument)).toEqual(["label", "targetSecurityGroupId"]);
    await settle();
  });

  it("names the order when the arguments look swapped (Alibaba Cloud's order)", async () => {
    const error = validationErrorOf(() => bastion().allowSshTo(GROUP, "app"));
    await settle();
    expect(error.problems.map((p) => p.argument)).toEqual(["targetSecurityGroupId"]);
    expect(error.message).toContain(
      "fix: the arguments look swapped: this cloud's order is allowSshTo(label, targetSecurityGroupId)",
    );
  });

  it("refuses a label used by an earlier call, instead of a URN collision", async () => {
    const b = bastion();
    b.allowSshTo("app", GROUP);
    const error = validationErrorOf(() => b.allowSshTo("app", "sg-0a1b2c3d"));
    expect(error.message).toContain(
      'argument "label" is "app"; allowed: a label not used by an earlier allowSshTo call of this Bastion',
    );
    await settle();
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });

  it("refuses a group opened by an earlier call", async () => {
    const b = bastion();
    b.allowSshTo("app", GROUP);
    const error = validationErrorOf(() => b.allowSshTo("app-2", GROUP));
    expect(error.problems.map((p) => p.argument)).toEqual(["targetSecurityGroupId"]);
    expect(error.message).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    await settle();
  });

  it("a failed call leaves its label free", async () => {
    const b = bastion();
    validationErrorOf(() => b.allowSshTo("app", "sg-app"));
    expect(() => b.allowSshTo("app", GROUP)).not.toThrow();
    await settle();
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });

  it.each([
    ["8 hex digits", "db", "sg-0a1b2c3d"],
    ["17 hex digits", "db-1", GROUP],
    ["a 40-character label", "a".repeat(40), GROUP],
  ])("accepts %s", async (_what, label, id) => {
    bastion().allowSshTo(label, id);
    await settle();
    expect(sshRules().map((r) => [r.name, r.inputs.securityGroupId])).toEqual([[`jump-ssh-to-${label}`, id]]);
  });
});

describe("Bastion.allowSshTo ids given as Outputs", () => {
  it.each([["sg-app"], [""], ["app-sg"]])(
    "refuses %j once known, in the plain value's words, creating no rule",
    async (id) => {
      const plain = validationErrorOf(() => bastion("plain").allowSshTo("app", id)).message;
      reset();
      const failures = await registrationFailures(async () => {
        bastion().allowSshTo("app", pulumi.output(id));
        await settle();
      });
      expect(failures).toEqual([plain.replace("Bastion plain", "Bastion jump")]);
      expect(failures[0]).not.toContain("error serializing");
      expect(sshRules()).toEqual([]);
    },
  );

  it("uses a valid id once known", async () => {
    const failures = await registrationFailures(async () => {
      bastion().allowSshTo("app", pulumi.output(GROUP));
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules().map((r) => r.inputs.securityGroupId)).toEqual([GROUP]);
  });

  it("registers the rule, with no error, for an id unknown at preview", async () => {
    const failures = await registrationFailures(async () => {
      bastion().allowSshTo("app", unknownAtPreview<string>());
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });
});

describe("Bastion.allowSshTo repeats and names across calls and bastions", () => {
  const OTHER = "sg-0a1b2c3d";

  it("refuses a group given twice as one Output once known, in the plain ids' words", async () => {
    const b0 = bastion();
    b0.allowSshTo("app", OTHER);
    const plain = validationErrorOf(() => b0.allowSshTo("app2", OTHER)).message;
    await settle();
    reset();
    const failures = await registrationFailures(async () => {
      const b = bastion();
      const id = pulumi.output(OTHER);
      b.allowSshTo("app", id);
      b.allowSshTo("app2", id);
      await settle();
    });
    expect(failures).toEqual([plain]);
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });

  it("refuses an Output id once known that an earlier call gave plain", async () => {
    const failures = await registrationFailures(async () => {
      const b = bastion();
      b.allowSshTo("app", OTHER);
      b.allowSshTo("app2", pulumi.output(OTHER));
      await settle();
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("a security group not opened by an earlier allowSshTo call of this Bastion");
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app"]);
  });

  it.each([
    ["different groups given as Outputs", pulumi.output(OTHER), pulumi.output(GROUP)],
    ["one group unknown at preview", ...[unknownAtPreview<string>()].flatMap((id) => [id, id])],
  ])("registers both rules for %s", async (_what, first, second) => {
    const failures = await registrationFailures(async () => {
      const b = bastion();
      b.allowSshTo("app", first);
      b.allowSshTo("app2", second);
      await settle();
    });
    expect(failures).toEqual([]);
    expect(sshRules().map((r) => r.name)).toEqual(["jump-ssh-to-app", "jump-ssh-to-app2"]);
  });

  it.each([
    ["y-ssh-to-z", "y-z"],
    ["ssh-to-z", "z"],
    ["ssh-to-ssh-to-z", "z"],
  ])("refuses the label %j, which could name another bastion's rule", async (label, suggested) => {
    const error = validationErrorOf(() => bastion("x").allowSshTo(label, GROUP));
    expect(error.problems.map((p) => p.argument)).toEqual(["label"]);
    expect(error.message).toContain(
      `argument "label" is "${label}"; allowed: a label with no "ssh-to-" at its start or after a '-' (the rule is ` +
        `named <bastion>-ssh-to-<label>, so such a label can name another bastion's rule); fix: drop "ssh-to" from ` +
        `the label, e.g. "${suggested}"`,
    );
    await settle();
    expect(sshRules()).toEqual([]);
  });

  it("keeps rule names of labels near the separator, and of bastions holding it, as they were", async () => {
    bastion("x").allowSshTo("ssh-to", GROUP);
    bastion("x-ssh-to-y").allowSshTo("z", GROUP);
    bastion("y").allowSshTo("a-ssh-to", GROUP);
    await settle();
    expect(sshRules().map((r) => r.name)).toEqual(["x-ssh-to-ssh-to", "x-ssh-to-y-ssh-to-z", "y-ssh-to-a-ssh-to"]);
  });

  it("names the order when an Output id comes first (a caller without types)", async () => {
    const b = bastion();
    const error = validationErrorOf(() => b.allowSshTo(pulumi.output("sg-0a1b2c3d") as unknown as string, "app"));
    expect(error.message).toContain(
      "fix: the arguments look swapped: this cloud's order is allowSshTo(label, targetSecurityGroupId)",
    );
    await settle();
    expect(sshRules()).toEqual([]);
  });
});

// Bastion.allowSshTo({ label, securityGroupId }): the object form both clouds take, next to AWS's positional
// allowSshTo(label, targetSecurityGroupId). It makes the same rule and goes through the same checks (label form,
// id form, repeats across both forms, an Output id once known), naming the object's keys; a misspelled key is reported.
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
