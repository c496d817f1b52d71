// Evidence and backup stores survive whatever transformations a caller hands a component: they stay retained on
// delete, never gain forceDestroy and keep their retention; tags may still change. The children that write the
// evidence (trails, flow logs, backup plans and selections and the role they run as, mirroring, the GuardDuty
// detector and its findings export) keep their settings the same way; every other child stays open to ordinary
// transformations.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { guardEvidence, keepEvidence } from "../../../components/aws/evidenceGuard";
import { build, ComponentName, createCopyProvider } from "./redteam-args.fixtures";

const T = {
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  vault: "aws:backup/vault:Vault",
  vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
  queue: "aws:sqs/queue:Queue",
  flowLog: "aws:ec2/flowLog:FlowLog",
  trail: "aws:cloudtrail/trail:Trail",
  plan: "aws:backup/plan:Plan",
  selection: "aws:backup/selection:Selection",
  role: "aws:iam/role:Role",
  roleAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  detector: "aws:guardduty/detector:Detector",
  findingsExport: "aws:guardduty/publishingDestination:PublishingDestination",
  mirrorTarget: "aws:ec2/trafficMirrorTarget:TrafficMirrorTarget",
  mirrorFilter: "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter",
  mirrorRule: "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule",
  mirrorSession: "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
};
const BUCKET = [T.bucket, T.ownership, T.publicAccess, T.versioning, T.lock, T.encryption, T.policy];

/** The evidence stores each component creates, by type: every one must be retained on delete. */
const EVIDENCE: [ComponentName, string[]][] = [
  ["HardenedVpc", [T.key, T.logGroup]],
  ["WebFirewall", [T.key, T.logGroup]],
  ["TrafficForensics", [T.key, ...BUCKET]],
  ["AuditTrail", [T.key, ...BUCKET, T.logGroup]],
  ["ImmutableBackup", [T.key, T.vault, T.vaultLock, T.key, T.vault, T.vaultLock]],
  // The response topics' key, the dead-letter queue of undelivered findings, the exported findings' key and bucket.
  ["ThreatDetection", [T.key, T.key, T.queue, ...BUCKET]],
];

/** The types of the children that write each component's evidence (not retained, but held like the stores). */
const WRITERS: Record<ComponentName, string[]> = {
  HardenedVpc: [T.flowLog],
  WebFirewall: [],
  TrafficForensics: [T.flowLog, T.mirrorTarget, T.mirrorFilter, T.mirrorRule, T.mirrorSession],
  AuditTrail: [T.trail],
  // The backup role and its policies too: AWS Backup runs the selection's jobs as that role.
  ImmutableBackup: [T.plan, T.selection, T.role, T.roleAttachment],
  // The detector decides whether findings are made and how often updates are published; the destination exports them.
  ThreatDetection: [T.detector, T.findingsExport],
  Bastion: [],
  DnsFailover: [],
  IdentityBaseline: [],
};
/** Components whose every child stores or writes evidence: no child is left for an ordinary transformation. */
const ALL_GUARDED: ComponentName[] = ["TrafficForensics", "ImmutableBackup"];

interface Seen {
  type: string;
  name: string;
  retainOnDelete?: boolean;
}

/** A transformation that records each child's final options (it runs after the ones listed before it). */
function recorder(seen: Seen[]): pulumi.ResourceTransformation {
  return (args) => {
    seen.push({ type: args.type, name: args.name, retainOnDelete: args.opts.retainOnDelete });
    return undefined;
  };
}

/** Everything a careless or hostile transformation could do to an evidence store. */
const hostile: pulumi.ResourceTransformation = ({ type, props, opts }) => ({
  props: {
    ...props,
    forceDestroy: true,
    tags: { hostile: "yes" },
    ...(type === T.logGroup ? { retentionInDays: 1 } : {}),
    ...(type === T.lock ? { rule: { defaultRetention: { mode: "GOVERNANCE", days: 1 } } } : {}),
    ...(type === T.vaultLock ? { changeableForDays: 36500, minRetentionDays: 1 } : {}),
    ...(type === T.key ? { deletionWindowInDays: 7 } : {}),
  },
  opts: { ...opts, retainOnDelete: false },
});

/** A transformation that edits what it receives (nested settings included) and returns nothing. */
const editInPlace: pulumi.ResourceTransformation = ({ type, props, opts }) => {
  props.forceDestroy = true;
  if (type === T.logGroup) props.retentionInDays = 1;
  if (type === T.lock) props.rule.defaultRetention.days = 1;
  if (type === T.vaultLock) props.minRetentionDays = 1;
  (opts as { retainOnDelete?: boolean }).retainOnDelete = false;
  return undefined;
};

/** A component that holds one of the kit's, passing on its own transformations as a platform module would. */
class Enclosing extends pulumi.ComponentResource {
  constructor(name: string, component: ComponentName, opts: pulumi.ComponentResourceOptions) {
    super("test:redteam:Enclosing", name, {}, opts);
    build(component, {}, { parent: this }, "rt-inner");
  }
}

beforeAll(async () => {
  createCopyProvider();
  await settle();
});

describe.each(EVIDENCE)("%s evidence stores", (component, evidenceTypes) => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());

  it("are exactly the children retained on delete", async () => {
    reset();
    const seen: Seen[] = [];
    build(component, {}, { transformations: [recorder(seen)] });
    await settle();
    expect(
      seen
        .filter((s) => s.retainOnDelete === true)
        .map((s) => s.type)
        .sort(),
    ).toEqual([...evidenceTypes].sort());
    expect(warn).not.toHaveBeenCalled();
  });

  it("keep retainOnDelete and their settings under a hostile transformation, which is reported", async () => {
    reset();
    const baseline = new Map<string, unknown>();
    build(component);
    await settle();
    for (const r of recorded) baseline.set(r.name, r.inputs);

    reset();
    const seen: Seen[] = [];
    build(component, {}, { transformations: [hostile, recorder(seen)] });
    await settle();
    const evidence = seen.filter((s) => evidenceTypes.includes(s.type));
    expect(evidence.map((s) => s.type).sort()).toEqual([...evidenceTypes].sort());
    const writers = seen.filter((s) => WRITERS[component].includes(s.type));
    expect(new Set(writers.map((s) => s.type))).toEqual(new Set(WRITERS[component]));
    for (const child of [...evidence, ...writers]) {
      if (evidence.includes(child)) expect(child.retainOnDelete).toBe(true);
      const inputs = recorded.find((r) => r.name === child.name)!.inputs;
      const { tags: _tags, ...settings } = inputs;
      const { tags: _baseTags, ...baseSettings } = baseline.get(child.name) as Record<string, unknown>;
      expect([child.name, settings]).toEqual([child.name, baseSettings]);
      if ("tags" in inputs) expect(inputs.tags).toEqual({ hostile: "yes" });
    }
    const warned = warn.mock.calls.map((c) => String(c[0]));
    expect(warned).toHaveLength(evidence.length + writers.length);
    for (const store of evidence) {
      expect(warned).toContainEqual(expect.stringContaining(`evidence store ${store.name};`));
    }
    for (const writer of writers) {
      expect(warned).toContainEqual(
        expect.stringContaining(`forceDestroy of evidence writer ${writer.name}; that was undone`),
      );
    }
    const storeWarnings = warned.filter((m) => m.includes("of evidence store "));
    expect(storeWarnings.every((m) => m.includes("retainOnDelete") && m.includes("forceDestroy"))).toBe(true);
  });

  it("keep their settings when a transformation edits its arguments in place and returns nothing", async () => {
    reset();
    build(component);
    await settle();
    const baseline = new Map(recorded.map((r) => [r.name, r.inputs]));

    reset();
    const seen: Seen[] = [];
    build(component, {}, { transformations: [editInPlace, recorder(seen)] });
    await settle();
    const evidence = seen.filter((s) => evidenceTypes.includes(s.type));
    expect(evidence.map((s) => s.type).sort()).toEqual([...evidenceTypes].sort());
    for (const store of evidence) {
      expect(store.retainOnDelete).toBe(true);
      expect(recorded.find((r) => r.name === store.name)!.inputs).toEqual(baseline.get(store.name));
    }
    const writers = seen.filter((s) => WRITERS[component].includes(s.type));
    for (const writer of writers) {
      expect(recorded.find((r) => r.name === writer.name)!.inputs).toEqual(baseline.get(writer.name));
    }
    expect(warn).toHaveBeenCalledTimes(evidence.length + writers.length);
  });

  it("keep retainOnDelete and their settings under an enclosing component's transformation", async () => {
    reset();
    build(component, {}, undefined, "rt-inner");
    await settle();
    const baseline = new Map(recorded.map((r) => [r.name, r.inputs]));

    reset();
    const seen: Seen[] = [];
    new Enclosing("rt-outer", component, { transformations: [hostile, recorder(seen)] });
    await settle();
    const evidence = seen.filter((s) => evidenceTypes.includes(s.type));
    expect(evidence.map((s) => s.type).sort()).toEqual([...evidenceTypes].sort());
    const writers = seen.filter((s) => WRITERS[component].includes(s.type));
    for (const child of [...evidence, ...writers]) {
      if (evidence.includes(child)) expect(child.retainOnDelete).toBe(true);
      const { tags: _tags, ...settings } = recorded.find((r) => r.name === child.name)!.inputs;
      const { tags: _baseTags, ...baseSettings } = baseline.get(child.name) as Record<string, unknown>;
      expect([child.name, settings]).toEqual([child.name, baseSettings]);
    }
    expect(warn).toHaveBeenCalledTimes(evidence.length + writers.length);
  });

  it("leave other children open to ordinary transformations", async () => {
    reset();
    const seen: Seen[] = [];
    build(component, {}, { transformations: [hostile, recorder(seen)] });
    await settle();
    // The component itself takes its own transformations too: only its children count here.
    const others = seen.filter(
      (s) =>
        !s.type.startsWith("hardening:") && !evidenceTypes.includes(s.type) && !WRITERS[component].includes(s.type),
    );
    expect(others.length > 0).toBe(!ALL_GUARDED.includes(component));
    for (const child of others) {
      expect(child.retainOnDelete).toBe(false);
      expect(recorded.find((r) => r.name === child.name)!.inputs.forceDestroy).toBe(true);
    }
  });
});

describe("guardEvidence and keepEvidence", () => {
  it("returns options without transformations as given, so default plans are untouched", () => {
    const opts = { protect: true };
    expect(guardEvidence("X", undefined)).toBeUndefined();
    expect(guardEvidence("X", opts)).toBe(opts);
    expect(guardEvidence("X", { transformations: [], transforms: [] })).toEqual({
      transformations: [],
      transforms: [],
    });
  });

  it("restores an evidence store changed by an engine-side transform and reports what was undone", async () => {
    const undone: string[][] = [];
    const guarded = guardEvidence("X", {
      transforms: [
        ({ props, opts }) => ({ props: { ...props, forceDestroy: true }, opts: { ...opts, retainOnDelete: false } }),
      ],
    })!.transforms![0];
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const result = await guarded({
        custom: true,
        type: T.bucket,
        name: "x-evidence",
        props: { bucket: "b" },
        opts: { retainOnDelete: true },
      });
      expect(result).toEqual({ props: { bucket: "b" }, opts: { retainOnDelete: true } });
      expect(String(warn.mock.calls[0][0])).toMatch(/X: .*forceDestroy, retainOnDelete of evidence store x-evidence;/);
    } finally {
      warn.mockRestore();
    }
    const rows: [string, Parameters<typeof keepEvidence>[0], Parameters<typeof keepEvidence>[1], unknown][] = [
      [
        "an ordinary child",
        { props: { a: 1 }, opts: {} },
        { props: { a: 2 }, opts: { retainOnDelete: false } },
        { props: { a: 2 }, opts: { retainOnDelete: false } },
      ],
      ["no change requested", { props: { a: 1 }, opts: { retainOnDelete: true } }, undefined, undefined],
      [
        "a removed setting",
        { props: { a: 1, tags: { k: "v" } }, opts: { retainOnDelete: true } },
        { props: { tags: { k: "w" } }, opts: { retainOnDelete: true } },
        { props: { a: 1, tags: { k: "w" } }, opts: { retainOnDelete: true } },
      ],
    ];
    for (const [label, before, after, expected] of rows) {
      expect([label, keepEvidence(before, after, (u) => undone.push(u))]).toEqual([label, expected]);
    }
    expect(undone).toEqual([["a"]]);
  });
});

// Last in this file: it makes the stack resource the root of everything registered after it.
describe("a stack-wide transformation", () => {
  it("cannot unprotect an evidence store either, and is reported", async () => {
    reset();
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(hostile);
        build("TrafficForensics", {}, undefined, "rt-stack");
        return {};
      });
      await settle();
      const bucket = recorded.find((r) => r.name === "rt-stack-evidence")!;
      const lock = recorded.find((r) => r.name === "rt-stack-evidence-object-lock")!;
      expect(bucket.inputs.forceDestroy).toBeUndefined();
      expect(bucket.inputs.objectLockEnabled).toBe(true);
      expect(lock.inputs.rule).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 365 } });
      // The flow log writes the evidence: held like the stores.
      const flowLog = recorded.find((r) => r.type === "aws:ec2/flowLog:FlowLog")!;
      expect(flowLog.inputs.forceDestroy).toBeUndefined();
      expect(flowLog.inputs.trafficType).toBe("ALL");
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        expect.stringMatching(
          /^TrafficForensics rt-stack: .*forceDestroy, retainOnDelete of evidence store rt-stack-evidence;/,
        ),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
