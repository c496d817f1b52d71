// A stream edit (sed, perl -p) run over a file whose text the script wrote itself, a template's placeholder filled in:
// `echo "PasswordAuthentication __PA__" > f; sed -i "s/__PA__/yes/" f`, or `sed "s/__PA__/$PA/" /tmp/t > f`. The
// edit is replayed on each line of that text, so that a line it makes weaken login is read as written. Lines set to
// no before the edit are left to the stock model, which reads edits turning hardened values weak on any file.
import { apply, compileEdit, Compiled } from "./userdata-edit-replay";
import { Findings } from "./userdata-findings";
import { SedEdit, SedScript } from "./userdata-sed-edits";
import { MatchBudget } from "./userdata-sed-regex";
import {
  DIRECTIVE,
  DirectiveWeakness,
  directivesSetToNo,
  valueFromElsewhere,
  weaknessesIn,
} from "./userdata-sshd-directives";

/** Bounds on what is replayed: lines of one file (known text is kept up to 16 KB) and edits of one script. */
const MAX_LINES = 512;
const MAX_EDITS = 64;
/** A pattern of no special character in any dialect (sed's basic and extended, Perl's): it matches itself. */
const PLAIN = /^[\w@%#:,= -]+$/;

/** A line of the file before and after the edit, with the weaknesses the edit adds to it. */
export interface EditedLine {
  before: string;
  after: string;
  added: DirectiveWeakness[];
}

/** A line of text and what the script makes of it: undefined once deleted. */
interface Replayed {
  before: string;
  after: string | undefined;
}

/**
 * Each line of `text` and what the script makes of it; undefined when the edit cannot be replayed line by line (text
 * it adds, a line number or range, a condition the reader cannot read, a pattern not compiled, past the bounds).
 */
function replay(script: SedScript, lines: readonly string[], budget: MatchBudget): Replayed[] | undefined {
  const { edits } = script;
  if (edits.length === 0 || edits.length > MAX_EDITS || lines.length > MAX_LINES) return undefined;
  if (edits.some((e) => e.command === "text" || e.numbered || e.partial || e.maybe || e.within === true))
    return undefined;
  const compiled: Compiled[] = edits.map((edit) => compileEdit(edit, script.syntax, budget));
  if (compiled.some((c) => c.refused !== undefined)) return undefined;
  const literals = edits.map(literalPattern);
  return lines.map((before) => {
    let after: string | undefined = before;
    for (let i = 0; i < edits.length && after !== undefined; i++) {
      // Most placeholders are plain words (`s/__PA__/yes/`): a line without the word is not matched at all.
      const literal = literals[i];
      if (literal !== undefined && !after.includes(literal)) continue;
      const edited = apply(edits[i], compiled[i], after);
      if (edited !== undefined) after = edited.text;
    }
    return { before, after };
  });
}

/** The pattern of an unaddressed, case-sensitive `s` edit when it is a plain word, which matches only itself. */
function literalPattern(edit: SedEdit): string | undefined {
  const plain = edit.command === "s" && edit.address === "" && !/i/i.test(edit.flags) && PLAIN.test(edit.pattern);
  return plain ? edit.pattern : undefined;
}

/** The text the script makes of `text` (see replay); undefined when it cannot be replayed. */
export function editedText(script: SedScript, text: string, budget: MatchBudget): string | undefined {
  const lines = replay(script, text.split("\n"), budget);
  if (lines === undefined) return undefined;
  const kept: string[] = [];
  for (const { after } of lines) if (after !== undefined) kept.push(after);
  return kept.join("\n");
}

/**
 * The lines of `text` the script changes into a line that weakens login or takes its value from outside the script;
 * undefined when the edit cannot be replayed (see replay): the caller then reads the edit as before.
 */
export function weakenedByEdit(script: SedScript, text: string, budget: MatchBudget): EditedLine[] | undefined {
  // Only a line naming a login directive can be filled in to weaken login: an edit writing the directive itself is
  // read from its replacement (see writtenText), and the other lines are not replayed.
  const all = text.split("\n");
  if (all.length > MAX_LINES) return undefined;
  const lines = replay(
    script,
    all.filter((line) => DIRECTIVE.test(line)),
    budget,
  );
  if (lines === undefined) return undefined;
  const changed: EditedLine[] = [];
  for (const { before, after } of lines) {
    if (after === undefined || after === before || directivesSetToNo(before).length > 0) continue;
    const already = new Set(weaknessesIn(before).map((w) => w.kind));
    const added = weaknessesIn(after).filter((w) => !already.has(w.kind));
    if (added.length > 0 || (valueFromElsewhere(after) !== undefined && valueFromElsewhere(before) === undefined))
      changed.push({ before, after, added });
  }
  return changed;
}

/** Where an edit's output lands, and the file whose known text it edits. */
export interface KnownEdit {
  /** The file whose text the script wrote, as the edit names it. */
  file: string;
  text: string;
  /** Set when the output lands in a file sshd does not read: it counts once sshd is made to read that file. */
  unlessSshdReads?: string;
}

/** Reports, on the edit's line, each line of known text the edit makes weaken login (see weakenedByEdit). */
export function reportKnownEdits(
  script: SedScript,
  edits: readonly KnownEdit[],
  line: string,
  found: Findings,
  budget: MatchBudget,
): void {
  for (const { file, text, unlessSshdReads } of edits)
    for (const { before, after, added } of weakenedByEdit(script, text, budget) ?? []) {
      const elsewhere = valueFromElsewhere(after);
      const filled = `fills in "${before}" of ${file}, which reads "${after}"`;
      if (elsewhere === undefined) {
        for (const { kind, keyboardOnly } of added)
          found.add(kind, line, { note: filled, keyboardOnly, unlessSshdReads });
      } else {
        const { directive, value } = elsewhere;
        const kind = directive.toLowerCase() === "permitrootlogin" ? "root-login" : "password-authentication";
        const note = `${filled}: ${directive} is set to ${value}, which the script does not set`;
        found.add(kind, line, { note, unverifiable: true, unlessSshdReads });
      }
    }
}
