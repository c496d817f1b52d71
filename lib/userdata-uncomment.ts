// Uncommenting: `sed -i '/^#PasswordAuthentication/s/^#//'` writes no value, yet turns the image's commented
// `#PasswordAuthentication yes` on. The stock lines (the table of commented defaults, the hardened lines of drop-ins
// and images, the Include of the drop-ins) are run through a script's sed edits in order, so that uncommenting then
// `s/yes/no/` is safe and uncommenting alone is not, `s/no/yes/g` over sshd_config turns a hardened line weak, and
// `s/^Include/#Include/` stops sshd reading the kit's drop-in, and deleting the hardened `PasswordAuthentication no`
// from a file that ships it turns sshd's default on. perl's `s///` edits are run alike, their patterns as Perl's.
// A deletion over a range the reader cannot place may take hardened lines away: unverifiable, as is one with its own
// address inside a block the reader cannot place. A filtered copy appended after the file takes nothing away; its
// lines are judged as added text (see appended).
import { apply, compileEdit, Compiled, Edited, unreadIn } from "./userdata-edit-replay";
import { Findings, LoginWeaknessKind } from "./userdata-findings";
import { Restorable } from "./userdata-restored";
import { RegexSyntax, SedEdit, SedScript } from "./userdata-sed-edits";
import { BUDGET_SPENT, MatchBudget } from "./userdata-sed-regex";
import {
  activatedDefaultsNote,
  blockDeletionNote,
  COMMENTED_DEFAULTS,
  CommentedDefault,
  DEFAULTED_DIRECTIVE,
  DROP_IN_INCLUDE,
  DROP_INS_UNREAD,
  HARDENED_LINES,
  includesDropIns,
  removedLinesNote,
  REMOVABLE_HARDENING,
  unplacedDeletionNote,
  weakenedLinesNote,
} from "./userdata-sshd-defaults";
import { globMatches } from "./userdata-drop-in";
import { isMainSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { directiveValue, kindOf, weaknessesIn } from "./userdata-sshd-directives";

/** The sed invocation that turned a stock line weak or took it away, to be quoted in the report, and when it ran. */
interface Activation {
  line: string;
  found: Findings;
  at: number;
  /** The file edited, which sshd does not read: the finding holds only if the user data makes sshd read it. */
  unlessSshdReads?: string;
  /** The files the edit names (maybe globs): a hardened line is taken away only from a file that ships it. */
  files?: readonly string[];
}

/**
 * What a stock line is: a commented default of the image (edited by any script naming its directive), or, edited
 * only by a script that edits sshd's configuration, a hardened line or the Include of the drop-ins.
 */
type Role = "default" | "hardened" | "include";

interface StockLine {
  stock: CommentedDefault;
  role: Role;
  /** The line as the edits so far left it; undefined once deleted. */
  text: string | undefined;
  /** An edit wrote the directive's value itself: the check of what sed writes has already judged it. */
  explicit: boolean;
  /** The edit that last made the line weak. */
  activation?: Activation;
  /** The edit that took the Include away (deleted, commented out, no longer naming the drop-ins). */
  removal?: Activation;
  /** The edit that deleted or commented out a hardened line whose directive is weak by default. */
  taken?: Activation;
}

const line = (role: Role) => (stock: CommentedDefault) => ({ stock, role, text: stock.line, explicit: false });

/** Lines appended after the stock lines they were copied from (see StockSshdConfig.appended). */
interface AppendedCopy {
  originals: readonly StockLine[];
  /**
   * Each original stands before its copy, in the same scope: a copy's line whose original already sets its
   * directive is ignored, as sshd keeps the first value it reads.
   */
  followsOriginals: boolean;
}

/** Where an appended copy lands. */
export interface AppendTarget {
  /** It is a copy of that file itself: each of its lines follows its original. */
  ownCopy: boolean;
  /** The file may end inside a Match block (`Match all`'s too), whose values override the global ones. */
  inMatch: boolean;
  /** It is sshd_config itself: an Include the copy holds again is read whatever becomes of the drop-ins. */
  main: boolean;
}

/** One run of an appended copy's edits: its script and the command that ran it. */
export interface AppendedRun {
  script: SedScript;
  activation: Activation;
}

/**
 * The stock sshd_config lines of one script, edited by its sed commands in the order they run. Once the scan's
 * match budget is spent, later edits are not simulated: the lines keep what the earlier ones made of them, and an
 * edit of sshd's configuration left unreplayed (so, too, one whose pattern is past the reader's caps) is reported as
 * content left unread.
 */
export class StockSshdConfig {
  /**
   * Made on the first edit that reaches them: most scripts run no sed over sshd_config, and untouched stock lines
   * have nothing to report.
   */
  private stockLines: StockLine[] | undefined;
  /** Deletions over ranges the reader cannot place, each of which may take hardened lines away. */
  private readonly unplaced: Activation[] = [];
  /** Deletions inside blocks the reader cannot place, and the lines each would weaken if it reached them. */
  private readonly mayBeDeleted: { activation: Activation; lines: StockLine[] }[] = [];
  /** Set when these lines are a copy appended after the stock ones: nothing is taken away. */
  private appendedTo: AppendedCopy | undefined;

  constructor(private readonly budget: MatchBudget) {}

  private get lines(): StockLine[] {
    // Concatenated, not spread: made for every script whose sed reaches sshd's configuration.
    return (this.stockLines ??= COMMENTED_DEFAULTS.map(line("default")).concat(
      HARDENED_LINES.map(line("hardened")),
      line("include")(DROP_IN_INCLUDE),
    ));
  }

  /**
   * Runs one sed invocation's edits over the stock lines, if it may edit sshd_config: it names a directive of the
   * table (whatever file it is given; only the commented defaults are then edited) or its file or output is sshd's
   * configuration. Text it inserts that includes the drop-ins again puts the Include back. An edit of another file
   * changes a commented default only where it turns it weak: the copy's hardening is sshd's only once it is put back.
   */
  edit(script: SedScript, editsSshdConfig: boolean, activation: Activation): void {
    // What an edit of sshd's configuration does that the reader cannot replay (a pattern past its caps, the budget
    // spent, a working copy's edits past its bound) may turn any line weak: reported as left unread, not as no match.
    const unread = (why: string) => {
      if (editsSshdConfig) activation.found.leftUnread(why);
    };
    const unreplayed = unreadIn(script);
    if (unreplayed !== undefined) unread(unreplayed);
    const edits = script.edits.filter((e) => e.command !== "text" || includesDropIns(e.text));
    if (!editsSshdConfig && !edits.some(namesDefaultedDirective)) return;
    const lines = editsSshdConfig ? this.lines : this.lines.filter((l) => l.role === "default");
    for (const edit of edits) {
      if (edit.command === "text") {
        if (editsSshdConfig) this.includeWritten();
        // Into sshd_config itself (`sed -i '1i Include …'`): the drop-ins are read again after it was replaced.
        if (editsSshdConfig && activation.files?.some(isMainSshdConfigPath)) activation.found.includedDropIns();
        continue;
      }
      const compiled = this.compiled(edit, script.syntax);
      if (compiled.refused !== undefined) unread(compiled.refused);
      if (this.budget.remaining < 0) return unread(BUDGET_SPENT);
      if (edit.within === true) {
        if (this.appendedTo === undefined) this.mayDelete(edit, compiled, lines, activation);
        if (this.budget.remaining < 0) return unread(BUDGET_SPENT);
        continue;
      }
      const unplaced = edit.command === "d" && edit.partial && this.appendedTo === undefined;
      if (unplaced && this.unplaced[this.unplaced.length - 1] !== activation) this.unplaced.push(activation);
      for (const stockLine of reachable(edit, lines)) {
        const edited = apply(edit, compiled, stockLine.text);
        if (this.budget.remaining < 0) return unread(BUDGET_SPENT);
        // An edit that may not run at all counts only where it would weaken the line, and so does one of another
        // file (a copy never put back): what it hardens there hardens nothing sshd reads.
        const onlyWeakening = edit.maybe || !editsSshdConfig;
        if (edited !== undefined && (!onlyWeakening || weakens(stockLine, edited, activation)))
          this.update(stockLine, edited, edit, activation);
      }
    }
  }

  /**
   * A deletion inside a block the reader cannot place (`/a/,/b/{/re/d}`): each line its own address matches may go,
   * or stay. Those whose going would weaken login are noted as unverifiable (see reportUnplaced); none is changed.
   */
  private mayDelete(edit: SedEdit, compiled: Compiled, lines: readonly StockLine[], activation: Activation): void {
    const reached: StockLine[] = [];
    for (const stockLine of lines) {
      // A range inside the block reaches lines after its start that cannot be placed: any line.
      const edited = edit.partial ? { text: undefined } : apply(edit, compiled, stockLine.text);
      if (this.budget.remaining < 0) break;
      if (edited !== undefined && weakens(stockLine, edited, activation)) reached.push(stockLine);
    }
    if (reached.length > 0) this.mayBeDeleted.push({ activation, lines: reached });
  }

  /**
   * Runs whose output is added after the file (`sed … sshd_config >> sshd_config`, `| tee -a`, `| sponge -a`), judged
   * at once, as text written is. Nothing is taken away: every line stays, the Include too. A line of the copy that an
   * edit made weak counts where no line before it sets its directive: for a copy of the file itself, where its
   * original sets none (`#PasswordAuthentication yes` uncommented; not `PasswordAuthentication no` turned yes), unless
   * the file ends inside a Match block, whose users the copy's lines then bind over the global ones.
   */
  appended(runs: readonly AppendedRun[], { ownCopy, inMatch, main }: AppendTarget): void {
    const originals = this.lines;
    const copy = new StockSshdConfig(this.budget);
    copy.appendedTo = { originals, followsOriginals: ownCopy && !inMatch };
    copy.stockLines = originals.map((l) => ({ stock: l.stock, role: l.role, text: l.text, explicit: false }));
    for (const { script, activation } of runs) copy.edit(script, true, { ...activation, files: [] });
    copy.report();
    // An Include of the drop-ins the copy holds where the file lost its own is read again.
    const including = (lines: readonly StockLine[]) =>
      lines.some((l) => l.role === "include" && includesDropIns(l.text ?? ""));
    if (runs.length === 0 || including(originals) || !including(copy.lines)) return;
    this.includeWritten();
    if (main) runs[0].activation.found.includedDropIns();
  }

  /**
   * The directives of the stock lines the `s` commands of a script would rewrite into text `carries` picks out (a
   * replacement from outside the script), the lines left as they are. Asked before the script's run is replayed.
   */
  rewrittenInto(script: SedScript, carries: (text: string) => boolean): string[] {
    const directives = new Set<string>();
    for (const edit of script.edits) {
      if (edit.command !== "s" || !carries(edit.replacement)) continue;
      const compiled = this.compiled(edit, script.syntax);
      for (const stockLine of reachable(edit, this.lines)) {
        const edited = apply(edit, compiled, stockLine.text);
        if (this.budget.remaining < 0) return [...directives];
        if (edited?.text !== undefined && carries(edited.text)) directives.add(stockLine.stock.directive);
      }
    }
    return [...directives];
  }

  /**
   * The directives whose hardened `… no` line `origin` ships (see REMOVABLE_HARDENING) and a copy of it still sets to
   * no after `scripts` ran over it: what that copy holds when it replaces another file. An edit that may not run, or
   * a deletion the reader cannot place, is not counted on to leave the line.
   */
  survivingHardening(origin: string, scripts: readonly SedScript[]): string[] {
    const surviving: string[] = [];
    // Only a file named outright: a glob may name another file than the one that ships the line.
    const path = normalPath(origin);
    for (const [directive, shipping] of REMOVABLE_HARDENING) {
      if (!shipping.includes(path)) continue;
      let text: string | undefined = `${directive} no`;
      for (const script of scripts) {
        // Edits the reader did not keep may take the line away.
        if (unreadIn(script) !== undefined) text = undefined;
        for (const edit of script.edits) {
          if (edit.command === "text" || text === undefined) continue;
          // A deletion over a range the reader cannot place may reach the line: it is not counted on.
          if (edit.command === "d" && edit.partial) text = undefined;
          const compiled = this.compiled(edit, script.syntax);
          // Nor is one whose pattern the reader did not compile.
          if (compiled.refused !== undefined) text = undefined;
          const edited: Edited | undefined = text === undefined ? undefined : apply(edit, compiled, text);
          if (this.budget.remaining < 0) return surviving;
          // One that may or may not change it leaves nothing sure.
          const unsure = edit.within === true || edit.maybe;
          if (edited !== undefined) text = unsure ? undefined : edited.text;
        }
      }
      if (text !== undefined && directiveValue(text, directive)?.toLowerCase() === "no" && isActive(text))
        surviving.push(directive);
    }
    return surviving;
  }

  /** An edit's address and `s` pattern, compiled against the scan's budget. */
  private compiled(edit: SedEdit, syntax: RegexSyntax): Compiled {
    return compileEdit(edit, syntax, this.budget);
  }

  /** sshd's configuration was given an Include of the drop-ins (`echo 'Include …' >>`, `sed '1i Include …'`). */
  includeWritten(): void {
    // Untouched, the Include is as it ships.
    if (this.stockLines === undefined) return;
    for (const l of this.stockLines)
      if (l.role === "include") Object.assign(l, { text: l.stock.line, removal: undefined });
  }

  /**
   * Records an edit's result on a line: whether it turned the line weak (or took the Include away), and whether the
   * value now on it is one an edit wrote itself (judged by the check of what sed writes) or the stock line's, perhaps
   * changed by a bare `s/no/yes/`.
   */
  private update(stockLine: StockLine, edited: Edited, edit: SedEdit, activation: Activation): void {
    const before = stockLine.text;
    // Hardening scripts delete or comment out a line to write their own: that write, if any, restores it.
    if (takesAway(stockLine, edited, activation)) stockLine.taken = activation;
    stockLine.text = edited.text;
    if (stockLine.role === "include") {
      if (includesDropIns(before ?? "") && !includesDropIns(edited.text ?? "")) stockLine.removal = activation;
      else if (includesDropIns(edited.text ?? "")) stockLine.removal = undefined;
      return;
    }
    if (edited.text === undefined || before === undefined) return;
    const { directive } = stockLine.stock;
    if (directiveValue(edit.text, directive) !== undefined) stockLine.explicit = true;
    else if (directiveValue(before, directive) !== directiveValue(edited.text, directive)) stockLine.explicit = false;
    if (!isWeak(before) && isWeak(edited.text)) stockLine.activation = activation;
  }

  /**
   * Reports the stock lines the script left weak with a value no edit wrote, and the Include it took away: one
   * finding per sed line, kind and what it did.
   */
  report(): void {
    if (this.stockLines === undefined) return;
    const groups = new Map<string, Group>();
    const join = (l: StockLine, how: How, activation: Activation, kind: LoginWeaknessKind, keyboardOnly: boolean) => {
      const key = `${kind}\n${how}\n${activation.line}`;
      const group = groups.get(key) ?? { activation, how, kind, keyboardOnly, lines: [] };
      group.keyboardOnly &&= keyboardOnly;
      group.lines.push(l);
      groups.set(key, group);
    };
    const copy = this.appendedTo;
    this.stockLines.forEach((l, i) => {
      if (l.removal && !copy) {
        join(l, "include", l.removal, "password-authentication", false);
        join(l, "include", l.removal, "root-login", false);
      }
      if (l.taken && !isActive(l.text) && !copy) join(l, "removed", l.taken, kindOf(l.stock.directive), false);
      if (!l.activation || l.text === undefined || l.explicit || !isWeak(l.text)) return;
      if (copy?.followsOriginals && setsSameDirective(copy.originals[i].text, l.text)) return;
      const how = l.role === "default" ? "uncommented" : "changed";
      for (const weakness of weaknessesIn(firstLine(l.text)))
        join(l, how, l.activation, weakness.kind, weakness.keyboardOnly);
    });
    for (const group of groups.values()) {
      const { activation, kind, keyboardOnly } = group;
      const { at, unlessSshdReads } = activation;
      const details = { keyboardOnly, note: groupNote(group), unlessHardened: restorable(group), at, unlessSshdReads };
      activation.found.add(kind, activation.line, details);
    }
    this.reportUnplaced(groups);
  }

  /**
   * The hardened lines the files of a deletion over a range ship, which it may take away, and the hardened lines or
   * Include a deletion inside a block would take away: unverifiable, unless the same line surely took that kind of
   * hardening away (`ex -sc '/^PasswordAuthentication/d 2|x'`).
   */
  private reportUnplaced(groups: ReadonlyMap<string, Group>): void {
    const sure = new Set<string>();
    for (const { how, kind, activation } of groups.values())
      if (how === "removed" || how === "include") sure.add(`${kind}\n${activation.line}`);
    for (const activation of this.unplaced)
      for (const directive of hardenedIn(activation.files ?? [])) {
        const kind = kindOf(directive);
        if (sure.has(`${kind}\n${activation.line}`)) continue;
        const unlessHardened = restorable({ how: "removed", kind, activation, keyboardOnly: false, lines: [] });
        const details = {
          note: unplacedDeletionNote(directive),
          unverifiable: true,
          unlessHardened,
          at: activation.at,
        };
        activation.found.add(kind, activation.line, details);
      }
    for (const { activation, lines } of this.mayBeDeleted) {
      const noted = new Set<LoginWeaknessKind>();
      for (const { role, stock } of lines) {
        const how: How = role === "include" ? "include" : "removed";
        const kinds = role === "include" ? KINDS : [kindOf(stock.directive)];
        for (const kind of kinds) {
          if (noted.has(kind) || sure.has(`${kind}\n${activation.line}`)) continue;
          noted.add(kind);
          const note = role === "include" ? blockDeletionNote(stock.line, true) : blockDeletionNote(stock.directive);
          const unlessHardened = restorable({ how, kind, activation, keyboardOnly: false, lines: [] });
          activation.found.add(kind, activation.line, { note, unverifiable: true, unlessHardened, at: activation.at });
        }
      }
    }
  }
}

const KINDS: readonly LoginWeaknessKind[] = ["password-authentication", "root-login"];

/**
 * What a sed line did to stock lines: uncommented a default, changed a hardened value, took the Include away, took a
 * hardened line away.
 */
type How = "uncommented" | "changed" | "include" | "removed";

/** The stock lines one sed line weakened the same way. */
interface Group {
  activation: Activation;
  how: How;
  kind: LoginWeaknessKind;
  keyboardOnly: boolean;
  lines: StockLine[];
}

/** Why the sed line weakens login, from the stock lines it changed. */
function groupNote({ how, lines }: Group): string {
  if (how === "uncommented") return activatedDefaultsNote(lines.map((l) => l.stock));
  if (how === "changed")
    return weakenedLinesNote(lines.map((l) => ({ stock: l.stock, text: firstLine(l.text ?? "") })));
  if (how === "removed") return removedLinesNote(lines.map((l) => l.stock));
  return `takes away "${DROP_IN_INCLUDE.line}": ${DROP_INS_UNREAD}`;
}

/**
 * What undoes the Include taken away: the directive set to no in sshd_config itself, which sshd still reads. What
 * undoes a hardened line taken away: the directive set to no again, in sshd_config after the edit took it from there,
 * or in a drop-in (any time, when the edit reached none).
 */
function restorable({ how, kind, activation }: Group): Restorable | undefined {
  const directives = [kind === "root-login" ? "PermitRootLogin" : "PasswordAuthentication"];
  if (how === "include") return { directives, byDropIns: false };
  if (how !== "removed") return undefined;
  const mainAfter = activation.files?.some(isMainSshdConfigPath) ?? true;
  return { directives, byDropIns: true, mainAfter, dropInsAnyTime: !reachesDropIns(activation) };
}

/**
 * The lines an edit may reach: a range, or a condition the reader cannot read, may or may not reach a drop-in's
 * hardened line, so only the image's defaults are edited. A deletion over a range takes the lines its address names
 * (the range's start), and no other the reader can place: those are reported apart, as unverifiable.
 */
function reachable(edit: SedEdit, lines: StockLine[]): StockLine[] {
  if (edit.command === "d" && edit.partial) return edit.address === "" || edit.negated ? [] : lines;
  return edit.partial || edit.maybe ? lines.filter((l) => l.role === "default") : lines;
}

/** The keyword a line sets, lower-cased (sshd reads keywords in any case); "" for a comment or a deleted line. */
function keyword(text: string | undefined): string {
  return isActive(text) ? (/^\s*([A-Za-z]+)/.exec(text ?? "")?.[1].toLowerCase() ?? "") : "";
}

/** Whether an active original line sets the directive its copy sets: sshd reads the original first. */
function setsSameDirective(original: string | undefined, copied: string): boolean {
  const set = keyword(original);
  return set !== "" && set === keyword(copied);
}

/** Whether an edit's result takes the Include away, turns the line weak or takes a hardened line away. */
function weakens(stockLine: StockLine, edited: Edited, activation: Activation): boolean {
  const { role, text } = stockLine;
  if (role === "include") return includesDropIns(text ?? "") && !includesDropIns(edited.text ?? "");
  if (takesAway(stockLine, edited, activation)) return true;
  return edited.text !== undefined && !isWeak(text ?? "#") && isWeak(edited.text);
}

/**
 * Whether an edit deletes or comments out a hardened line whose directive is weak by default, in a file the edit
 * names that ships the line.
 */
function takesAway({ role, stock, text }: StockLine, edited: Edited, { files }: Activation): boolean {
  if (role !== "hardened" || !isActive(text) || isActive(edited.text)) return false;
  const shipping = REMOVABLE_HARDENING.get(stock.directive);
  return shipping !== undefined && (files ?? []).some((f) => shipping.some((path) => namesFile(f, path)));
}

/** The directives whose hardened lines ship in a file the operands (maybe globs) name. */
export function hardenedIn(files: readonly string[]): string[] {
  const directives: string[] = [];
  for (const [directive, shipping] of REMOVABLE_HARDENING)
    if (files.some((f) => shipping.some((path) => namesFile(f, path)))) directives.push(directive);
  return directives;
}

/** Whether a file operand (maybe a glob over its directory) names `path`. */
function namesFile(operand: string, path: string): boolean {
  const normal = normalPath(operand);
  if (normal === path) return true;
  const slash = normal.lastIndexOf("/");
  return (
    normal.slice(0, slash) === path.slice(0, path.lastIndexOf("/")) &&
    globMatches(normal.slice(slash + 1), path.slice(path.lastIndexOf("/") + 1))
  );
}

/** Whether an edit's files may be drop-ins: a drop-in hardened before it may have lost its line. */
function reachesDropIns({ files }: Activation): boolean {
  return files === undefined || files.some((f) => !isMainSshdConfigPath(f));
}

function namesDefaultedDirective(edit: SedEdit): boolean {
  return DEFAULTED_DIRECTIVE.test(edit.address) || DEFAULTED_DIRECTIVE.test(edit.pattern);
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

const COMMENTED = /^\s*#/;

/** A line sshd reads: there, not deleted or commented out. */
function isActive(text: string | undefined): boolean {
  return text !== undefined && !COMMENTED.test(text);
}

/** A line sshd reads that weakens login. */
function isWeak(text: string): boolean {
  return !COMMENTED.test(text) && weaknessesIn(firstLine(text)).length > 0;
}
