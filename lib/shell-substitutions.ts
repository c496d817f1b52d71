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
