// Links a reference input to the resource it names: by id/ARN/name when known, by property dependencies when the
// value is still unknown at preview (ids and ARNs of new resources only exist after creation).
import { GenericResource, isUnknown, str, unwrap } from "./resource";
import { appendAll } from "../arrays";
import { literalMayName } from "./literal-fit";

/** Inputs under which a resource can be named by others once values are known. */
const IDENTITY_KEYS = ["id", "arn", "name"];

export interface ManyRefs {
  urns: string[];
  /** Known values that name nothing in the stack (existing infrastructure). */
  external: string[];
  /** Of those, the ones that may as well be the value of one of `urns` (linked by dependency): nothing tells which. */
  ambiguous: string[];
  /**
   * Of `urns`, dependencies the list may not name: more of them than values that may be them (a value unknown at
   * preview read from several groups, a literal several may have), so each is only possibly named.
   */
  possible: string[];
}

/** The resources a single reference may name (`Resolver.candidates`). */
export interface Candidates {
  urns: string[];
  /** Several, and nothing tells which one the reference names. */
  ambiguous: boolean;
}

export class Resolver {
  private readonly byUrnMap = new Map<string, GenericResource>();
  private readonly byTypeMap = new Map<string, GenericResource[]>();
  private readonly byKey = new Map<string, GenericResource[]>();
  /** Literal ids of things the stack does not declare but models (literal-groups.ts): value → type and model key. */
  private readonly literals = new Map<string, { type: string; key: string }[]>();

  constructor(readonly resources: readonly GenericResource[]) {
    for (const r of resources) {
      this.byUrnMap.set(r.urn, r);
      const ofType = this.byTypeMap.get(r.type) ?? [];
      ofType.push(r);
      this.byTypeMap.set(r.type, ofType);
      for (const k of IDENTITY_KEYS) {
        const v = str(r.inputs[k]);
        if (v) this.alias(r, v);
      }
    }
  }

  /** Lets an adapter register another name a resource is referred by (an EIP's address, a log store's name). */
  alias(r: GenericResource, value: string): void {
    const hits = this.byKey.get(value) ?? [];
    if (!hits.includes(r)) hits.push(r);
    this.byKey.set(value, hits);
  }

  /**
   * Models `value`, a literal id of a `type` the stack does not declare, as the node `key`: references that name it
   * and nothing the stack declares (by value or dependency) link to `key`, so equal literals meet.
   */
  declareLiteral(type: string, value: string, key: string): void {
    const hits = this.literals.get(value) ?? [];
    if (!hits.some((h) => h.type === type)) hits.push({ type, key });
    this.literals.set(value, hits);
  }

  /**
   * A known value of `propName` that names no resource of `types`, by value or by a dependency it may name
   * (literal-fit.ts): a literal outside id.
   */
  outsideLiteral(
    from: GenericResource,
    propName: string,
    value: unknown,
    types: readonly string[],
  ): string | undefined {
    const v = unwrap(value);
    if (typeof v !== "string" || v === "" || isUnknown(v)) return undefined;
    if (this.byKnownValue(v, types) || this.depsMayBe(from, propName, v, types).length > 0) return undefined;
    return v;
  }

  get(urn: string): GenericResource | undefined {
    return this.byUrnMap.get(urn);
  }

  /** Is `urn` a resource of the stack of one of `types`? */
  isOfType(urn: string, types: readonly string[]): boolean {
    return types.includes(this.byUrnMap.get(urn)?.type ?? "");
  }

  /**
   * The resource of one of `types` (or the outside node the stack models) that a known value names by itself,
   * whatever the dependencies of the input it is read from say; nothing for a value unknown at preview.
   */
  byValue(value: unknown, types: readonly string[]): string | undefined {
    const v = unwrap(value);
    if (typeof v !== "string" || v === "" || isUnknown(v)) return undefined;
    return this.byKnownValue(v, types) ?? this.literalKey(v, types);
  }

  ofType(...types: string[]): readonly GenericResource[] {
    if (types.length === 1) return this.byTypeMap.get(types[0]) ?? [];
    return types.flatMap((t) => this.byTypeMap.get(t) ?? []);
  }

  /**
   * The resource of one of `types` that `value` (read from input `propName` of `from`) refers to. A dependency
   * explains a literal only if the literal may name it (literal-fit.ts), as in `many`: one that may name none of them
   * is outside the stack (the node the stack models for it, if any) and takes none; of several it may name, none is
   * guessed (`candidates` gives each).
   */
  one(from: GenericResource, propName: string, value: unknown, types: readonly string[]): string | undefined {
    const v = unwrap(value);
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string" || isUnknown(v)) {
      const deps = this.depsOfType(from, propName, types);
      return deps.length === 1 ? deps[0] : undefined;
    }
    const known = this.byKnownValue(v, types);
    if (known) return known;
    const deps = this.depsMayBe(from, propName, v, types);
    if (deps.length === 1) return deps[0];
    // A literal the stack models though it declares nothing by that id: only when no dependency explains the value.
    return deps.length === 0 ? this.literalKey(v, types) : undefined;
  }

  /**
   * What `one` links, or, where it links nothing because several dependencies may each be what the value names (a
   * known literal that may name any of them, a value unknown at preview read from several), each of them, marked
   * `ambiguous`, as a list's value is (`many`). For a reference that must not drop what it carries when nothing
   * tells which resource it names: a rule opens whichever group it names. A literal that may name none of them is
   * still the outside node `one` gives, or nothing.
   */
  candidates(from: GenericResource, propName: string, value: unknown, types: readonly string[]): Candidates {
    const single = this.one(from, propName, value, types);
    if (single !== undefined) return { urns: [single], ambiguous: false };
    const v = unwrap(value);
    if (v === undefined || v === null || v === "") return { urns: [], ambiguous: false };
    const deps =
      typeof v === "string" && !isUnknown(v)
        ? this.depsMayBe(from, propName, v, types)
        : this.depsOfType(from, propName, types);
    return deps.length > 1 ? { urns: deps, ambiguous: true } : { urns: [], ambiguous: false };
  }

  /**
   * Every resource of `types` that the values of a list input refer to. `countUnknown`: the list itself is unknown at
   * preview (`pulumi.all([a.id, b.id])`, a component's list output), so how many values it holds is unknown and its
   * dependencies are read as what it holds, none only possible for outnumbering the one value `list()` gives it.
   */
  many(
    from: GenericResource,
    propName: string,
    values: readonly unknown[],
    types: readonly string[],
    countUnknown = false,
  ): ManyRefs {
    const urns: string[] = [];
    const pending: string[] = [];
    let unresolved = 0;
    for (const raw of values) {
      const v = unwrap(raw);
      if (typeof v === "string" && !isUnknown(v)) {
        const known = this.byKnownValue(v, types);
        if (known) urns.push(known);
        else pending.push(v);
      } else if (v !== undefined && v !== null) {
        unresolved++;
      }
    }
    const external: string[] = [];
    const ambiguous: string[] = [];
    const possible: string[] = [];
    if (unresolved > 0 || pending.length > 0) {
      // A dependency no value may be (a component's output, a constant `apply`, `dependsOn` on older SDKs) is not
      // what the list names; a value unknown at preview may be any, so then all are kept (fails closed).
      const extra = this.depsOfType(from, propName, types).filter(
        (u) => !urns.includes(u) && (unresolved > 0 || pending.some((v) => literalMayName(this.byUrnMap.get(u)!, v))),
      );
      appendAll(urns, extra);
      const fitting = pending.filter((v) => extra.some((u) => literalMayName(this.byUrnMap.get(u)!, v)));
      if (!countUnknown && extra.length > unresolved + fitting.length) appendAll(possible, extra);
      const left = this.unexplained(pending, extra, unresolved, types);
      appendAll(external, left.external);
      appendAll(ambiguous, left.ambiguous);
    }
    // Outside ids the stack models (a group its rules attach to) link to that node; the rest stay external.
    const modelled = external.map((v) => this.literalKey(v, types));
    appendAll(
      urns,
      modelled.filter((k): k is string => k !== undefined),
    );
    return {
      urns: [...new Set(urns)],
      external: external.filter((_, i) => modelled[i] === undefined),
      ambiguous,
      possible,
    };
  }

  /**
   * The known values of a list that no dependency explains: existing infrastructure outside the stack. Values
   * unknown at preview are explained first (a literal needs no dependency to be read). A literal that says it names
   * none of the dependencies (literal-fit.ts) is outside wherever the list puts it; of the rest, ids the stack's own
   * rules name as outside groups are left unexplained first. When more literals may be the dependencies than there
   * are dependencies left and nothing tells them apart, each may be either: outside and `ambiguous`, never decided
   * by the order of the list.
   */
  private unexplained(
    pending: readonly string[],
    deps: readonly string[],
    unresolved: number,
    types: readonly string[],
  ): { external: string[]; ambiguous: string[] } {
    const fits = (v: string) => deps.some((u) => literalMayName(this.byUrnMap.get(u)!, v));
    const misfits = pending.filter((v) => !fits(v));
    const candidates = pending.filter(fits);
    const slots = Math.max(0, deps.length - unresolved);
    const own = candidates.filter((v) => this.literalKey(v, types) === undefined);
    const modelled = candidates.filter((v) => this.literalKey(v, types) !== undefined);
    if (own.length > slots && slots > 0) return { external: [...misfits, ...own, ...modelled], ambiguous: own };
    const explained = Math.min(slots, own.length);
    return {
      external: [...misfits, ...own.slice(explained), ...modelled.slice(slots - explained)],
      ambiguous: [],
    };
  }

  private literalKey(v: string, types: readonly string[]): string | undefined {
    const hits = (this.literals.get(v) ?? []).filter((h) => types.includes(h.type));
    return hits.length === 1 ? hits[0].key : undefined;
  }

  private byKnownValue(v: string, types: readonly string[]): string | undefined {
    const hits = (this.byKey.get(v) ?? []).filter((r) => types.includes(r.type));
    return hits.length === 1 ? hits[0].urn : undefined;
  }

  /** The dependencies of the named input that the literal `v` may name. */
  private depsMayBe(from: GenericResource, propName: string, v: string, types: readonly string[]): string[] {
    return this.depsOfType(from, propName, types).filter((u) => literalMayName(this.byUrnMap.get(u)!, v));
  }

  /** Dependencies of the named input; the resource-wide list serves when an older SDK sent none per property. */
  private depsOfType(from: GenericResource, propName: string, types: readonly string[]): string[] {
    const byProp = from.propertyDependencies;
    const source = Object.keys(byProp).length > 0 ? (byProp[propName] ?? []) : from.dependencies;
    return [...new Set(source)].filter((u) => {
      const r = this.byUrnMap.get(u);
      return r !== undefined && types.includes(r.type);
    });
  }
}
