// @pulumi/policy unwraps every secret before a rule runs (deserialize.js), so a rule cannot tell a secret value from a
// plain one and may quote it in a message that reaches preview output, CI logs and pull-request comments. The request's
// Struct still holds the secret envelopes when convert-once.ts decodes it: the strings inside them are remembered here
// against the decoded props, and report-findings.ts masks them in every message it reports for that resource.
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { MAX_QUOTED_LINE, MIN_SECRET_LINE, secretMaskedPieces } from "../../lib/secret-script-pieces";
import { MASK as PASSWORD_MASK } from "../../lib/mask-secrets";
import { allowListTagNumber } from "../../lib/allow-list-tag-keys";
import { isSecretLiteralWord } from "../../lib/secret-literal-words";
import { oneLineParts } from "../../lib/secret-one-line-parts";
import type { ReportViolation } from "@pulumi/policy";
import { rawProps } from "../../lib/values";
import { appendAll } from "../../lib/arrays";
import { rewritingReporter } from "./rewriting-reporter";
import { MAX_TEMPLATE_CHARS, parseTemplateBody } from "./templates/template-body";

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
 * Marks a secret that is masked only as a whole token (an entry of a one-line list: "root", "mallory", "0.0.0.0"),
 * never inside a longer word or path ("/root/.ssh", "rootfs", "0.0.0.0/0"). A character no text a rule quotes holds.
 */
const WHOLE_TOKEN = "\u0000";
/** A secret list's entry for `part`, masked only where it stands as a whole token. */
export const wholeToken = (part: string): string => WHOLE_TOKEN + part;

const NONE: readonly string[] = Object.freeze([]);
const secretsByProps = new WeakMap<object, readonly string[]>();

/**
 * The text forms of every secret in a Struct's JavaScript form (envelopes at any depth, nested ones included): each
 * string, and each number whose decimal form is long enough (an account or port number). Booleans are never masked:
 * "true" and "false" are words every message may use, and a secret flag reveals one bit. Object keys are mostly field
 * names, which messages use to say where a problem is: the keys of a secret map are masked only as whole tokens, and
 * only when they look like values (see secretKeyTokens). A Struct without a secret costs one walk that allocates
 * nothing and returns the shared empty list.
 */
export function secretValuesIn(js: unknown): readonly string[] {
  let found: Set<string> | undefined;
  let keys: Set<string> | undefined;
  // A walk with its own stack: a Struct nested thousands deep must not overflow the call stack.
  const pending: [unknown, boolean][] = [[js, false]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, inSecret] = next;
    if (v === null || typeof v !== "object") {
      if (inSecret) (found ??= new Set()).add(textOf(v));
      continue;
    }
    const inner = unwrap(v);
    if (inner !== v) {
      pending.push([inner, true]);
      continue;
    }
    if (inSecret && !Array.isArray(v)) for (const k in v) (keys ??= new Set()).add(k);
    // Children pushed last to first are visited in order: the list keeps the order of the Struct.
    for (const e of childrenOf(v).reverse()) pending.push([e, inSecret]);
  }
  if (!found && !keys) return NONE;
  const texts = found ? expanded(found) : NONE;
  const keyTokens = keys ? secretKeyTokens(keys, texts) : [];
  return keyTokens.length === 0 ? texts : Object.freeze([...texts, ...keyTokens]);
}

/**
 * The keys of a secret map a message may quote (a bastion's unread allow-list tag key, `hardening:allowed-cidrs-x…`),
 * as whole tokens: those that look like values, as a secret document's words do (MIN_SECRET_WORD_LENGTH long,
 * holding a digit or a sign). Keys of letters only are field names (`httpTokens`, `Name`), which messages use to say
 * where a problem is; the kit's own tag keys (`hardening:role`, the allow-list's keys the pack reads) are named in the
 * pack's own wording and reveal nothing. Keys already masked as values are left out.
 */
function secretKeyTokens(keys: ReadonlySet<string>, texts: readonly string[]): string[] {
  const masked = new Set(texts);
  return [...keys]
    .filter((k) => isValueLikeWord(k) && !isKitTagKey(k) && !isSecretLiteralWord(k) && !masked.has(k))
    .map(wholeToken);
}

/** The kit's one-word tag keys (`hardening:role`, `hardening:evidence`) and the allow-list's keys the pack reads. */
const isKitTagKey = (k: string) => KIT_TAG_KEY.test(k) || allowListTagNumber(k) !== undefined;
const KIT_TAG_KEY = /^hardening:[a-z]+$/;

/** The elements of a list or the values of an object. */
function childrenOf(v: object): unknown[] {
  if (Array.isArray(v)) return [...v];
  const values: unknown[] = [];
  for (const k in v) values.push((v as Record<string, unknown>)[k]);
  return values;
}

/** Strings, and numbers in their decimal form; anything else (booleans, null, unknowns) yields "" and is dropped. */
function textOf(v: unknown): string {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && !isUnknown(v) ? v : "";
}

/**
 * The masked texts: each secret long enough, the strings of a secret document (a rule quotes one of them, a script
 * line of an SSM or OOS document, a template's user data), the pieces a rule may quote of a secret script (its decoded
 * text when base64 or gzip, and each of its lines: the boot-script rules quote one line), the parts of a one-line
 * secret (a rule quotes one entry of a list written as one string), then the long words of each.
 */
function expanded(values: Set<string>): readonly string[] {
  const texts = new Set<string>();
  const add = (v: string) => {
    if (v.length < MIN_SECRET_LENGTH || isSecretLiteralWord(v)) return;
    texts.add(v);
    // A message quotes the start of a long script line.
    if (v.length > MAX_QUOTED_LINE && !v.includes("\n")) texts.add(v.slice(0, MAX_QUOTED_LINE));
  };
  for (const v of values) add(v);
  for (const v of [...texts]) for (const piece of secretMaskedPieces(v)) add(piece);
  // A document's strings are quoted as read from the parsed document (unescaped), its scripts line by line.
  for (const v of values)
    for (const s of documentStrings(v)) {
      if (!PLAIN_WORD.test(s)) add(s);
      if (MAY_HOLD_LAYERS.test(s)) for (const piece of secretMaskedPieces(s)) add(piece);
    }
  for (const v of texts) {
    const words = v.split(WORD_BREAK);
    if (words.length > 1) for (const w of words) if (isValueLikeWord(w)) texts.add(w);
  }
  // Only the values as given: a script's lines are one-line pieces too, whose words must stay readable.
  for (const v of values) for (const part of oneLineParts(v)) if (!texts.has(part)) texts.add(wholeToken(part));
  return Object.freeze([...texts]);
}

/**
 * A document's letters-only word ("Command", "Allow", "Enabled") and its type names ("AWS::S3::Bucket",
 * "aws:runShellScript") are its syntax or ordinary words, which messages use too: a script line, a path, a name with
 * a digit or a sign is masked.
 */
const PLAIN_WORD = /^[A-Za-z]+$|^[A-Za-z][A-Za-z0-9]*(?:::?[A-Za-z][A-Za-z0-9]*)+$/;
/**
 * A document string the script readers may find more text in: several lines, a command line (it may decode a layer)
 * or base64. Reading costs, and a document holds thousands of names and values that are none of these.
 */
const MAY_HOLD_LAYERS = /[\n ]|^[A-Za-z0-9+/=]{8,}$/;

/**
 * The strings a secret JSON or YAML document holds (at most MAX_DOCUMENT_STRINGS), and the text each `Fn::Join`
 * builds (a template's user data joined from its lines): none for a text that is no document.
 */
function documentStrings(text: string): string[] {
  const doc = parsedDocument(text);
  if (doc === undefined) return [];
  const found: string[] = [];
  // A walk with its own stack: a document nested thousands deep must not overflow the call stack.
  const pending: unknown[] = [doc];
  while (pending.length > 0 && found.length < MAX_DOCUMENT_STRINGS) {
    const v = pending.pop();
    if (typeof v === "string") found.push(v);
    if (v === null || typeof v !== "object") continue;
    const joined = joinedText(v);
    if (joined !== undefined) found.push(joined);
    appendAll(pending, childrenOf(v).reverse());
  }
  return found;
}

/** The text of `{"Fn::Join": [separator, [parts…]]}`, its non-text parts left out; undefined for other values. */
function joinedText(v: object): string | undefined {
  const args = (v as Record<string, unknown>)["Fn::Join"];
  if (!Array.isArray(args) || typeof args[0] !== "string" || !Array.isArray(args[1])) return undefined;
  return (args[1] as unknown[]).map((p) => (typeof p === "string" ? p : "")).join(args[0]);
}

/** A secret text parsed as a JSON or YAML document, or undefined when it is none (or too large to read). */
function parsedDocument(text: string): unknown {
  if (text.length > MAX_TEMPLATE_CHARS) return undefined;
  if (JSON_DOCUMENT.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Flow-style YAML starts with a brace too.
    }
  }
  const yaml = JSON_DOCUMENT.test(text) || (!SCRIPT_START.test(text) && YAML_DOCUMENT.test(text));
  return yaml ? parseTemplateBody(text) : undefined;
}

const JSON_DOCUMENT = /^\s*[[{]/;
/**
 * A YAML mapping or list: a multi-line text with a `key:` or `- item` line. Other secrets (passwords, one-line values,
 * most scripts) are not given to the YAML parser, which loads on first use and costs.
 */
const YAML_DOCUMENT = /\n[ \t]*(?:-[ \t]+\S|[\w"'][^\n:]*:(?:[ \t]|$))|^[ \t]*[\w"'][^\n:]*:[ \t]*\n/m;
/** A shell script's shebang or Windows user data's tag: a script, not YAML (`#cloud-config` is YAML). */
const SCRIPT_START = /^\s*(?:#!|<)/;
const MAX_DOCUMENT_STRINGS = 10_000;

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
 * `text` with every occurrence of each secret replaced by "[secret]" (of a `wholeToken` one, each occurrence standing
 * as a whole token). The spans are found in the original text and merged before anything is replaced: overlapping
 * secrets are covered whole (the longest reach wins, as replacing longest first would), and a secret never matches
 * inside a mask already written.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  const spans: [number, number][] = [];
  for (const entry of secrets) {
    const whole = entry.startsWith(WHOLE_TOKEN);
    const s = whole ? entry.slice(WHOLE_TOKEN.length) : entry;
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1))
      if (!whole || standsAlone(text, at, at + s.length)) spans.push([at, at + s.length]);
    if (!whole) cutStarts(text, s, spans);
  }
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
 * What a message shows for a script line that is part of a secret value: the mask in quotes, as a secret line masked
 * whole shows (and as the engine's redactor shows it), whatever the readers masked in it themselves.
 */
export const SECRET_LINE = `"${SECRET_MASK}"`;

/**
 * How a message quoting `line` (its first MAX_QUOTED_LINE characters, in double quotes) shows it with `secrets`:
 * undefined when no secret touches the line (the message stays as it is); SECRET_LINE when the line lies in a secret
 * (user data or a script given as a secret: its other words, a short token or a host, are the secret's too);
 * otherwise the whole line masked and then cut, never inside a mask, so that a secret straddling the cut cannot show
 * its first letters.
 */
export function quotedLineShown(line: string, secrets: readonly string[]): string | undefined {
  if (secrets.length === 0) return undefined;
  if (liesInSecret(line, secrets)) return SECRET_LINE;
  const masked = maskSecrets(line, secrets);
  if (masked === line) return undefined;
  let cut = MAX_QUOTED_LINE;
  for (let at = masked.indexOf(SECRET_MASK); at >= 0 && at < cut; at = masked.indexOf(SECRET_MASK, at + 1))
    cut = Math.max(cut, at + SECRET_MASK.length);
  return `"${masked.slice(0, cut)}"`;
}

/** The texts of a secret list a line may lie in, one text joined by newlines (no quoted line spans one). */
const secretTexts = new WeakMap<readonly string[], string>();

/**
 * Whether `line` (as the readers quote it: trimmed, each password it spells masked with PASSWORD_MASK) lies within
 * one line of a secret, each mask standing for at least one character: only lines holding MIN_SECRET_LINE characters
 * besides their masks (`fi`, `set -e` are in every script). One search of the secrets' text, then each line of it
 * that holds the line's longest piece: a hostile secret costs linear time per quoted line.
 */
function liesInSecret(line: string, secrets: readonly string[]): boolean {
  const pieces = line.split(PASSWORD_MASK);
  if (pieces.join("").length < MIN_SECRET_LINE) return false;
  let text = secretTexts.get(secrets);
  if (text === undefined) {
    text = secrets.filter((s) => !s.startsWith(WHOLE_TOKEN)).join("\n");
    secretTexts.set(secrets, text);
  }
  if (pieces.length === 1) return text.includes(line);
  const longest = pieces.reduce((a, b) => (b.length > a.length ? b : a));
  for (let at = text.indexOf(longest); at >= 0;) {
    const end = text.indexOf("\n", at);
    const lineEnd = end < 0 ? text.length : end;
    if (holdsInOrder(text.slice(text.lastIndexOf("\n", at) + 1, lineEnd), pieces)) return true;
    at = end < 0 ? -1 : text.indexOf(longest, end + 1);
  }
  return false;
}

/** Whether `text` holds `pieces` in order, at least one character between two (where a mask stood). */
function holdsInOrder(text: string, pieces: readonly string[]): boolean {
  let from = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) from++;
    if (from > text.length) return false;
    const at = text.indexOf(pieces[i], from);
    if (at < 0) return false;
    from = at + pieces[i].length;
  }
  return true;
}

/** What the pack's messages end a value cut short with (text-values.ts `shown`, the whitelists' entries). */
const CUT_MARKERS = ["…", "..."];
/** A secret's start this long or longer is masked before a cut marker; a value is cut at 120 characters at most. */
const MIN_CUT_START = 4;
const MAX_CUT_START = 120;

/**
 * Spans of `secret`'s start (MIN_CUT_START characters or more, not all of it) that end right before a cut marker: a
 * value cut short for a message shows a secret's first letters when the cut falls inside it, which a search for the
 * whole secret does not find. Messages with a marker are few; each is looked at once per secret, bounded.
 */
function cutStarts(text: string, secret: string, spans: [number, number][]): void {
  if (secret.length <= MIN_CUT_START) return;
  for (const marker of CUT_MARKERS)
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
      const longest = Math.min(secret.length - 1, at, MAX_CUT_START);
      for (let k = longest; k >= MIN_CUT_START; k--)
        if (text.startsWith(secret.slice(0, k), at - k)) {
          spans.push([at - k, at]);
          break;
        }
    }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Characters that join two words into one token ("db.internal", "deploy-bot", "C:\\root\\x"), not a word and a quote. */
const JOINERS = ".-\\";

/**
 * Whether text[start, end) is a whole token: no letter, digit or slash touches it, nor a dot, hyphen or backslash
 * joining it to a word ("/root/.ssh", "rootfs", "0.0.0.0/0", "db.internal-2" hold no whole "root", "0.0.0.0", "db").
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const joins = (at: number, step: number): boolean => {
    const c = text[at];
    if (c === undefined) return false;
    if (WORD_CHAR.test(c) || c === "/") return true;
    return JOINERS.includes(c) && text[at + step] !== undefined && WORD_CHAR.test(text[at + step]);
  };
  return !joins(start - 1, -1) && !joins(end, 1);
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
