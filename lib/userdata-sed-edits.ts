// The edits a stream editor's script makes, as the checks read them: what each writes into the file (the text its
// `s` replacements and `a`/`c`/`i` commands put in), and, in order, the raw substitutions and deletions the
// uncommenting model replays on sshd_config's stock lines. sed's scripts and perl's line loops are read into these.
import { DIRECTIVE } from "./userdata-sshd-directives";

/** Whose regular expressions a script's patterns are: sed's basic or extended ones (-E, -r), or Perl's. */
export type RegexSyntax = "basic" | "extended" | "perl";

/** One command of a script. */
export interface SedEdit {
  /** `s` substitutes, `d` deletes the addressed lines, `text` is the text of `a`, `c` or `i`. */
  command: "s" | "d" | "text";
  /** The source of the `/regex/` address before the command, "" when there is none. */
  address: string;
  /** The address's flags (`I` in sed, `i` in Perl): it folds case. */
  addressFlags: string;
  /** The address is negated (`/regex/!s/…/`): the command applies to the lines it does not match. */
  negated: boolean;
  /** A line-number address (`1s/…/`, `$d`): the command touches one line, not each line it matches. */
  numbered: boolean;
  /** A range (`/re/,+1`): the command reaches the lines after its start, which the reader cannot place. */
  partial: boolean;
  /** Under a condition the reader cannot read (Perl's `if $. > 10`): it may edit any line, or none. */
  maybe: boolean;
  /**
   * A deletion inside a `{…}` block whose address the reader cannot place (`/a/,/b/{/re/d}`): the lines its own
   * address matches may be deleted, or not.
   */
  within?: boolean;
  /**
   * The `s` pattern as written (another delimiter escaped in it unescaped), its replacement in sed's syntax (`\1`
   * for a group, `&` for the match) and its flags (`g`, `I`, a count).
   */
  pattern: string;
  replacement: string;
  flags: string;
  /** The replacement read as text (backreferences resolved), or the verbatim text. */
  text: string;
  /** What the command writes as the checks read it: the text, prefixed by the directive its address names. */
  written: string;
}

export interface SedScript {
  readonly edits: readonly SedEdit[];
  readonly syntax: RegexSyntax;
}

/** A stream editor's run: whether it edits its files in place (-i) rather than printing, its files, its script. */
export interface StreamEdit {
  inPlace: boolean;
  files: string[];
  script: SedScript;
}

/** Where a command applies, and the regex an empty `s//…/` pattern stands for (sed reuses the last one). */
export type EditAddress = Pick<SedEdit, "address" | "addressFlags" | "negated" | "numbered"> & {
  reused?: string;
  partial?: boolean;
  maybe?: boolean;
  within?: boolean;
};

export const UNADDRESSED: EditAddress = { address: "", addressFlags: "", negated: false, numbered: false };

/**
 * The text a script writes: the replacements of its `s` commands (backreferences resolved; for an `s` addressed to
 * a directive's line, that directive with the replacement) and the text of `a`/`c`/`i` commands (a deletion writes
 * nothing), a line each.
 */
export function writtenText(script: SedScript): string {
  let text = writtenTexts.get(script);
  if (text === undefined) {
    text = script.edits
      .filter((e) => e.command !== "d")
      .map((e) => e.written)
      .join("\n");
    writtenTexts.set(script, text);
  }
  return text;
}

/** Scripts are parsed once and shared (see sedScript), and several checks read what each writes: joined once. */
const writtenTexts = new WeakMap<SedScript, string>();

/**
 * An `s` command: what it writes is the replacement with backreferences resolved, prefixed by the directive its
 * address (or a Perl pattern's lookbehind or `\K`) names when the replacement names none (the line keeps its keyword).
 */
export function substitutionEdit(
  where: EditAddress,
  pattern: string,
  replacement: string,
  flags: string,
  syntax: RegexSyntax,
): SedEdit {
  const { address, addressFlags, negated, numbered } = where;
  const partial = where.partial === true;
  const maybe = where.maybe === true;
  const text = replacementText(pattern, replacement, syntax);
  // A range (`/PermitRootLogin/,+1`) still names the directive of the lines it starts at; a Perl pattern that
  // matches after the directive (`PermitRootLogin \K.*`, `(?<=PermitRootLogin )no`) leaves it on the line.
  const kept = syntax === "perl" && /\\K|\(\?<[=!]/.test(pattern) ? DIRECTIVE.exec(pattern)?.[0] : undefined;
  const directive = directiveNamed(address || (where.reused ?? "")) ?? kept;
  const written = directive && !DIRECTIVE.test(text) ? `${directive} ${text}` : text;
  const edit = { address, addressFlags, negated, numbered, partial, maybe, pattern, replacement, flags, text, written };
  return { command: "s", ...edit };
}

/** The last address read, and the directive it names: the commands of a `{…}` block share their address. */
let lastAddress = "";
let lastDirective: string | undefined;

/** The directive an address names, if any; one scan of each address however many commands it picks lines for. */
export function directiveNamed(address: string): string | undefined {
  if (address !== lastAddress) [lastAddress, lastDirective] = [address, DIRECTIVE.exec(address)?.[0]];
  return lastDirective;
}

/** Text written as it is: an `a`, `c` or `i` command's, or what a Perl statement the reader cannot follow prints. */
export function textEdit(text: string): SedEdit {
  const edit = {
    ...UNADDRESSED,
    partial: false,
    maybe: false,
    pattern: "",
    replacement: "",
    flags: "",
    text,
    written: text,
  };
  return { command: "text", ...edit };
}

export function deletionEdit(where: EditAddress): SedEdit {
  const { address, addressFlags, negated, numbered } = where;
  return {
    command: "d",
    address,
    addressFlags,
    negated,
    numbered,
    partial: where.partial === true,
    maybe: false,
    ...(where.within === true ? { within: true } : {}),
    pattern: "",
    replacement: "",
    flags: "",
    text: "",
    written: "",
  };
}

/**
 * The replacement as text: `\1`…`\9` and `&` stand for (an approximation of) what the pattern's groups and the
 * whole pattern match, other escapes for the character. Expansions stop once the text outgrows its inputs, so a
 * replacement of many `&` cannot multiply a long pattern.
 */
function replacementText(pattern: string, replacement: string, syntax: RegexSyntax): string {
  const whole = literal(pattern);
  const groups = groupSources(pattern, syntax).map((g) => (g === undefined ? "" : literal(g)));
  const budget = 2 * (pattern.length + replacement.length) + 64;
  let out = "";
  const expand = (text: string) => {
    if (out.length + text.length <= budget) out += text;
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === "&") expand(whole);
    else if (c !== "\\" || i + 1 === replacement.length) out += c;
    else {
      const e = replacement[++i];
      if (e >= "1" && e <= "9") expand(groups[Number(e)] ?? "");
      else out += e === "n" ? "\n" : e === "t" ? "\t" : e;
    }
  }
  return out;
}

/** The opening of a named Perl group after its `(`: `?<name>`, `?P<name>`, `?'name'`. */
const NAMED_GROUP = /^\?(?:P?<\w{1,64}>|'\w{1,64}')/;

/**
 * The source of the pattern's groups 1 to 9 (sed has no others), found in one pass: BRE groups are `\( \)`, ERE and
 * Perl groups bare parentheses (Perl's `(?:…)` and the like capture nothing, its named groups do).
 */
function groupSources(pattern: string, syntax: RegexSyntax): (string | undefined)[] {
  const groups: (string | undefined)[] = [];
  const open: { n: number; from: number }[] = [];
  const bare = syntax !== "basic";
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const escaped = pattern[i] === "\\";
    const c = escaped ? pattern[++i] : pattern[i];
    if (escaped === bare) continue; // a literal parenthesis, or no parenthesis at all
    if (c === "(") {
      const extension = syntax === "perl" && pattern[i + 1] === "?";
      const named = extension ? NAMED_GROUP.exec(pattern.slice(i + 1, i + 68)) : null;
      if (extension && !named) open.push({ n: 0, from: i + 1 });
      else open.push({ n: ++count, from: i + 1 + (named?.[0].length ?? 0) });
    }
    if (c !== ")") continue;
    const g = open.pop();
    if (g && g.n > 0 && g.n <= 9) groups[g.n] = pattern.slice(g.from, escaped ? i - 1 : i);
  }
  return groups;
}

/** Roughly the text a regex matches, enough to read a directive and its value: blank classes become a space. */
function literal(source: string): string {
  return source
    .replace(/\[\[:(?:space|blank):\]\]|\\[sth]/g, " ")
    .replace(/\\(.)|[\^$*.?+()[\]{}|]/g, (_m, escaped: string | undefined) =>
      escaped === undefined || "?+(){}|".includes(escaped) ? "" : escaped,
    );
}
