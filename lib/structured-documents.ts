// Run-command and image-build documents arrive as JSON or YAML text that anyone may have written: parsed without
// throwing, and walked without trusting their shape (a YAML alias can make a document contain itself).
import { obj } from "./values";

/** The YAML parser loads on the first document read: most stacks have none, and the pack's start-up is timed. */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

/** Deeper than any real document nests; the walk stops there. */
const MAX_DEPTH = 32;

/**
 * A JSON or YAML mapping (the YAML parser reads both). Duplicate keys keep the last value, as JSON parsers do;
 * errors or a non-mapping mean no document.
 */
export function parseMapping(content: string): Record<string, unknown> | undefined {
  try {
    const doc = yaml().parseDocument(content, { logLevel: "silent", uniqueKeys: false });
    if (doc.errors.length > 0) return undefined;
    return obj(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

/**
 * Every mapping inside a parsed value, itself included, each once: where a step or task sits (a phase, a loop's
 * body) does not change what it runs.
 */
export function mappingsIn(root: unknown): Record<string, unknown>[] {
  const seen = new Set<object>();
  const found: Record<string, unknown>[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== "object" || depth > MAX_DEPTH || seen.has(v)) return;
    seen.add(v);
    if (!Array.isArray(v)) found.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) visit(child, depth + 1);
  };
  visit(root, 0);
  return found;
}

/** Action and API names as the services compare them: case-insensitively. Undefined for anything but text. */
export function lowerName(v: unknown): string | undefined {
  return typeof v === "string" ? v.toLowerCase() : undefined;
}
