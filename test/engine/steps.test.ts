// Step planning against a baseline: claims by URN or alias, deletes, updates and likely replacements.
import { inheritAliases } from "../../engine/aliases";
import { parseBaseline } from "../../engine/baseline";
import { planSteps, type SteppedResource } from "../../engine/steps";

const urn = (qualifiedType: string, name: string) => `urn:pulumi:prod::p::${qualifiedType}::${name}`;
const STACK = urn("pulumi:pulumi:Stack", "p-prod");

function resource(qualifiedType: string, name: string, inputs = {}, extra: Partial<SteppedResource> = {}) {
  return {
    urn: urn(qualifiedType, name),
    type: qualifiedType.split("$").pop()!,
    name,
    parent: STACK,
    inputs,
    dependencies: [],
    propertyDependencies: {},
    options: {},
    aliases: [],
    read: false,
    ...extra,
  };
}

describe("planSteps", () => {
  const bucket = resource("aws:s3/bucket:Bucket", "logs", { bucket: "acme-logs", tags: { a: "1" } });

  it("plans every resource as a create without a baseline", () => {
    const plan = planSteps([bucket]);
    expect(plan.steps.get(bucket.urn)).toEqual({ step: "create" });
    expect(plan.counts).toMatchObject({ create: 1, delete: 0 });
  });

  it("finds same, update, replace?, create and delete", () => {
    const sg = resource("aws:ec2/securityGroup:SecurityGroup", "web", { name: "web", ingress: [] });
    const gone = resource("aws:s3/bucket:Bucket", "old", {}, { options: { retainOnDelete: true } });
    const baseline = parseBaseline({ stack: "prod", resources: [bucket, sg, gone] });
    const plan = planSteps(
      [
        { ...bucket, inputs: { tags: { a: "1" }, bucket: "acme-logs" } },
        { ...sg, inputs: { name: "web2", ingress: [], description: "x" } },
        resource("aws:s3/bucket:Bucket", "new"),
      ],
      baseline,
    );
    expect(plan.steps.get(bucket.urn)).toEqual({ step: "same" });
    expect(plan.steps.get(sg.urn)).toEqual({
      step: "update",
      changed: ["description", "name"],
      mayReplace: ["description", "name"],
    });
    expect(plan.deleted).toEqual([{ urn: gone.urn, type: gone.type, name: "old", parent: STACK, retained: true }]);
    expect(plan.counts).toEqual({ create: 1, same: 1, update: 1, delete: 1, read: 0, mayReplace: 1 });
  });

  it("claims a baseline resource through an alias, once", () => {
    const renamed = resource("aws:s3/bucket:Bucket", "logs2", bucket.inputs, { aliases: [bucket.urn] });
    const twin = resource("aws:s3/bucket:Bucket", "logs3", bucket.inputs, { aliases: [bucket.urn] });
    const plan = planSteps([renamed, twin], parseBaseline({ stack: "prod", resources: [bucket] }));
    expect(plan.steps.get(renamed.urn)).toEqual({ step: "same", aliasOf: bucket.urn });
    expect(plan.steps.get(twin.urn)).toEqual({ step: "create" });
  });

  it("honours ignoreChanges and replaceOnChanges", () => {
    const changed = {
      ...bucket,
      inputs: { bucket: "acme-logs", tags: { a: "2" }, policy: "p" },
      options: { ignoreChanges: ["tags.a"], replaceOnChanges: ["policy"] },
    };
    const plan = planSteps([changed], parseBaseline({ stack: "prod", resources: [bucket] }));
    expect(plan.steps.get(bucket.urn)).toEqual({ step: "update", changed: ["policy"], mayReplace: ["policy"] });
  });

  it("neither claims nor deletes what the baseline only read", () => {
    const read = { ...resource("aws:ec2/vpc:Vpc", "default"), step: "read" };
    const plan = planSteps([], parseBaseline({ stack: "prod", resources: [read] }));
    expect(plan.deleted).toEqual([]);
  });

  it("rejects a document that is not a preview", () => {
    expect(() => parseBaseline({ resources: "x" })).toThrow(/not a preview --json document/);
    expect(() => parseBaseline({ stack: "prod", resources: [{ name: "x" }] })).toThrow(/1 resources have no "urn"/);
  });
});

describe("inheritAliases", () => {
  it("carries a component's rename down to its grandchildren, following `${name}-` prefixes", () => {
    const parent = resource("kit:Estate", "records", {}, { aliases: [urn("kit:Estate", "evidence")] });
    const child = resource("kit:Estate$kit:Trail", "records-trail", {}, { parent: parent.urn });
    const grandchild = resource(
      "kit:Estate$kit:Trail$aws:s3/bucket:Bucket",
      "records-trail-bucket",
      {},
      {
        parent: child.urn,
      },
    );
    const fixed = resource("kit:Estate$kit:Trail$aws:kms/key:Key", "key", {}, { parent: child.urn });
    const all = inheritAliases([parent, child, grandchild, fixed]);
    expect(all.get(child.urn)).toEqual([urn("kit:Estate$kit:Trail", "evidence-trail")]);
    expect(all.get(grandchild.urn)).toEqual([
      urn("kit:Estate$kit:Trail$aws:s3/bucket:Bucket", "evidence-trail-bucket"),
    ]);
    // The URN carries only parent types, so a child with its own fixed name keeps its URN: no alias needed.
    expect(all.get(fixed.urn)).toEqual([]);
  });
});
