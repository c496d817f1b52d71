// The resource options of TrafficForensics' packet mirroring (the filter, its rules, the session) and of WebFirewall's
// WAF log collection (`log.Audit`, retained on delete, so held as an evidence store): a transformation that hides
// their drift, ties their deletion to another resource or changes how they are replaced is undone and reported. One
// that ignores tag drift, adopts an existing resource with `import` or gives them a provider stands: they inherit
// the component's provider, so that is the explicit-provider pattern, not a move away from the component's choice.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { childrenOf, settle } from "./mocks";
import { construct, freshName, Kind, validArgs } from "./redteam-fixtures";

interface Outcome {
  name: string;
  /** Each child's options as a transformation listed after the change sees them. */
  seen: Map<string, pulumi.CustomResourceOptions>;
  warned: string[];
}

/** Builds `kind` with `change` applied to the children whose names after the component's are `suffixes`. */
async function underChange(
  kind: Kind,
  suffixes: readonly string[],
  change: (args: pulumi.ResourceTransformationArgs) => pulumi.ResourceTransformationResult,
): Promise<Outcome> {
  const name = freshName();
  const seen = new Map<string, pulumi.CustomResourceOptions>();
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    const transformations: pulumi.ResourceTransformation[] = [
      (a) => (suffixes.some((s) => a.name === `${name}${s}`) ? change(a) : undefined),
      (a) => {
        // Children of these components are custom resources.
        seen.set(a.name, a.opts as pulumi.CustomResourceOptions);
        return undefined;
      },
    ];
    construct[kind](name, validArgs[kind](name), { transformations });
    await settle();
    return { name, seen, warned: warn.mock.calls.map((c) => String(c[0])) };
  } finally {
    warn.mockRestore();
  }
}

const onOptions =
  (change: (opts: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions) =>
  (a: pulumi.ResourceTransformationArgs) => ({ props: a.props, opts: change(a.opts) });

const elsewhere = new alicloud.oss.Bucket("wo-elsewhere", {});
const shanghai = new alicloud.Provider("wo-shanghai", { region: "cn-shanghai" });

const GUARDED: [label: string, kind: Kind, role: "writer" | "store", suffixes: string[]][] = [
  ["TrafficForensics' mirroring", "TrafficForensics", "writer", ["-filter", "-ingress-0", "-egress-0", "-session"]],
  ["WebFirewall's WAF log collection", "WebFirewall", "store", ["-waf-logs"]],
];

describe.each(GUARDED)("%s", (_label, kind, role, suffixes) => {
  it("gets its options back from a transformation that hides drift, ties deletion or changes replacement", async () => {
    const { name, seen, warned } = await underChange(
      kind,
      suffixes,
      onOptions((opts) => ({
        ...opts,
        deleteBeforeReplace: true,
        deletedWith: elsewhere,
        // A tag path among them stands: only the rest is dropped.
        ignoreChanges: ["tags.team", "*"],
        replaceOnChanges: ["*"],
      })),
    );
    for (const suffix of suffixes) {
      const child = `${name}${suffix}`;
      const opts = seen.get(child)!;
      expect([child, opts.deleteBeforeReplace, opts.deletedWith, opts.ignoreChanges, opts.replaceOnChanges]).toEqual([
        child,
        undefined,
        undefined,
        ["tags.team"],
        undefined,
      ]);
      expect(warned).toContainEqual(
        `${kind} "${name}": a transformation tried to change deleteBeforeReplace, deletedWith, ignoreChanges, ` +
          `replaceOnChanges of evidence ${role} ${child}; that was undone (evidence ${role}s may only be tagged); ` +
          "ignoreChanges may only add tag paths (tags, tags.<key>, tagsAll)",
      );
    }
    expect(warned).toHaveLength(suffixes.length);
  });

  it("keeps its options when a transformation only ignores tag drift", async () => {
    const { name, seen, warned } = await underChange(
      kind,
      suffixes,
      onOptions((opts) => ({ ...opts, ignoreChanges: ["tags"] })),
    );
    for (const suffix of suffixes)
      expect([suffix, seen.get(`${name}${suffix}`)!.ignoreChanges]).toEqual([suffix, ["tags"]]);
    expect(warned).toEqual([]);
  });

  it("takes a provider given to it, which it would otherwise inherit, without a warning", async () => {
    const { name, warned } = await underChange(
      kind,
      suffixes,
      onOptions((opts) => ({ ...opts, provider: shanghai })),
    );
    for (const suffix of suffixes) {
      const child = childrenOf(name).find((r) => r.name === `${name}${suffix}`)!;
      expect([suffix, child.provider]).toEqual([suffix, "wo-shanghai"]);
    }
    expect(warned).toEqual([]);
  });
});

describe("an import set by a transformation", () => {
  // The import stands; every property is restored, so only the session the component would create can be adopted.
  it("adopts the mirror session, but not with another source", async () => {
    const { name, seen, warned } = await underChange("TrafficForensics", ["-session"], (a) => ({
      props: { ...a.props, trafficMirrorSourceIds: ["eni-unwatched"] },
      opts: { ...a.opts, import: "tms-existing" },
    }));
    expect(seen.get(`${name}-session`)!.import).toBe("tms-existing");
    expect(childrenOf(name).find((r) => r.name === `${name}-session`)!.inputs.trafficMirrorSourceIds).toEqual([
      "eni-a",
    ]);
    expect(warned).toEqual([
      `TrafficForensics "${name}": a transformation tried to change trafficMirrorSourceIds of evidence writer ` +
        `${name}-session; that was undone (evidence writers may only be tagged)`,
    ]);
  });
});

describe("the WAF log collection's settings", () => {
  it("stay on, kept for the component's days, when a transformation switches collection off", async () => {
    const plain = freshName();
    construct.WebFirewall(plain, validArgs.WebFirewall(plain));
    await settle();
    const kept = childrenOf(plain).find((r) => r.name === `${plain}-waf-logs`)!.inputs.variableMap;
    expect(kept).toEqual({ waf_enabled: "true", waf_ttl: expect.stringMatching(/^\d+$/) });

    const { name, warned } = await underChange("WebFirewall", ["-waf-logs"], (a) => ({
      props: { ...a.props, variableMap: { waf_enabled: "false", waf_ttl: "1" } },
      opts: { ...a.opts, retainOnDelete: false },
    }));
    expect(childrenOf(name).find((r) => r.name === `${name}-waf-logs`)!.inputs.variableMap).toEqual(kept);
    expect(warned).toEqual([
      `WebFirewall "${name}": a transformation tried to change variableMap, retainOnDelete of evidence store ` +
        `${name}-waf-logs; that was undone (evidence stores may only be tagged)`,
    ]);
  });
});
