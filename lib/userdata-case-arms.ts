// `case … in` arms: `"passwordauthentication yes") exit 1 ;;` compares a value with a pattern, which is never
// written or run, so only the commands after the pattern count. A pattern is read only where an arm starts (after
// `in` or a `;;`), and only as the shell spells one: no blank but around `|`, no redirection or substitution, so a
// subshell `(echo … | tee …)` is never taken for one.

const BLANK = new Set([" ", "\t"]);
/** Characters no unquoted pattern holds: they make the text a command. */
const NOT_IN_PATTERN = new Set([";", "&", "<", ">", "(", "`"]);

export class CaseArms {
  /** The `case` blocks open around the line. */
  private open = 0;
  /** The next line starts an arm. */
  private armNext = false;

  /** The commands of `line`, its arm's pattern left out; notes where the line leaves the blocks. */
  commands(line: string): string {
    // Outside any block, only a `case` line changes anything.
    if (this.open === 0 && !line.startsWith("case")) return line;
    const end = this.open > 0 && this.armNext ? patternEnd(line) : -1;
    const text = end < 0 ? line : line.slice(end + 1);
    if (/^case[ \t]/.test(line) && /[ \t]in$/.test(line)) {
      this.open++;
      this.armNext = true;
    } else if (/^esac\b/.test(line)) {
      this.open = Math.max(0, this.open - 1);
      this.armNext = this.open > 0;
    } else if (this.open > 0) this.armNext = /(?:;;&?|;&)$/.test(text.trim());
    return text;
  }
}

/** The index of the `)` that closes a pattern opening `line`, or -1 when the line opens with none. One pass. */
function patternEnd(line: string): number {
  const start = line.startsWith("(") ? 1 : 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === ")") return i > start ? i : -1;
    if (c === "'") {
      i = line.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '"') {
      i = closingDoubleQuote(line, i);
      if (i < 0) return -1;
    } else if (c === "\\") i++;
    else if (BLANK.has(c)) {
      let j = i;
      while (BLANK.has(line[j])) j++;
      // Blanks only around a `|` between alternatives.
      if (line[i - 1] !== "|" && line[j] !== "|") return -1;
      i = j - 1;
    } else if (NOT_IN_PATTERN.has(c) || (c === "$" && line[i + 1] === "(")) return -1;
  }
  return -1;
}

function closingDoubleQuote(line: string, open: number): number {
  for (let i = open + 1; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === '"') return i;
  }
  return -1;
}
