// Whether a regular expression (PCRE syntax, as WAF reads it) matches every string: it does when one of its
// alternatives can match the empty string at a position every string has, its start (`.*`, `^`, `(?s).*`, ``) or
// its end (`$`). A small subset is parsed plainly; anything else (lookarounds, word boundaries, backreferences,
// \Q…\E, extended mode, POSIX classes, a pattern that both starts and ends anchored) is "not proven", never guessed.

type Anchor = "start" | "end";

interface Element {
  /** Matches the empty string wherever it is tried. */
  nullable: boolean;
  anchor?: Anchor;
}

/** One-letter escapes that stand for one character of a class (\d, \s, \n…); other letters start something else. */
const CHARACTER_ESCAPES = new Set([..."dDsSwWhHvVnrtfe"]);
const ANCHOR_ESCAPES: Record<string, Anchor> = { A: "start", z: "end", Z: "end" };
const QUANTIFIER = /\{(\d+)(,\d*)?\}/y;
/** WAF allows 512 characters; a longer text is not read. */
const MAX_LENGTH = 2048;
const MAX_DEPTH = 64;

class Unsupported extends Error {}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  rest(): string {
    return this.text.slice(this.pos);
  }
}

const isAlphanumeric = (c: string) => /^[A-Za-z0-9]$/.test(c);

function alternatives(r: Reader, depth: number): Element[][] {
  if (depth > MAX_DEPTH) throw new Unsupported();
  const out = [branch(r, depth)];
  while (r.peek() === "|") {
    r.pos++;
    out.push(branch(r, depth));
  }
  return out;
}

function branch(r: Reader, depth: number): Element[] {
  const out: Element[] = [];
  while (r.pos < r.text.length && r.peek() !== "|" && r.peek() !== ")") out.push(element(r, depth));
  return out;
}

function element(r: Reader, depth: number): Element {
  const zeroWidth = anchorOrFlags(r);
  if (zeroWidth) {
    if (startsQuantifier(r)) throw new Unsupported();
    return zeroWidth;
  }
  return quantified(r, atom(r, depth));
}

/** `^`, `$`, `\A`, `\z`, `\Z` and inline flags such as `(?s)`: they consume nothing. */
function anchorOrFlags(r: Reader): Element | undefined {
  const c = r.peek();
  if (c === "^" || c === "$") {
    r.pos++;
    return { nullable: true, anchor: c === "^" ? "start" : "end" };
  }
  const next = r.peek(1);
  if (c === "\\" && next !== undefined && ANCHOR_ESCAPES[next]) {
    r.pos += 2;
    return { nullable: true, anchor: ANCHOR_ESCAPES[next] };
  }
  const flags = /^\(\?([A-Za-z-]*)\)/.exec(r.rest());
  if (flags) {
    // Extended mode changes what whitespace and # mean.
    if (/x/i.test(flags[1])) throw new Unsupported();
    r.pos += flags[0].length;
    return { nullable: true };
  }
  return undefined;
}

/** Whether the atom itself can match the empty string (before any quantifier). */
function atom(r: Reader, depth: number): boolean {
  const c = r.peek();
  if (c === undefined || "*+?".includes(c)) throw new Unsupported();
  if (c === "\\") {
    const next = r.peek(1);
    if (next === undefined || (isAlphanumeric(next) && !CHARACTER_ESCAPES.has(next))) throw new Unsupported();
    r.pos += 2;
    return false;
  }
  if (c === "[") return characterClass(r);
  if (c === "(") return group(r, depth);
  if (c === "{" && (startsQuantifier(r) || r.rest().startsWith("{,"))) throw new Unsupported();
  r.pos++;
  return false;
}

function characterClass(r: Reader): boolean {
  let i = r.pos + 1;
  if (r.text[i] === "^") i++;
  if (r.text[i] === "]") i++;
  for (; i < r.text.length; i++) {
    const c = r.text[i];
    if (c === "]") {
      r.pos = i + 1;
      return false;
    }
    if (c === "[" && ":.=".includes(r.text[i + 1] ?? "")) throw new Unsupported();
    if (c === "\\") {
      const next = r.text[i + 1];
      if (next === undefined || (isAlphanumeric(next) && !CHARACTER_ESCAPES.has(next))) throw new Unsupported();
      i++;
    }
  }
  throw new Unsupported();
}

function group(r: Reader, depth: number): boolean {
  const opening = /^\((\?(:|[A-Za-z-]+:|<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|'[A-Za-z_]\w*'))?/.exec(r.rest());
  // Lookarounds, atomic groups, comments, conditionals and recursion are not read.
  if (!opening || (r.peek(1) === "?" && opening[1] === undefined)) throw new Unsupported();
  if (opening[2] && /^[A-Za-z-]+:$/.test(opening[2]) && /x/i.test(opening[2])) throw new Unsupported();
  r.pos += opening[0].length;
  const inside = alternatives(r, depth + 1);
  if (r.peek() !== ")") throw new Unsupported();
  r.pos++;
  // An anchor inside a group is not followed: such a group is simply not counted as matching empty.
  return inside.some((b) => b.every((e) => e.nullable && !e.anchor));
}

function startsQuantifier(r: Reader): boolean {
  const c = r.peek();
  if (c === "*" || c === "+" || c === "?") return true;
  QUANTIFIER.lastIndex = r.pos;
  return c === "{" && QUANTIFIER.test(r.text);
}

function quantified(r: Reader, nullable: boolean): Element {
  const c = r.peek();
  let result = nullable;
  if (c === "*" || c === "?") {
    r.pos++;
    result = true;
  } else if (c === "+") {
    r.pos++;
  } else if (c === "{") {
    QUANTIFIER.lastIndex = r.pos;
    const m = QUANTIFIER.exec(r.text);
    if (!m) return { nullable };
    r.pos += m[0].length;
    result = nullable || Number(m[1]) === 0;
  } else {
    return { nullable };
  }
  // Lazy or possessive forms mean the same here; a second quantifier is an error.
  if (r.peek() === "?" || r.peek() === "+") r.pos++;
  if (startsQuantifier(r)) throw new Unsupported();
  return { nullable: result };
}

/** True only when the pattern provably matches some part (maybe empty) of every string. */
export function regexMatchesEveryString(pattern: string): boolean {
  if (typeof pattern !== "string" || pattern.length > MAX_LENGTH) return false;
  const r = new Reader(pattern);
  try {
    const branches = alternatives(r, 0);
    if (r.pos !== pattern.length) return false;
    return branches.some((b) => {
      if (!b.every((e) => e.nullable)) return false;
      // `^…$` around nullable parts only matches strings those parts can fill; one kind of anchor always matches.
      return !(b.some((e) => e.anchor === "start") && b.some((e) => e.anchor === "end"));
    });
  } catch (e) {
    if (e instanceof Unsupported) return false;
    throw e;
  }
}
