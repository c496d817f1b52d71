// The header that carries an origin request gate's secret: a name CloudFront adds unchanged and an ALB header
// condition can match, never one CloudFront refuses to add or one CloudFront or the ALB write themselves.
import { checkPlain, Problems } from "../validation";

export const DEFAULT_ORIGIN_HEADER = "X-Origin-Verify";
/** An ALB header condition names a header of at most 40 characters. */
const MAX_HEADER_NAME_LENGTH = 40;

/**
 * Headers CloudFront refuses to add to origin requests: the list "Custom headers that CloudFront can't add to origin
 * requests" of the CloudFront developer guide, written in lower case.
 */
const CLOUDFRONT_REFUSED_HEADERS: ReadonlySet<string> = new Set([
  "cache-control",
  "connection",
  "content-length",
  "cookie",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "max-forwards",
  "pragma",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "range",
  "request-range",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
  "x-real-ip",
]);
/** The same list's prefixes (X-Amz-Cf-Id is one of CloudFront's own). */
const CLOUDFRONT_REFUSED_PREFIXES: readonly string[] = ["x-amz-", "x-edge-"];
/**
 * Prefixes of headers CloudFront or the ALB write themselves: CloudFront appends the viewer's address to
 * X-Forwarded-For and adds its CloudFront-Viewer-* headers, the ALB rewrites X-Forwarded-* and adds X-Amzn-Trace-Id.
 * A secret there would not arrive as sent, or would share its header with values AWS puts in.
 */
const AWS_WRITTEN_PREFIXES: readonly string[] = ["x-forwarded-", "cloudfront-", "x-amzn-"];

/** Why a header cannot carry the secret, or undefined when it can. */
export function reservedHeaderReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (CLOUDFRONT_REFUSED_HEADERS.has(lower) || CLOUDFRONT_REFUSED_PREFIXES.some((p) => lower.startsWith(p))) {
    return "CloudFront refuses to add it to origin requests";
  }
  if (AWS_WRITTEN_PREFIXES.some((p) => lower.startsWith(p))) return "CloudFront or the ALB write it themselves";
  return undefined;
}

/** RFC 7230 token characters without `*`, which an ALB header condition does not take as a name. */
const HEADER_NAME = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/;

export function checkHeaderName(problems: Problems, name: unknown): void {
  if (!checkPlain(problems, "headerName", name)) return;
  const written = problems.check(
    typeof name === "string" && name.length <= MAX_HEADER_NAME_LENGTH && HEADER_NAME.test(name),
    "headerName",
    name,
    `an HTTP header name of 1 to ${MAX_HEADER_NAME_LENGTH} letters, digits or !#$%&'+-.^_\`|~ (no spaces, no *)`,
    `omit headerName for "${DEFAULT_ORIGIN_HEADER}"`,
  );
  if (!written) return;
  const reason = reservedHeaderReason(name as string);
  problems.check(
    reason === undefined,
    "headerName",
    name,
    `a header CloudFront adds unchanged (not "${name}": ${reason})`,
    `omit headerName for "${DEFAULT_ORIGIN_HEADER}", or pick a name of your own, e.g. "X-Origin-Token"`,
  );
}
