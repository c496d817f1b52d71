// PowerShell's replacements, read from a statement and replayed on text the reader knows: `-replace 'A','B'` (a .NET
// regular expression, case-insensitive; `-creplace` case-sensitive), and `.Replace('A','B')` (String.Replace: the
// text as written, case-sensitive). Patterns run on re2js, whose automata take time linear in the text whatever their
// quantifiers; what RE2 cannot run (lookarounds, backreferences) is not replayed, so the text it would make is unknown.
import type { RE2JS } from "re2js";
import { BoundedMemo } from "./bounded-memo";
import { MatchBudget } from "./userdata-sed-regex";

export interface Replacement {
  pattern: string;
  replacement: string;
  /** `-replace`, `-ireplace`: a regular expression matched in any case. */
  ignoreCase: boolean;
  /** `.Replace(…)`: the pattern is text, not a regular expression, and the replacement is taken as written. */
  literal: boolean;
}

/** A quoted PowerShell string: single quotes (`''` is one quote) or double quotes (`` ` `` escapes). */
const QUOTED = String.raw`'(?:[^']|'')*'|"(?:[^"\x60]|\x60[^])*"`;
/** A replacement operator and its operands; `-replace 'A'` alone removes what A matches. */
const REPLACE_OPERATION = new RegExp(
  String.raw`(?<![\w-])-([ic]?)replace\s*(${QUOTED})?(\s*,\s*(${QUOTED})?)?|\.replace\s*\(\s*(?:(${QUOTED})\s*,\s*(${QUOTED})\s*\))?`,
  "gi",
);

/** Longer patterns are not an sshd_config placeholder's: the text they make is left unknown. */
const MAX_PATTERN = 512;
/** More replacements in one statement or value than a template's placeholders: what they make is left unknown. */
export const MAX_REPLACEMENTS = 64;

/**
 * The replacements a statement makes, in order; undefined when one of them is not spelled out (an operand that is a
 * variable or an expression, a double-quoted string that expands one), so what it makes cannot be known.
 */
export function replacementsOf(statement: string): Replacement[] | undefined {
  const found: Replacement[] = [];
  REPLACE_OPERATION.lastIndex = 0;
  for (let m = REPLACE_OPERATION.exec(statement); m !== null; m = REPLACE_OPERATION.exec(statement)) {
    const operator = m[1] !== undefined;
    const pattern = stringValue(operator ? m[2] : m[5]);
    // `-replace 'A'` alone removes what A matches; `-replace 'A', $b` replaces it with what the reader cannot know.
    const removes = operator && m[3] === undefined;
    const replacement = removes ? "" : stringValue(operator ? m[4] : m[6]);
    if (pattern === undefined || replacement === undefined || pattern.length > MAX_PATTERN) return undefined;
    if (found.length === MAX_REPLACEMENTS) return undefined;
    found.push({ pattern, replacement, ignoreCase: operator && m[1].toLowerCase() !== "c", literal: !operator });
  }
  return found;
}

/** A quoted operand's value; undefined for none, or a double-quoted one that expands a variable or an expression. */
function stringValue(quoted: string | undefined): string | undefined {
  if (quoted === undefined) return undefined;
  const body = quoted.slice(1, -1);
  if (quoted.startsWith("'")) return body.replace(/''/g, "'");
  if (body.includes("$")) return undefined;
  return body.replace(/\x60([^])/g, (_, c: string) => BACKTICK_ESCAPES[c] ?? c);
}

const BACKTICK_ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", "0": "\0" };

/** re2js loads with the first pattern replayed: most scripts make no replacement. */
let re2jsModule: typeof import("re2js") | undefined;
const re2js = (): typeof import("re2js") => (re2jsModule ??= require("re2js"));

/** Compiling costs about as much as matching a thousand characters. */
const COMPILE_COST = 1024;

/**
 * The text the replacements make of `text`, applied to each line (`lines`: Get-Content without -Raw gives an array
 * of lines, which the operators edit one by one) or to the whole; undefined when one cannot be replayed or the scan's
 * `budget` is spent.
 */
export function replayReplacements(
  text: string,
  replacements: readonly Replacement[],
  lines: boolean,
  budget: MatchBudget,
): string | undefined {
  let current = text;
  for (const r of replacements) {
    // re2js runs a longer pattern's larger program over each character.
    const cost = COMPILE_COST + current.length * (1 + Math.floor(r.pattern.length / 16));
    if (budget.remaining < cost) return undefined;
    budget.remaining -= cost;
    const replace = r.literal ? literalReplacer(r) : regexReplacer(r);
    if (replace === undefined) return undefined;
    current = lines ? current.split("\n").map(replace).join("\n") : replace(current);
  }
  return current;
}

function literalReplacer(r: Replacement): ((text: string) => string) | undefined {
  // String.Replace refuses an empty pattern.
  if (r.pattern === "") return undefined;
  return (text) => text.split(r.pattern).join(r.replacement);
}

/** Compiled patterns (null: RE2 cannot run it), by case and pattern: scripts repeat their few placeholders. */
const compiledPatterns = new BoundedMemo<string, RE2JS | null>(1024);

function compiledPattern(r: Replacement): RE2JS | null {
  return compiledPatterns.through(`${r.ignoreCase ? "i" : "c"}${r.pattern}`, () => {
    const { RE2JS } = re2js();
    try {
      return RE2JS.compile(r.pattern, r.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    } catch {
      return null;
    }
  });
}

function regexReplacer(r: Replacement): ((text: string) => string) | undefined {
  const compiled = compiledPattern(r);
  if (compiled === null) return undefined;
  const parts = substitutionParts(r.replacement);
  return (text) => {
    const m = compiled.matcher(text);
    let out = "";
    let from = 0;
    while (m.find()) {
      out += text.slice(from, m.start());
      for (const part of parts) out += typeof part === "string" ? part : substituted(part, m, text);
      from = m.end();
    }
    return out + text.slice(from);
  };
}

type Substitution = { group: number | string } | { before: true } | { after: true } | { input: true };

/**
 * A .NET replacement string's parts: text, and substitutions (`$1`, `${name}`, `$0` and `$&` the match, `` $` `` and
 * `$'` the text before and after it, `$_` the whole input, `$$` a dollar sign). Anything else after `$` is text.
 */
function substitutionParts(replacement: string): (string | Substitution)[] {
  const parts: (string | Substitution)[] = [];
  let text = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    const next = replacement[i + 1];
    if (c !== "$" || next === undefined) {
      text += c;
      continue;
    }
    let part: Substitution | string | undefined;
    let length = 2;
    const braced = /^\{(\w+)\}/.exec(replacement.slice(i + 1, i + 1 + 2 + MAX_PATTERN));
    const digits = /^\d+/.exec(replacement.slice(i + 1, i + 12));
    if (next === "$") part = "$";
    else if (next === "&") part = { group: 0 };
    else if (next === "`") part = { before: true };
    else if (next === "'") part = { after: true };
    else if (next === "_") part = { input: true };
    else if (braced !== null) {
      part = { group: /^\d+$/.test(braced[1]) ? Number(braced[1]) : braced[1] };
      length = braced[0].length + 1;
    } else if (digits !== null) {
      part = { group: Number(digits[0]) };
      length = digits[0].length + 1;
    }
    if (part === undefined) {
      text += c;
      continue;
    }
    if (typeof part === "string") text += part;
    else {
      if (text) parts.push(text);
      text = "";
      parts.push(part);
    }
    i += length - 1;
  }
  if (text) parts.push(text);
  return parts;
}

interface Matched {
  start(): number;
  end(): number;
  group(group?: number | string): string | null;
}

function substituted(part: Substitution, m: Matched, text: string): string {
  if ("before" in part) return text.slice(0, m.start());
  if ("after" in part) return text.slice(m.end());
  if ("input" in part) return text;
  try {
    return m.group(part.group) ?? "";
  } catch {
    // A group the pattern does not have: .NET writes the substitution as it is spelled.
    return typeof part.group === "number" ? `$${part.group}` : `\${${part.group}}`;
  }
}
