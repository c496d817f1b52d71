// WAFv2 logging redactedFields that blank what an investigation reads: the URI path and query string carry the
// injection attempts, the method what was tried, the User-Agent the scanner's name (the case blocked abnormal
// agents), and the client-address headers the client's address behind a CDN or proxy, where the logged clientIp is
// the proxy's: X-Forwarded-For, the standard Forwarded, and the single-address headers CDNs and proxies set (Akamai's
// and Cloudflare's True-Client-IP, nginx's X-Real-IP, Cloudflare's CF-Connecting-IP, X-Client-IP). Header names are
// matched in any case, as HTTP reads them. Redacting credentials (authorization, cookie) is what redaction is for and
// is not reported.
import { ownValue } from "../../lib/own-value";
import { isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { field, onlyKey } from "./wafv2-fields";

const EVIDENCE_PARTS: Record<string, string> = {
  uripath: "the URI path (the attack payloads)",
  querystring: "the query string (the attack payloads)",
  method: "the HTTP method",
};
const EVIDENCE_HEADERS: Record<string, string> = {
  "user-agent": "the User-Agent (the scanner's name)",
  "x-forwarded-for": "X-Forwarded-For (the client's address behind a proxy)",
  forwarded: "Forwarded (the client's address behind a proxy)",
  "true-client-ip": "True-Client-IP (the client's address behind a CDN)",
  "x-real-ip": "X-Real-IP (the client's address behind a proxy)",
  "cf-connecting-ip": "CF-Connecting-IP (the client's address behind a CDN)",
  "x-client-ip": "X-Client-IP (the client's address behind a proxy)",
};

/** What a redacted field hides from the investigation, or undefined for fields an investigation can do without. */
function evidenceOf(redacted: unknown): string | "unknown" | undefined {
  if (isUnknown(redacted)) return "unknown";
  const key = onlyKey(redacted);
  if (key === undefined) return undefined;
  const part = ownValue(EVIDENCE_PARTS, key);
  if (part !== undefined) return part;
  if (key !== "singleheader") return undefined;
  const header = obj(field(obj(redacted), key));
  const name = field(header, "name");
  if (isUnknown(header) || isUnknown(name)) return "unknown";
  return typeof name === "string" ? ownValue(EVIDENCE_HEADERS, name.trim().toLowerCase()) : undefined;
}

export function redactionFindings(logName: string, redactedFields: unknown): Finding[] {
  if (isUnknown(redactedFields)) return [unverifiable("redactedFields")];
  const findings: Finding[] = [];
  list(redactedFields).forEach((r, i) => {
    const hidden = evidenceOf(r);
    if (hidden === "unknown") findings.push(unverifiable(`redactedFields[${i}]`));
    else if (hidden !== undefined)
      findings.push(
        violation(
          `logging configuration ${logName} redacts ${hidden} in redactedFields[${i}]: the logs no longer show what the attacker sent; redact only credentials (authorization, cookie)`,
        ),
      );
  });
  return findings;
}
