// Where a command substitution (`$(…)`, `$((…))`, backquotes) or a parameter expansion (`${…}`) that starts inside a
// word ends: as in the shell, it opens a nested context that runs to its matching closer, and quotes, blanks and
// parentheses inside it do not end the outer word (`sed -i.$(date "+%s") …` has one option word).

/** The closer of each context the scan may be in: a substitution, an expansion, a double-quoted string, backquotes. */
type Closer = ")" | "}" | '"' | "`";

/**
 * Just past the substitution or expansion whose `$` (or backquote) is at `at`, or -1 when none starts there or it
 * does not close. One pass, nested contexts kept on a stack rather than by recursion, so hostile nesting costs no
 * call depth.
 */
export function substitutionEnd(text: string, at: number): number {
  const first = opener(text, at);
  if (first === undefined) return -1;
  const stack: Closer[] = [first];
  for (let i = at + (first === "`" ? 1 : 2); i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === top) {
      stack.pop();
      if (stack.length === 0) return i + 1;
      continue;
    }
    // Inside backquotes only their closer counts (nesting them needs escapes, skipped above).
    if (top === "`") continue;
    const nested = opener(text, i);
    if (nested !== undefined) {
      stack.push(nested);
      if (nested !== "`") i++;
    } else if (top === '"') continue;
    else if (c === '"') stack.push('"');
    else if (c === "'") {
      // Single quotes hold no context: skipped whole.
      i = text.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === "(" && top === ")") stack.push(")"); // `$((…))`, a subshell in the substitution
  }
  return -1;
}

/** The closer of the context a `$(`, `${` or backquote at `at` opens; undefined for anything else. */
function opener(text: string, at: number): Closer | undefined {
  const c = text[at];
  if (c === "`") return "`";
  if (c !== "$") return undefined;
  const next = text[at + 1];
  return next === "(" ? ")" : next === "{" ? "}" : undefined;
}

/** Command substitutions inside quoted strings read on one line, at most (see quotedSubstitutions). */
export const MAX_QUOTED_SUBSTITUTIONS = 64;

/**
 * The commands of each command substitution inside a double-quoted string of `text` (`logger "done $(sed -i … f)"`),
 * which the shell runs as it expands the string; those standing as words are the word reader's own (see
 * userdata-words). Arithmetic and parameter expansions are skipped whole. Undefined past MAX_QUOTED_SUBSTITUTIONS.
 * One pass: each substitution found is skipped whole, and the scan stops at one that does not close.
 */
export function quotedSubstitutions(text: string): string[] | undefined {
  const found: string[] = [];
  // Nearly every command holds no substitution.
  if (!text.includes('"') || (!text.includes("$(") && !text.includes("`"))) return found;
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') inDouble = !inDouble;
    else if (c === "'" && !inDouble) {
      i = text.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (opener(text, i) !== undefined) {
      const end = substitutionEnd(text, i);
      if (end < 0) break;
      const command = c === "`" || text[i + 1] === "(";
      if (inDouble && command && text[i + 2] !== "(") {
        if (found.length === MAX_QUOTED_SUBSTITUTIONS) return undefined;
        found.push(text.slice(c === "`" ? i + 1 : i + 2, end - 1));
      }
      i = end - 1;
    }
  }
  return found;
}
