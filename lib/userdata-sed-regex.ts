// sed's regular expressions — POSIX basic, or extended under -E/-r, with GNU's `\?`, `\+`, `\|`, `\s`, `\w` — run
// on the stock sshd_config lines a script may uncomment. Compiled to a Pike VM: every instruction runs at most once
// per character, so a hostile pattern costs time linear in its size, whatever its quantifiers.

type Test = (c: string) => boolean;

type Node =
  | { type: "char"; test: Test }
  | { type: "assert"; at: "start" | "end" | "any" }
  | { type: "group"; slot: number; body: Node }
  | { type: "concat"; items: Node[] }
  | { type: "alternation"; options: Node[] }
  | { type: "repeat"; body: Node; min: number; max: number };

type Instruction =
  | { op: "char"; test: Test }
  | { op: "assert"; at: "start" | "end" | "any" }
  | { op: "split"; first: number; second: number }
  | { op: "jump"; to: number }
  | { op: "save"; slot: number }
  | { op: "match" };

export interface SedRegex {
  code: Instruction[];
  groups: number;
}

export interface SedMatch {
  start: number;
  end: number;
  /** The groups as matched, from group 1; undefined for a group that took no part. */
  groups: (string | undefined)[];
}

/**
 * Steps (a thread at a character) one user-data scan may spend simulating sed: hostile scripts of many large
 * patterns would otherwise cost their size times the lines' length. Real scripts spend a few thousand.
 */
export class MatchBudget {
  constructor(public remaining = 1_000_000) {}
}

/** Longer patterns are not sshd_config edits; they are left unread rather than compiled. */
const MAX_PATTERN = 512;
const MAX_CODE = 2048;
const UNBOUNDED = -1;

class Unsupported extends Error {}

/** The compiled pattern, or undefined when it uses what is not modelled (backreferences) or is too large. */
export function compileSedRegex(source: string, extended: boolean, ignoreCase = false): SedRegex | undefined {
  if (source.length > MAX_PATTERN) return undefined;
  try {
    const parser = new Parser(source, extended, ignoreCase);
    const node = parser.parse();
    const code: Instruction[] = [{ op: "save", slot: 0 }];
    emit(node, code);
    code.push({ op: "save", slot: 1 }, { op: "match" });
    return { code, groups: parser.groups };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/**
 * The leftmost match at or after `from`, preferring the greedy reading, as sed's matcher mostly does. Undefined
 * when there is none, or when `budget` runs out (the caller tells the two apart by the budget).
 */
export function sedMatch(regex: SedRegex, line: string, budget: MatchBudget, from = 0): SedMatch | undefined {
  const { code } = regex;
  const slots = 2 * (regex.groups + 1);
  const visited = new Int32Array(code.length).fill(-1);
  let current: { pc: number; saved: number[] }[] = [];
  let matched: number[] | undefined;
  const add = (list: typeof current, pc: number, saved: number[], at: number): void => {
    if (visited[pc] === at) return;
    visited[pc] = at;
    budget.remaining--;
    const ins = code[pc];
    if (ins.op === "jump") add(list, ins.to, saved, at);
    else if (ins.op === "split") {
      add(list, ins.first, saved, at);
      add(list, ins.second, saved, at);
    } else if (ins.op === "save") {
      const copy = saved.slice();
      copy[ins.slot] = at;
      add(list, pc + 1, copy, at);
    } else if (ins.op === "assert") {
      if (ins.at === "any" || (ins.at === "start" ? at === 0 : at === line.length)) add(list, pc + 1, saved, at);
    } else list.push({ pc, saved });
  };
  for (let at = from; at <= line.length; at++) {
    if (!matched) add(current, 0, new Array<number>(slots).fill(-1), at);
    const next: typeof current = [];
    for (const thread of current) {
      const ins = code[thread.pc];
      if (ins.op === "match") {
        matched = thread.saved;
        break; // the threads after it have lower priority
      }
      if (ins.op === "char" && at < line.length && ins.test(line[at])) add(next, thread.pc + 1, thread.saved, at + 1);
    }
    current = next;
    if ((current.length === 0 && matched) || budget.remaining < 0) break;
  }
  if (!matched || budget.remaining < 0) return undefined;
  const saved = matched;
  const groups = Array.from({ length: regex.groups }, (_, i) =>
    saved[2 * i + 2] >= 0 && saved[2 * i + 3] >= 0 ? line.slice(saved[2 * i + 2], saved[2 * i + 3]) : undefined,
  );
  return { start: saved[0], end: saved[1], groups };
}

function emit(node: Node, code: Instruction[]): void {
  if (code.length > MAX_CODE) throw new Unsupported();
  switch (node.type) {
    case "char":
      code.push({ op: "char", test: node.test });
      return;
    case "assert":
      code.push({ op: "assert", at: node.at });
      return;
    case "group":
      code.push({ op: "save", slot: 2 * node.slot });
      emit(node.body, code);
      code.push({ op: "save", slot: 2 * node.slot + 1 });
      return;
    case "concat":
      for (const item of node.items) emit(item, code);
      return;
    case "alternation":
      return emitAlternation(node.options, code);
    case "repeat":
      return emitRepeat(node, code);
  }
}

function emitAlternation(options: Node[], code: Instruction[]): void {
  const jumps: { op: "jump"; to: number }[] = [];
  options.forEach((option, i) => {
    const split = { op: "split" as const, first: code.length + 1, second: 0 };
    if (i < options.length - 1) code.push(split);
    emit(option, code);
    if (i < options.length - 1) {
      const jump = { op: "jump" as const, to: 0 };
      jumps.push(jump);
      code.push(jump);
      split.second = code.length;
    }
  });
  for (const jump of jumps) jump.to = code.length;
}

/** `x{min,max}`: min copies of x, then max-min optional ones, or a loop when unbounded. Greedy: the copy comes first. */
function emitRepeat(node: { body: Node; min: number; max: number }, code: Instruction[]): void {
  for (let i = 0; i < node.min; i++) emit(node.body, code);
  if (node.max === UNBOUNDED) {
    const loop = code.length;
    const split = { op: "split" as const, first: loop + 1, second: 0 };
    code.push(split);
    emit(node.body, code);
    code.push({ op: "jump", to: loop });
    split.second = code.length;
    return;
  }
  const splits: { op: "split"; first: number; second: number }[] = [];
  for (let i = node.min; i < node.max; i++) {
    const split = { op: "split" as const, first: code.length + 1, second: 0 };
    splits.push(split);
    code.push(split);
    emit(node.body, code);
  }
  for (const split of splits) split.second = code.length;
}

const CLASSES: Record<string, Test> = {
  space: (c) => /\s/.test(c),
  blank: (c) => c === " " || c === "\t",
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => /[0-9]/.test(c),
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  upper: (c) => /[A-Z]/.test(c),
  lower: (c) => /[a-z]/.test(c),
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => c >= " " && c !== "\x7f",
  graph: (c) => c > " " && c !== "\x7f",
  cntrl: (c) => c < " " || c === "\x7f",
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

const word: Test = (c) => /\w/.test(c);

/** Recursive descent over one pattern; each character is read once. */
class Parser {
  private at = 0;
  groups = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly extended: boolean,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new Unsupported(); // an unbalanced group end
    return node;
  }

  private alternation(): Node {
    const options = [this.concat()];
    while (this.take(this.extended ? "|" : "\\|")) options.push(this.concat());
    return options.length === 1 ? options[0] : { type: "alternation", options };
  }

  private concat(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && !this.atAlternation() && !this.atGroupEnd())
      items.push(this.quantified(this.atom(items.length === 0), items.length === 0));
    return { type: "concat", items };
  }

  private atom(first: boolean): Node {
    const c = this.source[this.at++];
    if (c === "^" && (this.extended || first)) return { type: "assert", at: "start" };
    if (c === "$" && (this.extended || this.atEnd())) return { type: "assert", at: "end" };
    if (c === ".") return { type: "char", test: (x) => x !== "\n" };
    if (c === "[") return { type: "char", test: this.bracket() };
    if (this.extended && c === "(") return this.group();
    if (c !== "\\") return this.literal(c);
    const e = this.source[this.at++];
    if (e === undefined) return this.literal("\\");
    if (!this.extended && e === "(") return this.group();
    if (e >= "1" && e <= "9") throw new Unsupported(); // a backreference
    if ("bB<>`'".includes(e)) return { type: "assert", at: "any" }; // word boundaries, read as always true
    if (e === "n") return this.literal("\n");
    if (e === "t") return this.literal("\t");
    if (e === "s") return { type: "char", test: CLASSES.space };
    if (e === "S") return { type: "char", test: (x) => !CLASSES.space(x) };
    if (e === "w") return { type: "char", test: word };
    if (e === "W") return { type: "char", test: (x) => !word(x) };
    return this.literal(e);
  }

  private group(): Node {
    if (++this.depth > 64) throw new Unsupported();
    const slot = ++this.groups;
    const body = this.alternation();
    if (!this.take(this.extended ? ")" : "\\)")) throw new Unsupported();
    this.depth--;
    return { type: "group", slot, body };
  }

  /** Quantifiers after an atom; a BRE `*` that opens an expression is a literal star, read by atom. */
  private quantified(atom: Node, first: boolean): Node {
    let node = atom;
    for (;;) {
      const bounds = this.quantifier(first && node === atom && atom.type === "assert");
      if (!bounds) return node;
      node = { type: "repeat", body: node, min: bounds[0], max: bounds[1] };
    }
  }

  private quantifier(afterAnchor: boolean): [number, number] | undefined {
    const ere = this.extended;
    if (this.source[this.at] === "*" && !afterAnchor) {
      this.at++;
      return [0, UNBOUNDED];
    }
    if (this.take(ere ? "?" : "\\?")) return [0, 1];
    if (this.take(ere ? "+" : "\\+")) return [1, UNBOUNDED];
    const open = ere ? "{" : "\\{";
    if (!this.source.startsWith(open, this.at)) return undefined;
    const interval = ere ? /\{(\d{1,3})(,(\d{0,3}))?\}/y : /\\\{(\d{1,3})(,(\d{0,3}))?\\\}/y;
    interval.lastIndex = this.at;
    const m = interval.exec(this.source);
    if (!m) {
      if (ere) return undefined; // a literal brace
      throw new Unsupported();
    }
    this.at = interval.lastIndex;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? UNBOUNDED : Number(m[3]);
    if (max !== UNBOUNDED && max < min) throw new Unsupported();
    return [min, max];
  }

  /** A bracket expression after its `[`: a test for the characters it names. */
  private bracket(): Test {
    const negated = this.source[this.at] === "^";
    if (negated) this.at++;
    const tests: Test[] = [];
    let first = true;
    while (this.at < this.source.length && (first || this.source[this.at] !== "]")) {
      first = false;
      const named = /\[:([a-z]+):\]/y;
      named.lastIndex = this.at;
      const m = named.exec(this.source);
      if (m) {
        const test = CLASSES[m[1]];
        if (!test) throw new Unsupported();
        tests.push(test);
        this.at = named.lastIndex;
        continue;
      }
      const low = this.bracketChar();
      if (this.source[this.at] === "-" && this.source[this.at + 1] !== "]" && this.at + 1 < this.source.length) {
        this.at++;
        const high = this.bracketChar();
        tests.push((x) => x >= low && x <= high);
      } else tests.push((x) => x === low);
    }
    if (this.source[this.at++] !== "]") throw new Unsupported();
    const fold = this.ignoreCase;
    const inSet = (x: string) => tests.some((t) => t(x) || (fold && (t(x.toLowerCase()) || t(x.toUpperCase()))));
    return negated ? (x) => x !== "\n" && !inSet(x) : inSet;
  }

  /** GNU sed reads `\n`, `\t`, `\\` and `\]` inside brackets; any other backslash escapes the next character. */
  private bracketChar(): string {
    const c = this.source[this.at++];
    if (c !== "\\" || this.at >= this.source.length) return c;
    const e = this.source[this.at++];
    return e === "n" ? "\n" : e === "t" ? "\t" : e;
  }

  private literal(c: string): Node {
    if (!this.ignoreCase) return { type: "char", test: (x) => x === c };
    const lower = c.toLowerCase();
    return { type: "char", test: (x) => x.toLowerCase() === lower };
  }

  private atAlternation(): boolean {
    return this.source.startsWith(this.extended ? "|" : "\\|", this.at);
  }

  private atGroupEnd(): boolean {
    return this.depth > 0 && this.source.startsWith(this.extended ? ")" : "\\)", this.at);
  }

  /** A BRE `$` anchors only at the end of the pattern, a group or an alternative. */
  private atEnd(): boolean {
    return this.at >= this.source.length || this.atAlternation() || this.atGroupEnd();
  }

  private take(token: string): boolean {
    if (!this.source.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }
}
