// Edits of sshd's configuration built from what the script does not know: `grep -v "$PAT" sshd_config > /tmp/s`,
// `sed -i "/$PAT/d"`, `awk "!/$PAT/"`, `sed -i "s/$FROM/$TO/"`. The value comes from outside (the environment, `$1`,
// a command's output), so whether the edit takes hardening away or turns a setting weak is decided there: each is
// reported as unverifiable, naming the command and the expansion. The command is read again with its unknown
// expansions marked (see userdata-unknown-values), to tell an unknown pattern from an unknown file name.
import { AWKS } from "./userdata-awk";
import { ParsedCommand, parseCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { Findings, LoginWeaknessKind } from "./userdata-findings";
import { InvertedGrep, invertedGrep, KnownText } from "./userdata-grep";
import { StreamEdit } from "./userdata-sed-edits";
import { isMainSshdConfigPath } from "./userdata-sshd-paths";
import { kindOf, valueFromElsewhere } from "./userdata-sshd-directives";
import { hardenedIn, StockSshdConfig } from "./userdata-uncomment";
import {
  describeExpansions,
  expansionsIn,
  holdsMark,
  MarkedText,
  markUnknownExpansions,
} from "./userdata-unknown-values";

/**
 * Where an edit's unknown expansions landed: in what it deletes (a `/re/d` address, grep's pattern, an awk filter),
 * in what it rewrites (an `s` pattern or its address, or a script the reader cannot read), or only in the text an
 * `s` puts in. Each is the expansions named there.
 */
interface UnknownParts {
  deletes: string[];
  rewrites: string[];
  replaces: string[];
  /** In the text an `a`, `i` or `c` command puts in, or its address: judged as an echo's text is, not here. */
  inserts: string[];
}

/** Where the marks of a run's edits landed. */
function partsOf({ script }: StreamEdit, marked: MarkedText): UnknownParts {
  const sets = { deletes: new Set<string>(), rewrites: new Set<string>(), replaces: new Set<string>() };
  const inserts = new Set<string>();
  const into = (set: Set<string>, text: string) => {
    for (const e of expansionsIn(text, marked)) set.add(e);
  };
  for (const edit of script.edits) {
    if (edit.command === "d") into(sets.deletes, edit.address);
    else if (edit.command === "text") into(inserts, `${edit.address}${edit.text}`);
    else {
      into(sets.rewrites, `${edit.address}${edit.pattern}`);
      into(sets.replaces, edit.replacement);
    }
  }
  return {
    deletes: [...sets.deletes],
    rewrites: [...sets.rewrites],
    replaces: [...sets.replaces],
    inserts: [...inserts],
  };
}

/** Where a finding is reported: the line quoted, and the view its findings go to. */
export interface UnknownEditContext {
  line: string;
  found: Findings;
  /** The run's output is added after the file (`>> sshd_config`): what it deletes from its copy takes nothing away. */
  appended?: boolean;
}

/**
 * A stream editor's run over what may be sshd's configuration (sed, perl, awk, ex), whose pattern, replacement or
 * script holds an expansion the script does not know: unverifiable. To be called before the run is replayed on the
 * stock lines, which it reads as they were. `written` is what the run writes as the other checks read it.
 */
export function reportUnknownStreamEdit(
  parsed: ParsedCommand,
  edit: StreamEdit,
  written: string,
  stock: StockSshdConfig,
  context: UnknownEditContext,
): void {
  const marked = markUnknownExpansions(parsed.command.text);
  if (!marked) return;
  const again = parseCommand({ ...parsed.command, text: marked.text });
  const markedEdit = streamEdit(again.name, again.args);
  if (!markedEdit) return;
  const parts = partsOf(markedEdit, marked);
  // Marks in an argument that is neither a file nor an option: a script (`sed -i "$SCRIPT"`, `awk -v p="$PAT"`)
  // the reader could not place.
  const files = new Set(markedEdit.files);
  const operands = again.args.filter(
    (a) => !a.startsWith("-") && !files.has(a) && !unusedAwkVariable(again.name, a, again.args),
  );
  const placed = new Set(Object.values(parts).flat());
  const unplaced = operands.flatMap((a) => expansionsIn(a, marked)).filter((e) => !placed.has(e));
  if (parts.rewrites.length + parts.deletes.length + parts.replaces.length + unplaced.length === 0) return;
  const { name } = parsed;
  const report = new UnknownReport(context);
  if (parts.rewrites.length > 0) {
    const sources = [...new Set([...parts.rewrites, ...parts.replaces])];
    const what = parts.replaces.length > 0 ? "pattern and replacement come" : "pattern comes";
    for (const kind of KINDS)
      report.add(kind, `${name}'s ${what} from ${describeExpansions(sources)}: ${mayRewrite(kind)}`);
  } else if (unplaced.length > 0)
    for (const kind of KINDS)
      report.add(kind, `${name}'s script comes from ${describeExpansions(unplaced)}: ${mayRewrite(kind)}`);
  if (parts.deletes.length > 0 && context.appended !== true) {
    const source = `${name}'s pattern comes from ${describeExpansions(parts.deletes)}`;
    report.deletion(edit.files, (directive) => `${source}: ${mayTakeAway(directive)}`);
  }
  // A replacement that sets a directive to the value (`PermitRootLogin $MODE`) is already reported as such.
  if (parts.replaces.length > 0 && valueFromElsewhere(written) === undefined) {
    const source = `${name}'s replacement comes from ${describeExpansions(parts.replaces)}`;
    for (const directive of stock.rewrittenInto(markedEdit.script, holdsMark))
      for (const kind of directive === "Include" ? KINDS : [kindOf(directive)])
        report.add(kind, `${source}: the ${directive} line it rewrites may take any value`);
  }
}

/**
 * `grep -v "$PAT" sshd_config > /tmp/s`: a grep whose output goes to a file, reading a file that ships hardened
 * lines, with a pattern the script does not know, may delete them. Patterns from a file (-f) are reported apart.
 */
export function reportUnknownGrepPatterns(
  parsed: ParsedCommand,
  grep: InvertedGrep,
  patternFile: KnownText,
  context: UnknownEditContext & { at: number },
): void {
  const marked = markUnknownExpansions(parsed.command.text);
  if (!marked) return;
  const markedGrep = invertedGrep(parseCommand({ ...parsed.command, text: marked.text }), patternFile);
  const expansions = new Set(markedGrep?.script.edits.flatMap((e) => expansionsIn(e.address, marked)) ?? []);
  if (expansions.size === 0) return;
  const source = `${parsed.name} -v's pattern comes from ${describeExpansions([...expansions])}`;
  new UnknownReport(context, context.at).deletion(grep.files, (directive) => `${source}: ${mayTakeAway(directive)}`);
}

/**
 * The hardened lines `files` ship, which a deletion of lines the reader cannot tell may take away: unverifiable,
 * undone as a hardened line deleted outright is (see restorable() in userdata-uncomment). `note` says why.
 */
export function reportUnknownDeletion(
  files: readonly string[],
  note: (directive: string) => string,
  context: UnknownEditContext,
  at: number,
): void {
  new UnknownReport(context, at).deletion(files, note);
}

const AWK_ASSIGNMENT = /^([A-Za-z_]\w*)=/;

/**
 * `awk -v stamp=$(date +%s) '!/^#/'`: a variable (of -v, or an operand) no other argument names, which the program
 * therefore does not read: its value decides nothing.
 */
function unusedAwkVariable(name: string, arg: string, args: readonly string[]): boolean {
  const variable = AWKS.has(name) ? AWK_ASSIGNMENT.exec(arg)?.[1] : undefined;
  if (variable === undefined) return false;
  const named = new RegExp(`(?<!\\w)${variable}(?!\\w)`);
  return !args.some((other) => other !== arg && named.test(other));
}

const KINDS: readonly LoginWeaknessKind[] = ["password-authentication", "root-login"];

function mayRewrite(kind: LoginWeaknessKind): string {
  const directive = kind === "root-login" ? "PermitRootLogin" : "PasswordAuthentication";
  return `it may uncomment or rewrite ${directive} to any value`;
}

function mayTakeAway(directive: string): string {
  return `the lines it deletes may include the hardened "${directive} no"`;
}

/** One finding per kind for one command, the first reason given kept. */
class UnknownReport {
  private readonly kinds = new Set<LoginWeaknessKind>();

  constructor(
    private readonly context: UnknownEditContext,
    private readonly at = context.found.now(),
  ) {}

  add(kind: LoginWeaknessKind, note: string): void {
    if (this.kinds.has(kind)) return;
    this.kinds.add(kind);
    this.context.found.add(kind, this.context.line, { note, unverifiable: true, at: this.at });
  }

  /** A deletion's findings, for the kinds no other reason of the command has reported. */
  deletion(files: readonly string[], note: (directive: string) => string): void {
    const mainAfter = files.some(isMainSshdConfigPath);
    const dropInsAnyTime = files.every(isMainSshdConfigPath);
    for (const directive of hardenedIn(files)) {
      const kind = kindOf(directive);
      if (this.kinds.has(kind)) continue;
      this.kinds.add(kind);
      const unlessHardened = { directives: [directive], byDropIns: true, mainAfter, dropInsAnyTime };
      const details = { note: note(directive), unverifiable: true, unlessHardened, at: this.at };
      this.context.found.add(kind, this.context.line, details);
    }
  }
}
