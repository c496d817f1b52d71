// Collects every problem in a component's arguments and throws them together, so one run shows all fixes needed.

/** One invalid argument: what was given, what is allowed, and how to fix it. */
export interface ValidationProblem {
  /** Argument path, e.g. `allowedCidrs[2]` or `tiers[0].prefix`. */
  argument: string;
  /** The offending value as given. */
  value: unknown;
  /** What the argument accepts. */
  allowed: string;
  /** How to fix it. */
  fix: string;
}

/** Thrown when a component's arguments are invalid; lists every problem found. */
export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: readonly ValidationProblem[],
  ) {
    super(formatProblems(subject, problems));
    this.name = "ValidationError";
  }
}

/** Renders a value for a message: strings quoted, structures as JSON, an Output or Promise by its kind. */
export function showValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (!isPlain(value)) return String(unresolvedProblem("", value).value);
  if (typeof value === "string") return JSON.stringify(value);
  try {
    // JSON writes NaN and Infinity as null and -0 as 0; a message must show the number the user passed.
    const json = JSON.stringify(value, (_key, v) => (isUnwritableNumber(v) ? `${MARK}${numberText(v)}${MARK}` : v));
    return json?.replace(MARKED, "$1") ?? String(value);
  } catch {
    return String(value);
  }
}

const MARK = "\u0000";
const MARKED = /"\\u0000(NaN|-?Infinity|-0)\\u0000"/g;
const isUnwritableNumber = (v: unknown) => typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0));
const numberText = (n: number) => (Object.is(n, -0) ? "-0" : String(n));

export function formatProblems(subject: string, problems: readonly ValidationProblem[]): string {
  const lines = problems.map(
    (p, i) => `  ${i + 1}. argument "${p.argument}" is ${showValue(p.value)}; allowed: ${p.allowed}; fix: ${p.fix}`,
  );
  const count = problems.length === 1 ? "1 invalid argument" : `${problems.length} invalid arguments`;
  return `${subject}: ${count}:\n${lines.join("\n")}`;
}

/** Accumulates problems; `throwIfAny` raises one ValidationError listing them all. */
export class Problems {
  private readonly items: ValidationProblem[] = [];

  constructor(private readonly subject: string) {}

  add(argument: string, value: unknown, allowed: string, fix: string): this {
    this.items.push({ argument, value, allowed, fix });
    return this;
  }

  /** Adds a problem when `ok` is false; returns `ok` so callers can skip dependent checks. */
  check(ok: boolean, argument: string, value: unknown, allowed: string, fix: string): boolean {
    if (!ok) this.add(argument, value, allowed, fix);
    return ok;
  }

  /** Merges problems raised by a nested validator (e.g. a planner), prefixing nothing: they already name arguments. */
  addAll(problems: readonly ValidationProblem[]): this {
    this.items.push(...problems);
    return this;
  }

  get list(): readonly ValidationProblem[] {
    return this.items;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ValidationError(this.subject, [...this.items]);
  }
}

/** Runs `checks` against a fresh problem list and throws once with everything found. */
export function validateArgs(subject: string, checks: (problems: Problems) => void): void {
  const problems = new Problems(subject);
  checks(problems);
  problems.throwIfAny();
}

/** True when a value is a plain (non-Output, non-Promise) value that can be validated synchronously. */
export function isPlain<T>(value: T | PromiseLike<T> | { apply: unknown } | undefined): value is T {
  if (value === undefined || value === null) return true;
  if (typeof value !== "object" && typeof value !== "function") return true;
  if (typeof (value as PromiseLike<T>).then === "function") return false;
  // pulumi.Output instances carry `__pulumiOutput`; checked structurally to keep this module free of the SDK.
  return !(value as Record<string, unknown>)["__pulumiOutput"];
}

/**
 * Stands in a problem for an Output or Promise: its value is not known while arguments are checked, so the message
 * names its kind instead of serialising it (an Output's JSON is a long "not supported" notice).
 */
export class UnresolvedValue {
  constructor(readonly kind: "pulumi.Output" | "Promise") {}
  toJSON(): undefined {
    return undefined;
  }
  toString(): string {
    return `a ${this.kind} (not known until deployment)`;
  }
}

/** Stands in a problem for a value whose text must not be shown (it may be a secret): a description of it. */
export class HiddenValue {
  constructor(readonly description: string) {}
  toJSON(): undefined {
    return undefined;
  }
  toString(): string {
    return this.description;
  }
}

/**
 * Reports an Output or Promise given where the component needs the value itself (it decides what is created, or is
 * validated before anything is). Returns true when the value is plain.
 */
export function checkPlain(problems: Problems, argument: string, value: unknown): boolean {
  if (isPlain(value)) return true;
  const p = unresolvedProblem(argument, value);
  problems.add(p.argument, p.value, p.allowed, p.fix);
  return false;
}

/** The problem an Output or Promise raises where a value is needed: one wording for every component of both clouds. */
export function unresolvedProblem(argument: string, value: unknown): ValidationProblem {
  const kind = typeof (value as PromiseLike<unknown>)?.then === "function" ? "Promise" : "pulumi.Output";
  return {
    argument,
    value: new UnresolvedValue(kind),
    allowed: "a plain value: it is checked, and decides what is created, before anything is deployed",
    fix: `pass the value itself (e.g. from config), not a ${kind}`,
  };
}

/** Reports a given value that is not a boolean ("false" and 0 are not false: they would silently pick a side). */
export function checkBoolean(problems: Problems, argument: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (!checkPlain(problems, argument, value)) return false;
  return problems.check(
    typeof value === "boolean",
    argument,
    value,
    "true or false",
    `pass a boolean, or omit ${argument} for the secure default`,
  );
}

/** Reports a given value that is not a list (a string or object where an array belongs). */
export function checkList(problems: Problems, argument: string, value: unknown): value is unknown[] | undefined {
  if (value === undefined) return true;
  if (!checkPlain(problems, argument, value)) return false;
  return problems.check(Array.isArray(value), argument, value, "an array", `pass ${argument} as a list`);
}

/** Reports a required Input that is missing, or a plain string that is empty or padded with whitespace. */
export function checkRequiredInput(problems: Problems, argument: string, value: unknown): boolean {
  if (!isPlain(value)) return true;
  return problems.check(
    typeof value === "string" && value.length > 0 && value.trim() === value,
    argument,
    value,
    "a non-empty string without surrounding spaces (or an Output of one)",
    `pass ${argument}`,
  );
}

/**
 * Reports that `args` is not an object, and every key the component does not know: a misspelled or invented option
 * (say `forceDestroy: true`) would otherwise be ignored in silence while its author believes it applied. `prefix`
 * names a nested argument object, e.g. "mirroring." for `mirroring.sourceEnis`; `hide` describes the values shown
 * instead of their text, where a misplaced value may be a secret.
 */
export function checkKnownArguments(
  problems: Problems,
  args: unknown,
  known: readonly string[],
  prefix = "",
  hide?: (value: unknown) => string,
): args is object {
  const isObject = typeof args === "object" && args !== null && !Array.isArray(args);
  const shown = (value: unknown) =>
    hide && value !== undefined && value !== null ? new HiddenValue(hide(value)) : value;
  if (
    !problems.check(
      isObject,
      prefix ? prefix.slice(0, -1) : "args",
      shown(args),
      "an object of arguments",
      "pass an object, e.g. {}",
    )
  ) {
    return false;
  }
  for (const key of Object.keys(args as object)) {
    if (known.includes(key)) continue;
    const closest = closestKnown(key, known);
    problems.add(
      `${prefix}${key}`,
      shown((args as Record<string, unknown>)[key]),
      `one of the known arguments: ${known.join(", ")}`,
      closest ? `did you mean ${closest}?` : `remove ${key}; the component does not read it`,
    );
  }
  return true;
}

/** The known argument a misspelled key most likely meant: at most two edits away, case aside. */
export function closestKnown(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; edits: number } | undefined;
  for (const name of known) {
    const edits = editDistance(lower, name.toLowerCase());
    if (edits <= 2 && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Reports each of `keys` given as an Output or Promise; true when all are plain, so later checks can read them. */
export function checkPlainArguments<T extends object>(
  problems: Problems,
  args: T,
  keys: readonly (keyof T & string)[],
): boolean {
  return keys.map((key) => checkPlain(problems, key, args[key])).every(Boolean);
}
