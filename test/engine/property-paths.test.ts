// Pulumi property paths in `ignoreChanges` and `replaceOnChanges`: parsed as the CLI parses them
// (sdk/go/common/resource/property_path.go) and applied by the step planner.
import { parseBaseline } from "../../engine/baseline";
import {
  differingPaths,
  parsePropertyPath,
  pathContains,
  PropertyPathError,
  resetPath,
} from "../../engine/property-paths";
import { planSteps, type SteppedResource } from "../../engine/steps";

const urn = (type: string, name: string) => `urn:pulumi:prod::p::${type}::${name}`;
const VPC = "aws:ec2/vpc:Vpc";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULES = "kit:net:Rules";

function resource(type: string, name: string, inputs: Record<string, unknown>): SteppedResource {
  return {
    urn: urn(type, name),
    type,
    name,
    parent: "",
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options: {},
    aliases: [],
    read: false,
  };
}

/** The plan of `after` (with its options) against a baseline holding `before`. */
function planAgainst(before: SteppedResource, inputs: Record<string, unknown>, options: SteppedResource["options"]) {
  const plan = planSteps([{ ...before, inputs, options }], parseBaseline({ stack: "prod", resources: [before] }));
  return { step: plan.steps.get(before.urn), logs: plan.logs };
}

describe("parsePropertyPath", () => {
  it.each([
    ["a", ["a"]],
    ["a.b", ["a", "b"]],
    ['tags["Name"]', ["tags", "Name"]],
    ['["key.with.dot"]', ["key.with.dot"]],
    ['["key.with.dot"].x[2]', ["key.with.dot", "x", 2]],
    ['tags["say \\"hi\\""]', ["tags", 'say "hi"']],
    ["ingress[0].cidr", ["ingress", 0, "cidr"]],
    ["ingress[*].cidr", ["ingress", "*", "cidr"]],
    ["a.*.b", ["a", "*", "b"]],
    ['a["*"]', ["a", "*"]],
    ["*", ["*"]],
    ["a[0][1]", ["a", 0, 1]],
  ])("parses %s", (text, segments) => {
    expect(parsePropertyPath(text)).toEqual(segments);
  });

  it.each([
    ["", /empty property path/],
    [".a", /start with a name or index/],
    ["a.", /end with a name or index/],
    ["a[0", /missing closing bracket in array index/],
    ['a["b', /missing closing quote/],
    ['a["b"x', /missing closing bracket in property access/],
    ["a[b]", /invalid array index "b"/],
    ["a[]", /invalid array index ""/],
  ])("refuses %p", (text, reason) => {
    expect(() => parsePropertyPath(text)).toThrow(PropertyPathError);
    expect(() => parsePropertyPath(text)).toThrow(reason);
  });
});

describe("pathContains and differingPaths", () => {
  it("matches a path at or below the pattern, * standing for any one key or index", () => {
    expect(pathContains(["tags"], ["tags", "Name"])).toBe(true);
    expect(pathContains(["tags", "Name"], ["tags"])).toBe(false);
    expect(pathContains(["ingress", "*", "cidr"], ["ingress", 3, "cidr"])).toBe(true);
    expect(pathContains(["ingress", 0, "cidr"], ["ingress", 1, "cidr"])).toBe(false);
    expect(pathContains(["ingress", 0], ["ingress", "0"])).toBe(false);
  });

  it("names each differing leaf, added and removed keys and elements included", () => {
    const before = { tags: { Name: "a", Env: "p" }, ingress: [{ cidr: "10.0.0.0/8", port: 22 }], same: 1 };
    const after = { tags: { Name: "b", Owner: "x" }, ingress: [{ cidr: "10.0.0.0/8", port: 23 }, {}], same: 1 };
    expect(differingPaths(before, after)).toEqual([
      ["tags", "Name"],
      ["tags", "Env"],
      ["tags", "Owner"],
      ["ingress", 0, "port"],
      ["ingress", 1],
    ]);
    expect(differingPaths(before, JSON.parse(JSON.stringify(before)))).toEqual([]);
  });

  it("resets a path to the old value, and refuses a path missing on one side only", () => {
    const after = { tags: { Name: "b", Owner: "x" } };
    expect(resetPath({ tags: { Name: "a" } }, after, ["tags", "Name"])).toBe(true);
    expect(after).toEqual({ tags: { Name: "a", Owner: "x" } });
    // An element the old value lacks is removed from the new one.
    expect(resetPath({ tags: {} }, after, ["tags", "Owner"])).toBe(true);
    expect(after).toEqual({ tags: { Name: "a" } });
    expect(resetPath({ list: [1, 2] }, { list: [1] }, ["list", 1])).toBe(false);
    expect(resetPath({ list: [1] }, { list: [1, 2] }, ["list", "*"])).toBe(false);
  });
});

describe("ignoreChanges paths in the step plan", () => {
  const vpc = resource(VPC, "main", { cidrBlock: "10.0.0.0/16", tags: { Name: "main", Env: "prod" } });

  it('ignores tags["Name"]: a VPC whose only change is its Name tag is the same', () => {
    const renamed = { cidrBlock: "10.0.0.0/16", tags: { Name: "main-2", Env: "prod" } };
    expect(planAgainst(vpc, renamed, { ignoreChanges: ['tags["Name"]'] }).step).toEqual({ step: "same" });
    expect(planAgainst(vpc, renamed, { ignoreChanges: ["tags.Name"] }).step).toEqual({ step: "same" });
    // Another tag's change still counts.
    const retagged = { cidrBlock: "10.0.0.0/16", tags: { Name: "main-2", Env: "dev" } };
    expect(planAgainst(vpc, retagged, { ignoreChanges: ['tags["Name"]'] }).step).toEqual({
      step: "update",
      changed: ["tags"],
    });
    // Without the option the rename is an update.
    expect(planAgainst(vpc, renamed, {}).step).toMatchObject({ step: "update", changed: ["tags"] });
  });

  it('reads a quoted key with dots in it as one key: ["a.b"] is not a.b', () => {
    const before = resource(RULES, "dots", { labels: { "team.io/owner": "a" } });
    const after = { labels: { "team.io/owner": "b" } };
    expect(planAgainst(before, after, { ignoreChanges: ['labels["team.io/owner"]'] }).step).toEqual({ step: "same" });
    expect(planAgainst(before, after, { ignoreChanges: ["labels.team.io/owner"] }).step).toMatchObject({
      step: "update",
    });
  });

  describe("on list elements", () => {
    const sg = resource(SG, "web", {
      name: "web",
      ingress: [
        { cidr: "10.0.0.0/8", port: 22 },
        { cidr: "192.168.0.0/16", port: 443 },
      ],
    });
    const withIngress = (ingress: unknown[]) => ({ name: "web", ingress });

    it("ingress[0].cidr ignores the first element's cidr only", () => {
      const first = withIngress([
        { cidr: "0.0.0.0/0", port: 22 },
        { cidr: "192.168.0.0/16", port: 443 },
      ]);
      expect(planAgainst(sg, first, { ignoreChanges: ["ingress[0].cidr"] }).step).toEqual({ step: "same" });
      const second = withIngress([
        { cidr: "10.0.0.0/8", port: 22 },
        { cidr: "0.0.0.0/0", port: 443 },
      ]);
      expect(planAgainst(sg, second, { ignoreChanges: ["ingress[0].cidr"] }).step).toEqual({
        step: "update",
        changed: ["ingress"],
      });
      // The element's other fields still count.
      const port = withIngress([
        { cidr: "0.0.0.0/0", port: 3389 },
        { cidr: "192.168.0.0/16", port: 443 },
      ]);
      expect(planAgainst(sg, port, { ignoreChanges: ["ingress[0].cidr"] }).step).toMatchObject({ step: "update" });
    });

    it("ingress[*].cidr ignores every element's cidr, not their ports", () => {
      const open = withIngress([
        { cidr: "0.0.0.0/0", port: 22 },
        { cidr: "::/0", port: 443 },
      ]);
      expect(planAgainst(sg, open, { ignoreChanges: ["ingress[*].cidr"] }).step).toEqual({ step: "same" });
      const ports = withIngress([
        { cidr: "0.0.0.0/0", port: 22 },
        { cidr: "::/0", port: 8443 },
      ]);
      expect(planAgainst(sg, ports, { ignoreChanges: ["ingress[*].cidr"] }).step).toMatchObject({ step: "update" });
    });

    it("refuses an element path missing on one side, with the CLI's message", () => {
      const added = withIngress([
        { cidr: "10.0.0.0/8", port: 22 },
        { cidr: "192.168.0.0/16", port: 443 },
        { cidr: "0.0.0.0/0", port: -1 },
      ]);
      const { logs } = planAgainst(sg, added, { ignoreChanges: ["ingress[*].cidr", "ingress[2]"] });
      expect(logs).toEqual([
        {
          severity: "error",
          urn: sg.urn,
          message:
            "cannot ignore changes to the following properties because one or more elements of the path are " +
            'missing: "ingress[*].cidr, ingress[2]"',
        },
      ]);
    });
  });

  it("warns, naming the resource and the path, about a malformed path, which then ignores nothing", () => {
    const renamed = { cidrBlock: "10.0.0.0/16", tags: { Name: "main-2", Env: "prod" } };
    const { step, logs } = planAgainst(vpc, renamed, { ignoreChanges: ['tags["Name"'] });
    expect(step).toMatchObject({ step: "update", changed: ["tags"] });
    expect(logs).toEqual([
      {
        severity: "warning",
        urn: vpc.urn,
        message:
          'ignoreChanges path "tags["Name"" is malformed (missing closing bracket in property access); ' +
          "it ignores nothing",
      },
    ]);
  });

  it('ignores every key under "tags.*", and everything with "*"', () => {
    const retagged = { cidrBlock: "10.0.0.0/16", tags: { Name: "x", Env: "dev" } };
    expect(planAgainst(vpc, retagged, { ignoreChanges: ["tags.*"] }).step).toEqual({ step: "same" });
    const moved = { cidrBlock: "10.1.0.0/16", tags: { Name: "x", Env: "dev" } };
    expect(planAgainst(vpc, moved, { ignoreChanges: ["tags.*"] }).step).toMatchObject({ changed: ["cidrBlock"] });
    expect(planAgainst(vpc, { ...moved, extra: 1 }, { ignoreChanges: ["*"] }).step).toEqual({ step: "same" });
  });
});

describe("replaceOnChanges paths in the step plan", () => {
  const role = resource(RULES, "r", { tags: { Name: "a", Owner: "o" }, rules: [{ cidr: "10.0.0.0/8" }] });

  it("replaces only when a change lies under a declared path", () => {
    const owner = { tags: { Name: "a", Owner: "p" }, rules: [{ cidr: "10.0.0.0/8" }] };
    expect(planAgainst(role, owner, { replaceOnChanges: ['tags["Name"]'] }).step).toEqual({
      step: "update",
      changed: ["tags"],
    });
    const name = { tags: { Name: "b", Owner: "o" }, rules: [{ cidr: "10.0.0.0/8" }] };
    expect(planAgainst(role, name, { replaceOnChanges: ['tags["Name"]'] }).step).toEqual({
      step: "update",
      changed: ["tags"],
      mayReplace: ["tags"],
    });
    const cidr = { tags: { Name: "a", Owner: "o" }, rules: [{ cidr: "0.0.0.0/0" }] };
    expect(planAgainst(role, cidr, { replaceOnChanges: ["rules[*].cidr"] }).step).toMatchObject({
      mayReplace: ["rules"],
    });
    expect(planAgainst(role, cidr, { replaceOnChanges: ["rules[1].cidr"] }).step).not.toHaveProperty("mayReplace");
  });

  it("fails on a malformed path, naming the resource and the path", () => {
    const name = { tags: { Name: "b", Owner: "o" }, rules: [{ cidr: "10.0.0.0/8" }] };
    const { logs } = planAgainst(role, name, { replaceOnChanges: ["rules[x].cidr"] });
    expect(logs).toEqual([
      {
        severity: "error",
        urn: role.urn,
        message: 'replaceOnChanges path "rules[x].cidr" is malformed: invalid array index "x"',
      },
    ]);
    // As the CLI, only a resource with changes reads its replaceOnChanges paths.
    expect(planAgainst(role, role.inputs, { replaceOnChanges: ["rules[x].cidr"] }).logs).toEqual([]);
  });
});
