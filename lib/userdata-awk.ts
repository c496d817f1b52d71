// awk as a stream editor: `gawk -i inplace '/^PasswordAuthentication/ { $2 = "yes" } 1' FILE`, or `awk … FILE > tmp
// && mv tmp FILE`. Its program is read for what it writes: `sub`/`gsub` calls as sed's `s` commands (its regexes are
// extended ones, `&` the match), the strings it assigns or prints as text, each prefixed by the directive the
// pattern before its action (or the program) names, as a sed address's directive prefixes a bare replacement. A
// string compared with (`$1 == "PermitRootLogin"`) writes nothing. A program that only picks the lines it prints
// (`!/re/ && !/re/`, `/re/ { next } 1`) deletes the others, as userdata-awk-filters reads it. One pass over the program:
// user data may be hostile.
import { BoundedMemo } from "./bounded-memo";
import {
  deletionEdit,
  directiveNamed,
  EditAddress,
  SedEdit,
  SedScript,
  StreamEdit,
  substitutionEdit,
  textEdit,
  UNADDRESSED,
} from "./userdata-sed-edits";
import { filteredOut } from "./userdata-awk-filters";
import { DIRECTIVE } from "./userdata-sshd-directives";

export const AWKS = new Set(["awk", "gawk", "mawk", "nawk"]);
/** Options that take a value, as a word of their own or glued (`-F:`). */
const VALUE_OPTIONS = new Set(["-F", "-v", "-f", "-i", "-E", "-l", "--include", "--load", "--file", "--assign"]);

/** An awk command's run as a stream edit; undefined for another command, or a program kept in a file (`-f`). */
export function awkStreamEdit(name: string, args: string[]): StreamEdit | undefined {
  if (!AWKS.has(name)) return undefined;
  let inPlace = false;
  let programFile = false;
  let i = 0;
  for (; i < args.length && args[i].startsWith("-") && args[i] !== "-"; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    const option = VALUE_OPTIONS.has(a) ? a : a.startsWith("--") ? a.split("=")[0] : a.slice(0, 2);
    const value = VALUE_OPTIONS.has(a) ? args[++i] : a.startsWith("--") ? a.split("=")[1] : a.slice(2);
    if ((option === "-i" || option === "--include") && /^inplace/.test(value ?? "")) inPlace = true;
    if (option === "-f" || option === "--file") programFile = true;
  }
  if (programFile || i >= args.length) return undefined;
  // Operands after the program: files, and `var=value` assignments, which are none.
  const files = args.slice(i + 1).filter((a) => !/^[A-Za-z_]\w*=/.test(a));
  return { inPlace, files, script: awkScript(args[i]) };
}

const parsedPrograms = new BoundedMemo<string, SedScript>(1_000);

/** A program's edits, parsed once per program (the result is shared, so it must not be changed). */
export function awkScript(program: string): SedScript {
  return parsedPrograms.through(program, () => {
    const tokens = awkTokens(program);
    const deletions = filteredOut(tokens).map((address) => deletionEdit({ ...UNADDRESSED, address }));
    return { edits: [...deletions, ...new AwkReader(program, tokens).edits()], syntax: "extended" };
  });
}

export type AwkToken = { kind: "string" | "regex" | "word" | "op"; text: string };
type Token = AwkToken;

/** Operators after which a `/` starts a regex rather than a division. */
const REGEX_AFTER = new Set(["", "(", ",", "{", "}", ";", "\n", "!", "~", "!~", "&&", "||", "?", ":", "=="]);
/** Operators that compare: a string after them is read, not written. */
const COMPARISONS = new Set(["==", "!=", "~", "!~", "<", ">", "<=", ">="]);
const TWO_CHARACTER = new Set(["==", "!=", "!~", "<=", ">=", "&&", "||", "+=", "-=", "++", "--"]);

class AwkReader {
  constructor(
    private readonly program: string,
    private readonly tokens: Token[],
  ) {}

  /** The edits: `sub`/`gsub` calls, and the strings the program assigns or prints. */
  edits(): SedEdit[] {
    const edits: SedEdit[] = [];
    const programDirective = DIRECTIVE.exec(this.program)?.[0];
    const addresses: (string | undefined)[] = [];
    let address: string | undefined;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === "op" && t.text === "{") {
        // A regex right before an action at the top is its pattern: the lines it edits.
        const previous = this.tokens[i - 1];
        addresses.push(address);
        if (addresses.length === 1 && previous?.kind === "regex") address = previous.text;
      } else if (t.kind === "op" && t.text === "}") address = addresses.pop();
      else if (t.kind === "word" && (t.text === "sub" || t.text === "gsub")) {
        const call = this.substitution(i, address, t.text === "gsub");
        if (call) edits.push(call);
      } else if (t.kind === "string" && !COMPARISONS.has(this.tokens[i - 1]?.text ?? "") && !this.isSubArgument(i)) {
        const directive = DIRECTIVE.test(t.text) ? undefined : (directiveNamed(address ?? "") ?? programDirective);
        edits.push(textEdit(directive ? `${directive} ${t.text}` : t.text));
      }
    }
    return edits;
  }

  /** `sub(/re/, "text")` at `i`, as sed's `s/re/text/` on the lines the action's pattern picks. */
  private substitution(i: number, address: string | undefined, global: boolean): SedEdit | undefined {
    const [open, regex, comma, replacement] = this.tokens.slice(i + 1, i + 5);
    // The pattern may be a regex or a string, which awk reads as one (`gsub("no", "yes")`).
    const pattern = regex?.kind === "regex" || regex?.kind === "string";
    if (open?.text !== "(" || !pattern || comma?.text !== "," || replacement?.kind !== "string") return undefined;
    const where: EditAddress = address === undefined ? UNADDRESSED : { ...UNADDRESSED, address, reused: address };
    // The string's `"\\&"` is `\&`, a literal & in awk's replacement as in sed's.
    return substitutionEdit(where, regex.text, replacement.text, global ? "g" : "", "extended");
  }

  /** The string is the pattern or the replacement of a `sub`/`gsub` call, read with it. */
  private isSubArgument(i: number): boolean {
    const isCall = (t: Token | undefined) => t?.kind === "word" && (t.text === "sub" || t.text === "gsub");
    return isCall(this.tokens[i - 2]) || (isCall(this.tokens[i - 4]) && this.tokens[i - 1]?.text === ",");
  }
}

/** A program's tokens: strings and regexes (their text read), words, operators; comments and blanks left out. */
export function awkTokens(program: string): Token[] {
  const tokens: Token[] = [];
  for (let at = 0; at < program.length;) {
    const c = program[at];
    if (c === " " || c === "\t" || c === "\\") at++;
    else if (c === "#") while (at < program.length && program[at] !== "\n") at++;
    else if (c === '"' || (c === "/" && REGEX_AFTER.has(tokens[tokens.length - 1]?.text ?? ""))) {
      const end = closing(program, at + 1, c);
      tokens.push({ kind: c === '"' ? "string" : "regex", text: unescaped(program.slice(at + 1, end), c) });
      at = end + 1;
    } else if (/[\w$]/.test(c)) {
      const word = /[\w$]+/y;
      word.lastIndex = at;
      const text = word.exec(program)?.[0] ?? c;
      tokens.push({ kind: "word", text });
      at += text.length;
    } else {
      const text = TWO_CHARACTER.has(program.slice(at, at + 2)) ? program.slice(at, at + 2) : c;
      tokens.push({ kind: "op", text });
      at += text.length;
    }
  }
  return tokens;
}

/** The index of the unescaped `quote` closing a string or regex that starts at `from`, or the program's end. */
function closing(program: string, from: number, quote: string): number {
  let at = from;
  while (at < program.length && program[at] !== quote && program[at] !== "\n") at += program[at] === "\\" ? 2 : 1;
  return Math.min(at, program.length);
}

/** A string's text (`\"`, `\\`, `\n`, `\t` read); a regex's source, its escaped slashes unescaped. */
function unescaped(body: string, quote: string): string {
  if (quote === "/") return body.replace(/\\\//g, "/");
  return body.replace(/\\([^])/g, (_m, e: string) => (e === "n" ? "\n" : e === "t" ? "\t" : e));
}
