// Shared by the engine's redactor and the pack's message masking. A policy quotes the one line of a script that weakens a host, never the whole script: so a secret that is a script
// (multi-line, or base64 and maybe gzip that decodes to text, as user data is given) is searched for line by line too.
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";

/** Shorter lines (`fi`, `done`, `set -e`) are not searched: they would cut every script quoted anywhere. */
export const MIN_SECRET_LINE = 8;
/** Needles one value may add: the redactor's pattern holds them all. */
export const MAX_LINES_PER_VALUE = 2_000;
/** Characters one value may decode or inflate to: a gzip bomb must not fill memory. */
export const MAX_DECODED = 1 << 20;

/** Text base64 (maybe gzip+base64) stands for, within the size cap; undefined when the value is not encoded text. */
function decodedText(value: string): string | undefined {
  // base64 is 4 characters for 3 bytes: a longer value decodes past the cap whatever it holds.
  if (value.length > (MAX_DECODED / 3) * 4 + 4) return undefined;
  const bytes = base64Bytes(value);
  const text = bytes && textOf(bytes, new InflateBudget(MAX_DECODED));
  return text !== undefined && text.length <= MAX_DECODED ? text : undefined;
}

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
 * What else of a secret string must not be printed: its decoded text when it is encoded, and the lines of it (and
 * of its decoded text) when it is a script. Empty for a one-line value that decodes to nothing.
 */
export function secretScriptPieces(value: string): string[] {
  const pieces = new Set<string>();
  const decoded = decodedText(value);
  if (decoded !== undefined) pieces.add(decoded.trim());
  addLines(value, pieces);
  if (decoded !== undefined) addLines(decoded, pieces);
  return [...pieces];
}
