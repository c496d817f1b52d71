// ex's deletes at an address (`ex -sc ':/^PasswordAuthentication no/d|x' sshd_config`, `vi -c '/re/d' -c wq`,
// `ex +'%d' +wq`), read as sed's deletes at the same address. ex's `/re/d` deletes the next line the pattern matches;
// each stock line the reader replays stands alone, so that is whichever stock line it matches. Read in one pass,
// character by character: the commands are the user's text.
import { appendAll } from "./arrays";

/** An ex command's name that deletes: `d` up to `delete`. */
const DELETE = "delete";
/** The flags that may follow the name: list, print, number. */
const PRINT_FLAGS = "lp#";

/**
 * The deletions of a `-c` command's `|`-separated commands, as sed commands (`/re/d`, `5d`, `$d`, `d`, `/a/,/b/d`);
 * none when it deletes nothing the reader can place. Any other command in the chain is passed over; a pattern left
 * open ends the reading.
 */
export function exAddressDeletions(command: string): string[] {
  const deletions: string[] = [];
  let at = 0;
  while (at < command.length) {
    const read = new ExCommand(command, at);
    appendAll(deletions, read.deletions());
    // A pattern left open leaves where the next command starts unknown (and each scan of one would read to the end).
    if (read.broken) break;
    at = read.nextCommand();
  }
  return deletions;
}

/** One ex command from `start`: its range, its name, what follows up to the `|` that ends it. */
class ExCommand {
  private at: number;
  /** A pattern was left open. */
  broken = false;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.at = start;
  }

  /** sed's deletions at the same range; none when the command is no delete or its range cannot be read. */
  deletions(): string[] {
    this.skip(" \t:");
    const range = this.range();
    if (range === undefined) return [];
    this.skip(" \t");
    if (!this.deleteName()) return [];
    // A register (`d a`), then a count (`d 3`): the count reaches the lines after the address.
    this.skip(" \t");
    const c = this.text[this.at];
    if (c !== undefined && /[a-zA-Z"_]/.test(c) && !PRINT_FLAGS.includes(c)) this.at++;
    this.skip(" \t");
    const count = this.digits();
    this.skip(" \t");
    if (this.at < this.text.length && this.text[this.at] !== "|") return [];
    // The addressed line, surely, and those the count reaches after it, which the reader cannot place.
    if (count !== "" && range.single !== undefined) return [`${range.single}d`, `${range.single},+${count}d`];
    return [`${range.sed}d`];
  }

  /** Where the next command starts: past the `|` that ends this one (or the text's end). */
  nextCommand(): number {
    const bar = this.text.indexOf("|", this.at);
    return bar < 0 ? this.text.length : bar + 1;
  }

  /**
   * A range as sed spells it: `%` (every line, sed's no address), one address, or two joined by `,` or `;`. No
   * address is the current line, which is the last when ex starts. `single`: the one address, when there is one.
   */
  private range(): { sed: string; single?: string } | undefined {
    if (this.text[this.at] === "%") {
      this.at++;
      return { sed: "" };
    }
    const first = this.address();
    if (first === undefined) return undefined;
    this.skip(" \t");
    const c = this.text[this.at];
    if (c !== "," && c !== ";") return first === "" ? { sed: "$" } : { sed: first, single: first };
    this.at++;
    this.skip(" \t");
    const second = this.address();
    if (second === undefined) return undefined;
    const sed = `${first === "" ? "$" : first},${second === "" ? "$" : second}`;
    // From the first line to the last is every line, as `%` is.
    return { sed: sed === "1,$" ? "" : sed };
  }

  /**
   * One address as sed spells it: a line number, `$`, `.` (the last line, where ex starts), `/re/` or `?re?` (sed's
   * `\?re?`); "" when there is none. An offset (`/re/+1`) reaches a line the reader cannot place: sed's range from
   * the address. Undefined for a pattern left open.
   */
  private address(): string | undefined {
    const { text } = this;
    const c = text[this.at];
    let address = "";
    if (c === "$" || c === ".") {
      this.at++;
      address = "$";
    } else if (c !== undefined && c >= "0" && c <= "9") address = this.digits();
    else if (c === "/" || c === "?") {
      const end = patternEnd(text, this.at + 1, c);
      this.broken = end < 0;
      if (this.broken) return undefined;
      address = `${c === "/" ? "" : "\\"}${text.slice(this.at, end + 1)}`;
      this.at = end + 1;
    }
    const sign = text[this.at];
    if (sign !== "+" && sign !== "-") return address;
    this.at++;
    const offset = this.digits();
    return `${address === "" ? "$" : address},+${offset === "" ? "1" : offset}`;
  }

  /** `d`, `de`, … `delete`, then a print flag, a blank, `|` or the end. */
  private deleteName(): boolean {
    const { text } = this;
    let length = 0;
    while (length < DELETE.length && text[this.at + length] === DELETE[length]) length++;
    if (length === 0) return false;
    const after = text[this.at + length];
    if (after !== undefined && /[a-zA-Z]/.test(after) && !PRINT_FLAGS.includes(after)) return false;
    this.at += length;
    while (this.at < text.length && PRINT_FLAGS.includes(text[this.at])) this.at++;
    return true;
  }

  private digits(): string {
    const start = this.at;
    while (this.at < this.text.length && this.text[this.at] >= "0" && this.text[this.at] <= "9") this.at++;
    return this.text.slice(start, this.at);
  }

  private skip(characters: string): void {
    while (this.at < this.text.length && characters.includes(this.text[this.at])) this.at++;
  }
}

/** The index of the delimiter that closes a pattern opened before `from`, escapes skipped; -1 when none does. */
function patternEnd(text: string, from: number, delimiter: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === delimiter) return i;
  }
  return -1;
}
