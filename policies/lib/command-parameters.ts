// A run command's `{{ name }}` references filled with the `parameters` an invocation passes, as Cloud Assistant
// (ecs.EcsInvocation of an ecs.Command), EFLO invocations and Systems Manager associations and maintenance window
// tasks (of a Command document) do, and the result read like any other script. How a run's parameters give a name
// its value (case, defaults, value shapes) is each service's: a name given no value stays as written.
import { spliced } from "../../lib/template-substitution";
import { isUnknown, obj } from "../../lib/values";
import { Finding, unverifiable } from "./findings";
import { scriptFindings } from "./script-findings";

/** A `{{ name }}` reference, as `lib/template-substitution.ts` splices them. */
const REFERENCE = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Spellings of one weakening line a parameter could hold. */
const PROBE_LINES = ["PermitRootLogin yes", "PermitRootLogin\tyes", "PermitRootLogin  yes", "PermitRootLogin=yes"];

/** The names a script references, each once. */
export function referenceNames(script: string): string[] {
  return [...new Set([...script.matchAll(REFERENCE)].map((r) => r[1]))];
}

export interface InvokedScript {
  script: string;
  /** Referenced names whose value is unknown at preview (the whole map, or that entry). */
  unknown: string[];
  /** Referenced names the parameters do not give: their references stay as written. */
  absent: string[];
}

/** The value a run gives a name: undefined when it gives none, the unknown marker when unknown at preview. */
export type ParameterValues = (name: string) => unknown;

/** Reads a run's `parameters` (known, not the unknown marker) as the values of names. */
export type ParameterReader = (parameters: unknown) => ParameterValues;

/**
 * Alibaba Cloud's reading: the entry of that name, else one of the same name in another case (EFLO ignores case).
 * Neither Cloud Assistant nor EFLO documents defaults.
 */
export const anyCaseValues: ParameterReader = (parameters) => {
  const given = obj(parameters) ?? {};
  const byLowerName = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => (Object.hasOwn(given, name) ? given[name] : byLowerName.get(name.toLowerCase()));
};

/** The script with every reference the parameters give a known value replaced by it. */
export function invokedScript(script: string, parameters: unknown, read = anyCaseValues): InvokedScript {
  const allUnknown = isUnknown(parameters);
  const valueOf = allUnknown ? () => undefined : read(parameters);
  const names = referenceNames(script);
  const unknown = names.filter((n) => allUnknown || isUnknown(valueOf(n)));
  const absent = names.filter((n) => !unknown.includes(n) && valueOf(n) === undefined);
  return { script: spliced(script, (n) => (unknown.includes(n) ? undefined : valueOf(n))), unknown, absent };
}

/** Findings of a script with references, split by whether they hold whatever values the references get. */
export interface ReferenceSplit {
  /** Findings that stay when every reference is emptied: the text itself is the problem. */
  own: Finding[];
  /** Findings on lines that hold a reference: each run's values decide them. */
  onReferences: Finding[];
}

/**
 * `findings`, read under `field` from the script followed by `after` (lines the reading appends, if any), split by
 * whether the same reading finds them with every reference of the script emptied.
 */
export function splitOnReferences(
  field: string,
  script: string,
  findings: readonly Finding[],
  after: readonly string[] = [],
): ReferenceSplit {
  const emptied = new Set(
    scriptFindings(field, [spliced(script, () => ""), ...after].join("\n")).map((f) => f.message),
  );
  return {
    own: findings.filter((f) => emptied.has(f.message)),
    onReferences: findings.filter((f) => !emptied.has(f.message)),
  };
}

/**
 * References left in a script that would weaken login if they held a weakening line (each probed with one): the
 * probed script says more than `known`, its findings as it stands. The probe is a spelling the script does not
 * hold, so no line of its own reads the same as a probed one.
 */
export function weakeningReferences(script: string, names: readonly string[], known: readonly Finding[]): boolean {
  if (names.length === 0) return false;
  const probe = PROBE_LINES.find((line) => !script.includes(line)) ?? PROBE_LINES[0];
  const seen = new Set(known.map((f) => f.message));
  const probed = scriptFindings(
    "",
    spliced(script, (n) => (names.includes(n) ? probe : undefined)),
  );
  return probed.some((f) => !seen.has(f.message));
}

/**
 * What an invocation runs, read under `field`: the weaknesses of the filled script; a value unknown at preview is a
 * note, once, wherever its reference stands (it may stand for any line); a name left out is a note when its
 * reference stands where a line would set sshd options or root's keys.
 */
export function invokedFindings(field: string, script: string, parameters: unknown, read = anyCaseValues): Finding[] {
  const invoked = invokedScript(script, parameters, read);
  const found = scriptFindings(field, invoked.script);
  const notes: Finding[] = [];
  const noted = found.some((f) => f.unverifiable);
  if (invoked.unknown.length > 0 && !noted) notes.push(unverifiable(`parameters ${invoked.unknown.join(", ")}`));
  const plain = scriptFindings("", invoked.script);
  if (!noted && notes.length === 0 && weakeningReferences(invoked.script, invoked.absent, plain))
    notes.push({
      message: `cannot be verified: parameters ${invoked.absent.join(", ")} are not given, and ${field} writes them where they would set sshd options or root's keys; give them in parameters`,
      unverifiable: true,
    });
  return [...notes, ...found];
}

/**
 * What one run of a template with references does, less what the template's text does whatever the values (`own`,
 * reported on the template): the findings are labelled with `label` (naming the template), and told apart from its
 * own by the same reading under the template's `field`.
 */
export function runFindings(
  template: { field: string; label: string; script: string; own: readonly Finding[] },
  parameters: unknown,
  read = anyCaseValues,
): Finding[] {
  const own = new Set(template.own.map((f) => f.message));
  const keys = invokedFindings(template.field, template.script, parameters, read).map((f) => f.message);
  const labelled = invokedFindings(template.label, template.script, parameters, read);
  return labelled.filter((_, i) => !own.has(keys[i]));
}
