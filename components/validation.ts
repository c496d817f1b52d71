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

/** Renders a value for a message: strings quoted, structures as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

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
