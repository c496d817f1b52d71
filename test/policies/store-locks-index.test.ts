// assignLocks with an indexed link (namedBy) gives the answers of linking every lock with every store: checked against
// that quadratic assignment on generated stacks of overlapping names, unknown values, shared sources, providers and
// regions, duplicate urns and locks that name nothing.
import fc from "fast-check";
import { GenericResource } from "../../lib/reachability";
import { bothLinks, Link, linkOf } from "../../policies/lib/links";
import { placeLink, samePlace } from "../../policies/lib/placement";
import { storeCandidates } from "../../policies/lib/store-lock-index";
import { assignLocks, namedBy, StoreLocks } from "../../policies/lib/store-locks";
import { UNKNOWN } from "./harness";

type PlainLink = (lock: GenericResource, store: GenericResource) => Link;

/** The assignment before the index: every lock linked with every store. */
function referenceAssignLocks(
  stores: readonly GenericResource[],
  locks: readonly GenericResource[],
  link: PlainLink,
): Map<string, StoreLocks> {
  const byStore = new Map(stores.map((s): [string, StoreLocks] => [s.urn, { sure: [], possible: [] }]));
  for (const lock of locks) {
    const links = stores.map((s) => ({ urn: s.urn, link: link(lock, s) }));
    const named = links.some((l) => l.link === "yes");
    for (const l of links) {
      const entry = byStore.get(l.urn);
      if (l.link === "yes") entry?.sure.push(lock);
      else if (l.link === "maybe" && !named) entry?.possible.push(lock);
    }
  }
  return byStore;
}

const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

const STORE_URNS = ["s0", "s1", "s2", "s3"];
const SOURCE_URNS = ["random", "config", "s1", "s2"];
const PROVIDERS: Record<string, Record<string, unknown>> = {
  east: { region: "us-east-1" },
  west: { region: "eu-west-1", allowedAccountIds: ["222"] },
  unknownRegion: { region: UNKNOWN },
  unseen: {},
};

const value = fc.constantFrom<unknown>(
  "a",
  "b",
  "c",
  "",
  UNKNOWN,
  undefined,
  null,
  7,
  ["a"],
  { name: "a" },
  secret("a"),
  secret(UNKNOWN),
);
const sources = fc.subarray([...SOURCE_URNS, ...STORE_URNS]);
const region = fc.constantFrom<unknown>(undefined, "us-east-1", "eu-west-1", UNKNOWN);
const provider = fc.constantFrom(undefined, ...Object.keys(PROVIDERS));

const fields = (names: readonly string[]) =>
  fc.record({
    inputs: fc.tuple(...names.map(() => value)),
    deps: fc.tuple(...names.map(() => fc.option(sources, { nil: undefined }))),
    region,
    provider,
  });

function resource(
  urn: string,
  type: string,
  names: readonly string[],
  f: { inputs: unknown[]; deps: (string[] | undefined)[]; region: unknown; provider: string | undefined },
): GenericResource {
  const inputs: Record<string, unknown> = {};
  const propertyDependencies: Record<string, string[]> = {};
  names.forEach((n, i) => {
    if (f.inputs[i] !== undefined) inputs[n] = f.inputs[i];
    const deps = f.deps[i];
    if (deps) propertyDependencies[n] = deps;
  });
  if (f.region !== undefined) inputs.region = f.region;
  const r: GenericResource & { providerInputs?: Record<string, unknown> } = {
    urn,
    type,
    name: urn,
    inputs,
    propertyDependencies,
    dependencies: [],
  };
  if (f.provider) {
    r.provider = f.provider;
    r.providerInputs = PROVIDERS[f.provider];
  }
  return r;
}

const STORE_FIELDS = ["bucket", "name", "id"];
const LOCK_FIELDS = ["bucket", "bucketName", "backupVaultName"];

const stores = fc.array(
  fc
    .tuple(fc.constantFrom(...STORE_URNS), fields(STORE_FIELDS))
    .map(([urn, f]) => resource(urn, "store", STORE_FIELDS, f)),
  { maxLength: 7 },
);
const locks = fc.array(
  fc
    .tuple(fc.constantFrom("worm", "objectWorm"), fields(LOCK_FIELDS))
    .map(([type, f]) => resource(`lock-${type}`, type, LOCK_FIELDS, f)),
  { maxLength: 7 },
);

const place: PlainLink = (l, s) => placeLink(samePlace(l, s));
const wormKey = (l: GenericResource) => (l.type === "worm" ? "bucket" : "bucketName");

/** The links the rules use, each as the plain function they passed before and as namedBy builds it. */
const LINKS: [string, PlainLink, PlainLink][] = [
  ["by bucket", (l, s) => linkOf(l, "bucket", s, ["bucket", "id"]), namedBy("bucket", ["bucket", "id"])],
  [
    "by a key chosen by the lock's type",
    (l, s) => linkOf(l, wormKey(l), s, ["bucket", "id"]),
    namedBy(wormKey, ["bucket", "id"]),
  ],
  [
    "by name in the same place",
    (l, s) => bothLinks(linkOf(l, "backupVaultName", s, ["name", "id"]), place(l, s)),
    namedBy("backupVaultName", ["name", "id"], place),
  ],
];

/** Urns in map order, each store's locks by their position, so equal-looking locks still differ. */
function shape(assigned: Map<string, StoreLocks>, all: readonly GenericResource[]) {
  return [...assigned].map(([urn, { sure, possible }]) => ({
    urn,
    sure: sure.map((l) => all.indexOf(l)),
    possible: possible.map((l) => all.indexOf(l)),
  }));
}

describe("assignLocks with an indexed link", () => {
  it.each(LINKS)("assigns as linking every pair does: %s", (_, plain, indexed) => {
    fc.assert(
      fc.property(stores, locks, (ss, ls) => {
        expect(shape(assignLocks(ss, ls, indexed), ls)).toEqual(shape(referenceAssignLocks(ss, ls, plain), ls));
      }),
      { numRuns: 2000 },
    );
  });

  it("assigns as before with a plain link function", () => {
    const [, plain] = LINKS[2];
    fc.assert(
      fc.property(stores, locks, (ss, ls) => {
        expect(shape(assignLocks(ss, ls, plain), ls)).toEqual(shape(referenceAssignLocks(ss, ls, plain), ls));
      }),
      { numRuns: 300 },
    );
  });
});

describe("storeCandidates", () => {
  const store = (urn: string, inputs: Record<string, unknown>, deps: Record<string, string[]> = {}) => ({
    urn,
    type: "store",
    name: urn,
    inputs,
    propertyDependencies: deps,
    dependencies: [],
  });
  const many = Array.from({ length: 50 }, (_, i) => store(`s${i}`, { bucket: `b${i}` }, { bucket: [`seed${i}`] }));
  const link = namedBy("bucket", ["bucket", "id"]);
  const candidates = storeCandidates(many, link);

  it.each([
    ["a known name: the store showing it", store("l", { bucket: "b7" }), [7]],
    ["a known name no store shows", store("l", { bucket: "elsewhere" }), []],
    ["an unknown name built from one store's source", store("l", { bucket: UNKNOWN }, { bucket: ["seed3"] }), [3]],
    ["an unknown name depending on a store", store("l", { bucket: UNKNOWN }, { bucket: ["s9"] }), [9]],
    ["an unknown name linked to nothing", store("l", { bucket: UNKNOWN }), []],
    ["a list", store("l", { bucket: ["b7"] }, { bucket: ["s7"] }), []],
  ])("looks at the stores a lock may name only: %s", (_, lock, expected) => {
    expect(candidates?.(lock)).toEqual(expected);
  });

  it("does not index a plain link function", () => {
    expect(storeCandidates(many, (l, s) => linkOf(l, "bucket", s, ["bucket", "id"]))).toBeUndefined();
  });
});
