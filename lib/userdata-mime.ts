// MIME multi-part user data, cloud-init's way of combining scripts and cloud-configs in one document. Base64 and
// quoted-printable parts hide their text from a line scan, so each part is decoded and returned on its own.
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { decodeQuotedPrintable } from "./userdata-quoted-printable";
import { appendAll } from "./arrays";

export interface MimePart {
  /** Lower-cased media type without parameters, e.g. "text/cloud-config". */
  contentType: string;
  text: string;
}

/** The header naming a multi-part document's boundary, in any case. */
const CONTENT_TYPE = /content-type/i;
/** Nested multi-parts beyond this depth are left as they are (cloud-init itself rarely nests). */
const MAX_DEPTH = 3;

/** The parts of a multi-part document, base64 bodies decoded; undefined when `text` is not multi-part. */
export function mimeParts(text: string, budget?: InflateBudget): MimePart[] | undefined {
  // Without a Content-Type header there is no boundary: most user data is a plain script, not worth splitting.
  if (!CONTENT_TYPE.test(text)) return undefined;
  const { headers, body } = splitHeaders(text);
  return partsOf(headers, body, 0, budget);
}

/** Whether `text` is a multi-part document (its headers name a boundary), without reading its parts. */
export function isMultipart(text: string): boolean {
  return CONTENT_TYPE.test(text) && multipartBoundary(splitHeaders(text).headers.get("content-type")) !== undefined;
}

function partsOf(
  headers: Map<string, string>,
  body: string,
  depth: number,
  budget: InflateBudget | undefined,
): MimePart[] | undefined {
  const boundary = multipartBoundary(headers.get("content-type"));
  if (boundary === undefined || depth >= MAX_DEPTH) return undefined;
  const parts: MimePart[] = [];
  // Between the preamble and the closing `--boundary--` (whose chunk starts with "--"), each chunk is a part.
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith("--")) break;
    const part = splitHeaders(chunk.replace(/^[ \t]*\r?\n/, ""));
    const nested = partsOf(part.headers, part.body, depth + 1, budget);
    if (nested) appendAll(parts, nested);
    else parts.push({ contentType: mediaType(part.headers.get("content-type")), text: bodyText(part, budget) });
  }
  return parts.length > 0 ? parts : undefined;
}

/** A part's text: base64 bodies decoded (and gunzipped), quoted-printable ones decoded, others as they are. */
function bodyText(part: { headers: Map<string, string>; body: string }, budget?: InflateBudget): string {
  const encoding = part.headers.get("content-transfer-encoding")?.trim().toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body);
  if (encoding !== "base64") return part.body;
  const bytes = base64Bytes(part.body);
  return (bytes && textOf(bytes, budget)) ?? part.body;
}

/** Headers (folded lines joined, names lower-cased) up to the first blank line, and the body after it. */
function splitHeaders(text: string): { headers: Map<string, string>; body: string } {
  const blank = /\r?\n\r?\n/.exec(text);
  const head = blank ? text.slice(0, blank.index) : text;
  const body = blank ? text.slice(blank.index + blank[0].length) : "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** The boundary parameter of a multipart/* content type, quoted or not. */
function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !mediaType(contentType).startsWith("multipart/")) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;"]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}
