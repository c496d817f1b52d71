// The region of a profile in the AWS shared config and credentials files, read as the AWS SDK for Go v2 reads them
// (internal/ini, config/shared_config.go): each kind of file merged key by key, later files winning; in the config file
// `[profile NAME]` (and `[default]`, which `[profile default]` replaces whole); in the credentials file `[NAME]` only;
// the credentials file's keys override the config file's for the same profile. A file that cannot be read counts as
// empty, and a line the tokenizer does not recognise is skipped ("unrecognized tokens are effectively ignored",
// internal/ini/tokenize.go since the parser of aws/aws-sdk-go-v2#2365), so no file fails the load.
import * as fs from "fs";

/** Section name → its top-level keys (lower case) → values. */
type Sections = Map<string, Map<string, string>>;

const PROFILE_PREFIX = "profile ";

/** In a section header a `#` or `;` anywhere starts a comment (trimProfileComment). */
function headerWithoutComment(line: string): string {
  return line.split(/[#;]/, 1)[0].trim();
}

/** In a setting only a `#` or `;` after a blank starts one: `us-east-1#x` is a value (trimPropertyComment). */
function settingWithoutComment(line: string): string {
  return line.split(/[ \t][#;]/, 1)[0].replace(/[ \t]+$/, "");
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

/**
 * The sections of one file; later settings of a key win, repeated sections add to the first. As the SDK's tokenizer
 * (internal/ini/tokenize.go), a line that is neither blank, a comment, indented, a `[section]` nor a `key = value`
 * (or `key: value`) is skipped: e.g. a bare word, or a section header without its `]` (whose settings then go to
 * the section before it). Settings before any section are dropped, as the SDK drops them.
 */
export function parseSections(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    // Blank lines and comments; indented lines continue or nest under a key, never the profile's own settings.
    if (!raw.trim() || /^[ \t#;]/.test(raw)) continue;
    const header = headerWithoutComment(raw);
    if (header.startsWith("[") && header.endsWith("]")) {
      const name = sectionName(header);
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const kv = property(settingWithoutComment(raw));
    if (kv && current) current.set(kv[0], kv[1]);
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
