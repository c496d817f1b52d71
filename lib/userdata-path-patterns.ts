// Path words the shell expands before a command sees them: `{a,b}` (and `{1..3}`) into several words, `*`, `?` and
// `[…]` into the files they match. A write to such a word may land in any file it may name, so a check on a file
// named outright (root's authorized_keys) asks whether the word may name it. Every step is bounded: a word expanding
// past MAX_ALTERNATIVES words, or too long or too deeply nested to take apart, may name anything.
import { appendAll } from "./arrays";
import { resolvedPath } from "./userdata-sshd-paths";

/** Words a brace expansion may give before the word counts as naming anything. */
export const MAX_ALTERNATIVES = 64;
/** No path is longer (PATH_MAX); a longer word is not taken apart. */
const MAX_WORD = 4096;
/** Braces nested deeper are not followed (the expansion recurses once per group level). */
const MAX_DEPTH = 32;
/** Characters the expansion may build in all, so that a word of many groups stays linear. */
const MAX_BUILT = MAX_ALTERNATIVES * MAX_WORD;
/** The longest file name Linux allows. */
const MAX_NAME = 255;

/** A character that may make the shell expand the word: a brace or a pattern. */
const EXPANDED = /[{*?[]/;
/** A pattern character: the word names the files it matches. */
const GLOB = /[*?[]/;

/** A `{` that opens a group, where it closes, and the commas between (at its own level). */
interface Group {
  close: number;
  commas: number[];
}

/**
 * The words a brace expansion makes of `word`, as bash makes them (`/root/.ssh/{authorized_keys,config}`,
 * `authorized_keys{,2}`, `key{1..3}`); `${…}` is a parameter, not a group. Undefined past MAX_ALTERNATIVES words, or
 * for a word too long or too deeply nested to read: such a word may be any.
 */
export function braceAlternatives(word: string): string[] | undefined {
  if (!word.includes("{")) return [word];
  if (word.length > MAX_WORD) return undefined;
  const groups = pairBraces(word);
  if (groups === undefined) return undefined;
  if (groups.size === 0) return [word];
  const budget = { left: MAX_BUILT };
  return expand(word, 0, word.length, groups, budget);
}

/**
 * The groups of a word, each `{` with its `}` and its commas, in one pass with a stack; a `{` left open, a `}` that
 * closes nothing, and `${…}` are plain text. Undefined when nested past MAX_DEPTH.
 */
function pairBraces(word: string): Map<number, Group> | undefined {
  const groups = new Map<number, Group>();
  const open: { at: number; commas: number[] }[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "$" && word[i + 1] === "{") {
      // A parameter's braces, and any inside it, are no group: skipped to the `}` that closes it.
      let depth = 0;
      for (i++; i < word.length; i++) {
        if (word[i] === "{") depth++;
        else if (word[i] === "}" && --depth === 0) break;
      }
    } else if (c === "{") {
      if (open.length >= MAX_DEPTH) return undefined;
      open.push({ at: i, commas: [] });
    } else if (c === "," && open.length > 0) open[open.length - 1].commas.push(i);
    else if (c === "}") {
      const group = open.pop();
      // Braces with neither a comma nor a sequence inside (`{x}`, `{}`) are plain text, as for bash.
      if (group && (group.commas.length > 0 || sequence(word.slice(group.at + 1, i)) !== null))
        groups.set(group.at, { close: i, commas: group.commas });
    }
  }
  return groups;
}

/** The words text[start, end) expands to; undefined once past MAX_ALTERNATIVES or the budget. */
function expand(
  text: string,
  start: number,
  end: number,
  groups: Map<number, Group>,
  budget: { left: number },
): string[] | undefined {
  let words = [""];
  let literal = start;
  const add = (tails: string[]): boolean => {
    const made: string[] = [];
    for (const head of words)
      for (const tail of tails) {
        budget.left -= head.length + tail.length;
        if (made.length >= MAX_ALTERNATIVES || budget.left < 0) return false;
        made.push(head + tail);
      }
    words = made;
    return true;
  };
  for (let i = start; i < end; i++) {
    const group = groups.get(i);
    if (group === undefined) continue;
    if (!add([text.slice(literal, i)])) return undefined;
    const tails = groupWords(text, i, group, groups, budget);
    if (tails === undefined || !add(tails)) return undefined;
    i = group.close;
    literal = i + 1;
  }
  return add([text.slice(literal, end)]) ? words : undefined;
}

/** The words one group stands for: its alternatives, each expanded in turn, or a sequence's terms. */
function groupWords(
  text: string,
  at: number,
  { close, commas }: Group,
  groups: Map<number, Group>,
  budget: { left: number },
): string[] | undefined {
  if (commas.length === 0) return sequence(text.slice(at + 1, close)) ?? undefined;
  const words: string[] = [];
  let from = at + 1;
  for (const to of [...commas, close]) {
    const part = expand(text, from, to, groups, budget);
    if (part === undefined || words.length + part.length > MAX_ALTERNATIVES) return undefined;
    appendAll(words, part);
    from = to + 1;
  }
  return words;
}

const NUMBERS = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/;
const LETTERS = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/;

/**
 * The terms of `{x..y}` or `{x..y..step}` (numbers, zero-padded as bash pads them, or single letters); null when the
 * text is no sequence (it is then plain text); undefined past MAX_ALTERNATIVES terms.
 */
function sequence(inside: string): string[] | undefined | null {
  const numbers = NUMBERS.exec(inside);
  const letters = numbers ? null : LETTERS.exec(inside);
  const m = numbers ?? letters;
  if (!m) return null;
  const from = numbers ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numbers ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? "1")) || 1;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return undefined;
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  if (count > MAX_ALTERNATIVES) return undefined;
  const padded = numbers !== null && /^-?0\d/.test(m[1] + " " + m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  const direction = to >= from ? step : -step;
  const terms: string[] = [];
  for (let k = 0, v = from; k < count; k++, v += direction) {
    if (!numbers) terms.push(String.fromCharCode(v));
    else {
      const digits = String(Math.abs(v)).padStart(padded - (v < 0 ? 1 : 0), "0");
      terms.push(v < 0 ? `-${digits}` : digits);
    }
  }
  return terms;
}

/**
 * Whether a path word may name one of `paths` (paths spelt outright, each tested first with `names`): the word itself,
 * or one of the words its braces make, names one (`names`), or is a pattern that may match one. A word past the
 * bounds may name any.
 */
export function mayNamePath(word: string, names: (path: string) => boolean, paths: readonly string[]): boolean {
  if (names(word)) return true;
  // Nearly every word has no brace and no pattern: answered by the test alone.
  if (!EXPANDED.test(word)) return false;
  const alternatives = braceAlternatives(word);
  if (alternatives === undefined) return true;
  let named: string[] | undefined;
  return alternatives.some(
    (a) =>
      (a !== word && names(a)) ||
      (GLOB.test(a) && (named ??= paths.filter(names)).some((path) => patternMayMatchPath(a, path))),
  );
}

/**
 * Whether a path pattern may match a path (both resolved first): step by step, the first step as written (`/`, `~`,
 * `$HOME`: no pattern makes those), each other as a pattern; a `**` step may stand for any number of steps (bash's
 * globstar). Time is the pattern's length times the path's, the path being short.
 */
export function patternMayMatchPath(pattern: string, path: string): boolean {
  const steps = resolvedPath(pattern).split("/");
  const target = resolvedPath(path).split("/");
  if (steps[0] !== target[0]) return false;
  // reach[j]: the pattern's steps so far may match the path's steps 1 to j.
  let reach = target.map((_, j) => j === 0);
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i];
    let any = false;
    reach = reach.map((_, j, before) => {
      if (step === "**") any ||= before[j];
      return step === "**" ? any : j > 0 && before[j - 1] && globMayMatch(step, target[j]);
    });
    if (!reach.includes(true)) return false;
  }
  return reach[target.length - 1];
}

/**
 * Whether a shell pattern may match `text`: `*` and `?` as the shell reads them, a bracket expression as any one
 * character. Walked with the last star to fall back on, so time is the pattern's length times the text's.
 */
export function globMayMatch(pattern: string, text: string): boolean {
  // No file name is longer; a longer pattern is not taken apart (its bracket expressions would cost its square).
  if (pattern.length > MAX_NAME) return true;
  const tokens = pattern.match(/\[!?\]?[^\]]*\]|[^]/g) ?? [];
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token === "*") {
      star = p++;
      resume = t;
    } else if (token !== undefined && (token === "?" || token.length > 1 || token === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (tokens[p] === "*") p++;
  return p === tokens.length;
}
