// Name patterns where `*` matches any run of characters and `?` one character, covering the whole name: exemption
// resources, WAF rule names in config, ECR repository filters (names there can hold neither `*` nor `?`).

/**
 * Greedy matching that backtracks only to the last `*`: linear-time in practice, where a regex built from the
 * pattern backtracks once per `*` (`*a*a*a*b` against 200 `a`s took seconds). Names come from the stack, so hostile.
 */
export function wildcardMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/** True when the pattern matches every name (`*`, `**`…), so the name itself need not be known. */
export function matchesEverything(pattern: string): boolean {
  return pattern !== "" && /^\*+$/.test(pattern);
}
