// The resource options of the writers that carry the backups and the exported findings: the role AWS Backup runs as
// and its two policy attachments, the GuardDuty detector and its publishing destination. A transformation that hides
// their drift, ties their deletion to another resource or changes how they are replaced is undone and reported. One
// that ignores tag drift, adopts an existing resource with `import` or gives them a provider stands: they inherit the
// component's provider, so nothing forces one on them (an IAM role has no region to keep).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { build, ComponentName, createCopyProvider } from "./redteam-args.fixtures";

interface Outcome {
  /** Each child's options as a transformation listed after the change sees them. */
  seen: Map<string, pulumi.CustomResourceOptions>;
  warned: string[];
}

/** Builds `component` with `change` applied to the options of the children `target` names; returns the outcome. */
async function underOptions(
  component: ComponentName,
  name: string,
  target: (child: string) => boolean,
  change: (opts: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions,
  overrides: Record<string, unknown> = {},
): Promise<Outcome> {
  reset();
  const seen = new Map<string, pulumi.CustomResourceOptions>();
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    const transformations: pulumi.ResourceTransformation[] = [
      (a) => (target(a.name) ? { props: a.props, opts: change(a.opts) } : undefined),
      (a) => {
        // Children of these components are custom resources.
        seen.set(a.name, a.opts as pulumi.CustomResourceOptions);
        return undefined;
      },
    ];
    build(component, overrides, { transformations }, name);
    await settle();
    return { seen, warned: warn.mock.calls.map((c) => String(c[0])) };
  } finally {
    warn.mockRestore();
  }
}

/** The writers added here, by component (and a short name for it): their names after the component's. */
const WRITERS: [ComponentName, string, string[]][] = [
  ["ImmutableBackup", "bk", ["-backup-role", "-backup-role-backup", "-backup-role-restore"]],
  ["ThreatDetection", "td", ["-detector", "-findings-export"]],
];

let elsewhere: aws.s3.Bucket;
beforeAll(async () => {
  createCopyProvider();
  elsewhere = new aws.s3.Bucket("wo-elsewhere", {});
  await settle();
});

describe.each(WRITERS)("%s writers' options", (component, short, suffixes) => {
  const writerOf = (name: string) => (child: string) => suffixes.some((s) => child === `${name}${s}`);

  it("are put back when a transformation hides drift, ties deletion elsewhere or changes replacement", async () => {
    const name = `wo-${short}`;
    const { seen, warned } = await underOptions(component, name, writerOf(name), (opts) => ({
      ...opts,
      deleteBeforeReplace: true,
      deletedWith: elsewhere,
      // A tag path among them stands: only the rest is dropped.
      ignoreChanges: ["tags.team", "*"],
      replaceOnChanges: ["*"],
    }));
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
        `${component} ${name}: a transformation tried to change deleteBeforeReplace, deletedWith, ignoreChanges, ` +
          `replaceOnChanges of evidence writer ${child}; that was undone (evidence writers may only be tagged); ` +
          "ignoreChanges may only add tag paths (tags, tags.<key>, tagsAll)",
      );
    }
    expect(warned).toHaveLength(suffixes.length);
  });

  it("stand when a transformation only ignores tag drift", async () => {
    const name = `wt-${short}`;
    const { seen, warned } = await underOptions(component, name, writerOf(name), (opts) => ({
      ...opts,
      ignoreChanges: ["tags", "tagsAll"],
    }));
    for (const suffix of suffixes) {
      expect([suffix, seen.get(`${name}${suffix}`)!.ignoreChanges]).toEqual([suffix, ["tags", "tagsAll"]]);
    }
    expect(warned).toEqual([]);
  });

  // They inherit the component's provider: giving them one is the explicit-provider pattern, not a move away from a
  // provider the component chose (../../../components/evidenceOptions.ts).
  it("take a provider given to them, without a warning", async () => {
    const name = `wp-${short}`;
    const other = new aws.Provider(`wo-other-${component}`, { region: "ap-southeast-2" });
    const { warned } = await underOptions(component, name, writerOf(name), (opts) => ({ ...opts, provider: other }));
    for (const suffix of suffixes) {
      const child = recorded.find((r) => r.name === `${name}${suffix}`)!;
      expect([suffix, child.provider]).toEqual([suffix, expect.stringContaining(`::wo-other-${component}::`)]);
    }
    expect(warned).toEqual([]);
  });
});

describe("an import set by a transformation", () => {
  // One detector per account and region: adopting the existing one is the realistic case. The import stands; the
  // settings the component gives it are restored, so only a detector matching them can be adopted.
  it("adopts an existing detector, whose settings stay the component's", async () => {
    const existing = "12abc34d567e8fa901bc2d34e56789f0";
    const { seen, warned } = await underOptions(
      "ThreatDetection",
      "wi-td",
      (child) => child === "wi-td-detector",
      (opts) => ({ ...opts, import: existing }),
    );
    expect(seen.get("wi-td-detector")!.import).toBe(existing);
    expect(warned).toEqual([]);

    reset();
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const adoptSwitchedOff: pulumi.ResourceTransformation = (a) =>
        a.name === "wi-off-detector"
          ? { props: { ...a.props, enable: false }, opts: { ...a.opts, import: existing } }
          : undefined;
      build("ThreatDetection", {}, { transformations: [adoptSwitchedOff] }, "wi-off");
      await settle();
      expect(recorded.find((r) => r.name === "wi-off-detector")!.inputs.enable).toBe(true);
      // Only the property is reported: the import was taken.
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        "ThreatDetection wi-off: a transformation tried to change enable of evidence writer wi-off-detector; " +
          "that was undone (evidence writers may only be tagged)",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("a detector whose findings are not exported", () => {
  // Nothing of the kit's evidence flows from it then (the component warns about exportFindings: false already).
  it("is an ordinary child: a transformation may change it", async () => {
    reset();
    build(
      "ThreatDetection",
      { exportFindings: false },
      {
        transformations: [
          (a) =>
            a.type === "aws:guardduty/detector:Detector"
              ? { props: { ...a.props, findingPublishingFrequency: "SIX_HOURS" }, opts: a.opts }
              : undefined,
        ],
      },
      "wn-td",
    );
    await settle();
    const detector = recorded.find((r) => r.name === "wn-td-detector")!;
    expect(detector.inputs.findingPublishingFrequency).toBe("SIX_HOURS");
    expect(recorded.some((r) => r.type === "aws:guardduty/publishingDestination:PublishingDestination")).toBe(false);
  });
});
