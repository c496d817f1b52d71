// What a sed deletion over a range (`1,$d`, `/re1/,/re2/d`, `3,7d`), or over a line number negated (`$!d`), takes
// from sshd's configuration. The stock lines the reader replays stand alone, in no order, and none is the file's first
// or last line: `1,$d`, `1!d` and `$!d` delete every one of them; `$,/re/d`, `5,3d` and `5,+0d` one numbered line,
// none of them; `1,$!d` nothing. A range from a regex deletes every line the regex matches (each starts the range or
// lies within one), and lines after it that cannot be placed; other ranges (`0,/re/`, `3,7`, `first~step`, a range
// negated) delete lines none of which can be placed.
import { EditAddress, UNADDRESSED } from "./userdata-sed-edits";

/** One end of a range as read: its regex and flags, or the line number, `$`, `+N`, `~N` or `first~step` as spelt. */
export interface RangeEnd {
  regex?: string;
  flags: string;
  spelt: string;
}

/** Lines the reader cannot place: a deletion over them takes nothing from the stock lines it can name. */
const UNPLACED: EditAddress = { ...UNADDRESSED, partial: true };
/** One line given by its number: none of the stock lines (see apply in userdata-edit-replay). */
const ONE_NUMBERED_LINE: EditAddress = { ...UNADDRESSED, numbered: true };
const DIGITS = /^[0-9]+$/;
/** `+0`: a range that ends on the line it starts at. */
const NO_MORE_LINES = /^\+0+$/;

/**
 * The address a deletion over a range applies as: every stock line, one numbered line, the lines a regex matches
 * (`partial` when the range reaches lines after them), or only lines that cannot be placed (address "", `partial`).
 * Undefined when it deletes no line. `second` is undefined for a single address (`$!`, `first~step`).
 */
export function rangeDeletion(
  first: RangeEnd,
  second: RangeEnd | undefined,
  negated: boolean,
): EditAddress | undefined {
  const every = { ...UNADDRESSED };
  if (second === undefined) return first.spelt.includes("~") ? UNPLACED : negated ? every : ONE_NUMBERED_LINE;
  if (first.spelt === "1" && second.spelt === "$") return negated ? undefined : every;
  if (oneLine(first, second)) {
    if (first.regex === undefined) return negated ? every : ONE_NUMBERED_LINE;
    return { ...UNADDRESSED, address: first.regex, addressFlags: first.flags, negated };
  }
  if (first.regex === undefined || negated) return UNPLACED;
  return { ...UNADDRESSED, address: first.regex, addressFlags: first.flags, partial: true };
}

/**
 * The range holds only its first line: it starts at the last line, ends `+0` after its start, or ends at a line
 * number no greater than the one it starts at.
 */
function oneLine(first: RangeEnd, second: RangeEnd): boolean {
  if (first.spelt === "$" || NO_MORE_LINES.test(second.spelt)) return true;
  return DIGITS.test(first.spelt) && DIGITS.test(second.spelt) && atMost(second.spelt, first.spelt);
}

/** Whether line number `a` is no greater than `b`, compared as digits: they may be too long for a number. */
function atMost(a: string, b: string): boolean {
  const [x, y] = [a.replace(/^0+/, ""), b.replace(/^0+/, "")];
  return x.length !== y.length ? x.length < y.length : x <= y;
}
