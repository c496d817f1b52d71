// What `rm -rf /opt` or `rm -f /opt/st*` takes away among the files followed by name: a file the pattern names, or one
// under a folder it names when the removal is recursive. Patterns are matched a path segment at a time, `*` and `?`
// within one segment, with one point to go back to: time grows with the lengths' product, never more.
import { normalPath } from "./userdata-sshd-paths";

/**
 * Bounds on what is matched: a pattern's length (rm's are short), and a name's (NAME_MAX: a longer one names no
 * file). One match then takes at most their product for each name.
 */
const MAX_PATTERN = 256;
const MAX_NAME = 255;
/** Patterns this reader matches: named from the root, with no expansion it cannot do (`$`, `{…}`, `[…]`). */
const MATCHABLE = /^\/[^$`[\]{}]*$/;

/** Whether removing `pattern` (recursively: folders with what they hold) takes `path` away; false when it cannot tell. */
export function removalTakes(pattern: string, recursive: boolean, path: string): boolean {
  if (pattern.length > MAX_PATTERN || !MATCHABLE.test(pattern)) return false;
  const wanted = segments(normalPath(pattern));
  const have = segments(normalPath(path));
  if (wanted.length > have.length || (!recursive && wanted.length !== have.length)) return false;
  if (have.some((name) => name.length > MAX_NAME)) return false;
  return wanted.every((segment, i) => segmentMatches(segment, have[i]));
}

/** A path's names, the root's empty one and a last `/` left out. */
function segments(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

/** One name against one pattern segment: `*` any run of characters, `?` one, all else itself. */
function segmentMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = n;
    } else if (p < pattern.length && (pattern[p] === "?" || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
