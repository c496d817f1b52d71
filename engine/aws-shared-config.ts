// The region of a profile in the AWS shared config and credentials files, read as the AWS SDK for Go v2 reads them
// (internal/ini, config/shared_config.go): each kind of file merged key by key, later files winning; in the config file
// `[profile NAME]` (and `[default]`, which `[profile default]` replaces whole); in the credentials file `[NAME]` only;
// the credentials file's keys override the config file's for the same profile. A file that cannot be read counts as
// empty; one the SDK's tokenizer rejects fails the whole load (loadIniFiles: SharedConfigLoadError).
import * as fs from "fs";

/** Section name → its top-level keys (lower case) → values. */
type Sections = Map<string, Map<string, string>>;

const PROFILE_PREFIX = "profile ";

/** A `#` or `;` anywhere starts a comment, in section headers as in values. */
function withoutComment(line: string): string {
  return line.split(/[#;]/, 1)[0].replace(/[ \t]+$/, "");
}

/** `[ profile   NAME ]` → `profile NAME`: trimmed, the first run of blanks made one space. */
function sectionName(header: string): string {
  return header
    .slice(1, -1)
    .trim()
    .replace(/[ \t]+/, " ");
}

/** A value as the SDK stores it: wrapping quotes dropped, escaped quotes and newlines expanded. */
function legacyValue(raw: string): string {
  const quoted = raw.length > 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  return (quoted ? raw.slice(1, -1) : raw).replace(/\\"/g, '"').replace(/\\'/g, "'").replace(/\\n/g, "\n");
}

/** `key = value` or `key: value`, whichever separator comes first. */
function property(line: string): [string, string] | undefined {
  const eq = line.indexOf("=");
  const colon = line.indexOf(":");
  const at = eq < 0 || (colon >= 0 && colon < eq) ? colon : eq;
  if (at < 0) return undefined;
  return [line.slice(0, at).trim().toLowerCase(), legacyValue(line.slice(at + 1).trim())];
}

/** A line the SDK's tokenizer rejects ("unrecognized token"); `file` is set once the file is known. */
export class SharedConfigSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly file = "",
  ) {
    super(`${file || "shared config file"}: unrecognized token on line ${line}`);
  }
}

/**
 * The sections of one file; later settings of a key win, repeated sections add to the first. As the SDK's tokenizer
 * (internal/ini/tokenize.go), a line that is not blank, a comment, indented, a `[section]` nor a `key = value` (or
 * `key: value`) throws a SharedConfigSyntaxError: e.g. a bare word, or a section header without its `]`. Settings
 * before any section are dropped without error, as the SDK drops them.
 */
export function parseSections(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    // Blank lines and comments; indented lines continue or nest under a key, never the profile's own settings.
    if (!raw.trim() || /^[ \t#;]/.test(raw)) continue;
    const line = withoutComment(raw);
    if (line.startsWith("[") && line.endsWith("]")) {
      const name = sectionName(line);
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const kv = property(line);
    if (!kv) throw new SharedConfigSyntaxError(index + 1);
    if (current) current.set(kv[0], kv[1]);
  }
  return sections;
}

function parseFile(text: string, file: string): Sections {
  try {
    return parseSections(text);
  } catch (e) {
    throw e instanceof SharedConfigSyntaxError ? new SharedConfigSyntaxError(e.line, file) : e;
  }
}

/** Reads and merges files key by key, later files winning; unreadable files count as empty, unparsable ones throw. */
function mergedSections(files: string[]): Sections {
  const merged: Sections = new Map();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const [name, keys] of parseFile(text, file)) {
      const into = merged.get(name) ?? new Map();
      for (const [k, v] of keys) into.set(k, v);
      merged.set(name, into);
    }
  }
  return merged;
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
 * names one. A region set empty in a later file empties it, as in the SDK. Every file is parsed whatever the profile
 * (the SDK loads them all before it looks the profile up): one it cannot parse throws a SharedConfigSyntaxError.
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
