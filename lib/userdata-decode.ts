// Decoding of user data and of the encoded pieces inside it (MIME parts, write_files contents): base64, gzip, UTF-8.
import { gunzipSync } from "zlib";

/** Tested on trimmed text, so nothing follows the padding (a trailing `\s*` would overlap the class's newlines). */
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;
/** Real user data is tens of KB at most; the cap keeps a gzip bomb from filling memory. */
const MAX_INFLATED = 4 << 20;

/** Returns user data as text whether it was given plain, base64 or gzip+base64 (cloud-init accepts all three). */
export function decodeUserData(raw: string): string {
  if (typeof raw !== "string") return "";
  const bytes = base64Bytes(raw);
  return (bytes && textOf(bytes)) ?? raw;
}

/** The bytes base64 text stands for, or undefined when the text is not base64. */
export function base64Bytes(raw: string): Buffer | undefined {
  const compact = raw.trim();
  if (compact.length < 4 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact.replace(/\s+/g, ""), "base64");
}

/**
 * Bytes as text: gunzipped when they are gzip, else read as UTF-8 when that yields readable text (plain words like
 * "true" are valid base64 too, and their "decoding" is not text). Undefined when neither.
 */
export function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED }).toString("utf8");
    } catch {
      return undefined;
    }
  }
  const text = Buffer.from(bytes).toString("utf8");
  return isReadable(text) ? text : undefined;
}

/**
 * Valid UTF-8 (no replacement character) without control characters other than tab, CR and LF, holding some
 * whitespace: any script qualifies, whatever its language (Alibaba Cloud scripts often carry Chinese comments).
 */
function isReadable(text: string): boolean {
  if (text.length === 0 || text.includes("\uFFFD") || !/\s/.test(text)) return false;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return false;
  return true;
}

/** C0 controls other than tab, LF and CR; DEL; C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}
