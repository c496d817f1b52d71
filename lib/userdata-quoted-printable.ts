// Quoted-printable (RFC 2045 §6.7), the other transfer encoding of MIME parts: `=3D` stands for a byte, `=` at the
// end of a line joins it to the next. A script sent so hides `PermitRootLogin=3Dyes` from a plain line scan.

/** The text a quoted-printable body encodes, its bytes read as UTF-8. One pass. */
export function decodeQuotedPrintable(body: string): string {
  const chunks: Buffer[] = [];
  let plain = 0;
  const flush = (to: number) => {
    if (to > plain) chunks.push(Buffer.from(body.slice(plain, to), "utf8"));
  };
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "=") continue;
    const soft = /^[ \t]*\r?\n/.exec(body.slice(i + 1, i + 3 + trailingBlanks(body, i + 1)));
    const hex = body.slice(i + 1, i + 3);
    if (soft) {
      flush(i);
      plain = i + 1 + soft[0].length;
      i = plain - 1;
    } else if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      flush(i);
      chunks.push(Buffer.from([parseInt(hex, 16)]));
      plain = i + 3;
      i += 2;
    }
  }
  flush(body.length);
  return Buffer.concat(chunks).toString("utf8");
}

/** How many blanks follow `from`: encoders may leave some between a soft break's `=` and its line end. */
function trailingBlanks(text: string, from: number): number {
  let end = from;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return end - from;
}
