// Builds resource lists the way a preview sees them: references to other resources arrive as the unknown
// sentinel and are recorded in propertyDependencies under the top-level input that holds them.
import { GenericResource, UNKNOWN } from "../../lib/reachability";

const REF = Symbol("ref");

interface Ref {
  [REF]: string;
  known?: string;
}

/** A reference to another resource's output that is unknown at preview (a new resource's id or ARN). */
export function ref(r: GenericResource): Ref {
  return { [REF]: r.urn };
}

/** A reference whose value is already known (an existing resource), still recorded as a dependency. */
export function knownRef(r: GenericResource, value: string): Ref {
  return { [REF]: r.urn, known: value };
}

/** A value as the engine sends a secret: wrapped in a signature object the model unwraps. */
export const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

function isRef(v: unknown): v is Ref {
  return typeof v === "object" && v !== null && REF in v;
}

function strip(v: unknown, deps: Set<string>): unknown {
  if (isRef(v)) {
    deps.add(v[REF]);
    return v.known ?? UNKNOWN;
  }
  if (Array.isArray(v)) return v.map((x) => strip(x, deps));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = strip(x, deps);
    return out;
  }
  return v;
}

export class StackBuilder {
  readonly resources: GenericResource[] = [];

  add(type: string, name: string, inputs: Record<string, unknown> = {}): GenericResource {
    const clean: Record<string, unknown> = {};
    const propertyDependencies: Record<string, string[]> = {};
    const all = new Set<string>();
    for (const [k, v] of Object.entries(inputs)) {
      const deps = new Set<string>();
      clean[k] = strip(v, deps);
      propertyDependencies[k] = [...deps];
      deps.forEach((d) => all.add(d));
    }
    const r: GenericResource = {
      urn: `urn:pulumi:test::kit::${type}::${name}`,
      type,
      name,
      inputs: clean,
      propertyDependencies,
      dependencies: [...all],
    };
    this.resources.push(r);
    return r;
  }
}
