// Field expectations for rules that compare settings to a required value: one line per field in the rule file,
// with unknowns at any level of the path reported instead of guessed.
import { bool, isUnknown, num, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";

export interface Expectation {
  /** Dotted path into the props, e.g. `imageScanningConfiguration.scanOnPush`. */
  path: string;
  ok: (value: unknown) => boolean;
  /** Why the value is wrong; `shown` is the value as the message should print it. */
  problem: (shown: string) => string;
}

/** Value at a dotted path, or the unknown marker when any step of the path is unknown. */
export function at(props: Record<string, unknown>, path: string): unknown {
  let cur: unknown = props;
  for (const key of path.split(".")) {
    if (isUnknown(cur)) return cur;
    cur = obj(cur)?.[key];
  }
  return cur;
}

export function show(v: unknown): string {
  return v === undefined ? "not set" : JSON.stringify(v);
}

export function expectAll(props: Record<string, unknown>, expectations: readonly Expectation[]): Finding[] {
  return expectations.flatMap((e) => {
    const v = at(props, e.path);
    if (isUnknown(v)) return [unverifiable(e.path)];
    return e.ok(v) ? [] : [violation(`${e.path} is ${show(v)}: ${e.problem(show(v))}`)];
  });
}

/** Numbers as providers send them (numbers, occasionally numeric strings). */
export const atLeast = (min: number) => (v: unknown) => (num(v) ?? -Infinity) >= min;
/** Booleans as providers send them: a string in any case ("True", "FALSE", "0") means the same as the boolean. */
export const isTrue = (v: unknown) => bool(v) === true;
export const notFalse = (v: unknown) => bool(v) !== false;
