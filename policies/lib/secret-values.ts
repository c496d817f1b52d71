// @pulumi/policy unwraps every secret before a rule runs (deserialize.js), so a rule cannot tell a secret value from a
// plain one and may quote it in a message that reaches preview output, CI logs and pull-request comments. The request's
// Struct still holds the secret envelopes when convert-once.ts decodes it: the strings inside them are remembered here
// against the decoded props, and report-findings.ts masks them in every message it reports for that resource.
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { secretScriptPieces } from "../../lib/secret-script-pieces";
import type { ReportViolation } from "@pulumi/policy";
import { rawProps } from "../../lib/values";
import { rewritingReporter } from "./rewriting-reporter";
import { MAX_QUOTED_LINE } from "./script-findings";
import { parseTemplateBody } from "./templates/template-body";

/**
 * Shorter secrets are not masked: a value of one to three characters ("22", "tcp", "yes") would also blank those
 * letters wherever the message uses them as ordinary words, and reveals next to nothing on its own.
 */
export const MIN_SECRET_LENGTH = 4;
/**
 * A secret that is a document (a template body, a script, JSON provider input) is quoted by the pack in pieces: a
 * bucket name, a CIDR, an account id. Its words are masked too when they look like such values: this long and holding
 * a digit or a sign. Shorter words and words of letters only ("Type", "then", "Properties", "evidence", "chpasswd")
 * are the document's syntax, its logical names and ordinary words, which messages use too: masking them would blank
 * the pack's own wording. A password the document spells is masked by the script readers themselves.
 */
export const MIN_SECRET_WORD_LENGTH = 8;
/** Where a document's words end: blanks, quotes, JSON and YAML punctuation, shell operators. */
const WORD_BREAK = /[\s"'`\\{}[\],:;=|&()<>]+/;
const VALUE_LIKE = /[^A-Za-z]/;
const isValueLikeWord = (w: string) => w.length >= MIN_SECRET_WORD_LENGTH && VALUE_LIKE.test(w);
/**
 * Where a one-line value's parts end: a rule splits a list written as one string (a whitelist, an sshd user list) on
 * these and quotes an entry of it.
 */
const PART_BREAK = /[\s"'`,;]+/;
/** A JSON document (a policy, a config object) on one line: its parts are field names, which messages use. */
const DOCUMENT = /^\s*[[{]/;

/**
 * The parts of a secret one-line value long enough to mask, whatever they look like ("mallory", "0.0.0.0"): each is
 * part of the secret. Not the words of a script or document, which are its syntax and ordinary words.
 */
function oneLineParts(value: string): string[] {
  if (value.includes("\n") || DOCUMENT.test(value)) return [];
  const parts = value.split(PART_BREAK);
  return parts.length > 1 ? parts.filter((p) => p.length >= MIN_SECRET_LENGTH) : [];
}

const NONE: readonly string[] = Object.freeze([]);
const secretsByProps = new WeakMap<object, readonly string[]>();

/**
 * The text forms of every secret in a Struct's JavaScript form (envelopes at any depth, nested ones included): each
 * string, and each number whose decimal form is long enough (an account or port number). Booleans are never masked:
 * "true" and "false" are words every message may use, and a secret flag reveals one bit. Object keys are field names,
 * which messages use to say where a problem is; only values are collected. A Struct without a secret costs one walk
 * that allocates nothing and returns the shared empty list.
 */
export function secretValuesIn(js: unknown): readonly string[] {
  let found: Set<string> | undefined;
  const visit = (v: unknown, inSecret: boolean): void => {
    if (v === null || typeof v !== "object") {
      if (inSecret) (found ??= new Set()).add(textOf(v));
      return;
    }
    const inner = unwrap(v);
    if (inner !== v) return visit(inner, true);
    if (Array.isArray(v)) for (const e of v) visit(e, inSecret);
    else for (const k in v) visit((v as Record<string, unknown>)[k], inSecret);
  };
  visit(js, false);
  return found ? expanded(found) : NONE;
}

/** Strings, and numbers in their decimal form; anything else (booleans, null, unknowns) yields "" and is dropped. */
function textOf(v: unknown): string {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && !isUnknown(v) ? v : "";
}

/**
 * The masked texts: each secret long enough, the pieces a rule may quote of a secret script (its decoded text when
 * base64 or gzip, and each of its lines: the boot-script rules quote one line), the parts of a one-line secret (a
 * rule quotes one entry of a list written as one string), then the long words of each.
 */
function expanded(values: Set<string>): readonly string[] {
  const texts = new Set<string>();
  const add = (v: string) => {
    if (v.length < MIN_SECRET_LENGTH) return;
    texts.add(v);
    // A message quotes the start of a long script line.
    if (v.length > MAX_QUOTED_LINE && !v.includes("\n")) texts.add(v.slice(0, MAX_QUOTED_LINE));
  };
  for (const v of values) add(v);
  // A template body's scripts (escaped in JSON, or base64 user data) are quoted as read from the parsed document.
  for (const v of [...texts]) for (const s of templateStrings(v)) for (const piece of secretScriptPieces(s)) add(piece);
  for (const v of [...texts]) for (const piece of secretScriptPieces(v)) add(piece);
  // Only the values as given: a script's lines are one-line pieces too, whose words must stay readable.
  for (const v of values) for (const part of oneLineParts(v)) texts.add(part);
  for (const v of texts) {
    const words = v.split(WORD_BREAK);
    if (words.length > 1) for (const w of words) if (isValueLikeWord(w)) texts.add(w);
  }
  return Object.freeze([...texts]);
}

/** Strings a template body holds (at most MAX_TEMPLATE_STRINGS), when the text is one: none for other secrets. */
function templateStrings(text: string): string[] {
  if (!TEMPLATE_MARK.test(text)) return [];
  const found: string[] = [];
  const visit = (v: unknown): void => {
    if (found.length >= MAX_TEMPLATE_STRINGS) return;
    if (typeof v === "string") found.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(parseTemplateBody(text));
  return found;
}

/** Only texts naming a template's Resources are parsed as one: parsing every secret script as YAML would cost. */
const TEMPLATE_MARK = /\bResources\b/;
const MAX_TEMPLATE_STRINGS = 10_000;

/** Remembers the secrets of a decoded props object (nothing is stored for none). */
export function rememberSecrets(props: unknown, secrets: readonly string[]): void {
  if (secrets.length === 0 || props === null || typeof props !== "object") return;
  const known = secretsByProps.get(props);
  // Each policy remembers a template's secrets again on the same props: the same list is kept, not copied.
  if (known === secrets) return;
  secretsByProps.set(props, known ? secretUnion(known, secrets) : secrets);
}

/** The secrets a decoded props object carries (the object behind the SDK's proxy: read it with rawProps). */
export function secretsOf(props: unknown): readonly string[] {
  return (props !== null && typeof props === "object" && secretsByProps.get(props)) || NONE;
}

/** Several secret lists as one, without copying when at most one is non-empty (the usual case). */
export function secretUnion(...lists: readonly (readonly string[])[]): readonly string[] {
  const filled = lists.filter((l) => l.length > 0);
  if (filled.length <= 1) return filled[0] ?? NONE;
  return Object.freeze([...new Set(filled.flat())]);
}

/** A resource as the SDK hands it to a policy (props and the provider's inputs behind its unknown-checking proxy). */
interface PolicyResourceLike {
  props: unknown;
  provider?: { props: unknown };
}

/**
 * The secrets a resource's messages may quote: its own, and its provider's, whose inputs rules read (default tags,
 * region, account) and may quote.
 */
export function resourceSecrets(r: PolicyResourceLike): readonly string[] {
  const own = secretsOf(rawProps(r.props));
  return r.provider ? secretUnion(own, secretsOf(rawProps(r.provider.props))) : own;
}

/**
 * The secrets a stack message about `urn` may quote: its resource's own (and its provider's), or, for a resource a
 * template deploys, its container's. Only that resource's: a value reaches a linked resource through an output, which
 * keeps it secret there too, and masking every secret of the stack in every message blanked plain evidence and cost
 * time growing with the square of the stack.
 */
export function resourceSecretsByUrn(
  resources: readonly (PolicyResourceLike & { urn: string })[],
  placed: ReadonlyMap<string, { container: { urn: string } }> = new Map(),
): (urn: string | undefined) => readonly string[] {
  let byUrn: Map<string, PolicyResourceLike> | undefined;
  return (urn) => {
    if (urn === undefined) return NONE;
    byUrn ??= new Map(resources.map((r) => [r.urn, r]));
    const r = byUrn.get(placed.get(urn)?.container.urn ?? urn);
    return r ? resourceSecrets(r) : NONE;
  };
}

export const SECRET_MASK = "[secret]";

/**
 * `text` with every occurrence of each secret replaced by "[secret]". The spans are found in the original text and
 * merged before anything is replaced: overlapping secrets are covered whole (the longest reach wins, as replacing
 * longest first would), and a secret never matches inside a mask already written.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  const spans: [number, number][] = [];
  for (const s of secrets)
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) spans.push([at, at + s.length]);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let done = 0;
  for (let i = 0; i < spans.length;) {
    const start = spans[i][0];
    let end = spans[i][1];
    for (i++; i < spans.length && spans[i][0] <= end; i++) end = Math.max(end, spans[i][1]);
    out += text.slice(done, start) + SECRET_MASK;
    done = end;
  }
  return out + text.slice(done);
}

/**
 * A reporter that masks `secrets` in what it passes on, for a message finished after report-findings.ts masked it
 * (a template resource's label, named after a logical id of a secret body). Notes pass as objects: their message is
 * masked.
 */
export function maskingReporter(report: ReportViolation, secrets: readonly string[]): ReportViolation {
  return secrets.length === 0 ? report : rewritingReporter(report, (message) => maskSecrets(message, secrets));
}

/**
 * A reporter that masks, in each message, the secrets of the resource it is reported on (`secretsOf` its urn): for
 * stack messages, finished (and moved onto a template's container) after report-findings.ts masked them.
 */
export function maskingReporterByUrn(
  report: ReportViolation,
  secretsOf: (urn: string | undefined) => readonly string[],
): ReportViolation {
  return ((message: unknown, urn?: string) =>
    maskingReporter(report, secretsOf(urn))(message as never, urn)) as ReportViolation;
}
