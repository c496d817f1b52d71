// Quoted-printable (RFC 2045 §6.7), the other transfer encoding of MIME parts: `=3D` stands for a byte, `=` at the
// end of a line joins it to the next. A script sent so hides `PermitRootLogin=3Dyes` from a plain line scan.

/** The decoder loads with the first quoted-printable part: the pack's start-up is timed and such parts are rare. */
let libqpModule: typeof import("libqp") | undefined;
const libqp = (): typeof import("libqp") => (libqpModule ??= require("libqp"));

/**
 * The text a quoted-printable body encodes, its bytes read as UTF-8. The body goes in one byte per character
 * (latin1), as the decoder expects, so raw UTF-8 beside the escapes (Chinese comments) survives.
 */
export function decodeQuotedPrintable(body: string): string {
  return libqp().decode(Buffer.from(body, "utf8").toString("latin1")).toString("utf8");
}
