// `grep -v '^PasswordAuthentication' /etc/ssh/sshd_config > /tmp/s && mv /tmp/s /etc/ssh/sshd_config`: an inverted
// grep whose output goes to a file is a deletion, as sed's `/re/d` is, of the lines its patterns match. Its run is
// read as that sed script, so the stock-line replay sees a hardened line taken away.
import { ParsedCommand } from "./userdata-destinations";
import { deletionEdit, RegexSyntax, SedScript, UNADDRESSED } from "./userdata-sed-edits";

const GREPS = new Set(["grep", "egrep", "fgrep"]);
/** Options that take a value as the next word, and mean nothing here (-e is read as a pattern, -f not followed). */
const VALUE_OPTIONS = new Set(["-m", "-A", "-B", "-C", "--max-count"]);

/** What an inverted grep keeps out: its patterns as a sed script of deletions, and the files it reads. */
export interface InvertedGrep {
  script: SedScript;
  files: string[];
}

/**
 * The deletions of `grep -v`; undefined for another command, a grep that is not inverted, or one the reader does not
 * follow (patterns from a file, whole-word or whole-line matching, counting, listing names).
 */
export function invertedGrep({ name, args }: ParsedCommand): InvertedGrep | undefined {
  // Nearly every command is no inverted grep: answered before the arguments are read.
  if (!GREPS.has(name) || !args.some((a) => a === "--invert-match" || /^-[a-zA-Z]*v/.test(a))) return undefined;
  let syntax: RegexSyntax | "fixed" = name === "egrep" ? "extended" : name === "fgrep" ? "fixed" : "basic";
  let ignoreCase = false;
  const patterns: string[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-e" || a === "--regexp") patterns.push(args[++i] ?? "");
    else if (a.startsWith("--regexp=")) patterns.push(a.slice("--regexp=".length));
    else if (VALUE_OPTIONS.has(a)) i++;
    else if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith("--")) {
      if (/^--(?:file|word-regexp|line-regexp|count|files-with|files-without|only-matching)/.test(a)) return undefined;
      if (a === "--extended-regexp") syntax = "extended";
      if (a === "--perl-regexp") syntax = "perl";
      if (a === "--fixed-strings") syntax = "fixed";
      if (a === "--ignore-case") ignoreCase = true;
    } else if (a.startsWith("-") && a.length > 1) {
      const letters = a.slice(1);
      if (/[fwxclLo]/.test(letters.replace(/[eABCm].*$/, ""))) return undefined;
      if (letters.includes("E")) syntax = "extended";
      if (letters.includes("P")) syntax = "perl";
      if (letters.includes("F")) syntax = "fixed";
      if (letters.includes("i")) ignoreCase = true;
      // `-ve PATTERN`, `-e PATTERN` glued or not.
      const e = /e(.*)$/.exec(letters);
      if (e) patterns.push(e[1] !== "" ? e[1] : (args[++i] ?? ""));
    } else operands.push(a);
  }
  if (patterns.length === 0) patterns.push(operands.shift() ?? "");
  const regexSyntax: RegexSyntax = syntax === "fixed" ? "basic" : syntax;
  const sources = patterns
    // grep reads a pattern of several lines as several patterns.
    .flatMap((p) => p.split("\n"))
    .map((p) => (syntax === "fixed" ? p.replace(/[\\.[\]*^$]/g, "\\$&") : p))
    // An empty pattern matches every line: all of them kept out.
    .map((p) => (p === "" ? "^" : p));
  const addressFlags = ignoreCase ? "I" : "";
  const edits = sources.map((address) => deletionEdit({ ...UNADDRESSED, address, addressFlags }));
  return { script: { edits, syntax: regexSyntax }, files: operands };
}
