// Automation's `aws:loop` steps run the steps in `inputs.Steps` once per item of `Iterators`, each iteration's item
// written where a body step says `{{ <loop name>.CurrentIteratorValue }}` (or `{{ aws:loop.CurrentIteratorValue }}`,
// the innermost loop's). A literal list is written out here, one copy of each body step per item; a list that is one
// of the runbook's parameters is written as `{{ <parameter>.CurrentIteratorValue.<loop name> }}`, each run's items
// filling it (`iteratedScript`); a list only known when the runbook runs (another step's output) as
// `{{ <step>.<output>.CurrentIteratorValue.<loop name> }}`, unknown to every run. Content may be hostile: nothing
// here throws.
import { isUnknown, list, obj } from "./values";

const LOOP_ACTION = "aws:loop";
const ITERATOR_VALUE = ".CurrentIteratorValue";
/** AWS runs at most 100 iterations; past this many copies of body steps a list is read as unknown instead. */
const MAX_COPIES = 1000;
const MAX_DEPTH = 16;
/** A step name as a reference may carry it. */
const STEP_NAME = /^[\w-]+$/;
/** `Iterators: "{{ name }}"`: the whole list from one parameter or step output. */
const WHOLE_REFERENCE = /^\s*\{\{\s*([\w.-]+)\s*\}\}\s*$/;

/**
 * The runbook's steps with each loop's body read where its loop stands (loops within loops too), iterator references
 * written as the header says. A YAML alias may make a loop contain itself: each step is read once.
 */
export function withLoopBodies(mainSteps: readonly unknown[], seen = new Set<object>()): Record<string, unknown>[] {
  return mainSteps.flatMap((raw) => {
    const step = obj(raw);
    if (!step || seen.has(step)) return [];
    seen.add(step);
    if (!isLoop(step.action)) return [step];
    const inputs = obj(step.inputs);
    return [step, ...iterated(withLoopBodies(list(inputs?.Steps), seen), step.name, inputs?.Iterators)];
  });
}

function isLoop(action: unknown): boolean {
  return typeof action === "string" && action.toLowerCase() === LOOP_ACTION;
}

/** The body once per literal item, or once with its iterator references naming where the items come from. */
function iterated(body: Record<string, unknown>[], loopName: unknown, iterators: unknown): Record<string, unknown>[] {
  const reference = loopReference(loopName);
  const items = literalItems(iterators);
  if (items && items.length * body.length <= MAX_COPIES)
    return items.flatMap((item) => body.map((step) => rewritten(step, reference, item) as Record<string, unknown>));
  const named = typeof loopName === "string" && STEP_NAME.test(loopName) ? loopName : undefined;
  const source = typeof iterators === "string" ? WHOLE_REFERENCE.exec(iterators)?.[1] : undefined;
  // The loop's name keeps two loops over the same list apart (their items pair up every way).
  const name = `${source ?? `${named ?? "loop"}.items`}${ITERATOR_VALUE}${named ? `.${named}` : ""}`;
  return body.map((step) => rewritten(step, reference, `{{ ${name} }}`) as Record<string, unknown>);
}

/** A list of text, numbers or booleans written in the runbook; undefined for anything else. */
function literalItems(iterators: unknown): string[] | undefined {
  if (!Array.isArray(iterators) || isUnknown(iterators)) return undefined;
  const scalar = (v: unknown) => ["string", "number", "boolean"].includes(typeof v) && !isUnknown(v);
  return iterators.every(scalar) ? iterators.map(String) : undefined;
}

/** `{{ aws:loop.CurrentIteratorValue }}` and `{{ <loop name>.CurrentIteratorValue }}`, blanks allowed. */
function loopReference(loopName: unknown): RegExp {
  const names = ["aws:loop", ...(typeof loopName === "string" && loopName !== "" ? [loopName] : [])];
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return new RegExp(`\\{\\{\\s*(?:${escaped})\\.CurrentIteratorValue\\s*\\}\\}`, "g");
}

/** Every text in a parsed value with the reference replaced (bounded depth: deeper values are kept as they are). */
function rewritten(v: unknown, reference: RegExp, replacement: string): unknown {
  return mappedTexts(v, (text) => text.replace(reference, () => replacement));
}

/** A parsed value with `f` applied to every text in it (bounded depth: deeper values are kept as they are). */
function mappedTexts(v: unknown, f: (text: string) => string, depth = 0): unknown {
  if (typeof v === "string") return f(v);
  if (depth > MAX_DEPTH || v === null || typeof v !== "object" || isUnknown(v)) return v;
  if (Array.isArray(v)) return v.map((x) => mappedTexts(x, f, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mappedTexts(x, f, depth + 1)]));
}

/** Every text in a parsed value (bounded depth). */
function textsOf(v: unknown, depth = 0): string[] {
  if (typeof v === "string") return [v];
  if (depth > MAX_DEPTH || v === null || typeof v !== "object") return [];
  return Object.values(v).flatMap((x) => textsOf(x, depth + 1));
}

/**
 * The runbook parameter whose items a `{{ name }}` reference stands for (`Modes` for `Modes.CurrentIteratorValue`, or
 * `Modes.CurrentIteratorValue.<loop>`); null for an iterator known only at run time (another step's output),
 * undefined for a reference of no loop.
 */
export function iteratorParameter(name: string): string | null | undefined {
  const at = name.indexOf(ITERATOR_VALUE);
  if (at < 0) return undefined;
  const loop = name.slice(at + ITERATOR_VALUE.length);
  if (loop !== "" && !(loop.startsWith(".") && STEP_NAME.test(loop.slice(1)))) return undefined;
  const source = name.slice(0, at);
  return source === "" || source.includes(".") || source.includes(":") ? null : source;
}

/** `{{ name }}` as iterator references are written (a step output's name may hold `.`, a loop's `aws:loop`). */
const ITERATOR_REFERENCE = /\{\{\s*([\w.:-]+)\s*\}\}/g;

/** Which item each iterator reference (as written) stands for in one iteration. */
export type Iteration = ReadonlyMap<string, string>;

/**
 * Each iteration of the texts' iterator references whose items the run gives (`itemsOf`: a parameter's value as
 * lines), every combination for references to two loops; `unknown` names those whose items are unknown at preview,
 * only known at run time, or too many to write out.
 */
export function iterations(
  texts: readonly string[],
  itemsOf: (parameter: string) => unknown,
): { iterations: Iteration[]; unknown: string[] } {
  const unknown = new Set<string>();
  let found: Iteration[] = [new Map()];
  const references = new Map(texts.flatMap((t) => [...t.matchAll(ITERATOR_REFERENCE)].map((m) => [m[0], m[1]])));
  for (const [reference, name] of references) {
    const parameter = iteratorParameter(name);
    if (parameter === undefined) continue;
    const items = parameter === null ? undefined : itemsOf(parameter);
    if (parameter === null || isUnknown(items)) unknown.add(name);
    if (typeof items !== "string" || isUnknown(items)) continue;
    const next = found.flatMap((given) => items.split("\n").map((item) => new Map([...given, [reference, item]])));
    if (next.length > MAX_COPIES) unknown.add(name);
    else found = next;
  }
  return { iterations: found, unknown: [...unknown] };
}

/** A parsed value with each iterator reference of the iteration replaced by its item. */
export function withItems(v: unknown, iteration: Iteration): unknown {
  if (iteration.size === 0) return v;
  return mappedTexts(v, (text) => [...iteration].reduce((t, [reference, item]) => t.split(reference).join(item), text));
}

/** The iterator references of a parsed value's texts, as `iterations` reads them. */
export function valueIterations(v: unknown, itemsOf: (parameter: string) => unknown): Iteration[] {
  return iterations(textsOf(v), itemsOf).iterations;
}

export interface IteratedScript {
  script: string;
  /** Iterator references whose items are unknown at preview, or only known at run time. */
  unknown: string[];
}

/**
 * The script with each line holding iterator references written once per iteration of the run's lists; references
 * whose items the run does not give stay as written.
 */
export function iteratedScript(script: string, itemsOf: (parameter: string) => unknown): IteratedScript {
  const unknown = new Set<string>();
  const lines = script.split("\n").flatMap((line) => {
    const read = iterations([line], itemsOf);
    read.unknown.forEach((name) => unknown.add(name));
    return read.iterations.map((iteration) => withItems(line, iteration) as string);
  });
  return { script: lines.join("\n"), unknown: [...unknown] };
}
