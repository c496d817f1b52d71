// A run command's `{{ name }}` references filled with the `parameters` an invocation passes, as Cloud Assistant
// (ecs.EcsInvocation of an ecs.Command) and EFLO invocations do, and the result read like any other script. Neither
// provider documents default values for these parameters: a name the invocation leaves out stays as written.
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

/** A name's value: the entry of that name, else one of the same name in another case (EFLO ignores case). */
function valueLookup(given: Record<string, unknown>): (name: string) => unknown {
  const byLowerName = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => (Object.hasOwn(given, name) ? given[name] : byLowerName.get(name.toLowerCase()));
}

/** The script with every reference the parameters give a known value replaced by it. */
export function invokedScript(script: string, parameters: unknown): InvokedScript {
  const allUnknown = isUnknown(parameters);
  const valueOf = valueLookup(allUnknown ? {} : (obj(parameters) ?? {}));
  const names = referenceNames(script);
  const unknown = names.filter((n) => allUnknown || isUnknown(valueOf(n)));
  const absent = names.filter((n) => !unknown.includes(n) && valueOf(n) === undefined);
  return { script: spliced(script, (n) => (unknown.includes(n) ? undefined : valueOf(n))), unknown, absent };
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
export function invokedFindings(field: string, script: string, parameters: unknown): Finding[] {
  const invoked = invokedScript(script, parameters);
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
