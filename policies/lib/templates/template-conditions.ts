// A template's Conditions, decided with what the program shows: `Fn::Equals` of resolved values, `Fn::Not`, `Fn::And`,
// `Fn::Or` and `{ Condition: Name }`. A resource whose condition is false is not created; undecided, it is judged as
// created, since a condition the pack cannot see must not hide what the resource opens.
import { isUnknown, obj } from "../../../lib/values";
import { isTemplateReference } from "./template-references";
import { intrinsicName, ResolveContext, resolveTemplateValue } from "./template-values";

type Tri = boolean | undefined;

/** Deeper than any template nests its conditions; deeper still is undecided. */
const MAX_DEPTH = 32;

/** A value that is known as written: no unknown, no resource id (which only the cloud knows). */
function known(v: unknown): boolean {
  if (isUnknown(v) || isTemplateReference(v) || v === undefined) return false;
  if (v === null) return true;
  if (Array.isArray(v)) return v.every(known);
  if (v !== null && typeof v === "object") return Object.values(v).every(known);
  return true;
}

/** Parameters are text in both services: 80 and "80" are equal, as `true` and "true" are. */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? JSON.stringify(v.map(canonical)) : typeof v === "object" ? JSON.stringify(v) : String(v);

/**
 * A function that decides named conditions with `ctx`, each decided once (a cycle, which the services reject, is
 * undecided).
 */
export function conditionDecider(conditions: unknown, ctx: ResolveContext): (name: string) => Tri {
  const declared = obj(conditions) ?? {};
  const decided = new Map<string, Tri>();
  const named = (name: unknown, depth: number): Tri => {
    if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(declared, name)) return undefined;
    if (decided.has(name)) return decided.get(name);
    decided.set(name, undefined);
    const value = evaluate(declared[name], depth + 1);
    decided.set(name, value);
    return value;
  };
  const evaluate = (expr: unknown, depth: number): Tri => {
    if (depth > MAX_DEPTH) return undefined;
    const fn = intrinsicName(expr);
    const args = fn ? obj(expr)?.[fn] : undefined;
    const each = () => (Array.isArray(args) ? args.map((a) => evaluate(a, depth + 1)) : []);
    switch (fn) {
      case "Condition":
        return named(args, depth);
      case "Fn::Equals": {
        if (!Array.isArray(args) || args.length !== 2) return undefined;
        const [a, b] = args.map((arg) => resolveTemplateValue(arg, { ...ctx, condition: (n) => named(n, depth) }));
        return known(a) && known(b) ? canonical(a) === canonical(b) : undefined;
      }
      case "Fn::Not": {
        const [inner] = each();
        return inner === undefined ? undefined : !inner;
      }
      case "Fn::And": {
        const all = each();
        return all.includes(false) ? false : all.length > 0 && all.every((v) => v === true) ? true : undefined;
      }
      case "Fn::Or": {
        const any = each();
        return any.includes(true) ? true : any.length > 0 && any.every((v) => v === false) ? false : undefined;
      }
      default:
        return undefined;
    }
  };
  return (name) => named(name, 0);
}
