// The pack's bundle is written as ASCII: Node.js reads an ASCII file into a one-byte string, while one `…` in a
// comment makes V8 hold the whole ~2 MB text two bytes a character (reading and fingerprinting the bundle at a start:
// 17 ms in a fresh process, 13 ms once it is ASCII). esbuild's `charset: "ascii"` already escapes every non-ASCII
// character in code (strings, templates, regular expressions, identifiers); what it leaves is in comments, where the
// escape written here is inert text.

/** The text with every UTF-16 code unit above 0x7f written as `\uXXXX`. */
export function escapeNonAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** True when every character of the text is ASCII. */
export const isAscii = (text: string): boolean => !/[^\x00-\x7f]/.test(text);
