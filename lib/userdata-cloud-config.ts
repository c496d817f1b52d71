// `#cloud-config` documents read as YAML, as cloud-init reads them: block, flow or JSON style alike. Keys that
// weaken login are findings; the shell of runcmd/bootcmd is scanned like any other user data, and the (decoded)
// contents of write_files as what their path makes them. Quoted lines are `key: value` summaries that never repeat
// a password. cloud-init writes all of bootcmd, and all of runcmd, into one shell script each, so each is read as
// one script: what an entry sets (a variable, the folder it stands in, a file it writes) holds for the next. The
// files bootcmd and then write_files gave text the reader knows are handed to runcmd, which runs after both: a copy
// of one brings no text from outside the user data. `packages:` that install a password-login server (telnet, VNC,
// xrdp…) are findings too, and so are users given passwords or root's keys (read in userdata-cloud-users.ts).
import { isAccountsFile } from "./userdata-accounts";
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { ROOT_OPTS_NOTE } from "./userdata-cloud-init-keys";
import { checkUsers, Config, isRecord, isSet } from "./userdata-cloud-users";
import { Findings, LoginWeaknessKind } from "./userdata-findings";
import { loginServerNote, serverPackage } from "./userdata-login-servers";
import { maybeSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { shellQuote } from "./userdata-words";

/** The YAML parser loads on the first cloud-config: most user data is shell, and the pack's start-up is timed. */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

/** A file write_files writes; `path` is undefined when the entry gives none that is a string. */
export interface WrittenFile {
  path: string | undefined;
  /** `append: true`: the content is added to the file rather than replacing it. */
  append: boolean;
}

/**
 * Scans nested text: a command as user data, given the files written before it runs with text the reader knows, by
 * path (which the commands forget as they write over them), and filling `filesLeft` with those it leaves so; a
 * file's content as what its path makes it.
 */
export type ScanText = (
  text: string,
  file?: WrittenFile,
  filesWritten?: Map<string, string>,
  filesLeft?: Map<string, string>,
) => void;

/** Bounds the files remembered, whatever the document: past it the first written is forgotten (and is outside). */
const MAX_FILES = 64;
/** Bounds each file's text remembered: a longer one is forgotten (and is outside). */
const MAX_TEXT = 16 * 1024;

/** cloud-init reads a document as cloud-config when its first line says so. */
export function isCloudConfig(text: string): boolean {
  return text.trimStart().startsWith("#cloud-config");
}

/** Scans a cloud-config; returns false, having found nothing, when it is not a YAML mapping (the caller falls back). */
export function scanCloudConfig(text: string, found: Findings, scanText: ScanText, budget?: InflateBudget): boolean {
  const config = parseConfig(text);
  if (!config) return false;
  checkSshKeys(config, found);
  checkPasswords(config, found);
  checkPackages(config, found);
  checkUsers(config, found);
  // In the order cloud-init runs them: bootcmd, then write_files, at init (deferred ones still before runcmd), runcmd
  // at the end. The files bootcmd leaves stay for them (it runs first on every boot), each as write_files leaves it.
  const written = new Map<string, string>();
  scanCommands(asArray(config.bootcmd), scanText, undefined, written);
  for (const file of asArray(config.write_files))
    if (isRecord(file)) checkWriteFile(file, found, scanText, written, budget);
  scanCommands(asArray(config.runcmd), scanText, written);
  return true;
}

/** YAML 1.1, as cloud-init's PyYAML reads it (`yes` is true); duplicate keys or errors mean no parse. */
function parseConfig(text: string): Config | undefined {
  try {
    const doc = yaml().parseDocument(text, { version: "1.1", logLevel: "silent" });
    if (doc.errors.length > 0) return undefined;
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function checkSshKeys(config: Config, found: Findings): void {
  if (isTrue(config.ssh_pwauth)) found.add("password-authentication", `ssh_pwauth: ${String(config.ssh_pwauth)}`);
  // cloud-init's default disables root; only an explicit false lets root in.
  if (isFalse(config.disable_root)) found.add("root-login", `disable_root: ${String(config.disable_root)}`);
  // Disabling root is the prefix cc_ssh puts before the keys it gives root (the key pair, ssh_authorized_keys): its
  // `command=` refuses the login. Without one, root logs in with them as disable_root: false lets it.
  const opts = config.disable_root_opts;
  if (typeof opts === "string" && !isFalse(config.disable_root) && !/command=/i.test(opts))
    found.add("root-login", `disable_root_opts: ${JSON.stringify(opts)}`, { note: ROOT_OPTS_NOTE });
}

function checkPasswords(config: Config, found: Findings): void {
  if (isSet(config.password)) found.add("password-set", "password: (set)");
  const chpasswd = config.chpasswd;
  // `chpasswd: {expire: false}` alone sets nothing; a list or users entry (or an odd shape) does.
  if (chpasswd === undefined || chpasswd === null) return;
  const sets = !isRecord(chpasswd) || isSet(chpasswd.list) || isSet(chpasswd.users);
  if (sets) found.add("password-set", "chpasswd: (passwords set)");
}

/**
 * `packages:` entries: a name (`xrdp`, `xrdp=0.9.22`) or a [name, version] list; cloud-init 23's mappings of package
 * managers to such lists (`- apt: [xrdp]`) too.
 */
function checkPackages(config: Config, found: Findings): void {
  for (const entry of asArray(config.packages))
    for (const item of isRecord(entry) ? Object.values(entry).flatMap(asArray) : [entry]) {
      const name = Array.isArray(item) ? item[0] : item;
      const server = typeof name === "string" ? serverPackage(name) : undefined;
      if (server === undefined) continue;
      const spelt = Array.isArray(item) ? `[${item.map(String).join(", ")}]` : name;
      found.add("password-login-server", `packages: ${spelt}`, { note: loginServerNote([server]) });
    }
}

/**
 * bootcmd or runcmd, read as the one script cloud-init writes of it (its `shellify`): each entry a line or more, a
 * shell string as written, an argv list quoted word by word; `filesWritten`: the files bootcmd and write_files wrote
 * before it (none before bootcmd); `filesLeft`: filled with those it leaves. An entry of another kind is left out.
 */
function scanCommands(
  entries: unknown[],
  scanText: ScanText,
  filesWritten?: Map<string, string>,
  filesLeft?: Map<string, string>,
): void {
  const lines: string[] = [];
  for (const entry of entries)
    if (typeof entry === "string") lines.push(entry);
    else if (Array.isArray(entry)) lines.push(entry.map((w) => shellQuote(String(w))).join(" "));
  if (lines.length > 0) scanText(lines.join("\n"), undefined, filesWritten, filesLeft);
}

/** Reads a write_files entry, and records in `written` whether the reader knows the text its file now holds. */
function checkWriteFile(
  file: Config,
  found: Findings,
  scanText: ScanText,
  written: Map<string, string>,
  budget?: InflateBudget,
): void {
  const content = fileContent(file.content, typeof file.encoding === "string" ? file.encoding : "", budget);
  const path = typeof file.path === "string" ? file.path : undefined;
  const append = isTrue(file.append);
  // cloud-init fetches `source` and writes the content only if that fails: what lands is not in the user data.
  const known = content?.known === true && !isSet(file.source);
  recordWritten(written, path, append, known ? content?.text : undefined);
  if (path !== undefined && isSet(file.source)) checkDownloaded(path, found);
  if (content === undefined) return;
  if (path !== undefined && found.isRootKeys(path) && content.text.trim() !== "")
    found.add("root-authorized-keys", `write_files: ${path}`);
  scanText(content.text, { path, append });
}

/**
 * A write_files entry cloud-init fills from its `source` (a URL, fetched at boot): root's keys whatever they hold,
 * sshd's configuration or an account file with text the user data does not hold, a note as a download is in a script.
 */
function checkDownloaded(path: string, found: Findings): void {
  const line = `write_files: ${path}`;
  if (found.isRootKeys(path)) return found.add("root-authorized-keys", line);
  const kinds: LoginWeaknessKind[] = maybeSshdConfigPath(path)
    ? ["password-authentication", "root-login"]
    : isAccountsFile(path)
      ? ["password-set"]
      : [];
  const note = `fills ${path} from write_files' source, whose text is not in the user data`;
  for (const kind of kinds) found.add(kind, line, { note, unverifiable: true });
}

/**
 * Records a file write_files wrote with `text` (undefined: text the reader does not know) by its path, with the text
 * it holds: known when written whole, or appended to a file known already. Copied over sshd's or the account files,
 * that text is read as theirs (passwords in account lines too).
 */
function recordWritten(written: Map<string, string>, path: string | undefined, append: boolean, text?: string): void {
  // A path absent, relative or templated may be any file, one remembered too.
  if (path === undefined || !/^\/(?!.*\{[{%])/.test(path)) {
    if (text === undefined) written.clear();
    return;
  }
  const key = normalPath(path);
  const before = append ? written.get(key) : "";
  written.delete(key);
  if (text === undefined || before === undefined || before.length + text.length > MAX_TEXT) return;
  if (written.size >= MAX_FILES) written.delete(written.keys().next().value as string);
  written.set(key, before + text);
}

const BASE64_ENCODINGS = new Set(["b64", "base64", "gz+b64", "gzip+base64", "gz+base64", "gzip+b64"]);
const GZIP_ENCODINGS = new Set(["gz", "gzip"]);
/** Encodings whose content cloud-init writes as given (a name it does not know, it takes for text/plain too). */
const PLAIN_ENCODINGS = new Set(["", "text/plain"]);

/**
 * The text cloud-init writes: base64 decoded, gzip inflated (`!!binary` contents arrive as bytes). `known` when it is
 * the text cloud-init writes; not when the reader decoded otherwise than the encoding says (or did not decode).
 */
function fileContent(
  content: unknown,
  encoding: string,
  budget?: InflateBudget,
): { text: string; known: boolean } | undefined {
  const kind = encoding.toLowerCase();
  if (content instanceof Uint8Array) {
    const text = textOf(content, budget);
    const known = isGzip(content) ? GZIP_ENCODINGS.has(kind) : PLAIN_ENCODINGS.has(kind);
    return text === undefined ? undefined : { text, known };
  }
  if (typeof content !== "string") return undefined;
  if (!BASE64_ENCODINGS.has(kind)) return { text: content, known: PLAIN_ENCODINGS.has(kind) };
  const bytes = base64Bytes(content);
  const decoded = bytes && textOf(bytes, budget);
  // The reader inflates gzip whatever the encoding says; cloud-init only when it says gz.
  if (bytes && decoded !== undefined) return { text: decoded, known: isGzip(bytes) === kind.startsWith("gz") };
  return { text: content, known: false };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === "string" && /^(?:yes|true|on|1)$/i.test(v.trim()));
}

function isFalse(v: unknown): boolean {
  return v === false || v === 0 || (typeof v === "string" && /^(?:no|false|off|0)$/i.test(v.trim()));
}
