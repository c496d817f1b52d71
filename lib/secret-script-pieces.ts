// Shared by the engine's redactor and the pack's message masking. A policy quotes the one line of a script that weakens a host, never the whole script: so a secret that is a script
// (multi-line, or base64 and maybe gzip that decodes to text, as user data is given) is searched for line by line too,
// and so is every text the user-data reader decodes out of it (a write_files entry, a MIME part, `base64 -d` output).
import type { decodedTextsWithin as DecodedTextsWithin } from "./userdata-decoded-texts";
import type { LoginWeakness } from "./userdata-findings";

/** The readers load on first use: the engine's CLI needs them only for a stack that has secrets, after its program ran. */
let readDecodedTexts: typeof DecodedTextsWithin | undefined;

/** Shorter lines (`fi`, `done`, `set -e`) are not searched: they would cut every script quoted anywhere. */
export const MIN_SECRET_LINE = 8;
/** Needles one value may add: the redactor's pattern holds them all. */
export const MAX_LINES_PER_VALUE = 2_000;
/** Characters of a script line a policy message quotes (the pack's script findings cut a longer line there). */
export const MAX_QUOTED_LINE = 120;
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
 * setting is quoted whole) and line by line. Empty for a one-line value that decodes to nothing. At most
 * `MAX_LINES_PER_VALUE` pieces, within `MAX_DECODED`: see `readSecretScript` for whether that was all.
 */
export function secretScriptPieces(value: string): string[] {
  return readSecretScript(value).pieces;
}

/**
 * The pieces, and whether they are all the readers read: false when a cap cut the enumeration short (more lines
 * than `MAX_LINES_PER_VALUE`, a text past `MAX_DECODED`) while the readers, with limits of their own, read on. The
 * caller then fails closed with `secretQuotedLines`.
 */
export function readSecretScript(value: string): { pieces: string[]; complete: boolean } {
  const pieces = new Set<string>();
  readDecodedTexts ??= (require("./userdata-decoded-texts") as typeof import("./userdata-decoded-texts"))
    .decodedTextsWithin;
  const { whole, nested, complete } = readDecodedTexts(value, MAX_DECODED);
  if (whole !== undefined) pieces.add(whole.trim());
  addLines(value, pieces);
  if (whole !== undefined) addLines(whole, pieces);
  for (const text of nested) {
    if (pieces.size >= MAX_LINES_PER_VALUE) break;
    const trimmed = text.trim();
    if (trimmed.length >= MIN_SECRET_LINE) pieces.add(trimmed);
    addLines(text, pieces);
  }
  return { pieces: [...pieces], complete: complete && pieces.size < MAX_LINES_PER_VALUE };
}

/**
 * Everything of a secret string that must be masked as a script: `readSecretScript`'s pieces and, when a cap cut
 * those short, the lines the readers quote (`secretQuotedLines`), so that masking fails closed. Shared by the
 * engine's redactor and the pack's message masking, which must mask alike.
 */
export function secretMaskedPieces(value: string): string[] {
  const { pieces, complete } = readSecretScript(value);
  return complete ? pieces : [...pieces, ...secretQuotedLines(value)];
}

/**
 * The lines the user-data readers (the shell reader; the Windows reader for Windows user data) quote out of
 * `value`, as they quote them: found by running them, so no cap of the enumeration can leave one out.
 */
export function secretQuotedLines(value: string): string[] {
  const { decodeUserData, findLoginWeaknesses } = require("./userdata") as typeof import("./userdata");
  const { windowsUserDataScripts } = require("./windows-user-data") as typeof import("./windows-user-data");
  const { findWindowsLoginWeaknesses } =
    require("./windows-login-weaknesses") as typeof import("./windows-login-weaknesses");
  const text = decodeUserData(value);
  const windows = windowsUserDataScripts(text);
  const found: readonly LoginWeakness[] = windows ? findWindowsLoginWeaknesses(windows) : findLoginWeaknesses(text);
  // An unread stream's line is the reader's own reason, not a line of the value.
  return found
    .filter((w) => w.kind !== "unread-content")
    .map((w) => w.line.trim())
    .filter((line) => line.length >= MIN_SECRET_LINE);
}
