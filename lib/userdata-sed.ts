// What a sed command writes into a file: the text its `s` replacements and `a`/`c`/`i` commands put in, so that
// `s/^#PasswordAuthentication.*$/PasswordAuthentication no/` counts as hardening and `s/no/yes/` on a
// PasswordAuthentication line as the opposite.

/** The sshd directives whose value the checks read. */
export const DIRECTIVE =
  /\b(?:PasswordAuthentication|KbdInteractiveAuthentication|ChallengeResponseAuthentication|PermitRootLogin|AuthenticationMethods)\b/i;
/**
 * `a`, `c` and `i` write their text verbatim: after a `/regex/` address, at the start of an expression (unaddressed)
 * or after a line-number address, the text following a backslash or a blank (`/^PermitRootLogin/c\PermitRootLogin
 * yes`, `a PermitRootLogin yes`, `$a PermitRootLogin yes`). After a number the text may follow the letter at once
 * (`1iText`); elsewhere a letter glued to a word is a path or a word (`/app`, `'add'`), not a command.
 */
const VERBATIM = /(?:(?:\/|['";{])\s*[aci](?:\\\s*|\s+)|(?:^|['"\s;{])[0-9$]+\s*[aci]\\?\s*)([^'"]+)/g;
/** `-E`, `-r` (also bundled, as in `-ri`) or `--regexp-extended`: groups are bare parentheses. */
const EXTENDED = /\s-[A-Za-z]*[Er]|--regexp-extended/;

/**
 * For a sed command, the text it writes: the replacements of its `s` commands (backreferences resolved; for an
 * `s` addressed to a directive's line, that directive with the replacement) and the text of `a`/`c`/`i` commands
 * (a deletion writes nothing). Other commands return undefined and are read as they are.
 */
export function sedReplacements(command: string): string | undefined {
  if (!/\bsed\b/.test(command)) return undefined;
  const extended = EXTENDED.test(command);
  const out: string[] = [];
  // An expression starts after a quote, blank, `;` or `{`, never inside a word like "yes/": an `s` command (maybe
  // behind a line-number address) or a `/regex/` address.
  const start = /(?:^|['"\s;{])(?:[0-9$,]*s([/|#@,])|\/)/g;
  for (let m = start.exec(command); m; m = start.exec(command)) {
    const at = m.index + m[0].length;
    start.lastIndex =
      m[1] !== undefined
        ? (substitution(command, at, m[1], "", extended, out) ?? m.index + 1)
        : addressed(command, at, extended, out);
  }
  for (const v of command.matchAll(VERBATIM)) out.push(v[1]);
  return out.join("\n");
}

/**
 * The `/regex/` address whose pattern starts at `from`, and the `s` command after it if any (its text goes to
 * `out`). Returns where to look for the next expression. The address ends at the first unescaped `/`, found in one
 * pass; a later address cannot start before it, so the passes never overlap.
 */
function addressed(command: string, from: number, extended: boolean, out: string[]): number {
  let end = from;
  while (end < command.length && command[end] !== "/" && inLine(command[end]))
    end += command[end] === "\\" && inLine(command[end + 1]) ? 2 : 1;
  if (command[end] !== "/") return from;
  let p = end + 1;
  while (p < command.length && " \t!{".includes(command[p])) p++;
  const delimiter = command[p + 1];
  if (command[p] !== "s" || delimiter === undefined || !"/|#@,".includes(delimiter)) return end + 1;
  return substitution(command, p + 2, delimiter, command.slice(from, end), extended, out) ?? end + 1;
}

/**
 * Reads the `s` command whose pattern starts at `from` and adds what it writes to `out`: the replacement with
 * backreferences resolved, prefixed by the directive its address names when the replacement names none (the
 * addressed line keeps its keyword). Returns the position after the command, or undefined when it does not close.
 */
function substitution(
  command: string,
  from: number,
  delimiter: string,
  address: string,
  extended: boolean,
  out: string[],
): number | undefined {
  const end = sedCommandEnd(command, from, delimiter);
  if (!end) return undefined;
  const pattern = command.slice(from, end.replacement - 1);
  const written = replacementText(pattern, command.slice(end.replacement, end.close), extended);
  const directive = DIRECTIVE.exec(address)?.[0];
  out.push(directive && !DIRECTIVE.test(written) ? `${directive} ${written}` : written);
  return end.close + 1;
}

/**
 * The replacement as text: `\1`…`\9` and `&` stand for (an approximation of) what the pattern's groups and the
 * whole pattern match, other escapes for the character. Expansions stop once the text outgrows its inputs, so a
 * replacement of many `&` cannot multiply a long pattern.
 */
function replacementText(pattern: string, replacement: string, extended: boolean): string {
  const whole = literal(pattern);
  const groups = groupSources(pattern, extended).map((g) => (g === undefined ? "" : literal(g)));
  const budget = 2 * (pattern.length + replacement.length) + 64;
  let out = "";
  const expand = (text: string) => {
    if (out.length + text.length <= budget) out += text;
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "&") expand(whole);
    else if (c !== "\\" || i + 1 === replacement.length) out += c;
    else {
      const e = replacement[++i];
      if (e >= "1" && e <= "9") expand(groups[Number(e)] ?? "");
      else out += e === "n" ? "\n" : e === "t" ? "\t" : e;
    }
  }
  return out;
}

/**
 * The source of the pattern's groups 1 to 9 (sed has no others), found in one pass: BRE groups are `\( \)`, ERE
 * groups bare parentheses.
 */
function groupSources(pattern: string, extended: boolean): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  const open: { n: number; from: number }[] = [];
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const escaped = pattern[i] === "\\";
    const c = escaped ? pattern[++i] : pattern[i];
    if (escaped === extended) continue; // a literal parenthesis, or no parenthesis at all
    if (c === "(") open.push({ n: ++count, from: i + 1 });
    if (c !== ")") continue;
    const g = open.pop();
    if (g && g.n <= 9) groups[g.n] = pattern.slice(g.from, escaped ? i - 1 : i);
  }
  return groups;
}

/** Roughly the text a regex matches, enough to read a directive and its value: blank classes become a space. */
function literal(source: string): string {
  return source
    .replace(/\[\[:(?:space|blank):\]\]|\\[st]/g, " ")
    .replace(/\\(.)|[\^$*.?+()[\]{}|]/g, (_m, escaped: string | undefined) =>
      escaped === undefined || "?+(){}|".includes(escaped) ? "" : escaped,
    );
}

/**
 * Where the `s` command whose pattern starts at `from` ends, as the regex `((?:\\.|(?!d).)*)d((?:\\.|(?!d).)*)d`
 * (d the delimiter) finds it: pattern and replacement run to a delimiter, a backslash escaping the next character or
 * standing for itself. That regex retries each way of reading a run of backslashes, exponential in its length; here
 * each part visits a position once, in the order the regex tries them, and the replacement's visits are shared by
 * every candidate end of the pattern (they fail alike).
 */
function sedCommandEnd(
  line: string,
  from: number,
  delimiter: string,
): { replacement: number; close: number } | undefined {
  const replacementSeen = new Set<number>();
  let close = -1;
  const pattern = sedPartEnd(line, from, delimiter, new Set<number>(), (p) => {
    if (line[p] !== delimiter) return false;
    close = sedPartEnd(line, p + 1, delimiter, replacementSeen, (q) => line[q] === delimiter);
    return close >= 0;
  });
  return pattern < 0 ? undefined : { replacement: pattern + 1, close };
}

/**
 * The first position at which a greedy `(?:\\.|(?!d).)*` started at `from` may stop and `accept` holds, in
 * backtracking order: from each position, first everything after an escape pair, then everything after a single
 * character, then stopping there. Positions in `seen` were explored before, and failed, so they are skipped.
 * Returns -1 when there is none.
 */
function sedPartEnd(
  line: string,
  from: number,
  delimiter: string,
  seen: Set<number>,
  accept: (position: number) => boolean,
): number {
  if (seen.has(from)) return -1;
  seen.add(from);
  const positions = [from];
  const steps = [0];
  while (positions.length > 0) {
    const top = positions.length - 1;
    const p = positions[top];
    const step = steps[top]++;
    if (step === 2) {
      positions.pop();
      steps.pop();
      if (accept(p)) return p;
      continue;
    }
    let next = -1;
    if (step === 0 && line[p] === "\\" && inLine(line[p + 1])) next = p + 2; // an escape pair
    if (step === 1 && inLine(line[p]) && line[p] !== delimiter) next = p + 1; // one character
    if (next >= 0 && !seen.has(next)) {
      seen.add(next);
      positions.push(next);
      steps.push(0);
    }
  }
  return -1;
}

/** What `.` matches: a character that is not a line terminator. */
function inLine(c: string | undefined): boolean {
  return c !== undefined && !/[\n\r\u2028\u2029]/.test(c);
}
