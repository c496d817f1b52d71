// Options real programs set with a transformation on a component's evidence stores and writers: a provider injected
// into every child that has none (the explicit-provider pattern) and an import that adopts an existing bucket or
// trail. Both stand; a provider the component chose (the copy vault's) stays, and the attempt is reported.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { AuditTrail, HardenedVpc, ImmutableBackup } from "../../../components/aws";

/** Builds `build` inside a component carrying `transformation`, as an enclosing estate would; returns the warnings. */
async function inside(transformation: pulumi.ResourceTransformation, build: (parent: pulumi.Resource) => void) {
  reset();
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    const estate = new pulumi.ComponentResource(
      "test:Estate",
      `estate-${recorded.length}`,
      {},
      {
        transformations: [transformation],
      },
    );
    build(estate);
    await settle();
    return warn.mock.calls.map((c) => String(c[0]));
  } finally {
    warn.mockRestore();
  }
}

const custom = () => recorded.filter((r) => /^aws:/.test(r.type));
const providerName = (ref: string | undefined) => (ref ?? "(default)").split("::")[3] ?? "(default)";

describe("a provider injected into every child without one", () => {
  const euw1 = new aws.Provider("euw1", { region: "eu-west-1" });
  const injectWhereNone: pulumi.ResourceTransformation = (a) =>
    a.type.startsWith("aws:") && !a.opts.provider ? { props: a.props, opts: { ...a.opts, provider: euw1 } } : undefined;

  it("moves HardenedVpc whole, its flow-log key, log group and flow logs included, without a warning", async () => {
    const warned = await inside(injectWhereNone, (parent) => new HardenedVpc("inj", { azCount: 2 }, { parent }));
    const children = custom();
    for (const type of ["aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup", "aws:ec2/flowLog:FlowLog"]) {
      expect([type, children.some((r) => r.type === type)]).toEqual([type, true]);
    }
    expect(children.filter((r) => providerName(r.provider) !== "euw1").map((r) => r.name)).toEqual([]);
    expect(warned).toEqual([]);
  });

  it("leaves ImmutableBackup's copy vault on the copy provider the component chose", async () => {
    const copy = new aws.Provider("inj-copy", { region: "us-west-2" });
    const warned = await inside(
      injectWhereNone,
      (parent) => new ImmutableBackup("injb", { copyProvider: copy }, { parent }),
    );
    const onCopy = custom().filter((r) => r.name.startsWith("injb-copy-vault"));
    expect(onCopy.length).toBe(3);
    expect(onCopy.map((r) => providerName(r.provider))).toEqual(["inj-copy", "inj-copy", "inj-copy"]);
    expect(custom().find((r) => r.name === "injb-vault")!.provider).toContain("::euw1::");
    expect(warned).toEqual([]);
  });

  it("cannot move the copy vault, its key and lock onto the injected provider (the red team's move)", async () => {
    const copy = new aws.Provider("inj-copy2", { region: "us-west-2" });
    const forceEverywhere: pulumi.ResourceTransformation = (a) =>
      a.type.startsWith("aws:") ? { props: a.props, opts: { ...a.opts, provider: euw1 } } : undefined;
    const warned = await inside(
      forceEverywhere,
      (parent) => new ImmutableBackup("injc", { copyProvider: copy }, { parent }),
    );
    const onCopy = custom().filter((r) => r.name.startsWith("injc-copy-vault"));
    expect(onCopy.map((r) => providerName(r.provider))).toEqual(["inj-copy2", "inj-copy2", "inj-copy2"]);
    expect(warned).toHaveLength(3);
    for (const w of warned) {
      expect(w).toMatch(/tried to change provider of evidence store injc-copy-vault(-key|-lock)?; that was undone/);
      expect(w).toContain("move it through the component");
    }
  });
});

describe("an import set by a transformation", () => {
  it("adopts the existing trail bucket: the import stands, the bucket's settings stay the component's", async () => {
    const seen = new Map<string, pulumi.CustomResourceOptions>();
    // The enclosing estate's transformation runs after the component's own, so it sees what the guard let through.
    const observe: pulumi.ResourceTransformation = (a) => {
      seen.set(a.name, a.opts);
      return undefined;
    };
    const warned = await inside(observe, (parent) => {
      new AuditTrail(
        "adopt",
        { bucketName: "acme-existing-trail-bucket" },
        {
          parent,
          transformations: [
            (a) =>
              a.type === "aws:s3/bucket:Bucket"
                ? {
                    props: { ...a.props, forceDestroy: true },
                    opts: { ...a.opts, import: "acme-existing-trail-bucket" },
                  }
                : undefined,
          ],
        },
      );
    });
    const bucket = recorded.find((r) => r.type === "aws:s3/bucket:Bucket")!;
    expect(seen.get(bucket.name)!.import).toBe("acme-existing-trail-bucket");
    expect(bucket.inputs.forceDestroy).toBeUndefined();
    // Only the property is reported, with no hint about imports: the import was taken.
    expect(warned).toEqual([
      `AuditTrail adopt: a transformation tried to change forceDestroy of evidence store ${bucket.name}; ` +
        "that was undone (evidence stores may only be tagged)",
    ]);
  });
});
