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
  const readded: string[][] = [];
  const result = keepEvidence(
    { props, opts: before as pulumi.ResourceOptions },
    { props, opts: after as pulumi.ResourceOptions },
    (u, _role, r) => {
      undone.push(u);
      readded.push(r);
    },
  );
  return { opts: result!.opts as Opts, undone: undone.flat(), readded: readded.flat() };
}

describe("options of an evidence store under a transformation", () => {
  it.each([
    ["another provider", { provider: elsewhere }, "provider", primary],
    ["no provider (the parent's)", { provider: undefined }, "provider", primary],
    ["another provider beside the component's (providers)", { providers: { aws: elsewhere } }, "providers", undefined],
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
  ] as const)("%s is put back and named", (_how, change, option, kept) => {
    const { opts, undone, readded } = guard(store, { ...store, ...change });
    expect([undone, readded]).toEqual([[option], []]);
    if (kept === undefined) expect(option in opts).toBe(false);
    else expect(opts[option]).toEqual(kept);
    expect(opts.retainOnDelete).toBe(true);
  });

  it.each([
    ["protect turned on", { protect: true }],
    ["a dependency added", { dependsOn: [lock, extra] }],
    ["an import set (adopting the resource it would create)", { import: "acme-existing-bucket" }],
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

  it.each([
    ["its dependency dropped", { dependsOn: [] }, "dependsOn", [lock]],
    ["its dependency swapped", { dependsOn: [extra] }, "dependsOn", [lock, extra]],
    ["its type alias replaced by a rename alias", { aliases: [{ name: "old" }] }, "aliases", ["t", { name: "old" }]],
  ] as const)("%s keeps the transformation's entries and adds the component's back", (_how, change, option, kept) => {
    const { opts, undone, readded } = guard({ ...store, aliases: ["t"] }, { ...store, aliases: ["t"], ...change });
    expect([undone, readded, opts[option]]).toEqual([[], [option], kept]);
  });

  // An import adopts the resource the component would create or fails: every property is restored, and Pulumi
  // refuses an import whose inputs differ. So setting one is how an existing bucket or trail is taken over.
  it("takes an import where the component set none, and keeps the one it set", () => {
    expect(guard(store, { ...store, import: "acme-existing-trail" })).toEqual({
      opts: { ...store, import: "acme-existing-trail" },
      undone: [],
      readded: [],
    });
    const imported = { ...store, import: "vault-1" };
    for (const change of [{ import: "vault-of-someone" }, { import: undefined }]) {
      const { opts, undone } = guard(imported, { ...imported, ...change });
      expect([opts.import, undone]).toEqual(["vault-1", ["import"]]);
    }
  });

  it("takes a provider where the component let the child inherit one, and keeps the one it chose", () => {
    const inheriting: Opts = { retainOnDelete: true, dependsOn: [lock] };
    for (const change of [{ provider: elsewhere }, { providers: [elsewhere] }, { providers: { aws: elsewhere } }]) {
      const after = { ...inheriting, ...change };
      expect(guard(inheriting, after)).toEqual({ opts: after, undone: [], readded: [] });
    }
    // Chosen through `providers` as well as `provider`: both are the component's choice.
    const chosen: Opts = { retainOnDelete: true, providers: { aws: primary } };
    const { opts, undone } = guard(chosen, { ...chosen, provider: elsewhere, providers: { aws: elsewhere } });
    expect([opts.provider, opts.providers, undone]).toEqual([undefined, { aws: primary }, ["providers", "provider"]]);
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
          "that was undone (evidence stores may only be tagged); " +
          "the component chose this provider: move it through the component (provider/providers in its options, or " +
          "its provider arguments); ignoreChanges may only add tag paths (tags, tags.<key>, tagsAll)",
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("the warning a guarded transformation logs", () => {
  function warningsOf(opts: Opts, edit: (opts: Opts) => Opts): string[] {
    const guarded = guardEvidence("X", { transformations: [(a) => ({ props: a.props, opts: edit(a.opts as Opts) })] })!
      .transformations![0];
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      guarded({ resource: undefined as never, type: "t", name: "x-bucket", props: {}, opts: opts as never });
      return warn.mock.calls.map((c) => String(c[0]));
    } finally {
      warn.mockRestore();
    }
  }
  const typeAlias = { type: "aws:s3/bucketV2:BucketV2" };

  it("says the component's alias was added back when a refactor alias replaced it, not that aliases were undone", () => {
    const warned = warningsOf({ ...store, aliases: [typeAlias] }, (o) => ({ ...o, aliases: [{ name: "old" }] }));
    expect(warned).toEqual([
      "X: a transformation dropped the component's own aliases entries of evidence store x-bucket; they were added " +
        "back beside the transformation's",
    ]);
    expect(warned[0]).not.toContain("undone");
  });

  it("says nothing when the transformation's aliases keep the component's", () => {
    expect(
      warningsOf({ ...store, aliases: [typeAlias] }, (o) => ({ ...o, aliases: [typeAlias, { name: "old" }] })),
    ).toEqual([]);
  });

  it("names the fix for reading another resource (id): pulumi import with the component as parent", () => {
    const [warned] = warningsOf(store, (o) => ({ ...o, id: "bucket-1" }));
    expect(warned).toBe(
      "X: a transformation tried to change id of evidence store x-bucket; that was undone (evidence stores may only " +
        "be tagged); to adopt an existing resource, use `pulumi import <type> <name> <id> --parent <component urn>`",
    );
  });

  it("says both when an option is undone and the component's entries added back", () => {
    const [warned] = warningsOf(store, (o) => ({ ...o, provider: elsewhere, dependsOn: [extra] }));
    expect(warned).toBe(
      "X: a transformation tried to change provider of evidence store x-bucket; that was undone (evidence stores " +
        "may only be tagged); the component chose this provider: move it through the component (provider/providers " +
        "in its options, or its provider arguments); a transformation dropped the component's own dependsOn entries " +
        "of evidence store x-bucket; they were added back beside the transformation's",
    );
  });
});

describe("an evidence writer under a transformation", () => {
  const writer = evidenceWriter({ dependsOn: [lock] }) as Opts;

  it("keeps its settings and options, tags apart, and stays a writer for the next transformation", () => {
    const undone: string[][] = [];
    const warn = (u: string[], role: string, r: string[]) => undone.push([role, ...u, ...r.map((k) => `+${k}`)]);
    const props = { trafficType: "ALL", tags: { a: "1" } };
    const hostile = { trafficType: "REJECT", tags: { b: "2" } };
    const onLock = evidenceWriter({ provider: lock }) as pulumi.ResourceOptions;
    const first = keepEvidence(
      { props, opts: { ...writer, ...onLock } as pulumi.ResourceOptions },
      { props: hostile, opts: { provider: elsewhere } },
      warn,
    )!;
    expect(first.props).toEqual({ trafficType: "ALL", tags: { b: "2" } });
    expect(first.opts.provider).toBe(lock);
    expect(first.opts.dependsOn).toEqual([lock]);
    // The result is still recognised as a writer by the transformation after this one.
    const second = keepEvidence(first, { props: { ...first.props, trafficType: "REJECT" }, opts: first.opts }, warn)!;
    expect(second.props.trafficType).toBe("ALL");
    expect(undone).toEqual([
      ["writer", "trafficType", "provider", "+dependsOn"],
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
