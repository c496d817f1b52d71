// awk programs that only pick which lines to print: `!/re/`, `!/a/ && !/b/`, `$0 !~ /re/ { print }`,
// `!($1 == "PermitRootLogin")`, `{ if (!/re/) print }`, `/re/ { next } 1`. Written back over a file, such a program
// deletes the lines it leaves out, as sed's `/re/d` does. Any other program is not read for what it leaves out (only
// for what it writes), as a sed or Perl edit the reader cannot follow is not guessed either.
import type { AwkToken } from "./userdata-awk";
import { appendAll } from "./arrays";

/** ERE metacharacters, escaped where a string compared with a field stands for itself. */
const ERE_OPERATOR = /[\\^$.|?*+()[\]{}]/g;

/**
 * The regexes (awk's, extended) of the lines a print-filter program leaves out; none when the program is not one of
 * the forms read. One pass over the tokens.
 */
export function filteredOut(tokens: readonly AwkToken[]): string[] {
  // Newlines and semicolons only separate what the forms read.
  const reader = new FilterReader(tokens.filter((t) => t.kind !== "op" || (t.text !== "\n" && t.text !== ";")));
  return reader.program() ?? [];
}

class FilterReader {
  private at = 0;

  constructor(private readonly tokens: readonly AwkToken[]) {}

  /** `(MATCH { next })… FINAL`, where FINAL prints the lines a condition keeps, or every line left. */
  program(): string[] | undefined {
    const skipped: string[] = [];
    for (;;) {
      const start = this.at;
      const matches = this.matches();
      if (matches && this.ops("{") && this.word("next") && this.ops("}")) appendAll(skipped, matches);
      else {
        this.at = start;
        break;
      }
    }
    const kept = this.finalRule(skipped.length > 0);
    return kept && this.at === this.tokens.length ? [...skipped, ...kept] : undefined;
  }

  /** What the last rule leaves out: `COND`, `COND { print }`, `{ if (COND) print }`; `1` or `{ print }` none. */
  private finalRule(afterSkips: boolean): string[] | undefined {
    const start = this.at;
    if (this.ops("{") && this.word("if") && this.ops("(")) {
      const left = this.keeps();
      if (left && this.ops(")") && this.printAction(false) && this.ops("}")) return left;
      return undefined;
    }
    this.at = start;
    if (afterSkips && (this.word("1") || this.printAction(true))) return [];
    this.at = start;
    const left = this.keeps();
    if (!left) return undefined;
    if (this.at < this.tokens.length && !this.printAction(true)) return undefined;
    return left;
  }

  /** `print` or `print $0`, inside braces when `braced`, ending the action. */
  private printAction(braced: boolean): boolean {
    if (braced && !this.ops("{")) return false;
    if (!this.word("print")) return false;
    this.word("$0");
    return !braced || this.ops("}");
  }

  /** A condition that keeps the lines none of some matches picks: `!M && $0 !~ /re/ && !(M || M)`; their regexes. */
  private keeps(): string[] | undefined {
    return this.joined("&&", () => this.negated());
  }

  private negated(): string[] | undefined {
    const [first, second, third] = this.tokens.slice(this.at, this.at + 3);
    if (first?.kind === "word" && (second?.text === "!~" || second?.text === "!=")) {
      const single = operandMatch(first.text, second.text === "!~" ? "~" : "==", third);
      if (single !== undefined) this.at += 3;
      return single === undefined ? undefined : [single];
    }
    if (!this.ops("!")) return undefined;
    // `!` binds tighter than a comparison: `!$1 == "x"` compares `!$1`. Unbracketed, only a regex follows it.
    if (!this.ops("(")) {
      const regex = this.tokens[this.at];
      if (regex?.kind !== "regex") return undefined;
      this.at++;
      return [regex.text];
    }
    const matches = this.matches();
    return matches && this.ops(")") ? matches : undefined;
  }

  /** `M || M …`: the regexes of the lines any picks. */
  private matches(): string[] | undefined {
    return this.joined("||", () => this.match());
  }

  /**
   * `ITEM OP ITEM …`: every item's regexes. `!A && !B` keeps what `A || B` picks, so both lists gather the same way.
   */
  private joined(operator: "&&" | "||", item: () => string[] | undefined): string[] | undefined {
    const regexes: string[] = [];
    do {
      const one = item();
      if (!one) return undefined;
      appendAll(regexes, one);
    } while (this.ops(operator));
    return regexes;
  }

  /** One match: `/re/`, `$0 ~ /re/`, `$1 == "Directive"`; its regex. */
  private match(): string[] | undefined {
    const [first, second, third] = this.tokens.slice(this.at, this.at + 3);
    if (first?.kind === "regex") {
      this.at++;
      return [first.text];
    }
    const single =
      first?.kind === "word" && (second?.text === "~" || second?.text === "==")
        ? operandMatch(first.text, second.text, third)
        : undefined;
    if (single === undefined) return undefined;
    this.at += 3;
    return [single];
  }

  private ops(text: string): boolean {
    const t = this.tokens[this.at];
    if (t?.kind !== "op" || t.text !== text) return false;
    this.at++;
    return true;
  }

  private word(text: string): boolean {
    const t = this.tokens[this.at];
    if (t?.kind !== "word" || t.text !== text) return false;
    this.at++;
    return true;
  }
}

/**
 * The regex of the lines `$0 ~ /re/` (or a string read as a regex) or `$1 == "text"` picks; undefined for another
 * operand or operator. awk's fields are split at blanks, so `$1` is the line's first word.
 */
function operandMatch(operand: string, operator: string, value: AwkToken | undefined): string | undefined {
  if (operand === "$0" && operator === "~" && (value?.kind === "regex" || value?.kind === "string")) return value.text;
  if (operand === "$1" && operator === "==" && value?.kind === "string" && value.text !== "")
    return `^[ \t]*${value.text.replace(ERE_OPERATOR, "\\$&")}([ \t]|$)`;
  return undefined;
}
