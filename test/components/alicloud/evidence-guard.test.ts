// Evidence and backup stores survive whatever transformations reach them: the component's own, those of an enclosing
// component and the stack's. They stay retained on delete and keep their settings; tags may change. The children
// that write the evidence (the trail, flow logs, packet mirroring, snapshot attachments) keep their settings too;
// other children stay open to ordinary transformations.
import * as pulumi from "@pulumi/pulumi";
import { childrenOf, settle } from "./mocks";
import { construct, freshName, Kind, validArgs } from "./redteam-fixtures";

/** The components that hold evidence or backup stores. */
const HOLDERS: Kind[] = ["HardenedVpc", "WebFirewall", "TrafficForensics", "AuditTrail", "ImmutableBackup"];
/** Valid arguments that also create an evidence writer (an ImmutableBackup without disks has none). */
const argsOf = (kind: Kind, name: string) =>
  kind === "ImmutableBackup" ? { ...validArgs[kind](name), diskIds: ["d-1"] } : validArgs[kind](name);

/** The types of the children that write each holder's evidence (not retained, but held like the stores). */
const WRITERS: Partial<Record<Kind, string[]>> = {
  HardenedVpc: ["alicloud:vpc/flowLog:FlowLog"],
  TrafficForensics: [
    "alicloud:vpc/flowLog:FlowLog",
    "alicloud:vpc/trafficMirrorFilter:TrafficMirrorFilter",
    "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule",
    "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule",
    "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession",
  ],
  AuditTrail: ["alicloud:actiontrail/trail:Trail"],
  ImmutableBackup: ["alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment"],
};
/** Holders whose every child stores or writes evidence: no child is left for an ordinary transformation. */
const ALL_GUARDED: Kind[] = ["TrafficForensics", "AuditTrail", "ImmutableBackup"];

interface Seen {
  name: string;
  retainOnDelete?: boolean;
}

/** Records each child's options as the last transformation sees them. */
function recorder(seen: Map<string, Seen>): pulumi.ResourceTransformation {
  return (args) => {
    seen.set(args.name, { name: args.name, retainOnDelete: args.opts.retainOnDelete });
    return undefined;
  };
}

/** Everything a careless or hostile transformation could do to a store. */
const hostile: pulumi.ResourceTransformation = ({ props, opts }) => ({
  props: {
    ...props,
    forceDestroy: true,
    tags: { hostile: "yes" },
    ...("retentionPeriod" in props ? { retentionPeriod: 1 } : {}),
    ...("retentionPeriodInDays" in props ? { retentionPeriodInDays: 1, status: "InProgress" } : {}),
    ...("deletionProtection" in props ? { deletionProtection: "Disabled", pendingWindowInDays: 7 } : {}),
    ...("wormEnabled" in props ? { wormEnabled: false } : {}),
  },
  opts: { ...opts, retainOnDelete: false },
});

/** The same, written as edits to what it receives, returning nothing. */
const editInPlace: pulumi.ResourceTransformation = ({ props, opts }) => {
  props.forceDestroy = true;
  if ("retentionPeriod" in props) props.retentionPeriod = 1;
  if ("retentionPeriodInDays" in props) props.retentionPeriodInDays = 1;
  if (props.versioning) props.versioning.status = "Suspended";
  (opts as { retainOnDelete?: boolean }).retainOnDelete = false;
  return undefined;
};

class Enclosing extends pulumi.ComponentResource {
  constructor(name: string, kind: Kind, inner: string, opts: pulumi.ComponentResourceOptions) {
    super("test:redteam:Enclosing", name, {}, opts);
    construct[kind](inner, argsOf(kind, inner), { parent: this });
  }
}

/** Each child's inputs by its name after the component's, names written as "@" and tags left out (those may change). */
function settingsOf(name: string): Map<string, string> {
  return new Map(
    childrenOf(name).map((r) => [
      r.name.slice(name.length),
      JSON.stringify({ ...r.inputs, tags: undefined }).replaceAll(name, "@"),
    ]),
  );
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

describe.each(HOLDERS)("%s evidence stores", (kind) => {
  it.each([
    ["given to the component", hostile, false],
    ["editing in place, given to the component", editInPlace, false],
    ["of an enclosing component", hostile, true],
  ] as const)("keep retainOnDelete and their settings under a transformation %s", async (_how, t, enclosed) => {
    const plain = freshName();
    const plainSeen = new Map<string, Seen>();
    construct[kind](plain, argsOf(kind, plain), { transformations: [recorder(plainSeen)] });
    await settle();
    const stores = [...plainSeen.values()].filter((s) => s.retainOnDelete).map((s) => s.name.slice(plain.length));
    expect(stores.length).toBeGreaterThan(0);
    const plainSettings = settingsOf(plain);
    expect(warn).not.toHaveBeenCalled();

    const name = freshName();
    const seen = new Map<string, Seen>();
    const opts = { transformations: [t, recorder(seen)] };
    if (enclosed) new Enclosing(`${name}-outer`, kind, name, opts);
    else construct[kind](name, argsOf(kind, name), opts);
    await settle();
    const settings = settingsOf(name);
    for (const store of stores) {
      expect([store, seen.get(`${name}${store}`)?.retainOnDelete]).toEqual([store, true]);
      expect([store, settings.get(store)]).toEqual([store, plainSettings.get(store)]);
    }
    const warned = warn.mock.calls.map((c) => String(c[0]));
    for (const store of stores) {
      expect(warned).toContainEqual(expect.stringContaining(`of evidence store ${name}${store};`));
    }
    // The writers keep their settings (tags apart) as the stores do, and say so.
    const writerTypes = WRITERS[kind] ?? [];
    const writers = childrenOf(name).filter((r) => writerTypes.includes(r.type));
    expect(new Set(writers.map((r) => r.type))).toEqual(new Set(writerTypes));
    for (const writer of writers) {
      const suffix = writer.name.slice(name.length);
      expect([suffix, settings.get(suffix)]).toEqual([suffix, plainSettings.get(suffix)]);
      expect(warned).toContainEqual(expect.stringContaining(`forceDestroy of evidence writer ${writer.name};`));
    }
    // Every other child takes the transformation as written.
    const others = childrenOf(name).filter(
      (r) => !stores.includes(r.name.slice(name.length)) && !writers.includes(r) && r.type !== "test:redteam:Enclosing",
    );
    expect(others.length > 0).toBe(!ALL_GUARDED.includes(kind));
    for (const child of others) expect([child.name, child.inputs.forceDestroy]).toEqual([child.name, true]);
  });
});
