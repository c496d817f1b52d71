// Whether a regular expression matches every URI path. Every path starts with "/", so beyond the patterns that
// match every string, one anchored at the start to that "/" (`^/`, `^\/.*`, `\A/`), the regex form of STARTS_WITH
// "/", and then able to match the empty string right after it matches every path too; so does an unanchored `/`,
// the form of CONTAINS "/", found at the path's start. `^/api` or `^/$` do not.
import { regexMatchesEveryString } from "./regex-matches-every-string";

/** `^/`, `^\/`, `\A/` or a bare `/` at the start of the pattern: a slash every path has (its leading one). */
const LEADING_SLASH = /^(?:\^|\\A)?\\?\//;

export function regexMatchesEveryPath(pattern: string): boolean {
  if (typeof pattern !== "string") return false;
  if (regexMatchesEveryString(pattern)) return true;
  const slash = LEADING_SLASH.exec(pattern);
  if (!slash) return false;
  // The rest, anchored where the slash ended: some branch of it must match the empty string there. A top-level
  // alternative of the rest stands alone in the pattern too (`^/a|.*`), and matching every string it still holds.
  return regexMatchesEveryString(`^${pattern.slice(slash[0].length)}`);
}
