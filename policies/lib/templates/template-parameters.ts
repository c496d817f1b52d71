// The value each template parameter takes: the one the Pulumi resource passes, else the template's Default. A value
// unknown at preview, a parameter with neither, or one that stack instances may override stays unknown. A value the
// program sets from a secret is read as its value: @pulumi/policy unwraps secrets before rules run, and the unwrap
// here keeps direct callers (tests, tools) that pass the engine's secret wrapper reading the same.
import { unwrap } from "../../../lib/reachability/resource";
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";

/** Values the program passes, by parameter name; "unknown" when which names it sets cannot be told at preview. */
export type GivenParameters = ReadonlyMap<string, unknown> | "unknown";

/** `aws.cloudformation.Stack` / `StackSet`: `parameters` is a map of name to value. */
export function mapParameters(v: unknown): GivenParameters {
  const all = unwrap(v);
  if (isUnknown(all)) return "unknown";
  return new Map(Object.entries(obj(all) ?? {}).map(([name, value]) => [name, unwrap(value)]));
}

/** `alicloud.ros.Stack` / `StackGroup`: `parameters` is a list of `{ parameterKey, parameterValue }`. */
export function keyValueParameters(v: unknown): GivenParameters {
  const all = unwrap(v);
  if (isUnknown(all)) return "unknown";
  const given = new Map<string, unknown>();
  for (const raw of list(all)) {
    const item = unwrap(raw);
    const key = unwrap(obj(item)?.parameterKey);
    // An entry or key unknown at preview may set any parameter.
    if (isUnknown(item) || isUnknown(key)) return "unknown";
    if (typeof key === "string") given.set(key, unwrap(obj(item)?.parameterValue));
  }
  return given;
}

/** Parameter values are text (numbers and booleans as written); anything else (a wrapper, an unknown) is unknown. */
const isScalar = (v: unknown): boolean =>
  (typeof v === "string" && !isUnknown(v)) || typeof v === "number" || typeof v === "boolean";

/** List-typed parameters arrive as comma-separated text and are lists inside the template. */
const LIST_TYPE = /^(?:CommaDelimitedList|List<.*>)$/;

function typed(value: unknown, type: unknown): unknown {
  if (typeof value !== "string" || isUnknown(value) || typeof type !== "string" || !LIST_TYPE.test(type)) return value;
  return value.split(",").map((s) => s.trim());
}

/**
 * ROS `Json` parameters hold an object or a list: given as JSON text (the way a stack passes parameter values), or as
 * a Default written as the object itself. Text that is no JSON stays unknown.
 */
function jsonValue(value: unknown): unknown {
  if (typeof value === "string" && !isUnknown(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return UNKNOWN;
    }
  }
  return value !== null && typeof value === "object" ? value : UNKNOWN;
}

/**
 * Every parameter the template declares, with the value it takes. `overridable`: the container deploys stack
 * instances (a stack set or stack group), each of which may override any parameter, so none is known.
 */
export function parameterValues(
  declared: Record<string, unknown> | undefined,
  given: GivenParameters,
  overridable: boolean,
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, spec] of Object.entries(declared ?? {})) {
    const s = obj(spec) ?? {};
    let value: unknown = UNKNOWN;
    if (!overridable && given !== "unknown") {
      value = given.get(name) ?? s.Default ?? UNKNOWN;
    }
    if (s.Type === "Json") values.set(name, jsonValue(value));
    else values.set(name, isScalar(value) ? typed(value, s.Type) : UNKNOWN);
  }
  return values;
}
