// `{{ name }}` in a document's script names one of its parameters (Systems Manager, EC2 Image Builder, OOS, Alibaba
// Cloud Image Builder): what the script runs is then that parameter's default, which the document carries too.
import { strings } from "./values";

const REFERENCE = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** The names the texts reference, each once. */
export function referencedNames(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((text) => [...text.matchAll(REFERENCE)].map((m) => m[1])))];
}

/**
 * The scripts the texts' references stand for, one per name: `valueOf(name)` as text, a list of lines joined.
 * Names with no value, or a value that is not text, stand for none.
 */
export function referencedScripts(texts: readonly string[], valueOf: (name: string) => unknown): string[] {
  return referencedNames(texts)
    .map((name) => strings(valueOf(name)).join("\n"))
    .filter((script) => script.trim() !== "");
}

/** A value of a name-keyed table, own keys only (a script may name `constructor`). */
export function ownEntry(table: Record<string, unknown> | undefined, name: string): unknown {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}
