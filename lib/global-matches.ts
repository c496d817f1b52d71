// Every match of a global pattern, as `[...text.matchAll(pattern)]` gives them, without the copy of the pattern that
// matchAll makes (V8 compiles that copy anew on each call, which the script readers pay on every statement).

/**
 * The matches of `pattern` (global) in `text`, from its lastIndex as matchAll starts; the pattern's lastIndex is left
 * as it was, as matchAll leaves it. An empty match moves on by one character (a code point under the u flag), as
 * matchAll does.
 */
export function globalMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const start = pattern.lastIndex;
  const matches: RegExpExecArray[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    matches.push(m);
    if (m[0] === "") pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode);
  }
  pattern.lastIndex = start;
  return matches;
}

/** The index after the character at `at`: a surrogate pair is one character when `unicode`. */
function nextIndex(text: string, at: number, unicode: boolean): number {
  const pair = unicode && at + 1 < text.length && (text.codePointAt(at) ?? 0) > 0xffff;
  return at + (pair ? 2 : 1);
}
