// Resource-based access policies of OpenSearch / Elasticsearch domains: which Allow statements let anyone on the
// internet call the domain's HTTP API. Source-address ranges are judged by the caller (the database rule's shared
// whitelist predicate), so a SourceIp condition and a whitelist entry mean the same thing. An explicit Deny that
// covers an open Allow (access-policy-denies.ts) narrows it to the sources the Deny lets past.
import { isUnknown, list, obj, strings } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { matchesEverything, wildcardMatches } from "./wildcard";
import { appendAll } from "../../lib/arrays";
import { coveringGates, DenyGate, denyGates } from "./access-policy-denies";
import { conditionOperator } from "./condition-operators";

/** Judges the addresses of an `aws:SourceIp` condition: [] when they are all private or narrow. */
export type SourceIpJudge = (field: string, value: unknown) => Finding[];

/** The data-plane actions that read or write a domain's indices over its endpoint. */
const HTTP_ACTIONS = ["ESHttpGet", "ESHttpHead", "ESHttpPost", "ESHttpPut", "ESHttpPatch", "ESHttpDelete"].map((a) =>
  `es:${a}`.toLowerCase(),
);

/**
 * Condition keys absent from an anonymous internet request: a positive test on one of them (not IfExists, not
 * ForAllValues) never matches such a request. aws:SourceVpc/aws:SourceVpce are set only inside a VPC; the principal
 * keys only for signed requests of the named accounts.
 */
const ABSENT_FOR_ANONYMOUS = new Set([
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:principalarn",
]);
const POSITIVE_STRING_OPS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

/** Three-valued answers: a statement part is open, closed, or unknown at preview (named by its field). */
type Tri = true | false | { unknown: string };

function parseDocument(v: unknown): Record<string, unknown> | undefined | "unknown" {
  if (isUnknown(v)) return "unknown";
  if (typeof v === "string") {
    if (v.trim() === "") return undefined;
    try {
      // Not JSON, or JSON of the wrong shape: the provider rejects it, so it opens nothing.
      return obj(JSON.parse(v));
    } catch {
      return undefined;
    }
  }
  return obj(v);
}

/** Principal "*", {"AWS": "*"} (or "*" in any principal list), or an Allow with NotPrincipal: anyone. */
function principalOpen(st: Record<string, unknown>, at: string): Tri {
  if (st.NotPrincipal !== undefined) return true;
  const p = st.Principal;
  if (isUnknown(p)) return { unknown: `${at}.Principal` };
  if (p === "*") return true;
  const principals = obj(p);
  if (!principals) return false;
  const values = Object.values(principals).flatMap(list);
  if (values.includes("*")) return true;
  return values.some(isUnknown) ? { unknown: `an entry of ${at}.Principal` } : false;
}

const matchesHttp = (pattern: string, action: string) => wildcardMatches(pattern.toLowerCase(), action);

/** Action patterns that grant an HTTP action (es:*, es:ESHttp*, *), or NotAction that leaves one granted. */
function actionsOpen(st: Record<string, unknown>, at: string): Tri {
  const negated = st.Action === undefined && st.NotAction !== undefined;
  const field = negated ? "NotAction" : "Action";
  const raw = st[field];
  if (isUnknown(raw)) return { unknown: `${at}.${field}` };
  const patterns = strings(raw).filter((a) => !isUnknown(a));
  const someUnknown = strings(raw).some(isUnknown);
  const granted = negated
    ? HTTP_ACTIONS.some((a) => !patterns.some((pat) => matchesHttp(pat, a)))
    : HTTP_ACTIONS.some((a) => patterns.some((pat) => matchesHttp(pat, a)));
  if (negated ? !granted : granted) return granted;
  return someUnknown ? { unknown: `an entry of ${at}.${field}` } : granted;
}

interface ConditionVerdict {
  narrowed: boolean;
  /** Broad or public SourceIp ranges (violations) and unknown values (notes). */
  findings: Finding[];
}

/** Whether the statement's conditions keep anonymous internet callers out. */
function conditionVerdict(st: Record<string, unknown>, at: string, judge: SourceIpJudge): ConditionVerdict {
  const field = `${at}.Condition`;
  if (isUnknown(st.Condition)) return { narrowed: false, findings: [unverifiable(field)] };
  const findings: Finding[] = [];
  for (const [op, block] of Object.entries(obj(st.Condition) ?? {})) {
    if (isUnknown(block)) {
      findings.push(unverifiable(`${field}.${op}`));
      continue;
    }
    const { base, ifExists, forAllValues: forAll } = conditionOperator(op);
    for (const [key, value] of Object.entries(obj(block) ?? {})) {
      const k = key.toLowerCase();
      const at2 = `${field}.${op}["${key}"]`;
      if (k === "aws:sourceip" && base === "ipaddress") {
        // Every request carries aws:SourceIp, so IfExists changes nothing here.
        const ip = judge(at2, value);
        if (ip.length === 0) return { narrowed: true, findings: [] };
        appendAll(findings, ip);
      } else if (ABSENT_FOR_ANONYMOUS.has(k) && POSITIVE_STRING_OPS.has(base) && !ifExists && !forAll) {
        // Absent from anonymous requests, the key fails the test whatever its values; but a principal key matched
        // against "*" still admits every AWS account, which is no narrower than anyone.
        if (!k.startsWith("aws:principal")) return { narrowed: true, findings: [] };
        if (isUnknown(value)) {
          findings.push(unverifiable(at2));
          continue;
        }
        const values = strings(value);
        if (values.some((v) => !isUnknown(v) && !matchesEverything(v))) return { narrowed: true, findings: [] };
        if (values.some(isUnknown)) findings.push(unverifiable(`an entry of ${at2}`));
      }
    }
  }
  return { narrowed: false, findings };
}

/**
 * What the document's explicit Denies leave of an open Allow: "closed" when one covering Deny keeps every internet
 * caller out or admits only sources the judge passes; otherwise the judge's violations of the admitted sources.
 */
function denyResidue(st: Record<string, unknown>, gates: DenyGate[], judge: SourceIpJudge): "closed" | Finding[] {
  const residue: Finding[] = [];
  for (const gate of coveringGates(st, gates)) {
    if ("nobody" in gate.admits) return "closed";
    const judged = judge(gate.admits.sourcesField, gate.admits.sources);
    if (judged.length === 0) return "closed";
    // Unknown or unreadable sources narrow nothing: the Allow's own finding stands.
    appendAll(
      residue,
      judged.filter((f) => !f.unverifiable),
    );
  }
  return residue;
}

/** One finding per Allow statement that lets anyone call the HTTP API, a note where that is unknown at preview. */
function statementFindings(s: unknown, at: string, judge: SourceIpJudge, gates: DenyGate[]): Finding[] {
  if (isUnknown(s)) return [unverifiable(at)];
  const st = obj(s);
  if (!st) return [];
  if (isUnknown(st.Effect)) return [unverifiable(`${at}.Effect`)];
  if (st.Effect !== "Allow") return [];
  const parts = [principalOpen(st, at), actionsOpen(st, at)];
  if (parts.includes(false)) return [];
  const condition = conditionVerdict(st, at, judge);
  if (condition.narrowed) return [];
  // An explicit Deny wins over any Allow, whatever else of the Allow is unknown at preview.
  const denied = denyResidue(st, gates, judge);
  if (denied === "closed") return [];
  const unknown = parts.find((x): x is { unknown: string } => typeof x === "object");
  if (unknown) return [unverifiable(unknown.unknown)];
  // An unknown condition may yet narrow the statement; broad SourceIp ranges alone do not.
  const pending = condition.findings.find((f) => f.unverifiable);
  if (pending) return [pending];
  const who = `${at} allows anyone (${st.NotPrincipal !== undefined ? "NotPrincipal" : 'Principal "*"'}) to call es:ESHttp*`;
  // Broad sources of the Allow's own condition, else those a covering Deny's NotIpAddress still admits.
  const broad = condition.findings.length > 0 ? condition.findings : denied;
  return broad.length > 0
    ? broad.map((f) => violation(`${who}: ${f.message}`))
    : [violation(`${who} with no aws:SourceIp or aws:SourceVpc condition that narrows it`)];
}

/** Findings for a domain access policy given as JSON text or an object; none when absent or malformed. */
export function openAccessFindings(field: string, value: unknown, judge: SourceIpJudge): Finding[] {
  const doc = parseDocument(value);
  if (doc === "unknown") return [unverifiable(field)];
  if (!doc) return [];
  if (isUnknown(doc.Statement)) return [unverifiable(`${field}.Statement`)];
  const statements = list(doc.Statement);
  const at = (i: number) => (Array.isArray(doc.Statement) ? `${field}.Statement[${i}]` : `${field}.Statement`);
  const gates = denyGates(statements, at);
  return statements.flatMap((s, i) => statementFindings(s, at(i), judge, gates));
}
