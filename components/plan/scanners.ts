// User-Agent tokens of scanners and attack tools (the case began with open-source scanners and a hydra brute force).
// Lower-case substrings: WAF rules lower-case the header and match CONTAINS, so "sqlmap/1.7" is caught by "sqlmap".

/** Maintained list of scanner / attack-tool User-Agent tokens, lower-case, unique, at least 4 characters. */
export const SCANNER_USER_AGENTS: readonly string[] = Object.freeze([
  "sqlmap",
  "nikto",
  "nmap",
  "masscan",
  "zgrab",
  "hydra",
  "nuclei",
  "gobuster",
  "dirbuster",
  "dirb/",
  "wpscan",
  "acunetix",
  "netsparker",
  "openvas",
  "nessus",
  "w3af",
  "whatweb",
  "ffuf",
  "feroxbuster",
  "wfuzz",
  "arachni",
  "skipfish",
  "zmap",
  "jaeles",
  "xray",
  "burpcollaborator",
  "commix",
  "havij",
  "joomscan",
]);

/**
 * Splits tokens into groups of at most `size`, e.g. to keep each WAF OR statement within service limits.
 * Every token appears exactly once, order kept.
 */
export function chunkTokens(tokens: readonly string[], size: number): string[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunkTokens: size is ${size}; allowed: an integer ≥ 1`);
  const chunks: string[][] = [];
  for (let i = 0; i < tokens.length; i += size) chunks.push(tokens.slice(i, i + size));
  return chunks;
}

/**
 * The default tokens a custom list no longer blocks. A token covers every default that contains it, since the WAF
 * rule matches CONTAINS on the lower-cased header ("sql" still catches "sqlmap").
 */
export function uncoveredScannerTokens(tokens: readonly string[]): string[] {
  const lower = tokens.filter((t) => typeof t === "string").map((t) => t.toLowerCase());
  return SCANNER_USER_AGENTS.filter((d) => !lower.some((t) => d.includes(t)));
}
