// C-style escapes as the shell and its printers read them: `$'…'` words, `echo -e`, printf's format. A script can
// spell `PermitRootLogin yes` as `PermitRootLogin\x20yes` or `PermitRootLogin\040yes`; read, it is the line it writes.

const SIMPLE: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b" };
/** One escape after its backslash: a letter, `xHH`, `uHHHH`, up to three octal digits (after an optional 0). */
const ESCAPE = /\\(?:([ntrabfve])|x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})|0?([0-7]{1,3})|([^]))/g;

/** The text with its escapes read. */
export function cEscapes(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(ESCAPE, (_m, simple?: string, hex?: string, unicode?: string, octal?: string, other?: string) => {
    if (simple !== undefined) return SIMPLE[simple];
    const code = hex ?? unicode;
    if (code !== undefined) return String.fromCharCode(parseInt(code, 16));
    if (octal !== undefined) return String.fromCharCode(parseInt(octal, 8) & 0xff);
    // `\\`, `\'` and `\"` are the character; another unknown escape keeps its backslash, as bash and printf keep it.
    return other === undefined ? "" : "\\'\"".includes(other) ? other : `\\${other}`;
  });
}
