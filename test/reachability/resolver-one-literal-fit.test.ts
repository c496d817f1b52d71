// A single reference field holding a literal beside a dependency: the dependency explains the literal only when the
// literal may name it (literal-fit.ts, literal-id-shapes.ts). A literal that cannot be the dependency (another
// kind's id, an id of a group being created, another name) is read as the outside resource it names; one that may
// be it keeps linking to it.
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { AWS } from "../../lib/reachability/aws/tokens";
import { literalMayName } from "../../lib/reachability/literal-fit";
import { Resolver } from "../../lib/reachability/resolver";
import { A } from "./alicloud-fixtures";
import { T } from "./aws-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";

const SG_TYPES = [T.sg];
const OUTSIDE = "sg-0123456789abcdef0";
const ARN = "arn:aws:ec2:us-east-1:111122223333";

/** An AWS group (`inputs` as a preview sees it) and a rule whose `securityGroupId` is `value(group)`. */
function ruleOn(inputs: Record<string, unknown>, value: (sg: GenericResource) => unknown) {
  const b = new StackBuilder();
  const sg = b.add(T.sg, "web", inputs);
  const rule = b.add(T.sgRule, "ssh", { type: "ingress", securityGroupId: value(sg) });
  const res = new Resolver(b.resources);
  return { sg: sg.urn, rule, res, one: () => res.one(rule, "securityGroupId", rule.inputs.securityGroupId, SG_TYPES) };
}

const resource = (type: string, inputs: Record<string, unknown>): GenericResource => ({
  urn: `urn:${type}`,
  type,
  name: "r",
  inputs,
  propertyDependencies: {},
  dependencies: [],
});

describe("literalMayName: ids of one shape", () => {
  it.each<[string, string, Record<string, unknown>, string, boolean]>([
    // A group being created: its id is unknown at preview, so no known literal is it.
    ["a group id, the group's id unknown at preview", T.sg, { id: UNKNOWN }, OUTSIDE, false],
    ["a group id, the group's id absent (may be an existing group's)", T.sg, {}, OUTSIDE, true],
    ["a group id, the group's own known id", T.sg, { id: OUTSIDE }, OUTSIDE, true],
    ["a group id, the group's known id another", T.sg, { id: "sg-0aaa" }, OUTSIDE, false],
    ["an account-qualified group id, id absent", T.sg, {}, `111122223333/${OUTSIDE}`, true],
    ["an account-qualified group id, id unknown", T.sg, { id: UNKNOWN }, `111122223333/${OUTSIDE}`, false],
    ["the default group's id unknown at preview", AWS.defaultSecurityGroup, { id: UNKNOWN }, OUTSIDE, false],
    // Another kind's id: only the group's name could be that text.
    ["a VPC id, the group's name known", T.sg, { name: "web-1a2b" }, "vpc-0abc", false],
    ["a VPC id, the group's name absent (may be its name)", T.sg, {}, "vpc-0abc", true],
    ["a VPC id, the group's name unknown at preview", T.sg, { name: UNKNOWN }, "vpc-0abc", true],
    ["the group's known name", T.sg, { name: "web-1a2b", id: UNKNOWN }, "web-1a2b", true],
    ["the group's name in another case", T.sg, { name: "web-1a2b" }, "WEB-1a2b", true],
    ["another name", T.sg, { name: "web-1a2b" }, "db", false],
    ["a name prefix starting it", T.sg, { namePrefix: "web-" }, "web-xyz", true],
    // ARNs
    ["the group's ARN form, id and ARN absent", T.sg, {}, `${ARN}:security-group/${OUTSIDE}`, true],
    ["the group's ARN form, ARN unknown at preview", T.sg, { arn: UNKNOWN }, `${ARN}:security-group/${OUTSIDE}`, false],
    ["a VPC's ARN in a group field", T.sg, {}, `${ARN}:vpc/vpc-0abc`, false],
    ["an instance's ARN in a group field", T.sg, {}, `${ARN}:instance/i-0abc`, false],
    // VPCs and subnets have no name: other text is no id of theirs.
    ["a VPC id, the VPC's id absent", T.vpc, {}, "vpc-0abc", true],
    ["a VPC id, the VPC's id unknown", T.vpc, { id: UNKNOWN }, "vpc-0abc", false],
    ["a subnet id in a VPC field", T.vpc, {}, "subnet-0abc", false],
    ["a group id in a subnet field", T.subnet, {}, OUTSIDE, false],
    ["a name in a VPC field", T.vpc, {}, "default", false],
    // Alibaba Cloud: prefixes only; other forms say nothing.
    ["Alibaba: a VPC id in a group field", A.sg, {}, "vpc-bp1", false],
    ["Alibaba: a group id, the group's id unknown", A.sg, { id: UNKNOWN }, "sg-bp1", false],
    ["Alibaba: a group id, the group's id absent", A.sg, {}, "sg-bp1", true],
    ["Alibaba: other text says nothing", A.sg, { name: "web" }, "my-group", true],
    ["Alibaba: a vSwitch id, its id unknown", A.vswitch, { id: UNKNOWN }, "vsw-bp1", false],
    // Kinds outside the table are not read by prefix (an instance gives its interface's `eni-` id).
    ["an instance: any id", T.instance, { id: UNKNOWN }, "eni-0abc", true],
    ["an instance: a group id", T.instance, {}, OUTSIDE, true],
  ])("%s", (_n, type, inputs, literal, expected) => {
    expect(literalMayName(resource(type, inputs), literal)).toBe(expected);
  });
});

describe("Resolver.one: a literal beside a dependency", () => {
  // known-bad (was: the program's group, whatever the literal said)
  it("an outside group id beside a group being created is outside, not the group", () => {
    expect(ruleOn({ id: UNKNOWN }, (sg) => knownRef(sg, OUTSIDE)).one()).toBeUndefined();
  });

  it("a VPC id beside a named group is outside", () => {
    expect(ruleOn({ name: "web-1a2b" }, (sg) => knownRef(sg, "vpc-0abc")).one()).toBeUndefined();
  });

  it("the group recorded only as a resource-wide dependency (older SDK, dependsOn) is not taken", () => {
    const r = ruleOn({ id: UNKNOWN }, () => OUTSIDE);
    r.rule.propertyDependencies = {};
    r.rule.dependencies = [r.sg];
    expect(r.one()).toBeUndefined();
  });

  it("an outside id the stack models links to that node, not to the dependency", () => {
    const r = ruleOn({ id: UNKNOWN }, (sg) => knownRef(sg, OUTSIDE));
    r.res.declareLiteral(T.sg, OUTSIDE, "literal-group:aws:x");
    expect(r.one()).toBe("literal-group:aws:x");
  });

  it("outsideLiteral: such a literal names an outside group", () => {
    const r = ruleOn({ id: UNKNOWN }, (sg) => knownRef(sg, OUTSIDE));
    expect(r.res.outsideLiteral(r.rule, "securityGroupId", OUTSIDE, SG_TYPES)).toBe(OUTSIDE);
  });

  // known-good: the literal may be the dependency's (an update preview, where the group exists)
  it.each<[string, Record<string, unknown>, string]>([
    ["a group id, the group's id absent", {}, OUTSIDE],
    ["a group id beside a named group", { name: "web-1a2b" }, OUTSIDE],
    ["the group's known name", { name: "web-1a2b", id: UNKNOWN }, "web-1a2b"],
  ])("%s: the dependency", (_n, inputs, literal) => {
    const r = ruleOn(inputs, (sg) => knownRef(sg, literal));
    expect(r.one()).toBe(r.sg);
    expect(r.res.outsideLiteral(r.rule, "securityGroupId", literal, SG_TYPES)).toBeUndefined();
  });

  it("a modelled outside id that may as well be the dependency's: the dependency explains it, as in a list", () => {
    const r = ruleOn({}, (sg) => knownRef(sg, OUTSIDE));
    r.res.declareLiteral(T.sg, OUTSIDE, "literal-group:aws:x");
    expect(r.one()).toBe(r.sg);
    expect(r.res.many(r.rule, "securityGroupId", [OUTSIDE], SG_TYPES).urns).toEqual([r.sg]);
  });

  // several dependencies: the literal picks the one it may name; when it may name more, none is guessed
  function twoGroups(a: Record<string, unknown>, c: Record<string, unknown>) {
    const b = new StackBuilder();
    const first = b.add(T.sg, "a", a);
    const second = b.add(T.sg, "c", c);
    const rule = b.add(T.sgRule, "ssh", { securityGroupId: OUTSIDE });
    rule.propertyDependencies.securityGroupId = [first.urn, second.urn];
    const one = new Resolver(b.resources).one(rule, "securityGroupId", OUTSIDE, SG_TYPES);
    return { one, first: first.urn, second: second.urn };
  }

  it("two groups, one being created: the literal is the other's (was: neither)", () => {
    const r = twoGroups({ id: UNKNOWN }, {});
    expect(r.one).toBe(r.second);
  });

  it("ambiguous: two groups the literal may each be: neither is guessed", () => {
    expect(twoGroups({}, {}).one).toBeUndefined();
  });

  it("two groups both being created: outside", () => {
    expect(twoGroups({ id: UNKNOWN }, { id: UNKNOWN }).one).toBeUndefined();
  });

  // values unknown at preview: unchanged
  it("an id unknown at preview takes its single dependency, whatever its id", () => {
    const r = ruleOn({ id: UNKNOWN, name: "web-1a2b" }, (sg) => ref(sg));
    expect(r.one()).toBe(r.sg);
  });

  it("an id unknown at preview with two dependencies stays unlinked", () => {
    const r = twoGroupsUnknown();
    expect(r).toBeUndefined();
  });

  function twoGroupsUnknown() {
    const b = new StackBuilder();
    const first = b.add(T.sg, "a", { id: UNKNOWN });
    const second = b.add(T.sg, "c", { id: UNKNOWN });
    const rule = b.add(T.sgRule, "ssh", { securityGroupId: UNKNOWN });
    rule.propertyDependencies.securityGroupId = [first.urn, second.urn];
    return new Resolver(b.resources).one(rule, "securityGroupId", UNKNOWN, SG_TYPES);
  }
});

describe("Resolver.many: the same fit for lists", () => {
  // Nor does the list keep the dependency (was: kept, the host then judged by a group it does not carry): no value
  // may be it. Only a value unknown at preview, which may be any dependency, keeps them all
  // (many-misfit-dependencies.test.ts).
  it("an outside group id beside a group being created: outside (was: explained by the group)", () => {
    const b = new StackBuilder();
    const sg = b.add(T.sg, "web", { id: UNKNOWN });
    const host = b.add(T.instance, "web", { vpcSecurityGroupIds: [knownRef(sg, OUTSIDE)] });
    const found = new Resolver(b.resources).many(host, "vpcSecurityGroupIds", [OUTSIDE], SG_TYPES);
    expect([found.urns, found.external, found.ambiguous]).toEqual([[], [OUTSIDE], []]);
  });
});
