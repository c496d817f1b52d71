// What a Windows script wrote to each file, for the statements that read a file back to write sshd's configuration
// with: a template whose placeholder a replacement fills in (`(Get-Content C:\t\sshd.tpl) -replace '__PA__','yes' |
// Set-Content C:\ProgramData\ssh\sshd_config`), or a file copied over it. Files are keyed by their resolved path:
// variables filled in, relative names read from where the command stands, any case.
import { copiedFiles, writtenPaths } from "./windows-authorized-keys";
import { MAX_READS, Sources, sourcesOf } from "./windows-file-reads";
import { MAX_REPLACEMENTS } from "./windows-replacements";
import { NOTHING_SOURCED, SourcedText, WindowsTemplates, Written } from "./windows-templates";
import { WINDOWS_STOCK_SSHD_CONFIG } from "./windows-sshd-stock";
import { VariableValue, WindowsVariables } from "./windows-variables";
import { Folder, resolveFolder } from "./windows-working-directory";

/** The longest value filled into a path: a Windows path is at most 260 characters, long paths 32,767. */
export const MAX_FILLED_VALUE = 1024;
const MAX_PATH = 32_767;

/** How a statement writes the files it names: a writer (else a copy or download), appending, and its own text. */
export interface StatementWrites {
  writes: boolean;
  appends: boolean;
  ownText: () => string;
}

/** Whether a path, read from `folder` with `variables`, is sshd's configuration. */
export type IsConfig = (path: string, variables: WindowsVariables, folder: Folder) => boolean;

export class WrittenTexts {
  private readonly store = new WindowsTemplates();
  private readonly heldSources = new WeakMap<VariableValue, Sources>();

  constructor(private readonly isConfig: IsConfig) {}

  /**
   * What the statement writes from files it reads that are not sshd's configuration itself (whose edits in place
   * the statement's own text tells): templates the script wrote, their replacements replayed, or text not known.
   */
  sourced(statement: string, variables: WindowsVariables, referenced: VariableValue[], folder: Folder): SourcedText {
    // A variable may hold what was read (`$t = Get-Content C:\t\sshd.tpl`) and replaced before the statement writes it.
    const pieces = [...referenced.map((v) => this.sourcesHeld(v)), sourcesOf(statement)];
    if (pieces.some((p) => p.reads === undefined)) return { texts: [], unknown: true };
    const all = pieces.flatMap((p) => p.reads ?? []);
    // Past MAX_READS (the reads of many values together), what the statement writes is left unknown.
    if (all.length > MAX_READS) return { texts: [], unknown: true };
    const reads = all.filter((read) => !this.isConfig(read.path, variables, folder));
    if (reads.length < all.length) return { texts: [], unknown: false, readsConfig: true };
    if (reads.length === 0) return NOTHING_SOURCED;
    const replacements = pieces.every((p) => p.replacements !== undefined)
      ? pieces.flatMap((p) => p.replacements ?? [])
      : undefined;
    if (replacements !== undefined && replacements.length > MAX_REPLACEMENTS) return { texts: [], unknown: true };
    const keyed = reads.map((read) => ({ key: this.key(read.path, variables, folder), lines: read.lines }));
    return this.store.sourced(keyed, replacements);
  }

  /**
   * What an edit of sshd's configuration in place makes of the stock file (windows-sshd-stock.ts): its replacements
   * (and those of the variables it refers to) replayed on the stock lines; undefined when it makes none or one
   * cannot be replayed. Read one line at a time unless the file is read whole (`-Raw`, .NET's ReadAllText).
   */
  editedStock(statement: string, referenced: VariableValue[]): string | undefined {
    const pieces = [...referenced.map((v) => this.sourcesHeld(v)), sourcesOf(statement)];
    if (pieces.some((p) => p.replacements === undefined)) return undefined;
    const replacements = pieces.flatMap((p) => p.replacements ?? []);
    if (replacements.length === 0 || replacements.length > MAX_REPLACEMENTS) return undefined;
    const lines = pieces.every((p) => (p.reads ?? []).every((read) => read.lines));
    return this.store.replayed(WINDOWS_STOCK_SSHD_CONFIG, replacements, lines);
  }

  /** The text the statement's copies put in place from files the script wrote (not sshd's configuration). */
  copied(words: string[], variables: WindowsVariables, folder: Folder): SourcedText {
    const sources = copiedFiles(words).filter((path) => !this.isConfig(path, variables, folder));
    if (sources.length === 0) return NOTHING_SOURCED;
    const keyed = sources.map((path) => ({ key: this.key(path, variables, folder), lines: false }));
    return this.store.sourced(keyed, []);
  }

  /** The files a variable's value reads and its replacements: read once per assignment. */
  private sourcesHeld(value: VariableValue): Sources {
    let sources = this.heldSources.get(value);
    if (sources === undefined) this.heldSources.set(value, (sources = sourcesOf(value.text)));
    return sources;
  }

  /**
   * Keeps the text each file the statement writes now holds, for a statement that later reads it back: what the
   * statement spells (`kind.ownText`: its pattern operands taken out) and the variables it refers to hold, or the
   * templates it filled in; a file copied from one the script wrote holds that file's text; one downloaded, or
   * written from text not known, holds text the reader does not know. sshd's configuration is kept too, but never
   * read back from here: reads of it are told apart (`sourced`).
   */
  remember(
    statement: string,
    words: string[],
    variables: WindowsVariables,
    referenced: VariableValue[],
    folder: Folder,
    kind: StatementWrites,
    sourced: SourcedText,
    copied: SourcedText,
  ): void {
    const destinations = writtenPaths(statement, words);
    if (destinations.length === 0) return;
    let written: Written | undefined;
    if (kind.writes && !sourced.unknown && sourced.readsConfig !== true) {
      const texts = [...sourced.texts, statement, ...referenced.map((v) => v.text)];
      written = {
        length: texts.reduce((sum, t) => sum + t.length + 1, 0),
        text: () => [...sourced.texts, kind.ownText(), ...referenced.map((v) => v.text)].join("\n"),
      };
    } else if (!kind.writes && copied.texts.length === 1 && !copied.unknown) {
      const [text] = copied.texts;
      written = { length: text.length, text: () => text };
    }
    for (const destination of destinations) {
      const key = this.key(destination, variables, folder);
      if (key !== undefined) this.store.wrote(key, written, kind.appends);
    }
  }

  /** A file's path as the reader keys it: variables filled in, resolved from where the command stands, any case. */
  private key(path: string, variables: WindowsVariables, folder: Folder): string | undefined {
    const referenced = variables.referencedValues(path);
    if (referenced.some((value) => value.text.length > MAX_FILLED_VALUE)) return undefined;
    // Each reference may grow the path by a value: past the longest Windows path, it names no file kept.
    if (referenced.length > 0 && path.length + countReferences(path) * MAX_FILLED_VALUE > MAX_PATH) return undefined;
    const expanded = referenced.length > 0 ? variables.expandReferences(path) : path;
    const plain = expanded.replace(/["']/g, "").trim().replace(/\//g, "\\");
    return (resolveFolder(plain, folder) ?? plain).toLowerCase();
  }
}

/** How many variable references a path may hold at most: its `$`, `%` and `!` signs (`%name%` counts twice). */
function countReferences(path: string): number {
  let count = 0;
  for (let i = 0; i < path.length; i++) if (path[i] === "$" || path[i] === "%" || path[i] === "!") count++;
  return count;
}
