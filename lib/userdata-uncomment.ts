// Uncommenting: `sed -i '/^#PasswordAuthentication/s/^#//'` writes no value, yet turns the image's commented
// `#PasswordAuthentication yes` on. The stock lines (the table of commented defaults) are run through a script's sed
// edits in order, so that uncommenting then `s/yes/no/` is safe and uncommenting alone is not. perl's `s///` edits
// are run alike, their patterns as Perl's.
import { Findings, LoginWeaknessKind } from "./userdata-findings";
import { compilePerlRegex } from "./userdata-perl-regex";
import { RegexSyntax, SedEdit, SedScript } from "./userdata-sed-edits";
import { compileSedRegex, MatchBudget, SedRegex, sedMatch } from "./userdata-sed-regex";
import {
  activatedDefaultsNote,
  COMMENTED_DEFAULTS,
  CommentedDefault,
  DEFAULTED_DIRECTIVE,
} from "./userdata-sshd-defaults";
import { directiveValue, weaknessesIn } from "./userdata-sshd-directives";

/** Edits may grow a line (`s/x/&&/g` again and again); its directive and value are at its start. */
const MAX_LINE = 256;

/** The sed invocation that turned a stock line on, to be quoted in the report. */
interface Activation {
  line: string;
  found: Findings;
}

interface StockLine {
  stock: CommentedDefault;
  /** The line as the edits so far left it; undefined once deleted. */
  text: string | undefined;
  /** An edit wrote the directive's value itself: the check of what sed writes has already judged it. */
  explicit: boolean;
  activation?: Activation;
}

/**
 * The stock sshd_config lines of one script, edited by its sed commands in the order they run. Once the scan's
 * match budget is spent, later edits are not simulated: the lines keep what the earlier ones made of them.
 */
export class StockSshdConfig {
  private readonly lines: StockLine[] = COMMENTED_DEFAULTS.map((stock) => ({
    stock,
    text: stock.line,
    explicit: false,
  }));

  constructor(private readonly budget: MatchBudget) {}

  /**
   * Runs one sed invocation's edits over the stock lines, if it may edit sshd_config: it names a directive of the
   * table (whatever file it is given) or its file or output is sshd's configuration.
   */
  edit(script: SedScript, editsSshdConfig: boolean, activation: Activation): void {
    const edits = script.edits.filter((e) => e.command !== "text");
    if (!editsSshdConfig && !edits.some(namesDefaultedDirective)) return;
    for (const edit of edits) {
      const { syntax } = script;
      const address = edit.address === "" ? undefined : compile(edit.address, syntax, edit.addressFlags, this.budget);
      const pattern = edit.command === "s" ? compile(edit.pattern, syntax, edit.flags, this.budget) : undefined;
      for (const line of this.lines) {
        const edited = apply(edit, { address, pattern, budget: this.budget }, line.text);
        if (this.budget.remaining < 0) return;
        if (edited !== undefined) this.update(line, edited, edit, activation);
      }
    }
  }

  /**
   * Records an edit's result on a line: whether it turned the line on, and whether the value now on it is one an edit
   * wrote itself (judged by the check of what sed writes) or the image's, perhaps changed by a bare `s/no/yes/`.
   */
  private update(line: StockLine, edited: Edited, edit: SedEdit, activation: Activation): void {
    const before = line.text;
    line.text = edited.text;
    if (edited.text === undefined || before === undefined) return;
    const { directive } = line.stock;
    if (directiveValue(edit.text, directive) !== undefined) line.explicit = true;
    else if (directiveValue(before, directive) !== directiveValue(edited.text, directive)) line.explicit = false;
    if (!isActive(before) && isActive(edited.text)) line.activation = activation;
  }

  /** Reports the stock lines the script left on, weak, with the image's value: one finding per sed line and kind. */
  report(): void {
    const groups = new Map<string, Group>();
    for (const line of this.lines) {
      if (line.text === undefined || line.explicit || !line.activation || !isActive(line.text)) continue;
      for (const weakness of weaknessesIn(line.text.split("\n")[0])) {
        const key = `${weakness.kind}\n${line.activation.line}`;
        const group = groups.get(key) ?? { activation: line.activation, ...weakness, stock: [] };
        group.keyboardOnly &&= weakness.keyboardOnly;
        group.stock.push(line.stock);
        groups.set(key, group);
      }
    }
    for (const { activation, kind, keyboardOnly, stock } of groups.values())
      activation.found.add(kind, activation.line, { keyboardOnly, note: activatedDefaultsNote(stock) });
  }
}

/** The stock lines one sed line turned on that weaken login the same way. */
interface Group {
  activation: Activation;
  kind: LoginWeaknessKind;
  keyboardOnly: boolean;
  stock: CommentedDefault[];
}

function namesDefaultedDirective(edit: SedEdit): boolean {
  return DEFAULTED_DIRECTIVE.test(edit.address) || DEFAULTED_DIRECTIVE.test(edit.pattern);
}

/**
 * A pattern that cannot be read (a backreference, an oversized one) matches nothing: no edit is guessed. Compiling
 * spends the scan's budget too.
 */
function compile(source: string, syntax: RegexSyntax, flags: string, budget: MatchBudget): SedRegex | undefined {
  const ignoreCase = /[iI]/.test(flags);
  if (syntax === "perl") return compilePerlRegex(source, ignoreCase, budget);
  return compileSedRegex(source, syntax === "extended", ignoreCase, budget);
}

/** What an edit made of a line: its new text, undefined once deleted. */
interface Edited {
  text: string | undefined;
}

interface Compiled {
  address: SedRegex | undefined;
  pattern: SedRegex | undefined;
  budget: MatchBudget;
}

/** An edit's effect on one stock line: deleted or substituted; undefined when it leaves the line alone. */
function apply(edit: SedEdit, { address, pattern, budget }: Compiled, text: string | undefined): Edited | undefined {
  // `1s/…/`, `$d`: the first or last line of sshd_config is no directive of the table.
  if (text === undefined || edit.numbered) return undefined;
  if (edit.address !== "") {
    if (!address || (sedMatch(address, text, budget) !== undefined) === edit.negated) return undefined;
  }
  if (edit.command === "d") return { text: undefined };
  const substituted = pattern && substitute(pattern, edit, text, budget);
  return substituted === undefined ? undefined : { text: substituted };
}

/**
 * The line after an `s` command: its first match (every match under `g`) replaced, cut at MAX_LINE; undefined when
 * nothing matches.
 */
function substitute(pattern: SedRegex, edit: SedEdit, text: string, budget: MatchBudget): string | undefined {
  const global = /g/.test(edit.flags);
  let out = "";
  let from = 0;
  let replaced = false;
  while (from <= text.length && out.length <= MAX_LINE) {
    const m = sedMatch(pattern, text, budget, from);
    if (!m) break;
    out += text.slice(from, m.start) + replacementOf(edit.replacement, text.slice(m.start, m.end), m.groups);
    replaced = true;
    from = m.end > m.start ? m.end : m.end + 1;
    if (m.end === m.start) out += text.slice(m.end, from);
    if (!global) break;
  }
  return replaced ? (out + text.slice(from)).slice(0, MAX_LINE) : undefined;
}

/** sed's replacement: `&` the match, `\1`…`\9` its groups, `\n` a newline, GNU's case escapes dropped. */
function replacementOf(replacement: string, whole: string, groups: (string | undefined)[]): string {
  let out = "";
  for (let i = 0; i < replacement.length && out.length <= MAX_LINE; i++) {
    const c = replacement[i];
    if (c === "&") out += whole;
    else if (c !== "\\" || i + 1 === replacement.length) out += c;
    else {
      const e = replacement[++i];
      if (e >= "1" && e <= "9") out += groups[Number(e) - 1] ?? "";
      else if (e === "n") out += "\n";
      else if (!"LUluE".includes(e)) out += e;
    }
  }
  return out;
}

/** A line sshd reads: not commented out. */
function isActive(text: string): boolean {
  return !/^\s*#/.test(text);
}
