// Files a Windows script writes itself and later reads back in to write sshd's configuration with: a template whose
// placeholder a replacement fills in (`(Get-Content C:\t\sshd.tpl) -replace '__PA__','yes' | Set-Content
// C:\ProgramData\ssh\sshd_config`). The text the script gave each file is kept, by the file's resolved path; what a
// statement reads from one, its replacements replayed (windows-replacements.ts), is what it writes. A file the script
// did not write, put in place from elsewhere, or made with replacements that cannot be replayed holds text the reader
// does not know.
import { MatchBudget } from "./userdata-sed-regex";
import { Replacement, replacementsOf, replayReplacements } from "./windows-replacements";

/** A file a statement reads in, its path as written: `lines` when it comes as an array of lines (Get-Content). */
export interface FileRead {
  path: string;
  lines: boolean;
}

const QUOTED = String.raw`'(?:[^']|'')*'|"[^"]*"`;
/** Get-Content and its aliases, their switches and valued parameters before the path, and the path. */
const GET_CONTENT = new RegExp(
  String.raw`(?<![\w-])(?:get-content|gc|cat|type)((?:\s+-(?:raw|force|path|literalpath|(?:encoding|readcount|totalcount|tail|first|delimiter)\s+[^\s|;)}]+))*)\s+(${QUOTED}|[^\s|;)}'"]+)`,
  "gi",
);
/** .NET's reads: `[IO.File]::ReadAllText(PATH)`, ReadAllLines. */
const DOTNET_READ = new RegExp(String.raw`::readall(text|lines)\s*\(\s*(${QUOTED}|[^\s,)'"]+)`, "gi");
/** A cheap test before the patterns above. */
const MAY_READ = /get-content|\bgc\b|\bcat\b|\btype\b|::readall/i;

/** More files read in one statement or value than a template fill reads: what it writes is left unknown. */
export const MAX_READS = 16;

/** The files a statement reads in, in order of their reads; undefined past MAX_READS. */
export function filesRead(statement: string): FileRead[] | undefined {
  if (!MAY_READ.test(statement)) return [];
  const found: { at: number; read: FileRead }[] = [];
  GET_CONTENT.lastIndex = 0;
  for (let m = GET_CONTENT.exec(statement); m !== null; m = GET_CONTENT.exec(statement)) {
    if (found.length === MAX_READS) return undefined;
    found.push({ at: m.index, read: { path: unquoted(m[2]), lines: !/-raw\b/i.test(m[1]) } });
  }
  DOTNET_READ.lastIndex = 0;
  for (let m = DOTNET_READ.exec(statement); m !== null; m = DOTNET_READ.exec(statement)) {
    if (found.length === MAX_READS) return undefined;
    found.push({ at: m.index, read: { path: unquoted(m[2]), lines: false } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.read);
}

const unquoted = (word: string): string => word.replace(/^(["'])([^]*)\1$/, "$2").trim();

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

/**
 * The files a text reads in and the replacements it makes of them: a statement's, or a variable's value. `reads`
 * undefined: more than MAX_READS, whose text is left unknown.
 */
export interface Sources {
  reads: FileRead[] | undefined;
  replacements: Replacement[] | undefined;
}

export function sourcesOf(text: string): Sources {
  const reads = filesRead(text);
  return { reads, replacements: reads?.length === 0 && !REPLACES.test(text) ? [] : replacementsOf(text) };
}

const REPLACES = /replace/i;
