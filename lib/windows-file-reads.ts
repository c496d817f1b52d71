// The files a Windows statement reads in (Get-Content and its aliases, .NET's ReadAllText and ReadAllLines) and the
// replacements it makes of what it read: how a script fills in a template it wrote (windows-written-texts.ts).
import { Replacement, replacementsOf } from "./windows-replacements";

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
