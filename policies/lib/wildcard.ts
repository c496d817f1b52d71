// Name patterns where `*` matches any run of characters and `?` one character, covering the whole name: exemption
// resources, WAF rule names in config, ECR repository filters (names there can hold neither `*` nor `?`).

function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

export function wildcardMatches(pattern: string, name: string): boolean {
  return patternRegExp(pattern).test(name);
}

/** True when the pattern matches every name (`*`, `**`…), so the name itself need not be known. */
export function matchesEverything(pattern: string): boolean {
  return pattern !== "" && /^\*+$/.test(pattern);
}
