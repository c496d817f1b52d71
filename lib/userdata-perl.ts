// Perl's line loop, `perl -pi -e 's/^PasswordAuthentication no/PasswordAuthentication yes/' FILE`, read as the sed
// edit it is: its substitutions (with the `if /re/`, `/re/ and …` or `if (/re/) {…}` that picks their lines, read
// as a sed address) are replayed and judged like sed's, their patterns run as Perl's. A statement the reader cannot
// follow counts for the strings (and substitutions) it holds, judged as written text and not replayed. A substitution
// under a condition it cannot read may run on any line: it is judged for what it writes (prefixed by the directive
// the condition names), and replayed on the image's commented defaults only where it would weaken one.
//
// A substitution (or `tr`) whose result a statement only uses is run all the same (`$n = s/…/…/`, `s/…/…/, 1`):
// the forms surelyRun names are replayed. One the reader cannot place (`do { s/…/…/ }`, `$n ||= s/…/…/`), or cannot
// replay (`s/…/…/x`, `s/…/…/e`, most `tr`, a pattern across lines under -0777, blocks nested past the cap),
// leaves the program partly unread: on sshd's configuration it is reported as content left unread (see
// unreadScript), besides what is read of it.
import { BoundedMemo } from "./bounded-memo";
import { unreadScript } from "./userdata-edit-replay";
import { perlTokens, Token } from "./userdata-perl-lexer";
import { sedReplacement, stringValue, transliterationClass } from "./userdata-perl-strings";
import { DIRECTIVE } from "./userdata-sshd-directives";
import {
  deletionEdit,
  directiveNamed,
  EditAddress,
  SedEdit,
  SedScript,
  StreamEdit,
  substitutionEdit,
  textEdit,
  UNADDRESSED,
} from "./userdata-sed-edits";

/** Options whose value is the rest of their word, or the next word when that is empty. */
const NEXT_WORD_VALUES = "eEIMm";
/** Options whose value (maybe empty) is the rest of their word. */
const REST_OF_WORD_VALUES = "iFCdDx";
/** Options that take digits glued to them (`-l`, `-0777`), the group going on after them (`-lne`). */
const DIGIT_VALUES: Record<string, RegExp> = { l: /[0-7]*/y, "0": /[0-9A-Fa-fx]*/y };

interface PerlRun {
  /** `-p` prints every line after the program, `-n` (also `-a`, `-F`) only what it prints; undefined for neither. */
  loop?: "p" | "n";
  inPlace: boolean;
  /** The programs of `-e` and `-E`, which Perl joins a line each. */
  scripts: string[];
  files: string[];
}

/** `perl -p -i.bak -e PROGRAM… FILE…`: the options up to the first operand, then the files. */
export function perlOperands(args: string[]): PerlRun {
  return readOperands(args).run;
}

/** The run, and whether `-0` (`-0777`, `-00`) makes it read records other than lines: a whole file, paragraphs. */
function readOperands(args: string[]): { run: PerlRun; records: boolean } {
  const run: PerlRun = { inPlace: false, scripts: [], files: [] };
  const seen = { records: false };
  let i = 0;
  for (; i < args.length && args[i].length > 1 && args[i].startsWith("-"); i++) {
    if (args[i] === "--") {
      i++;
      break;
    }
    const value = optionGroup(args[i], run, seen);
    if (value !== undefined) {
      const text = value.text === "" && value.nextWord ? (args[++i] ?? "") : value.text;
      if (value.option === "e" || value.option === "E") run.scripts.push(text);
    }
  }
  // Without -e the first operand is the program's file, which the reader cannot see.
  run.files = args.slice(run.scripts.length > 0 ? i : i + 1);
  return { run, records: seen.records };
}

/** Reads one group of short options into `run`; returns the option that takes a value, and its text, if one does. */
function optionGroup(
  group: string,
  run: PerlRun,
  seen: { records: boolean },
): { option: string; text: string; nextWord: boolean } | undefined {
  for (let j = 1; j < group.length; j++) {
    const c = group[j];
    if (c === "p") run.loop = "p";
    else if ((c === "n" || c === "a" || c === "F") && run.loop === undefined) run.loop = "n";
    if (c === "i") run.inPlace = true;
    if (c === "0") seen.records = true;
    const digits = DIGIT_VALUES[c];
    if (digits) {
      digits.lastIndex = j + 1;
      j += digits.exec(group)?.[0].length ?? 0;
    } else if (NEXT_WORD_VALUES.includes(c) || REST_OF_WORD_VALUES.includes(c))
      return { option: c, text: group.slice(j + 1), nextWord: NEXT_WORD_VALUES.includes(c) };
  }
  return undefined;
}

/**
 * A perl command's run as a stream edit, when it loops over its files' lines (-p, -n) running -e programs. -n
 * writes only what the program prints: the lines its one print of the line leaves out (`print unless /re/`) are
 * deleted, as sed's `/re/d` deletes them; otherwise it is read as -p, which reads more and hides nothing. Undefined
 * for other runs.
 */
export function perlStreamEdit(args: string[]): StreamEdit | undefined {
  const { run, records } = readOperands(args);
  const { loop, inPlace, scripts, files } = run;
  if (loop === undefined || scripts.length === 0) return undefined;
  return { inPlace, files, script: perlScript(scripts.join("\n"), loop === "n" && !records, records) };
}

/**
 * A program's edits, parsed once per program (the result is shared, so it must not be changed). `printsOnly`: the
 * loop writes only what the program prints (-n over lines). `records`: it reads records other than lines (-0777).
 * A program with edits the reader could not replay is also an unread script (see unreadScript), its edits kept.
 */
export function perlScript(program: string, printsOnly = false, records = false): SedScript {
  return parsedPrograms.through(`${printsOnly ? "n" : "p"}${records ? "0" : "-"}${program}`, () => {
    const reader = new PerlReader(printsOnly, records);
    const edits = reader.program(perlTokens(program));
    if (reader.unread === undefined) return { edits, syntax: "perl" };
    return Object.assign(unreadScript(reader.unread), { edits, syntax: "perl" as const });
  });
}

/** Why a program is partly unread (reported as the unread content's line). */
const UNPLACED = "a perl substitution in a statement the reader does not follow";
const FREE_FORM = "a perl substitution whose pattern is free-form (s///x)";
const TRANSLITERATION = "a perl transliteration (tr///) the reader does not replay";
const SPANNING = "a perl substitution over whole records (-0) whose pattern spans lines";
const EVALUATED = "a perl substitution whose replacement is code (s///e) the reader does not run";
const NESTED = "perl blocks nested past 8 levels, which the reader does not follow";
/**
 * A newline spelt in a pattern (`\n`, `\R`, `\v`, `\x0a`, `\012`, `\cJ`, a newline itself): over a whole file
 * (-0777) it matches across lines, which the reader replays one at a time. `\s` and negated classes are not counted:
 * hardening scripts write them to match blanks.
 */
const NEWLINE_SPELT = /\\[nRv]|\\x(?:\{0*[aA]\}|0[aA])|\\0?12(?![0-7])|\\c[jJ]|\n/;
/** A pattern of blanks and anchors only (`\n\s*\n`, `\s+$`). */
const BLANKS_ONLY = /^(?:\\[nsrtRvhzZA]|[ \t^$()+*?]|\{\d*,?\d*\})+$/;

/**
 * Whether a substitution only squeezes or drops blank lines (`s/\n\s*\n/\n/g`, `s/^\s*\n//mg`, `s/\n+$//`): blanks
 * and anchors replaced by one newline, or by nothing from a line's start through a newline or up to the record's end.
 * No line joins another, none changes.
 */
function squeezesBlanks({ pattern, replacement }: Extract<Token, { kind: "s" }>): boolean {
  if (!BLANKS_ONLY.test(pattern)) return false;
  if (/^(?:\\n|\n)$/.test(replacement)) return true;
  return (
    replacement === "" && (/(?:\$|\\[zZ])$/.test(pattern) || (pattern.startsWith("^") && /\\n[+*]?$/.test(pattern)))
  );
}

const parsedPrograms = new BoundedMemo<string, SedScript>(1_000);

/**
 * What picks a statement's lines: an address, or a condition the reader cannot read, with the directive its matches
 * name, if any (`s/no/yes/ unless /^#/ || !/PermitRootLogin/` writes to PermitRootLogin lines, as an address would
 * say).
 */
type Condition = EditAddress | Unknown;
interface Unknown {
  unknown: string;
}
const UNKNOWN: Unknown = { unknown: "" };

function isUnknown(c: Condition): c is Unknown {
  return "unknown" in c;
}

/** An unknown condition, with the directive the first of its matches to name one names. */
function unknownOf(tokens: Token[]): Unknown {
  for (const t of tokens)
    if (t.kind === "m" && DIRECTIVE.test(t.pattern)) return { unknown: directiveNamed(t.pattern) ?? "" };
  return UNKNOWN;
}

/** Statements that end at their block's closing brace, no `;` needed. */
const COMPOUND = new Set(["if", "unless", "while", "until", "for", "foreach", "BEGIN", "END"]);
/** Blocks nested deeper are read as statements the reader cannot follow: nesting cannot multiply the work. */
const MAX_NESTING = 8;
class PerlReader {
  private readonly edits: SedEdit[] = [];
  /** Scalars the program sets to a string (`$v = "yes"`), interpolated into later replacements. */
  private readonly values = new Map<string, string>();
  /** Each `print` of the line read, with the lines it runs on and where it falls among the edits. */
  private readonly prints: { where: Condition; at: number }[] = [];
  /** Why some edit of the program was not replayed, the first reason met; undefined when all were. */
  unread: string | undefined;

  constructor(
    private readonly printsOnly: boolean,
    private readonly records: boolean,
  ) {}

  program(tokens: Token[]): SedEdit[] {
    this.statements(tokens, UNADDRESSED, 0);
    const [print] = this.prints;
    const where = print?.where;
    // Under -n, the lines the one print of the line does not run on are written nowhere: deleted.
    if (this.printsOnly && this.prints.length === 1 && !isUnknown(where) && where.address !== "") {
      if (printsLineOnce(tokens)) this.edits.splice(print.at, 0, deletionEdit({ ...where, negated: !where.negated }));
    }
    return this.edits;
  }

  /** A block's statements; after `next unless /re/` (or `next if …`) the rest run only on the lines it lets by. */
  private statements(tokens: Token[], where: Condition, depth: number): void {
    let here = where;
    for (const statement of splitStatements(tokens)) {
      if (isWord(statement[0], "next") && isWord(statement[1], "if", "unless") && depth < MAX_NESTING) {
        const negated = isWord(statement[1], "if");
        here = both(here, this.condition(statement.slice(2), negated, here, depth));
      } else this.statement(statement, here, depth);
    }
  }

  private statement(tokens: Token[], where: Condition, depth: number): void {
    if (depth < MAX_NESTING && this.block(tokens, where, depth)) return;
    // `BODY if COND`, `BODY unless COND`; `COND and BODY`, `COND && BODY`, `COND or BODY`, `COND || BODY`. The
    // condition runs first, whatever it picks.
    let body = tokens;
    let condition = where;
    const modifier = findAtTop(tokens, (t, i) => i > 0 && isWord(t, "if", "unless"));
    if (modifier > 0) {
      const negated = isWord(tokens[modifier], "unless");
      condition = both(condition, this.condition(tokens.slice(modifier + 1), negated, where, depth));
      body = tokens.slice(0, modifier);
    }
    const guard = guardJoin(body);
    if (guard > 0) {
      const negated = isWord(body[guard], "or") || isOp(body[guard], "||");
      condition = both(condition, this.condition(body.slice(0, guard), negated, where, depth));
      body = body.slice(guard + 1);
    }
    const run = surelyRun(body);
    if (run !== undefined) {
      for (const edit of run.edits) this.lineEdit(edit, condition);
      for (const name of run.assigned) this.values.delete(name);
      return;
    }
    const [first] = body;
    // `print` alone prints the line as the loop would: it writes nothing new.
    if (isWord(first, "print") && (body.length === 1 || (body.length === 2 && isWord(body[1], "$_")))) {
      this.prints.push({ where: condition, at: this.edits.length });
      return;
    }
    this.assignment(body);
    this.unreadable(body, depth >= MAX_NESTING);
  }

  /**
   * What a condition picks. One that is no match on the line (`if (s/^#//) {…}`, `$. == 1`) picks lines the reader
   * cannot tell, but still runs on every line: it is read as a statement of its own.
   */
  private condition(tokens: Token[], negated: boolean, where: Condition, depth: number): Condition {
    const condition = readCondition(tokens, negated);
    if (isUnknown(condition) && depth < MAX_NESTING) this.statement(unwrapped(tokens), where, depth + 1);
    else if (isUnknown(condition)) this.unreadable(tokens);
    return condition;
  }

  /**
   * `if (COND) {…}`, `unless (COND) {…}`, maybe with an `else {…}` (under the opposite), or a bare (or BEGIN, END)
   * `{…}`: the block's statements, under COND.
   */
  private block(tokens: Token[], where: Condition, depth: number): boolean {
    const last = tokens.length - 1;
    const open = isWord(tokens[0], "BEGIN", "END") ? 1 : 0;
    if (isOp(tokens[open], "{") && matching(tokens, open) === last) {
      this.statements(tokens.slice(open + 1, last), where, depth + 1);
      return true;
    }
    if (!isWord(tokens[0], "if", "unless") || !isOp(tokens[1], "(")) return false;
    const close = matching(tokens, 1);
    const end = close < 0 || !isOp(tokens[close + 1], "{") ? -1 : matching(tokens, close + 1);
    // `… else {…}`: the other lines; an elsif chain is not followed.
    const otherwise =
      isWord(tokens[end + 1], "else") && isOp(tokens[end + 2], "{") && matching(tokens, end + 2) === last;
    if (end < 0 || (end !== last && !otherwise)) return false;
    const negated = isWord(tokens[0], "unless");
    const test = this.condition(tokens.slice(2, close), negated, where, depth);
    this.statements(tokens.slice(close + 2, end), both(where, test), depth + 1);
    if (otherwise) this.statements(tokens.slice(end + 3, last), both(where, opposite(test)), depth + 1);
    return true;
  }

  /**
   * An `s` statement: an edit like sed's, its replacement put in sed's syntax. Under a condition the reader cannot
   * read, or in a statement it cannot follow (`unplaced`), it may run on any line, and is replayed only where it
   * weakens one; the latter leaves the program partly unread. With modifiers that make its replacement code (`e`) or
   * its pattern free-form (`x`) only what it writes is read (the code of `e` as its strings), and the program is
   * left partly unread. So is a replayed pattern that spells a newline over whole records (-0).
   * `r` returns the result without changing the line: read as if it changed it, which hides nothing.
   */
  private substitution(edit: Extract<Token, { kind: "s" }>, where: Condition, how: Reading = "replayed"): void {
    const s = evaluated(edit);
    const replacement = sedReplacement(s.replacement, s.delimiter !== "'", this.values);
    const flags = s.flags.replace(/[^gi]/g, "");
    if (how === "unplaced" && !/[ex]/.test(s.flags)) this.unread ??= UNPLACED;
    else if (s.flags.includes("x") && how !== "written") this.unread ??= FREE_FORM;
    else if (s.flags.includes("e") && how !== "written") this.unread ??= EVALUATED;
    else if (how === "replayed" && this.records && NEWLINE_SPELT.test(s.pattern) && !squeezesBlanks(s))
      this.unread ??= SPANNING;
    if (how === "written" || /[ex]/.test(s.flags)) {
      const hint = { ...UNADDRESSED, address: named(where) };
      this.edits.push(textEdit(substitutionEdit(hint, s.pattern, replacement, flags, "perl").written));
      if (s.flags.includes("e")) this.codeStrings(s.replacement);
      return;
    }
    // Under a condition the reader cannot read, or in a statement it cannot follow, the edit may run on any line:
    // replayed only where it weakens.
    if (isUnknown(where) || how === "unplaced") {
      const maybe = { ...UNADDRESSED, reused: named(where) || undefined, maybe: true };
      this.edits.push(substitutionEdit(maybe, s.pattern, replacement, flags, "perl"));
      return;
    }
    const pattern = s.pattern === "" && where.reused !== undefined ? where.reused : s.pattern;
    this.edits.push(substitutionEdit(where, pattern, replacement, flags, "perl"));
  }

  /**
   * The strings of an `e` replacement's code count as written text, each alone and all joined (`$1 . " yes"`,
   * `lc(q{disable = no})`), as in a statement the reader cannot follow.
   */
  private codeStrings(code: string): void {
    const strings = perlTokens(code).flatMap((t) => (t.kind === "string" ? [stringValue(t)] : []));
    for (const text of strings) this.edits.push(textEdit(text));
    if (strings.length > 1) this.edits.push(textEdit(strings.join("")));
  }

  /** `$v = "text"`, `my $v = 'text'`: the value later replacements interpolate. */
  private assignment(body: Token[]): void {
    const at = isWord(body[0], "my", "our", "local") ? 1 : 0;
    const [name, equals, value] = body.slice(at);
    if (body.length !== at + 3 || name?.kind !== "word" || !/^\$\w+$/.test(name.text) || !isOp(equals, "=")) return;
    if (value.kind === "string") this.values.set(name.text.slice(1), stringValue(value));
    else this.values.delete(name.text.slice(1));
  }

  /** A substitution or transliteration the statement surely runs on the line, under `where`. */
  private lineEdit(edit: LineEdit, where: Condition): void {
    if (edit.kind === "s") this.substitution(edit, where);
    else this.transliteration(edit, where);
  }

  /**
   * `tr/LIST//d` deletes the characters of LIST: read as `s/[LIST]//g`. Other transliterations that change the line
   * (a replacement list, `c`, `s`) are not replayed: the program is partly unread. One that only counts
   * (`tr/a-z//`) or returns a copy (`r`) changes nothing.
   */
  private transliteration(t: Extract<Token, { kind: "tr" }>, where: Condition, replay = true): void {
    if (!changesLine(t)) return;
    const deleted =
      replay && t.replacement === "" && /^[ds]*d[ds]*$/.test(t.flags) ? transliterationClass(t.search) : undefined;
    if (deleted === undefined) this.unread ??= TRANSLITERATION;
    else this.substitution({ kind: "s", pattern: deleted, replacement: "", flags: "g", delimiter: "/" }, where);
  }

  /**
   * A statement the reader cannot follow: its substitutions count as edits that may run on any line (see
   * substitution), a transliteration that changes its operand leaves the program partly unread, and its strings count
   * as written text, each string alone and all of them joined (`"PermitRootLogin " . "yes"`).
   */
  private unreadable(tokens: Token[], capped = false): void {
    const strings: string[] = [];
    // In blocks past the nesting cap (`capped`; a condition past it is read as other statements), or where Perl
    // refuses the program (a match or edit just after an operand: `s/a/b/ s/c/d/`, as two -e joined without a `;`
    // read: Perl then runs nothing), only what it writes is read.
    const refused = tokens.some(
      (t, i) => (t.kind === "s" || t.kind === "tr" || t.kind === "m") && isOperand(tokens[i - 1]),
    );
    const how = capped || refused ? "written" : "unplaced";
    // Past the cap, an edit of the line (`s`, a `tr` that changes it) may run on any line as Perl runs it: the
    // program is partly unread. Matches alone there (`print unless ((/^#/) || /^$/) …`) change nothing.
    const edits = tokens.some((t) => t.kind === "s" || (t.kind === "tr" && changesLine(t)));
    if (capped && !refused && edits) this.unread ??= NESTED;
    tokens.forEach((t) => {
      if (t.kind === "s") this.substitution(t, UNKNOWN, how);
      else if (t.kind === "tr" && how === "unplaced") this.transliteration(t, UNKNOWN, false);
      else if (t.kind === "string") strings.push(stringValue(t));
      else if (t.kind === "rest") strings.push(t.text);
    });
    for (const text of strings) this.edits.push(textEdit(text));
    if (strings.length > 1) this.edits.push(textEdit(strings.join("")));
  }
}

/**
 * How a substitution is read: replayed; in a statement the reader cannot follow, replayed only where it weakens and
 * the program partly unread; or for what it writes only (in blocks past the nesting cap, or where Perl refuses the
 * program).
 */
type Reading = "replayed" | "unplaced" | "written";

/**
 * An `e` substitution whose code is one string (`s/…/"PermitRootLogin yes"/e`, `s/…/'$1 no'/e`) as the plain
 * substitution it is: a double-quoted string interpolates as a replacement does, a single-quoted one without
 * backslashes is its text. Any other substitution is itself.
 */
function evaluated(s: Extract<Token, { kind: "s" }>): Extract<Token, { kind: "s" }> {
  if (s.flags.split("e").length !== 2 || s.delimiter === "'") return s;
  const code = perlTokens(s.replacement);
  const [string] = code;
  if (code.length !== 1 || string.kind !== "string") return s;
  if (!string.interpolates && string.text.includes("\\")) return s;
  const flags = s.flags.replace("e", "");
  return { ...s, replacement: string.text, flags, delimiter: string.interpolates ? "/" : "'" };
}

/** Whether a token ends an operand, after which another term is a syntax error. */
function isOperand(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (t.kind === "op") return t.text === ")" || t.text === "]";
  return t.kind !== "word" || /^[$@\d]/.test(t.text);
}

/** An edit of the line the reader may replay. */
type LineEdit = Extract<Token, { kind: "s" | "tr" }>;

/** Whether a transliteration changes its operand: not when it only counts (`tr/a-z//`) or returns a copy (`r`). */
function changesLine(t: Extract<Token, { kind: "tr" }>): boolean {
  return !t.flags.includes("r") && (t.replacement !== "" || /[ds]/.test(t.flags));
}

/**
 * The edits a statement surely runs on the line, whatever it does with their results; undefined for a statement of
 * no form read here. The forms: a list of terms and constants (`s/a/b/, 1`), each term one of
 * - an edit, `s/…/…/` or `tr/…/…/`, maybe as `$_ =~ EDIT` and in parentheses;
 * - its count assigned: `$n = EDIT`, `my $n = EDIT` (`our`, `local`), `$n += EDIT` (`-=`, `*=`, `|=`, `.=`); not
 *   `$n ||= EDIT`, `&&=` or `//=`, which run it on some lines only;
 * - `EDIT for $_` (`foreach`, `for ($_)`): the line is the loop's one element.
 * `assigned`: the scalars given a count, whose values the program no longer knows.
 */
function surelyRun(tokens: Token[]): { edits: LineEdit[]; assigned: string[] } | undefined {
  const run = { edits: [] as LineEdit[], assigned: [] as string[] };
  for (const part of splitAtTop(unwrapped(tokens), ",")) {
    const edit = lineEdit(part) ?? loopedOverLine(part) ?? countOf(part, run.assigned);
    if (edit !== undefined) run.edits.push(edit);
    else if (!isConstant(part)) return undefined;
  }
  return run.edits.length > 0 ? run : undefined;
}

/** `EDIT`, `$_ =~ EDIT`, maybe in parentheses. */
function lineEdit(tokens: Token[]): LineEdit | undefined {
  let ts = unwrapped(tokens);
  if (isWord(ts[0], "$_") && isOp(ts[1], "=~")) ts = unwrapped(ts.slice(2));
  const [t] = ts;
  return ts.length === 1 && (t.kind === "s" || t.kind === "tr") ? t : undefined;
}

/** `EDIT for $_`, `EDIT foreach ($_)`. */
function loopedOverLine(tokens: Token[]): LineEdit | undefined {
  const loop = findAtTop(tokens, (t, i) => i > 0 && isWord(t, "for", "foreach"));
  if (loop < 0) return undefined;
  const list = unwrapped(tokens.slice(loop + 1));
  return list.length === 1 && isWord(list[0], "$_") ? lineEdit(tokens.slice(0, loop)) : undefined;
}

/** `[my] $n = EDIT`, `$n += EDIT`…: the edit, its scalar's name added to `assigned`. */
function countOf(tokens: Token[], assigned: string[]): LineEdit | undefined {
  const at = isWord(tokens[0], "my", "our", "local") ? 1 : 0;
  const name = tokens[at];
  if (name?.kind !== "word" || !/^\$[A-Za-z_]\w*$/.test(name.text) || name.text === "$_") return undefined;
  const op = tokens[at + 1];
  const compound = isOp(op, "+", "-", "*", "|") && isOp(tokens[at + 2], "=");
  const value = isOp(op, "=", ".=") ? at + 2 : compound ? at + 3 : -1;
  const edit = value < 0 ? undefined : lineEdit(tokens.slice(value));
  if (edit !== undefined) assigned.push(name.text.slice(1));
  return edit;
}

/** A number or a string (or nothing, after a last comma): a list's element that does nothing. */
function isConstant(tokens: Token[]): boolean {
  const [t] = tokens;
  if (t === undefined) return true; // `s/a/b/,`
  return tokens.length === 1 && (t.kind === "string" || (t.kind === "word" && /^\d[\d_]*$/.test(t.text)));
}

/** The token lists between `separator`s outside brackets; one list when there is none. */
function splitAtTop(tokens: Token[], separator: string): Token[][] {
  const parts: Token[][] = [];
  let from = 0;
  let depth = 0;
  tokens.forEach((t, i) => {
    if (depth === 0 && isOp(t, separator)) {
      parts.push(tokens.slice(from, i));
      from = i + 1;
    }
    if (isOp(t, "(", "{", "[")) depth++;
    else if (isOp(t, ")", "}", "]")) depth--;
  });
  parts.push(tokens.slice(from));
  return parts;
}

/** Words that print: the line, or what follows them. */
const PRINTERS = new Set(["print", "printf", "say", "syswrite", "write"]);

/**
 * Whether the program prints the line at one place only: one printing word that is not `print "text"` (which writes
 * only its text). Prints the reader did not read as statements (`print $fh $_`, `print for …`) count too.
 */
function printsLineOnce(tokens: Token[]): boolean {
  let count = 0;
  tokens.forEach((t, i) => {
    if (t.kind === "word" && PRINTERS.has(t.text) && !(t.text === "print" && tokens[i + 1]?.kind === "string")) count++;
  });
  return count === 1;
}

/**
 * The statements of a token list: split at `;` outside braces, and after the closing brace of a compound statement
 * (`if (…) {…}` needs no `;`) unless an `else` or `elsif` follows.
 */
function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  const end = () => {
    if (current.length > 0) statements.push(current);
    current = [];
  };
  tokens.forEach((t, i) => {
    if (depth === 0 && isOp(t, ";")) return end();
    current.push(t);
    if (isOp(t, "{")) depth++;
    else if (isOp(t, "}") && depth > 0 && --depth === 0) {
      const compound = isOp(current[0], "{") || (current[0]?.kind === "word" && COMPOUND.has(current[0].text));
      if (compound && !isWord(tokens[i + 1], "else", "elsif")) end();
    }
  });
  end();
  return statements;
}

/**
 * A condition that picks lines by a match on the line: `/re/`, `m{re}i`, `$_ =~ /re/`, maybe negated (`!`, `not`,
 * `!~`) and in parentheses. Anything else is unknown.
 */
function readCondition(tokens: Token[], negated: boolean, depth = 0): Condition {
  let ts = unwrapped(tokens);
  const either = eitherMatch(ts, negated, depth);
  if (either !== undefined) return either ?? unknownOf(tokens);
  let not = negated;
  if (isOp(ts[0], "!") || isWord(ts[0], "not")) {
    not = !not;
    ts = ts.slice(1);
  }
  if (isWord(ts[0], "$_") && isOp(ts[1], "=~", "!~")) {
    not = isOp(ts[1], "!~") ? !not : not;
    ts = ts.slice(2);
  }
  const [match] = ts;
  // `if 1`, `unless 0`: every line. `if 0` stays unknown: read as maybe running, which hides nothing.
  if (ts.length === 1 && match.kind === "word" && /^\d+$/.test(match.text) && (Number(match.text) !== 0) !== not)
    return UNADDRESSED;
  if (ts.length !== 1 || match.kind !== "m" || match.pattern === "" || /[^imsgo]/.test(match.flags))
    return unknownOf(tokens);
  const addressFlags = match.flags.includes("i") ? "i" : "";
  return { address: match.pattern, addressFlags, negated: not, numbered: false, reused: match.pattern };
}

/**
 * Matches joined by one kind of logical operator, read as one address whose pattern is their alternation:
 * `/A/ || /B/` (or `or`) picks the lines either matches, `!/A/ && !/B/` (or `and`) those neither does. Other joins
 * (`/A/ && /B/`, `!/A/ || !/B/`, both operators) are no address: null. Undefined when no operator joins `tokens`.
 */
function eitherMatch(tokens: Token[], negated: boolean, depth: number): EditAddress | null | undefined {
  const joins = logicalJoins(tokens);
  if (joins.length === 0) return undefined;
  const kinds = new Set(joins.map((at) => (isWord(tokens[at], "or") || isOp(tokens[at], "||") ? "or" : "and")));
  if (kinds.size !== 1 || depth >= MAX_NESTING) return null;
  const conjunction = kinds.has("and");
  const bounds = [-1, ...joins, tokens.length];
  const reads = joins
    .concat(tokens.length)
    .map((end, i) => readCondition(tokens.slice(bounds[i] + 1, end), false, depth + 1));
  const addresses = reads.filter((r): r is EditAddress => !isUnknown(r) && r.address !== "");
  // `||` of matches, or `&&` of their negations: anything else picks lines one address cannot say.
  if (addresses.length !== reads.length || addresses.some((a) => a.negated !== conjunction)) return null;
  const pattern = addresses.map((a) => (a.addressFlags === "i" ? `(?i:${a.address})` : `(?:${a.address})`)).join("|");
  return { address: pattern, addressFlags: "", negated: negated !== conjunction, numbered: false, reused: pattern };
}

/**
 * Where a guard's condition ends and its body starts: at the last join of the loosest operators when they are all
 * one (`/A/ || /B/ or print` runs print unless A or B); else at the first join, or -1.
 */
function guardJoin(tokens: Token[]): number {
  const joins = logicalJoins(tokens);
  const words = joins.filter((at) => isWord(tokens[at], "and", "or"));
  const loosest = words.length > 0 ? words : joins;
  const spelt = (at: number) => tokenText(tokens[at]);
  const last = loosest[loosest.length - 1];
  if (loosest.every((at) => spelt(at) === spelt(last))) return last ?? -1;
  return joins[0];
}

/** Where `and`, `or`, `&&` or `||` join the tokens outside brackets, in one pass. */
function logicalJoins(tokens: Token[]): number[] {
  const joins: number[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (depth === 0 && (isWord(t, "and", "or") || isOp(t, "&&", "||"))) joins.push(i);
    if (isOp(t, "(", "{", "[")) depth++;
    else if (isOp(t, ")", "}", "]")) depth--;
  });
  return joins;
}

/** The tokens inside the parentheses that hold them all, a few levels deep: `((/re/))` is `/re/`. */
function unwrapped(tokens: Token[]): Token[] {
  let ts = tokens;
  for (let parens = 0; parens < MAX_NESTING && isOp(ts[0], "(") && matching(ts, 0) === ts.length - 1; parens++)
    ts = ts.slice(1, -1);
  return ts;
}

/** Both conditions: one address, or unknown when both pick lines (an address holds one regex). */
function both(a: Condition, b: Condition): Condition {
  if (isUnknown(a) || isUnknown(b)) return { unknown: named(a) || named(b) };
  if (a.address === "") return b;
  return b.address === "" ? a : { unknown: named(a) || named(b) };
}

/** The lines a condition does not pick: its address negated; an unknown condition stays unknown. */
function opposite(c: Condition): Condition {
  return isUnknown(c) || c.address === "" ? c : { ...c, negated: !c.negated };
}

/** The directive a condition names, or "". */
function named(c: Condition): string {
  return isUnknown(c) ? c.unknown : (directiveNamed(c.address) ?? "");
}

function tokenText(t: Token): string {
  return t.kind === "word" || t.kind === "op" ? t.text : "";
}

function isWord(t: Token | undefined, ...texts: string[]): boolean {
  return t?.kind === "word" && texts.includes(t.text);
}

function isOp(t: Token | undefined, ...texts: string[]): boolean {
  return t?.kind === "op" && texts.includes(t.text);
}

/** The index of the first token outside brackets for which `test` holds, or -1. */
function findAtTop(tokens: Token[], test: (t: Token, i: number) => boolean): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (depth === 0 && test(t, i)) return i;
    if (isOp(t, "(", "{", "[")) depth++;
    else if (isOp(t, ")", "}", "]")) depth--;
  }
  return -1;
}

/** The index of the bracket closing the one at `open`, or -1. */
function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], "(", "{", "[")) depth++;
    else if (isOp(tokens[i], ")", "}", "]") && --depth === 0) return i;
  }
  return -1;
}
