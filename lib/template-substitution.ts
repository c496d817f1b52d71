// `{{ name }}` inside a command stands for the value the document gives it (a parameter's default, a constant, a
// loop's item): `echo "PasswordAuthentication {{ answer }}"` with answer defaulting to `yes` runs the weakening line
// itself. Reading the value as a script of its own misses it; it is spliced where the reference stands.

const REFERENCE = /\{\{\s*([\w.-]+)\s*\}\}/g;
/** Spliced text grows at most this much over the text it replaces: values referencing values are not expanded. */
const MAX_GROWTH = 1 << 20;

/**
 * The text with every reference whose value is text (or a number or boolean, written as text) replaced by it, once:
 * a value holding references is not expanded again. References without such a value stay as written.
 */
export function spliced(text: string, valueOf: (name: string) => unknown): string {
  let grown = 0;
  return text.replace(REFERENCE, (reference, name: string) => {
    const value = scalarText(valueOf(name));
    if (value === undefined || grown + value.length > MAX_GROWTH) return reference;
    grown += value.length;
    return value;
  });
}

/** Whether the text names any reference at all. */
export function hasReferences(text: string): boolean {
  return /\{\{\s*[\w.-]+\s*\}\}/.test(text);
}

/**
 * The values `spliced` leaves in place (lists of lines), for reading as scripts of their own: a spliced value is read
 * where it stands, and read again alone it would be a fragment (`yes`) or a second finding of the same line.
 */
export function whenNotSpliced(valueOf: (name: string) => unknown): (name: string) => unknown {
  return (name) => {
    const value = valueOf(name);
    return scalarText(value) === undefined ? value : undefined;
  };
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

const MAX_DEPTH = 16;

/** A parsed value with `spliced` applied to every text in it (bounded depth: deeper values are kept as they are). */
export function splicedDeep(v: unknown, valueOf: (name: string) => unknown, depth = 0): unknown {
  if (typeof v === "string") return spliced(v, valueOf);
  if (depth > MAX_DEPTH || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => splicedDeep(x, valueOf, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, splicedDeep(x, valueOf, depth + 1)]));
}
