// `#cloud-config` documents read as YAML, as cloud-init reads them: block, flow or JSON style alike. Keys that
// weaken login are findings; the shell of runcmd/bootcmd is scanned like any other user data, and the (decoded)
// contents of write_files as what their path makes them. Quoted lines are `key: value` summaries that never repeat
// a password.
import { base64Bytes, InflateBudget, textOf } from "./userdata-decode";
import { Findings } from "./userdata-findings";
import { shellQuote } from "./userdata-words";

/** The YAML parser loads on the first cloud-config: most user data is shell, and the pack's start-up is timed. */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

type Config = Record<string, unknown>;
/** A file write_files writes; `path` is undefined when the entry gives none that is a string. */
export interface WrittenFile {
  path: string | undefined;
  /** `append: true`: the content is added to the file rather than replacing it. */
  append: boolean;
}

/** Scans nested text: a command as user data, a file's content as what its path makes it. */
export type ScanText = (text: string, file?: WrittenFile) => void;

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
  // `system_info: {default_user: …}` describes the image's default user as `user` does, password keys included.
  const defaultUser = isRecord(config.system_info) ? config.system_info.default_user : undefined;
  for (const user of [config.user, ...asArray(config.users)]) if (isRecord(user)) checkUser(user, found, "users");
  if (isRecord(defaultUser)) checkUser(defaultUser, found, "system_info.default_user");
  // In the order cloud-init runs them: bootcmd and write_files at init, runcmd at the end.
  for (const entry of asArray(config.bootcmd)) scanCommand(entry, scanText);
  for (const file of asArray(config.write_files)) if (isRecord(file)) checkWriteFile(file, found, scanText, budget);
  for (const entry of asArray(config.runcmd)) scanCommand(entry, scanText);
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
}

function checkPasswords(config: Config, found: Findings): void {
  if (isSet(config.password)) found.add("password-set", "password: (set)");
  const chpasswd = config.chpasswd;
  // `chpasswd: {expire: false}` alone sets nothing; a list or users entry (or an odd shape) does.
  if (chpasswd === undefined || chpasswd === null) return;
  const sets = !isRecord(chpasswd) || isSet(chpasswd.list) || isSet(chpasswd.users);
  if (sets) found.add("password-set", "chpasswd: (passwords set)");
}

const USER_PASSWORD_KEYS = ["plain_text_passwd", "hashed_passwd", "passwd"];

/** A user entry, quoted under the key that holds it (`users`, `system_info.default_user`). */
function checkUser(user: Config, found: Findings, where: string): void {
  const name = typeof user.name === "string" ? user.name : "(default user)";
  for (const key of USER_PASSWORD_KEYS) if (isSet(user[key])) found.add("password-set", `${where}: ${name} ${key}`);
  if (name !== "root") return;
  for (const key of ["ssh_authorized_keys", "ssh_import_id"])
    if (isSet(user[key])) found.add("root-authorized-keys", `${where}: root ${key}`);
}

/** A runcmd entry is a shell string, or an argv list that runs as if quoted word by word. */
function scanCommand(entry: unknown, scanText: ScanText): void {
  if (typeof entry === "string") scanText(entry);
  else if (Array.isArray(entry)) scanText(entry.map((w) => shellQuote(String(w))).join(" "));
}

function checkWriteFile(file: Config, found: Findings, scanText: ScanText, budget?: InflateBudget): void {
  const content = fileContent(file.content, typeof file.encoding === "string" ? file.encoding : "", budget);
  if (content === undefined) return;
  const path = typeof file.path === "string" ? file.path : undefined;
  if (path !== undefined && found.isRootKeys(path) && content.trim() !== "")
    found.add("root-authorized-keys", `write_files: ${path}`);
  scanText(content, { path, append: isTrue(file.append) });
}

const BASE64_ENCODINGS = new Set(["b64", "base64", "gz+b64", "gzip+base64", "gz+base64", "gzip+b64"]);

/** The text cloud-init writes: base64 decoded, gzip inflated (`!!binary` contents arrive as bytes). */
function fileContent(content: unknown, encoding: string, budget?: InflateBudget): string | undefined {
  if (content instanceof Uint8Array) return textOf(content, budget);
  if (typeof content !== "string") return undefined;
  if (!BASE64_ENCODINGS.has(encoding.toLowerCase())) return content;
  const bytes = base64Bytes(content);
  return (bytes && textOf(bytes, budget)) ?? content;
}

function isRecord(v: unknown): v is Config {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A value that is there: not null, not an empty string, list or mapping. */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return !isRecord(v) || Object.keys(v).length > 0;
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === "string" && /^(?:yes|true|on|1)$/i.test(v.trim()));
}

function isFalse(v: unknown): boolean {
  return v === false || v === 0 || (typeof v === "string" && /^(?:no|false|off|0)$/i.test(v.trim()));
}
