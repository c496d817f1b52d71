// Decoding of user data and of the encoded pieces inside it (MIME parts, write_files contents): base64, gzip, UTF-8.
import { gunzipSync } from "zlib";

/** Tested on trimmed text, so nothing follows the padding (a trailing `\s*` would overlap the class's newlines). */
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;
/** Real user data is tens of KB at most; the cap keeps a gzip bomb from filling memory. */
export const MAX_INFLATED = 4 << 20;
/** What one scan may inflate in all: nested gzip (a file in a gzipped file in…) would otherwise multiply the cap. */
export const SCAN_INFLATE_BUDGET = 8 << 20;
const MB = 1 << 20;
/** Deflate writes at most 1,032 bytes of output per byte of input: what a stream that fails may have cost. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Inflated bytes left to one scan, shared by every decode in it. Once spent, compressed content is not inflated
 * (it reads as the base64 text it is), so a scan's inflating and reading is bounded by the budget, however deep.
 * What was left compressed that way is remembered: the reader cannot clear what it did not read.
 */
export class InflateBudget {
  /** Why the first gzip stream left compressed was (past the cap, or past what the scan had left). */
  unread?: string;

  readonly total: number;

  constructor(public remaining = SCAN_INFLATE_BUDGET) {
    this.total = remaining;
  }

  leftUnread(why: string): void {
    this.unread ??= why;
  }
}

/** The reason a gzip stream is left compressed once the budget is spent. */
const pastBudget = (budget: InflateBudget) =>
  `gzip data past the ${+(budget.total / MB).toFixed(2)} MB one value may inflate in all`;

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
 * Bytes as text: gunzipped when they are gzip (within `budget`, when given), else read as UTF-8 when that yields readable text (plain words like
 * "true" are valid base64 too, and their "decoding" is not text). Undefined when neither.
 */
export function textOf(bytes: Uint8Array, budget?: InflateBudget): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const limit = Math.min(MAX_INFLATED, budget?.remaining ?? MAX_INFLATED);
    if (limit <= 0) {
      budget?.leftUnread(pastBudget(budget));
      return undefined;
    }
    try {
      const inflated = gunzipSync(bytes, { maxOutputLength: limit });
      if (budget) budget.remaining -= inflated.length;
      return inflated.toString("utf8");
    } catch (e) {
      if (!budget) return undefined;
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        // Inflated up to the limit: that work was done, and the rest of the stream is not read.
        budget.remaining -= limit;
        budget.leftUnread(
          limit === MAX_INFLATED ? `gzip data inflating past ${MAX_INFLATED / MB} MB` : pastBudget(budget),
        );
      } else {
        // Corrupt or cut short: no boot stage runs it either. It inflated an unknown amount before failing, at most
        // the ratio's worth of its input, which is charged (charging the whole limit let a few corrupt streams of
        // some bytes spend the scan's budget before the stream that matters).
        budget.remaining -= Math.min(limit, bytes.length * MAX_DEFLATE_RATIO);
      }
      return undefined;
    }
  }
  // A view of the same memory: Buffer.from(bytes) would copy every decoded script once more.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return isReadable(text) ? text : undefined;
}

/**
 * Valid UTF-8 (no replacement character) without control characters other than tab, CR and LF, holding some
 * whitespace or braced as a JSON object (an EC2Launch task document written compactly): any script qualifies,
 * whatever its language (Alibaba Cloud scripts often carry Chinese comments).
 */
function isReadable(text: string): boolean {
  if (text.length === 0 || text.includes("\uFFFD")) return false;
  if (!/\s/.test(text) && !(text.startsWith("{") && text.endsWith("}"))) return false;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return false;
  return true;
}

/** C0 controls other than tab, LF and CR; DEL; C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}
