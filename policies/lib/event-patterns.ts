// EventBridge event patterns, read and matched as EventBridge does: each leaf is an array of allowed values or
// operators (prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr), a nested object
// matches a nested field, `$or` lists alternatives, and an event field holding an array matches when one element does.
// Events here are samples: a field may be ANY_VALUE (present, value not known to the rule), and a pattern matches a
// sample only when it matches whatever that value is, so "matches" always means "matches every event of the sample".
import { cidrContains, parseCidr } from "../../lib/cidr";

/**
 * A field the event always has, whose value the rule cannot know (an account id, a timestamp). Typed as any symbol
 * so object literals holding it need no annotation; every symbol reads as it.
 */
export const ANY_VALUE: symbol = Symbol("any value");

export type SampleValue = string | number | boolean | null | symbol | SampleValue[] | SampleEvent;
export interface SampleEvent {
  [field: string]: SampleValue;
}

export type EventPattern = { [field: string]: unknown };

export type ParsedPattern = { pattern: EventPattern } | { invalid: string };

/** Parses a rule's eventPattern text; `invalid` says what EventBridge would reject. */
export function parseEventPattern(text: string): ParsedPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { invalid: "is not valid JSON" };
  }
  if (!isObject(parsed)) return { invalid: "is not a JSON object" };
  const problem = shapeProblem(parsed, "");
  return problem ? { invalid: problem } : { pattern: parsed };
}

/** Why a pattern object is malformed: every field must hold an array of matchers, an object, or `$or` branches. */
function shapeProblem(pattern: Record<string, unknown>, path: string): string | undefined {
  for (const [field, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${field}` : field;
    if (field === "$or") {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject))
        return `has a $or at ${path || "the top"} that is not a list of at least two patterns`;
      for (const branch of value) {
        const p = shapeProblem(branch as Record<string, unknown>, path);
        if (p) return p;
      }
    } else if (Array.isArray(value)) {
      const bad = value.find((m) => matcherProblem(m) !== undefined);
      if (bad !== undefined) return `has ${matcherProblem(bad)} at ${at}`;
    } else if (isObject(value)) {
      const p = shapeProblem(value, at);
      if (p) return p;
    } else {
      return `has ${JSON.stringify(value)} at ${at} where a list of values or an object belongs`;
    }
  }
  return undefined;
}

const STRING_OPERATORS = ["prefix", "suffix", "equals-ignore-case", "wildcard"];

function matcherProblem(m: unknown): string | undefined {
  if (m === null || ["string", "number", "boolean"].includes(typeof m)) return undefined;
  if (!isObject(m) || Object.keys(m).length !== 1) return `the matcher ${JSON.stringify(m)}`;
  const [[op, arg]] = Object.entries(m);
  return operatorAccepts(op, arg) ? undefined : `the matcher ${JSON.stringify(m)}`;
}

function operatorAccepts(op: string, arg: unknown): boolean {
  switch (op) {
    case "prefix":
    case "suffix":
      return typeof arg === "string" || isIgnoreCase(arg);
    case "equals-ignore-case":
    case "wildcard":
      return typeof arg === "string";
    case "exists":
      return typeof arg === "boolean";
    case "numeric":
      return numericConditions(arg) !== undefined;
    case "cidr":
      return typeof arg === "string" && parseCidr(arg) !== undefined;
    case "anything-but":
      return anythingButAccepts(arg);
    default:
      return false;
  }
}

function anythingButAccepts(arg: unknown): boolean {
  if (arg === null || ["string", "number"].includes(typeof arg)) return true;
  if (Array.isArray(arg)) return arg.every((v) => ["string", "number"].includes(typeof v));
  if (!isObject(arg) || Object.keys(arg).length !== 1) return false;
  const [[op, v]] = Object.entries(arg);
  return STRING_OPERATORS.includes(op) && (typeof v === "string" || (Array.isArray(v) && v.every(isString)));
}

type Comparison = [op: string, bound: number];

/** `[">=", 7, "<", 9]` as pairs; undefined when malformed (an odd length, an unknown operator, a bound that is no number). */
function numericConditions(arg: unknown): Comparison[] | undefined {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0 || arg.length > 4) return undefined;
  const pairs: Comparison[] = [];
  for (let i = 0; i < arg.length; i += 2) {
    const [op, bound] = [arg[i], arg[i + 1]];
    if (!["=", "<", "<=", ">", ">="].includes(op) || typeof bound !== "number") return undefined;
    pairs.push([op, bound]);
  }
  return pairs;
}

/** True when the pattern matches the sample whatever its ANY_VALUE fields hold. */
export function patternMatches(pattern: EventPattern, event: SampleValue | undefined): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    if (field === "$or") return (rule as EventPattern[]).some((branch) => patternMatches(branch, event));
    const value = fieldOf(event, field);
    if (Array.isArray(rule)) return leafMatches(rule, value);
    if (isAny(value)) return false;
    // An object pattern against a list of objects: one element must match it.
    if (Array.isArray(value)) return value.some((v) => patternMatches(rule as EventPattern, v));
    return patternMatches(rule as EventPattern, value);
  });
}

function fieldOf(event: SampleValue | undefined, field: string): SampleValue | undefined {
  if (event === undefined || isAny(event) || !isObject(event)) return undefined;
  return Object.prototype.hasOwnProperty.call(event, field) ? (event as SampleEvent)[field] : undefined;
}

function leafMatches(matchers: unknown[], value: SampleValue | undefined): boolean {
  if (value === undefined) return matchers.some((m) => isObject(m) && m.exists === false);
  // Only `exists: true` admits every value an unknown field may hold.
  if (isAny(value)) return matchers.some((m) => isObject(m) && m.exists === true);
  if (Array.isArray(value)) return value.some((v) => leafMatches(matchers, v));
  if (isObject(value)) return matchers.some((m) => isObject(m) && m.exists === true);
  return matchers.some((m) => matcherMatches(m, value));
}

function matcherMatches(m: unknown, value: string | number | boolean | null): boolean {
  if (!isObject(m)) return m === value;
  const [[op, arg]] = Object.entries(m);
  switch (op) {
    case "exists":
      return arg === true;
    case "numeric":
      return typeof value === "number" && (numericConditions(arg) ?? []).every(([o, b]) => compare(value, o, b));
    case "anything-but":
      return anythingBut(arg, value);
    case "cidr":
      return typeof value === "string" && cidrContains(arg as string, value);
    default:
      return typeof value === "string" && stringOperator(op, arg, value);
  }
}

function stringOperator(op: string, arg: unknown, value: string): boolean {
  const ignoreCase = isIgnoreCase(arg);
  const wanted = ignoreCase ? (arg as Record<string, string>)["equals-ignore-case"] : (arg as string);
  const [v, w] = ignoreCase ? [value.toLowerCase(), wanted.toLowerCase()] : [value, wanted];
  if (op === "prefix") return v.startsWith(w);
  if (op === "suffix") return v.endsWith(w);
  if (op === "equals-ignore-case") return value.toLowerCase() === wanted.toLowerCase();
  return op === "wildcard" && wildcardMatches(wanted, value);
}

function anythingBut(arg: unknown, value: string | number | boolean | null): boolean {
  if (isObject(arg)) {
    const [[op, inner]] = Object.entries(arg);
    if (typeof value !== "string") return false;
    return !(Array.isArray(inner) ? inner : [inner]).some((w) => stringOperator(op, w, value));
  }
  return !(Array.isArray(arg) ? arg : [arg]).includes(value);
}

function compare(v: number, op: string, bound: number): boolean {
  if (op === "=") return v === bound;
  if (op === "<") return v < bound;
  if (op === "<=") return v <= bound;
  if (op === ">") return v > bound;
  return v >= bound;
}

/** EventBridge wildcards: `*` is any run of characters, `\*` a literal star; no other special characters. */
function wildcardMatches(pattern: string, value: string): boolean {
  const parts = pattern.split(/(?<!\\)\*/).map((p) => p.replace(/\\\*/g, "*"));
  if (parts.length === 1) return value === parts[0];
  const [first, last] = [parts[0], parts[parts.length - 1]];
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

function isIgnoreCase(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length === 1 && typeof v["equals-ignore-case"] === "string";
}

const isString = (v: unknown): v is string => typeof v === "string";
const isAny = (v: unknown): v is symbol => typeof v === "symbol";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
