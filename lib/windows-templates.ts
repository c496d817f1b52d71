// The texts a Windows script gave the files it wrote, kept by resolved path (windows-written-texts.ts resolves them)
// within bounds of length and total size, and what a statement reading some of them back writes: their texts with its
// replacements replayed (windows-replacements.ts) under one matching budget per script. A file not kept — one the
// script did not write, put in place from elsewhere, or past the bounds — holds text the reader does not know.
import { MatchBudget } from "./userdata-sed-regex";
import { Replacement, replayReplacements } from "./windows-replacements";

/** What a statement writes from the files it reads (those that are not sshd's configuration itself). */
export interface SourcedText {
  /** The texts read, each with the statement's replacements replayed on it. */
  texts: string[];
  /** A file read holds text the reader does not know, or its replacements could not be replayed. */
  unknown: boolean;
  /** The statement also reads sshd's configuration itself, whose text the reader does not keep. */
  readsConfig?: boolean;
}

export const NOTHING_SOURCED: SourcedText = { texts: [], unknown: false };

/** One file's text beyond this is not a configuration template's: the file holds text the reader does not keep. */
const MAX_TEXT = 65_536;
/** All files' texts together, so that a script writing many large files costs bounded memory. */
const MAX_TOTAL = 1_048_576;
/** Matching work one script's replacements may spend: a few templates' worth (see replayReplacements' costs). */
const BUDGET = 1_000_000;

/**
 * What a statement writes to a file, made only when a later statement reads the file back: most files a script
 * writes are never read by it again, and a hostile script writes many.
 */
export interface Written {
  /** An upper bound of the text's length, known without making it. */
  length: number;
  text: () => string;
}

/** A file's text: the pieces written to it in turn, joined when it is first read. */
interface Held {
  pieces: Written[];
  length: number;
  made?: string;
}

export class WindowsTemplates {
  /** Each file's text as the script wrote it, by resolved path, any case. A file not here is not known. */
  private readonly files = new Map<string, Held>();
  private total = 0;
  private readonly budget = new MatchBudget(BUDGET);

  /**
   * The file at `key` now holds `written`, added to what it held when `appends`; `undefined`: text not known. Added
   * to a file whose text is not known (one the script did not write may have been there before), it stays unknown.
   */
  wrote(key: string, written: Written | undefined, appends: boolean): void {
    const earlier = this.files.get(key);
    this.files.delete(key);
    if (written === undefined || (appends && earlier === undefined)) return;
    const length = (appends && earlier !== undefined ? earlier.length + 1 : 0) + written.length;
    if (length > MAX_TEXT || this.total + written.length > MAX_TOTAL) return;
    this.total += written.length;
    this.files.set(key, {
      pieces: appends && earlier !== undefined ? [...earlier.pieces, written] : [written],
      length,
    });
  }

  private textOf(key: string | undefined): string | undefined {
    const held = key === undefined ? undefined : this.files.get(key);
    if (held === undefined) return undefined;
    return (held.made ??= held.pieces.map((piece) => piece.text()).join("\n"));
  }

  /** The text `replacements` make of `text` (see replayReplacements), within this script's budget. */
  replayed(text: string, replacements: readonly Replacement[], lines: boolean): string | undefined {
    return replayReplacements(text, replacements, lines, this.budget);
  }

  /**
   * What a statement writes from the files it reads (`reads`, each with its resolved key; undefined where the path
   * cannot be resolved): their texts with the `replacements` replayed (undefined: one cannot be read).
   */
  sourced(reads: { key: string | undefined; lines: boolean }[], replacements: Replacement[] | undefined): SourcedText {
    if (reads.length === 0) return NOTHING_SOURCED;
    const texts: string[] = [];
    for (const { key, lines } of reads) {
      const text = this.textOf(key);
      const filled =
        text === undefined || replacements === undefined
          ? undefined
          : replayReplacements(text, replacements, lines, this.budget);
      if (filled === undefined) return { texts, unknown: true };
      texts.push(filled);
    }
    return { texts, unknown: false };
  }
}
