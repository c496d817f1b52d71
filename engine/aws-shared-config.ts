// The region of a profile in the AWS shared config and credentials files, read as the AWS SDK for Go v2 reads them
// (internal/ini, config/shared_config.go): each kind of file merged key by key, later files winning; in the config file
// `[profile NAME]` (and `[default]`, which `[profile default]` replaces whole); in the credentials file `[NAME]` only;
// the credentials file's keys override the config file's for the same profile. A file that cannot be opened counts as
// empty, and a line the tokenizer does not recognise is skipped ("unrecognized tokens are effectively ignored",
// internal/ini/tokenize.go since internal/ini v1.7.0); only a directory and a lone-quote value fail the load (see
// `sharedFilesProblem`).
import * as fs from "fs";
import type { ConfigFileProblem } from "./provider-failures";

/** Section name → its top-level keys (lower case) → values. */
type Sections = Map<string, Map<string, string>>;

const PROFILE_PREFIX = "profile ";

/**
 * Go's strings.TrimSpace (unicode.IsSpace): unlike String.prototype.trim it keeps a byte order mark (U+FEFF) and
 * trims U+0085, so a BOM before `[default]` leaves the line unrecognised, as in the SDK.
 */
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, "g");

function goTrimSpace(text: string): string {
  return text.replace(GO_TRIM, "");
}

/** isLineSpace: only a space or a tab indents a line or separates a header's words. */
const isLineSpace = (c: string | undefined) => c === " " || c === "\t";

function trimLeftLineSpace(text: string): string {
  return text.replace(/^[ \t]+/, "");
}

/** In a section header a `#` or `;` anywhere starts a comment (trimProfileComment). */
function trimProfileComment(line: string): string {
  return line.split(/[#;]/, 1)[0];
}

/** In a setting only a `#` or `;` after a blank starts one: `us-east-1#x` is a value (trimPropertyComment). */
function trimPropertyComment(line: string): string {
  return line.split(/[ \t][#;]/, 1)[0];
}

/** splitProfile: `profile \t NAME` → `profile NAME` (the first run of blanks made one space); `[]` names nothing. */
function sectionName(inner: string): string {
  return inner.replace(/[ \t]+/, " ");
}

/**
 * legacyStrconv: wrapping quotes dropped, nothing else; escapes are kept as written since internal/ini v1.7.3
 * ("Remove invalid escaping of shared config values"). A lone quote never gets here: see `isLoneQuote`.
 */
function legacyStrconv(raw: string): string {
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  return quoted ? raw.slice(1, -1) : raw;
}

/** splitProperty: `key = value` or `key: value`, whichever separator comes first; both sides Go-trimmed. */
function splitProperty(line: string): [string, string] | undefined {
  const eq = line.indexOf("=");
  const colon = line.indexOf(":");
  const at = eq < 0 || (colon >= 0 && colon < eq) ? colon : eq;
  if (at < 0) return undefined;
  return [goTrimSpace(line.slice(0, at)), goTrimSpace(line.slice(at + 1))];
}

/** One line as internal/ini/tokenize.go classifies it; undefined for blank, comment and unrecognised lines. */
type Token =
  | { kind: "profile"; name: string }
  | { kind: "property" | "subProperty"; key: string; value: string; raw: string }
  | { kind: "continuation"; value: string };

function tokenize(line: string): Token | undefined {
  if (!goTrimSpace(line) || /^[#;]/.test(trimLeftLineSpace(line))) return undefined;
  const header = goTrimSpace(trimProfileComment(line));
  if (header.startsWith("[") && header.endsWith("]")) {
    return { kind: "profile", name: sectionName(goTrimSpace(header.slice(1, -1))) };
  }
  const indented = isLineSpace(line[0]);
  // A top-level setting loses its comment; an indented one keeps it in its value.
  const kv = indented ? splitProperty(trimLeftLineSpace(line)) : splitProperty(trimPropertyComment(line));
  if (!kv) return indented ? { kind: "continuation", value: trimLeftLineSpace(line) } : undefined;
  const [key, raw] = kv;
  return { kind: indented ? "subProperty" : "property", key: key.toLowerCase(), value: legacyStrconv(raw), raw };
}

/**
 * The sections of one file, as internal/ini/parse.go builds them. The text is split at "\n" only (ini.go), so a CRLF
 * line keeps its "\r": Go's TrimSpace drops it from headers, keys and values, and only a continuation line keeps it.
 * Later settings of a key win and repeated sections add to the first; settings before any section (or after `[]`)
 * are dropped. An indented `key = value` nests under the key before it when that key's value is empty (the nested
 * settings are not kept here: no key read here has any), and is otherwise promoted to a setting of its own (as is
 * one at the start of a section); another indented line continues a non-empty value before it on a new line.
 */
export function parseSections(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  let key = "";
  const set = (token: { key: string; value: string }) => {
    key = token.key;
    current?.set(token.key, token.value);
  };
  for (const line of text.split("\n")) {
    const token = tokenize(line);
    if (!token) continue;
    if (token.kind === "profile") {
      key = "";
      current = token.name ? (sections.get(token.name) ?? new Map()) : undefined;
      if (current) sections.set(token.name, current);
    } else if (!current) {
      continue;
    } else if (token.kind === "property") {
      set(token);
    } else if (token.kind === "subProperty") {
      if (!key || current.get(key)) set({ key: token.key, value: goTrimSpace(trimPropertyComment(token.value)) });
    } else if (key && current.get(key)) {
      current.set(key, `${current.get(key)}\n${token.value}`);
    }
  }
  return sections;
}

/** Reads and merges files key by key, later files winning; unreadable files count as empty. */
function mergedSections(files: string[]): Sections {
  const merged: Sections = new Map();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const [name, keys] of parseSections(text)) {
      const into = merged.get(name) ?? new Map();
      for (const [k, v] of keys) into.set(k, v);
      merged.set(name, into);
    }
  }
  return merged;
}

/**
 * A value that is one quote: the SDK's unquote (internal/ini/strings.go) takes it as quoted, its only character
 * being both the opening and the closing quote, and slices out of range:
 *
 *     func unquote(s string) string {
 *         if isSingleQuoted(s) || isDoubleQuoted(s) {
 *             return s[1 : len(s)-1]
 *         }
 *         return s
 *     }
 *     func hasAffixes(s, left, right string) bool {
 *         return strings.HasPrefix(s, left) && strings.HasSuffix(s, right)
 *     }
 *
 * `s[1:0]` panics ("slice bounds out of range [1:0]"), and legacyStrconv calls unquote for every property and
 * sub-property while tokenize.go reads the whole file: any key, in any section or none, crashes the provider.
 */
function isLoneQuote(raw: string): boolean {
  return raw === '"' || raw === "'";
}

/** The first line (1-based) of `text` whose value the SDK's tokenizer panics on, with its key. */
function loneQuoteLine(text: string): { line: number; key: string } | undefined {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const token = tokenize(lines[i]);
    if (token && "raw" in token && isLoneQuote(token.raw)) return { line: i + 1, key: token.key };
  }
  return undefined;
}

/**
 * The first of `files` that fails the SDK's load, read in the SDK's order (config/shared_config.go,
 * LoadSharedConfigProfile: `loadIniFiles(option.ConfigFiles)`, then `loadIniFiles(option.CredentialsFiles)`, each
 * file in turn); undefined when all load. loadIniFiles skips only a file `os.Open` fails on:
 *
 *     sections, err := ini.OpenFile(filename)
 *     var v *ini.UnableToReadFile
 *     if ok := errors.As(err, &v); ok {
 *         // Skip files which can't be opened and read for whatever reason.
 *         continue
 *     } else if err != nil {
 *         return ini.Sections{}, SharedConfigLoadError{Filename: filename, Err: err}
 *     }
 *
 * ini.OpenFile wraps only os.Open's error in UnableToReadFile; a directory opens, and Parse's `io.ReadAll` then
 * fails ("read all: read DIR: is a directory"), which fails the whole load. A missing or forbidden file is skipped.
 */
export function sharedFilesProblem(files: string[]): ConfigFileProblem | undefined {
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EISDIR") continue;
      return {
        file,
        failure: "it is a directory, which the SDK opens but cannot read (read all: is a directory): loading fails",
        fix: "Point the setting that names it (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, sharedConfigFiles or sharedCredentialsFiles) at a file, or move the directory away.",
      };
    }
    const at = loneQuoteLine(text);
    if (at) {
      return {
        file,
        line: at.line,
        failure: `the value of "${at.key}" is a lone quote, which the SDK's parser slices out of range: the provider panics (slice bounds out of range [1:0])`,
        fix: "Close the quote or remove it.",
      };
    }
  }
  return undefined;
}

/** The config file's section of `profile`: `[profile NAME]`; for the default, `[profile default]` else `[default]`. */
function configSection(sections: Sections, profile: string): Map<string, string> | undefined {
  const prefixed = sections.get(PROFILE_PREFIX + profile);
  return prefixed ?? (profile === "default" ? sections.get("default") : undefined);
}

/** The credentials file's section of `profile`: `[NAME]` (a `[profile …]` section is invalid there). */
function credentialsSection(sections: Sections, profile: string): Map<string, string> | undefined {
  return profile.startsWith(PROFILE_PREFIX) ? undefined : sections.get(profile);
}

/** The region of `profile` in one config file's text; undefined when the profile or its region is absent. */
export function profileRegion(text: string, profile: string): string | undefined {
  return configSection(parseSections(text), profile)?.get("region") || undefined;
}

/**
 * The profile's region across the config files and the credentials files (whose setting wins); undefined when none
 * names one. A region set empty in a later file empties it, as in the SDK.
 */
export function sharedConfigRegion(
  configFiles: string[],
  profile: string,
  credentialsFiles: string[] = [],
): string | undefined {
  const fromConfig = configSection(mergedSections(configFiles), profile)?.get("region");
  const fromCredentials = credentialsSection(mergedSections(credentialsFiles), profile)?.get("region");
  return (fromCredentials ?? fromConfig) || undefined;
}
