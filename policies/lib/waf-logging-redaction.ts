// WAFv2 logging redactedFields that blank what an investigation reads: the URI path and query string carry the
// injection attempts, the method what was tried, the User-Agent the scanner's name (the case blocked abnormal
// agents), and X-Forwarded-For the client's address behind a CDN or proxy. Redacting credentials (authorization,
// cookie) is what redaction is for and is not reported.
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
};

/** What a redacted field hides from the investigation, or undefined for fields an investigation can do without. */
function evidenceOf(redacted: unknown): string | "unknown" | undefined {
  if (isUnknown(redacted)) return "unknown";
  const key = onlyKey(redacted);
  if (key === undefined) return undefined;
  if (key in EVIDENCE_PARTS) return EVIDENCE_PARTS[key];
  if (key !== "singleheader") return undefined;
  const header = obj(field(obj(redacted), key));
  const name = field(header, "name");
  if (isUnknown(header) || isUnknown(name)) return "unknown";
  return typeof name === "string" ? EVIDENCE_HEADERS[name.trim().toLowerCase()] : undefined;
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
