// Plain sed patterns, matched without the automaton. The patterns real scripts run over sshd_config name a directive
// in plain letters (`^#\?PasswordAuthentication.*`, `^PermitRootLogin no`): every match holds that text, so a line
// without it cannot match; and a pattern made only of such letters (some optional or repeated), anchored at the
// line's start or plain text alone, maybe ending in `.*`, is matched by one walk over the line. re2js, which every
// other pattern goes to, costs far more per line. Both readings are conservative: what they do not recognise is
// left to the automaton.

/** What re2js would return for a match (sedMatch's result): where it starts and ends, and its groups (none here). */
export interface PlainMatch {
  start: number;
  end: number;
  groups: (string | undefined)[];
}

/** A pattern of plain characters, each maybe optional (`a\?`) or repeated (`a*`), maybe followed by `.*`. */
export interface PlainPattern {
  /** `^` opens the pattern: it matches at the line's start only. */
  anchored: boolean;
  items: PlainItem[];
  /** The pattern ends in `.*`, which runs to the end of the line (a newline ends it). */
  restOfLine: boolean;
}

/** Plain text once (consecutive characters are one item), or one character that is optional or repeated. */
interface PlainItem {
  text: string;
  repeat: "one" | "optional" | "any";
}

/** Characters that stand for themselves outside brackets in both of sed's syntaxes. */
const PLAIN = /^[A-Za-z0-9_ #=/:,]$/;
/** Shorter literals are not worth a search before the automaton runs. */
const MIN_LITERAL = 3;

/**
 * The longest run of plain characters that every match of a sed pattern contains, or undefined when none is known.
 * Read conservatively: a pattern with alternatives has none (even a `|` that is a literal); the character a
 * quantifier follows leaves the run; reading stops at a group, a bracket expression or an interval.
 */
export function requiredLiteral(source: string, extended: boolean): string | undefined {
  if (source.includes(extended ? "|" : "\\|")) return undefined;
  let best = "";
  let run = "";
  const keep = (literal: string) => {
    if (literal.length > best.length) best = literal;
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (PLAIN.test(c)) {
      run += c;
      continue;
    }
    const token = c === "\\" ? source.slice(i, i + 2) : c;
    const operator = extended ? token : token.slice(1);
    if (c === "*" || operator === "?" || operator === "+" || operator === "{") keep(run.slice(0, -1));
    else keep(run);
    if (c === "[" || operator === "{" || operator === "(" || operator === ")") break;
    i += token.length - 1;
  }
  keep(run);
  return best.length >= MIN_LITERAL ? best : undefined;
}

/**
 * The pattern read as a PlainPattern, or undefined when it is anything more. Unanchored, only plain text (with `.*`
 * after it or not) is read: where an unanchored match starts is otherwise harder to tell.
 */
export function plainPattern(source: string, extended: boolean): PlainPattern | undefined {
  const anchored = source.startsWith("^");
  const items: PlainItem[] = [];
  let restOfLine = false;
  for (let i = anchored ? 1 : 0; i < source.length; i++) {
    if (source.startsWith(".*", i) && i + 2 === source.length) {
      restOfLine = true;
      break;
    }
    const char = source[i];
    if (!PLAIN.test(char)) return undefined;
    const optional = extended ? "?" : "\\?";
    let repeat: PlainItem["repeat"] = "one";
    if (source[i + 1] === "*") repeat = "any";
    else if (source.startsWith(optional, i + 1)) repeat = "optional";
    i += repeat === "one" ? 0 : repeat === "any" ? 1 : optional.length;
    if (repeat !== "one" && !anchored) return undefined;
    const last = items[items.length - 1];
    if (repeat === "one" && last?.repeat === "one") last.text += char;
    else items.push({ text: char, repeat });
  }
  return items.length > 0 ? { anchored, items, restOfLine } : undefined;
}

/**
 * The leftmost-longest match of a plain pattern at or after `from`. Anchored, it can start only at 0 (`^` anchors at
 * the line's start whatever `from`, as with re2js); its ends are walked item by item, each position once per item.
 */
export function plainMatch(pattern: PlainPattern, line: string, from: number): PlainMatch | undefined {
  // Unanchored, the pattern is one item of plain text.
  const text = pattern.items[0].text;
  const start = pattern.anchored ? (from === 0 ? 0 : -1) : line.indexOf(text, from);
  if (start < 0) return undefined;
  const ends = pattern.anchored ? anchoredEnds(pattern.items, line) : [start + text.length];
  if (ends.length === 0) return undefined;
  const last = ends[ends.length - 1];
  return { start, end: pattern.restOfLine ? lineEnd(line, last) : last, groups: [] };
}

/**
 * Where `.*` from `from` stops: at a newline (re2js's `.` matches any other character), or the end. From every end of
 * the items it stops at the same place: the characters between two ends are plain, none a newline.
 */
function lineEnd(line: string, from: number): number {
  const newline = line.indexOf("\n", from);
  return newline < 0 ? line.length : newline;
}

/** The positions at which the items, matched from the line's start, may end: ascending, each once. */
function anchoredEnds(items: PlainItem[], line: string): number[] {
  let ends = [0];
  for (const { text, repeat } of items) {
    const next: number[] = [];
    for (const p of ends) {
      let last = next.length === 0 ? -1 : next[next.length - 1];
      if (repeat === "one") {
        if (line.startsWith(text, p)) next.push(p + text.length);
        continue;
      }
      if (last < p) next.push((last = p));
      // A run of the character already walked from an earlier end ends where this one would.
      if (repeat === "any" && last > p) continue;
      for (let q = p; line[q] === text && last < q + 1; q++) {
        next.push((last = q + 1));
        if (repeat !== "any") break;
      }
    }
    if (next.length === 0) return next;
    ends = next;
  }
  return ends;
}
