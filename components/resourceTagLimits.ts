// A cloud's limits on the tags a caller adds to a component's resources: how many a resource takes, how long keys
// and values may be, which characters they may hold, and which keys are the cloud's (or the kit's) own. A tag too
// many or too long fails only at deployment, after part of the component exists; so the caller's tags are checked
// before anything is created. A tag value may be a secret (a token, an owner's address): messages describe values by
// type and length, never by their text, and keys too when the whole object is a secret.
import { HiddenValue } from "./validation";

export interface ResourceTagLimits {
  /** The cloud, as messages name it. */
  cloud: string;
  maxTags: number;
  /** In Unicode characters (code points), as the clouds count them. */
  maxKeyLength: number;
  maxValueLength: number;
  /** Keys the caller may not write. */
  reservedKey: RegExp;
  /** `reservedKey` as messages describe it, e.g. "aws: (AWS's own)". */
  reservedKeyText: string;
  /** The only characters keys and values may hold, where a service restricts them (IAM does; EC2 does not). */
  characters?: TagCharacters;
  /** Keys' characters where a service restricts keys more than values (GuardDuty): checked beside `characters`. */
  keyCharacters?: TagCharacters;
  /** Keys differing only in case are one key to the service (IAM's roles and users): refused as duplicates. */
  caseInsensitiveKeys?: { service: string };
  /** Values known only later (Outputs): not checked here. */
  deferredValue?: (value: unknown) => boolean;
}

export interface TagCharacters {
  /** One allowed character, without anchors or quantifier; tested with the `u` flag. */
  allowed: RegExp;
  /** The allowed characters as messages describe them, e.g. "letters, digits, spaces and _ . : / = + - @ (IAM)". */
  text: string;
}

export interface CallerTagOptions {
  /** Keys not counted: the component overwrites or drops them. */
  uncounted?: (key: string) => boolean;
  /** The tags came as a secret: their keys are not shown either. */
  secret?: boolean;
}

/** Where problems go: the components' Problems. */
interface ProblemSink {
  check(ok: boolean, argument: string, value: unknown, allowed: string, fix: string): boolean;
}

/** Length in Unicode characters: an emoji is one, not the two UTF-16 units `length` counts. */
export const characterCount = (text: string): number => [...text].length;

/** What stands for a value in a message: its type and, for a string, its length. */
export function describeTagValue(value: unknown): string {
  if (typeof value === "string") return `a string of ${characterCount(value)} characters`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `${/^[aeiou]/.test(typeof value) ? "an" : "a"} ${typeof value}`;
}

/** The characters of `text` outside `characters`, each once, in order. */
function disallowedCharacters(text: string, characters: TagCharacters): string[] {
  const one = new RegExp(`^${characters.allowed.source}$`, "u");
  return [...new Set([...text].filter((c) => !one.test(c)))];
}

/**
 * Checks the caller's `tags` (the `argument`) against `limits`, the component adding `reserved` tags of its own.
 */
export function checkCallerTags(
  problems: ProblemSink,
  argument: string,
  tags: unknown,
  limits: ResourceTagLimits,
  reserved: number,
  options: CallerTagOptions = {},
): void {
  if (tags === undefined) return;
  const { uncounted = () => false, secret = false } = options;
  if (
    !problems.check(
      typeof tags === "object" && tags !== null && !Array.isArray(tags),
      argument,
      secret ? new HiddenValue(describeTagValue(tags)) : tags,
      "an object of tag keys to string values",
      'pass e.g. { team: "ops" }',
    )
  ) {
    return;
  }
  const entries = Object.entries(tags as Record<string, unknown>);
  const counted = entries.filter(([key]) => !uncounted(key)).length;
  const room = Math.max(limits.maxTags - reserved, 0);
  problems.check(
    counted <= room,
    argument,
    counted,
    `at most ${room} ${room === 1 ? "tag" : "tags"} (the component adds ${reserved} of its own; ${limits.cloud} ` +
      `allows ${limits.maxTags})`,
    `drop at least ${counted - room} of the ${counted} ${counted === 1 ? "tag" : "tags"}`,
  );
  entries.forEach(([key, value], i) => {
    const path = secret ? `${argument}.<key ${i + 1}>` : `${argument}.${key}`;
    const keyShown = secret ? new HiddenValue(`a key of ${characterCount(key)} characters`) : key;
    checkKey(problems, path, key, keyShown, limits);
    if (limits.deferredValue?.(value)) return;
    checkValue(problems, path, value, limits);
  });
  if (limits.caseInsensitiveKeys) checkCaseDuplicates(problems, argument, entries, limits, secret);
}

function checkKey(problems: ProblemSink, path: string, key: string, shown: unknown, limits: ResourceTagLimits): void {
  const length = characterCount(key);
  if (
    !problems.check(
      length >= 1 && length <= limits.maxKeyLength && !limits.reservedKey.test(key),
      path,
      shown,
      `a key of 1-${limits.maxKeyLength} characters not starting with ${limits.reservedKeyText}`,
      "rename the tag key",
    )
  ) {
    return;
  }
  // A key meets every set that holds (GuardDuty's and SNS's both, say): one problem names the sets it misses.
  const missed = [limits.keyCharacters, limits.characters]
    .filter((set): set is TagCharacters => set !== undefined)
    .map((set) => ({ set, bad: disallowedCharacters(key, set) }))
    .filter(({ bad }) => bad.length > 0);
  if (missed.length === 0) return;
  const bad = [...new Set(missed.flatMap(({ bad }) => bad))];
  problems.check(
    false,
    path,
    shown,
    `a key of ${missed.map(({ set }) => set.text).join(" and of ")}`,
    shown === key ? `rename the tag key without ${quoted(bad)}` : "rename the tag key",
  );
}

function checkValue(problems: ProblemSink, path: string, value: unknown, limits: ResourceTagLimits): void {
  const shown = new HiddenValue(describeTagValue(value));
  const allowed = `a string of at most ${limits.maxValueLength} characters`;
  if (typeof value !== "string") {
    problems.check(false, path, shown, allowed, "pass the value as a string");
    return;
  }
  if (!problems.check(characterCount(value) <= limits.maxValueLength, path, shown, allowed, shorten(limits))) return;
  const { characters } = limits;
  if (!characters) return;
  // Not even the offending characters are named: the value may be a secret.
  problems.check(
    disallowedCharacters(value, characters).length === 0,
    path,
    shown,
    `a value of ${characters.text}`,
    "replace the characters outside that set",
  );
}

const shorten = (limits: ResourceTagLimits) => `shorten the value to at most ${limits.maxValueLength} characters`;
const quoted = (characters: readonly string[]) => characters.map((c) => JSON.stringify(c)).join(", ");

/** Keys a case-insensitive service reads as one: every key after the first of its group is refused. */
function checkCaseDuplicates(
  problems: ProblemSink,
  argument: string,
  entries: readonly [string, unknown][],
  limits: ResourceTagLimits,
  secret: boolean,
): void {
  const first = new Map<string, number>();
  entries.forEach(([key], i) => {
    const folded = key.toLowerCase();
    const earlier = first.get(folded);
    if (earlier === undefined) {
      first.set(folded, i);
      return;
    }
    const path = secret ? `${argument}.<key ${i + 1}>` : `${argument}.${key}`;
    const other = secret ? `key ${earlier + 1}` : `"${entries[earlier][0]}"`;
    problems.check(
      false,
      path,
      secret ? new HiddenValue(`a key of ${characterCount(key)} characters`) : key,
      `a key differing from every other in more than case: ${limits.caseInsensitiveKeys?.service} reads it and ` +
        `${other} as one key`,
      "drop or rename one of the two",
    );
  });
}
