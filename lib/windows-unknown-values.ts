// Values a script expands that the reader cannot know: a PowerShell variable in double quotes that the script did not
// set to a literal (`"net user a $pw"`), a subexpression (`"$(Get-Secret)"`), an environment variable, or a batch
// `%PW%` echoed into a PowerShell file. The text handed to an inner script keeps the reference as written, wrapped in
// marks, so that its readers take the value as coming from outside the script rather than as a password spelled
// there, and quoted lines show the reference without the marks.
import type { VariableLookup } from "./windows-literals";
import type { VariableValue } from "./windows-variables";

const START = "\uE000";
const END = "\uE001";
const MARKS = /[\uE000\uE001]/g;
/** `%%` (a percent sign), `%1`, `%~1`, `%NAME%`. */
const BATCH_REFERENCE = /%%|%~?\d|%[^%\s]+%/g;

/** `reference` marked as a value the reader cannot know. */
export function unknownValue(reference: string): string {
  return `${START}${reference}${END}`;
}

/** Whether `text` holds a value the reader cannot know. */
export function hasUnknownValue(text: string): boolean {
  return text.includes(START);
}

/** Whether `text` is one value the reader cannot know, whole. */
export function isUnknownValue(text: string): boolean {
  // Marks nest where a marked value is handed on again; every character must lie inside them.
  let depth = 0;
  for (const c of text) {
    if (c === START) depth++;
    else if (c === END) depth = Math.max(0, depth - 1);
    else if (depth === 0) return false;
  }
  return text.startsWith(START);
}

/** `text` as written: the marks taken out. */
export function withoutUnknownMarks(text: string): string {
  return hasUnknownValue(text) ? text.replace(MARKS, "") : text;
}

/**
 * Batch text with its `%NAME%` references expanded as cmd does before running the line: a variable the script set
 * to text spelled in it gives that text, any other reference (unset, read from a file or prompt, an argument) is
 * marked unknown. `%%` stays for the caller to undo. Undefined when the text would grow past `limit`: what is
 * filled in stops there, so a hostile `%a%%a%…` never builds more than the limit and the text's own length.
 */
export function expandedBatchText(text: string, variables: VariableLookup, limit = Infinity): string | undefined {
  let length = text.length;
  let over = false;
  const expanded = text.replace(BATCH_REFERENCE, (reference) => {
    if (reference === "%%" || over) return reference;
    const [value] = reference.startsWith("%~") || /^%\d/.test(reference) ? [] : variables.referencedValues(reference);
    const spelled = value !== undefined && value.source === "literal" && !referencesOthers(value);
    const filled = spelled ? value.text : unknownValue(reference);
    length += filled.length - reference.length;
    over = length > limit;
    return over ? reference : filled;
  });
  return over ? undefined : expanded;
}

/** Whether each value refers to other variables (`%`, `!`), looked at once per assignment. */
const refersToOthers = new WeakMap<VariableValue, boolean>();

function referencesOthers(value: VariableValue): boolean {
  let refers = refersToOthers.get(value);
  if (refers === undefined) {
    refers = /[%!]/.test(value.text);
    refersToOthers.set(value, refers);
  }
  return refers;
}
