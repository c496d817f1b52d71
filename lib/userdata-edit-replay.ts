// Replaying a script's edits on one line of sshd's configuration: its address tested, its `s` command run with the
// regex engine of its dialect (sed's or Perl's, through RE2), its deletion applied. Each step spends the scan's match
// budget, so hostile scripts of many large patterns stop being replayed rather than run long.
import { compilePerlRegex } from "./userdata-perl-regex";
import { RegexSyntax, SedEdit, SedScript } from "./userdata-sed-edits";
import { compileSedRegex, MatchBudget, Refused, SedRegex, sedMatch } from "./userdata-sed-regex";

/** Edits may grow a line (`s/x/&&/g` again and again); its directive and value are at its start. */
const MAX_LINE = 256;

/**
 * A pattern that cannot be read (a backreference) matches nothing: no edit is guessed. Compiling spends the scan's
 * budget too. `refused` is told when a cap of the reader or the spent budget kept a pattern sed or Perl would run
 * uncompiled (see Compiled.refused).
 */
export function compile(
  source: string,
  syntax: RegexSyntax,
  flags: string,
  budget: MatchBudget,
  refused?: Refused,
): SedRegex | undefined {
  const ignoreCase = flags.includes("i") || flags.includes("I");
  if (syntax !== "perl") return compileSedRegex(source, syntax === "extended", ignoreCase, budget, refused);
  return compilePerlRegex(source, ignoreCase, budget, refused);
}

/** An edit's address and `s` pattern, compiled against the scan's budget. */
export function compileEdit(edit: SedEdit, syntax: RegexSyntax, budget: MatchBudget): Compiled {
  let refused: string | undefined;
  const refuse = (why: string) => (refused ??= why);
  const address = edit.address === "" ? undefined : compile(edit.address, syntax, edit.addressFlags, budget, refuse);
  const pattern = edit.command === "s" ? compile(edit.pattern, syntax, edit.flags, budget, refuse) : undefined;
  return refused === undefined ? { address, pattern, budget } : { address, pattern, budget, refused };
}

/** Scripts that stand for edits the reader did not keep, and why (see unreadScript). */
const unreadScripts = new WeakMap<SedScript, string>();

/**
 * A script of no edits standing for edits the reader did not keep (a working copy's past its bound): replayed over
 * sshd's configuration, it is reported as content left unread, `why` the reason.
 */
export function unreadScript(why: string): SedScript {
  const script: SedScript = { edits: [], syntax: "basic" };
  unreadScripts.set(script, why);
  return script;
}

/** Why a script stands for edits the reader did not keep; undefined for a script it read. */
export function unreadIn(script: SedScript): string | undefined {
  return unreadScripts.get(script);
}

/** What an edit made of a line: its new text, undefined once deleted. */
export interface Edited {
  text: string | undefined;
}

export interface Compiled {
  address: SedRegex | undefined;
  pattern: SedRegex | undefined;
  budget: MatchBudget;
  /**
   * Why the address or pattern, which sed would run, was not compiled (a cap of the reader, the spent budget): the
   * edit is replayed as matching nothing, though it may change any line.
   */
  refused?: string;
}

/** An edit's effect on one stock line: deleted or substituted; undefined when it leaves the line alone. */
export function apply(
  edit: SedEdit,
  { address, pattern, budget }: Compiled,
  text: string | undefined,
): Edited | undefined {
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
  const global = edit.flags.includes("g");
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
  // Most replacements are plain text (`PasswordAuthentication no`): taken whole, as the loop below would copy them
  // a character at a time, up to the same length.
  if (!replacement.includes("&") && !replacement.includes("\\")) return replacement.slice(0, MAX_LINE + 1);
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
