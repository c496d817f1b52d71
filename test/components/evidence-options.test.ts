// Which resource options a transformation may change on an evidence store or writer: those that cannot weaken the
// evidence (an extra dependency, alias or secret output, protect turned on, timeouts, display and hooks); every other
// option, one Pulumi adds later included, is put back as the component set it and named in the warning.
import * as pulumi from "@pulumi/pulumi";
import { evidenceWriter, guardEvidence, keepEvidence } from "../../components/evidenceGuard";

/** Stands for a resource: compared by identity, as the guard compares resources. */
class Ref {
  constructor(readonly label: string) {}
}
const [primary, elsewhere, lock, extra] = ["primary", "elsewhere", "lock", "extra"].map(
  (l) => new Ref(l) as unknown as pulumi.ProviderResource,
);
const hook = () => undefined;

type Opts = Record<string, unknown>;
const store: Opts = { retainOnDelete: true, provider: primary, dependsOn: [lock] };

function guard(before: Opts, after: Opts, props = { a: 1 }) {
  const undone: string[][] = [];
  const result = keepEvidence(
    { props, opts: before as pulumi.ResourceOptions },
    { props, opts: after as pulumi.ResourceOptions },
    (u) => undone.push(u),
  );
  return { opts: result!.opts as Opts, undone: undone.flat() };
}

describe("options of an evidence store under a transformation", () => {
  it.each([
    ["another provider", { provider: elsewhere }, "provider", primary],
    ["no provider (the parent's)", { provider: undefined }, "provider", primary],
    ["adopting another resource (import)", { import: "vault-of-someone" }, "import", undefined],
    ["reading instead of creating (id)", { id: "vault-1" }, "id", undefined],
    ["ignored changes", { ignoreChanges: ["rule"] }, "ignoreChanges", undefined],
    ["ignored changes beside ignored tags", { ignoreChanges: ["tags", "rule"] }, "ignoreChanges", ["tags"]],
    ["ignored changes that only start like tags", { ignoreChanges: ["tagsEverything"] }, "ignoreChanges", undefined],
    ["deleted with another resource", { deletedWith: extra }, "deletedWith", undefined],
    ["replaced on any change", { replaceOnChanges: ["*"] }, "replaceOnChanges", undefined],
    ["deleted before its replacement", { deleteBeforeReplace: true }, "deleteBeforeReplace", undefined],
    ["replaced with another resource", { replaceWith: [extra] }, "replaceWith", undefined],
    ["another plugin version", { version: "0.0.1" }, "version", undefined],
    ["another plugin download", { pluginDownloadURL: "https://example.com/p" }, "pluginDownloadURL", undefined],
    ["environment mapped", { envVarMappings: { AWS_REGION: "X" } }, "envVarMappings", undefined],
    ["engine-side transforms", { transforms: [hook] }, "transforms", undefined],
    ["an option Pulumi adds later", { futureOption: true }, "futureOption", undefined],
    ["retainOnDelete off", { retainOnDelete: false }, "retainOnDelete", true],
    ["its dependency dropped", { dependsOn: [] }, "dependsOn", [lock]],
    ["its dependency swapped", { dependsOn: [extra] }, "dependsOn", [lock, extra]],
  ] as const)("%s is put back and named", (_how, change, option, kept) => {
    const { opts, undone } = guard(store, { ...store, ...change });
    expect(undone).toEqual([option]);
    if (kept === undefined) expect(option in opts).toBe(false);
    else expect(opts[option]).toEqual(kept);
    expect(opts.retainOnDelete).toBe(true);
  });

  it.each([
    ["protect turned on", { protect: true }],
    ["a dependency added", { dependsOn: [lock, extra] }],
    ["its dependency given alone", { dependsOn: lock }],
    ["an alias added", { aliases: ["urn:pulumi:stack::project::type::old"] }],
    ["a secret output added", { additionalSecretOutputs: ["arn"] }],
    ["tag drift ignored", { ignoreChanges: ["tags", "tagsAll", "tags.team", 'tags["cost-center"]'] }],
    ["timeouts", { customTimeouts: { create: "30m" } }],
    ["hidden diffs", { hideDiffs: ["tags"] }],
    ["hooks", { hooks: { beforeCreate: [] } }],
  ] as const)("%s is taken as written", (_how, change) => {
    const after = { ...store, ...change };
    const { opts, undone } = guard(store, after);
    expect(undone).toEqual([]);
    expect(opts).toEqual(after);
  });

  it("keeps protect on when a transformation turns it off", () => {
    const { opts, undone } = guard({ ...store, protect: true }, { ...store, protect: false });
    expect([opts.protect, undone]).toEqual([true, ["protect"]]);
  });

  it("sees options a transformation edits in place and returns nothing for", () => {
    const edit: pulumi.ResourceTransformation = ({ opts }) => {
      opts.ignoreChanges!.push("rule");
      (opts as Opts).provider = elsewhere;
      return undefined;
    };
    const guarded = guardEvidence("X", { transformations: [edit] })!.transformations![0];
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const opts = { ...store, ignoreChanges: ["tags"] } as pulumi.ResourceOptions;
      const result = guarded({ resource: undefined as never, type: "t", name: "x-vault", props: {}, opts })!;
      expect(result.opts.ignoreChanges).toEqual(["tags"]);
      expect(result.opts.provider).toBe(primary);
      expect(String(warn.mock.calls[0][0])).toBe(
        "X: a transformation tried to change provider, ignoreChanges of evidence store x-vault; " +
          "that was undone (evidence stores may only be tagged)",
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("an evidence writer under a transformation", () => {
  const writer = evidenceWriter({ dependsOn: [lock] }) as Opts;

  it("keeps its settings and options, tags apart, and stays a writer for the next transformation", () => {
    const undone: string[][] = [];
    const warn = (u: string[], role: string) => undone.push([role, ...u]);
    const props = { trafficType: "ALL", tags: { a: "1" } };
    const hostile = { trafficType: "REJECT", tags: { b: "2" } };
    const first = keepEvidence(
      { props, opts: writer as pulumi.ResourceOptions },
      { props: hostile, opts: { provider: elsewhere } },
      warn,
    )!;
    expect(first.props).toEqual({ trafficType: "ALL", tags: { b: "2" } });
    expect(first.opts.provider).toBeUndefined();
    expect(first.opts.dependsOn).toEqual([lock]);
    // The result is still recognised as a writer by the transformation after this one.
    const second = keepEvidence(first, { props: { ...first.props, trafficType: "REJECT" }, opts: first.opts }, warn)!;
    expect(second.props.trafficType).toBe("ALL");
    expect(undone).toEqual([
      ["writer", "trafficType", "dependsOn", "provider"],
      ["writer", "trafficType"],
    ]);
  });

  it("may be made retained on delete, and an ordinary child takes any change", () => {
    expect(guard(writer, { ...writer, retainOnDelete: true }).undone).toEqual([]);
    const ordinary = keepEvidence(
      { props: { a: 1 }, opts: { provider: primary } },
      { props: { a: 2 }, opts: { provider: elsewhere, import: "x" } as pulumi.CustomResourceOptions },
      () => {
        throw new Error("an ordinary child is not reported");
      },
    );
    expect(ordinary).toEqual({ props: { a: 2 }, opts: { provider: elsewhere, import: "x" } });
  });
});
