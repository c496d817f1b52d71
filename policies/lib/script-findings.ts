// How scripts become findings of disallow-userdata-login-weakening: each weakness quoted under the name of the field
// that carries the script, and a field unknown at preview (or a document that does not parse) noted as unverifiable.
import { decodeUserData, findLoginWeaknesses, LoginWeaknessKind, weaknessContext } from "../../lib/userdata";
import { weaknessCaseStep } from "../../lib/userdata-findings";
import { MAX_QUOTED_LINE } from "../../lib/secret-script-pieces";
import { quotedLine } from "../../lib/quoted-line";
import { isUnknown } from "../../lib/values";
import { Finding, QUOTED_LINE, unverifiable, violation } from "./findings";
import { Check } from "./rule";

// Keyed by every kind, so that a new kind cannot reach a message without its wording.
const EXPLAIN: Record<LoginWeaknessKind, string> = {
  "password-authentication": "enables SSH password authentication",
  "root-login": "permits root login",
  "root-authorized-keys": "writes /root/.ssh/authorized_keys",
  "password-set": "sets a login password",
  "password-login-server": "installs or starts a password-login remote-access server",
  "unread-content":
    "holds content past what the pack reads, so what it runs cannot be cleared (real user data inflates to tens of KB and nests a few layers: shrink or flatten it)",
};

/** The same, for a line that may weaken login or not. */
const VERB: Record<LoginWeaknessKind, string> = {
  "password-authentication": "enable SSH password authentication",
  "root-login": "permit root login",
  "root-authorized-keys": "write /root/.ssh/authorized_keys",
  "password-set": "set a login password",
  "password-login-server": "install or start a password-login remote-access server",
  "unread-content": "hold content past what the pack reads",
};

/** Characters of a script line a message quotes: the masking of secrets cuts a secret line there too. */
export { MAX_QUOTED_LINE };

/** The weaknesses of a script, quoted, under the name of the field that carries it, with where a line was written. */
export function scriptFindings(field: string, script: string): Finding[] {
  return findLoginWeaknesses(script).map((w) => {
    const quote = quotedLine(w.line);
    const quoted = `${quote.quoted}${weaknessContext(w)}`;
    const caseStep = weaknessCaseStep(w.kind);
    const step = caseStep === undefined ? {} : { caseStep };
    // A value from outside the script (a tag, a template) is reported as an unknown is elsewhere: a note.
    if (w.unverifiable) {
      const message = `cannot be verified at preview: ${field} may ${VERB[w.kind]}: ${quoted}`;
      return { message, unverifiable: true, ...step, [QUOTED_LINE]: quote };
    }
    return { ...violation(`${field} ${EXPLAIN[w.kind]}: ${quoted}`), ...step, [QUOTED_LINE]: quote };
  });
}

/**
 * Several scripts of one field (steps, tasks, RUN lines): each distinct script read once (YAML aliases can repeat
 * one many times), each finding reported once (two steps may share a line).
 */
export function scriptsFindings(field: string, scripts: readonly string[]): Finding[] {
  const byMessage = new Map<string, Finding>();
  for (const finding of [...new Set(scripts)].flatMap((script) => scriptFindings(field, script)))
    if (!byMessage.has(finding.message)) byMessage.set(finding.message, finding);
  return [...byMessage.values()];
}

/**
 * One user-data value, plain or base64 (gzip included), MIME and cloud-config alike: decodeUserData reads base64
 * when the text is base64 and the text itself otherwise, so fields documented as either need no flag.
 */
export function userDataFindings(field: string, v: unknown): Finding[] {
  return decodedUserDataFindings(field, v, (text) => scriptFindings(field, text));
}

/**
 * `read` of the user data decoded once (`decodeUserData`); unknown at preview, it cannot be verified; not text, it
 * runs nothing.
 */
export function decodedUserDataFindings(field: string, v: unknown, read: (text: string) => Finding[]): Finding[] {
  if (isUnknown(v)) return [unverifiable(field)];
  return typeof v === "string" ? read(decodeUserData(v)) : [];
}

/** Reads every user-data field the resource has. */
export function userDataCheck(fields: string[]): Check<unknown> {
  return (p) => fields.flatMap((field) => userDataFindings(field, p[field]));
}

/**
 * A JSON or YAML document field whose scripts `scriptsOf` reads (undefined when the text does not parse): unknown
 * at preview, or unreadable, it cannot be verified; absent, it runs nothing.
 */
export function documentFindings(
  field: string,
  v: unknown,
  scriptsOf: (text: string) => readonly string[] | undefined,
): Finding[] {
  if (isUnknown(v)) return [unverifiable(field)];
  if (typeof v !== "string") return [];
  const scripts = scriptsOf(v);
  if (!scripts) return [unverifiable(field, "it does not parse as JSON or YAML")];
  return scriptsFindings(field, scripts);
}
