// Shared by the engine's redactor and the pack's message masking. A policy quotes the one line of a script that weakens a host, never the whole script: so a secret that is a script
// (multi-line, or base64 and maybe gzip that decodes to text, as user data is given) is searched for line by line too,
// and so is every text the user-data reader decodes out of it (a write_files entry, a MIME part, `base64 -d` output).
import type { decodedTexts as DecodedTexts } from "./userdata-decoded-texts";

/** The readers load on first use: the engine's CLI needs them only for a stack that has secrets, after its program ran. */
let readDecodedTexts: typeof DecodedTexts | undefined;

/** Shorter lines (`fi`, `done`, `set -e`) are not searched: they would cut every script quoted anywhere. */
export const MIN_SECRET_LINE = 8;
/** Needles one value may add: the redactor's pattern holds them all. */
export const MAX_LINES_PER_VALUE = 2_000;
/** Characters one value may decode or inflate to, nested layers included: a gzip bomb must not fill memory. */
export const MAX_DECODED = 1 << 20;

/** Trimmed lines of `text` long enough to search for, added to `into` until it holds `MAX_LINES_PER_VALUE`. */
function addLines(text: string, into: Set<string>): void {
  if (!text.includes("\n")) return;
  let start = 0;
  while (start <= text.length && into.size < MAX_LINES_PER_VALUE) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    if (line.length >= MIN_SECRET_LINE) into.add(line);
    if (end === -1) break;
    start = end + 1;
  }
}

/**
 * What else of a secret string must not be printed: its decoded text when it is encoded, the lines of it (and of its
 * decoded text) when it is a script, and the texts the reader decodes out of it in turn, whole (a one-line decoded
 * setting is quoted whole) and line by line. Empty for a one-line value that decodes to nothing.
 */
export function secretScriptPieces(value: string): string[] {
  const pieces = new Set<string>();
  readDecodedTexts ??= (require("./userdata-decoded-texts") as typeof import("./userdata-decoded-texts")).decodedTexts;
  const { whole, nested } = readDecodedTexts(value, MAX_DECODED);
  if (whole !== undefined) pieces.add(whole.trim());
  addLines(value, pieces);
  if (whole !== undefined) addLines(whole, pieces);
  for (const text of nested) {
    if (pieces.size >= MAX_LINES_PER_VALUE) break;
    const trimmed = text.trim();
    if (trimmed.length >= MIN_SECRET_LINE) pieces.add(trimmed);
    addLines(text, pieces);
  }
  return [...pieces];
}
