// Finds known secrets in text in one pass, however many there are (a line of every secret script is one): an
// Aho–Corasick automaton over the short ones, and indexOf for the few long ones (whole scripts), which would only
// deepen the automaton. Every occurrence is cut; overlapping finds merge into one cut, so the longest find at each
// place wins and a secret inside another is cut with it.

/** Longer needles are searched with indexOf: few (whole values), and each would add a node per character. */
const TRIE_NEEDLE_MAX = 1024;
const NONE = -1;
const QUOTE = 0x22;

/**
 * Where a quoted line may have been cut: a closing quote `cutLine` characters after an opening one (the policy
 * quotes `"${line.slice(0, cutLine)}"`). The text right before such a quote is cut where it is the first
 * `minPrefix` or more characters of a needle.
 */
export interface CutLines {
  cutLine: number;
  minPrefix: number;
}

/**
 * The automaton: a trie stored in flat arrays (a node's children as a list of siblings; the root's in a table, as
 * most steps fall back to it), with failure links and, per node, the length of the longest needle ending there.
 */
class NeedleAutomaton {
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly code: Uint16Array;
  private readonly fail: Int32Array;
  private readonly longest: Int32Array;
  /** Characters from the root to each node: the length of the needle prefix it stands for. */
  private readonly depth: Int32Array;
  private readonly rootChildren = new Int32Array(1 << 16).fill(NONE);
  private nodes = 1;

  constructor(needles: readonly string[]) {
    // A node per character at most, the root aside: sized once.
    const capacity = needles.reduce((sum, n) => sum + n.length, 1);
    this.firstChild = new Int32Array(capacity).fill(NONE);
    this.nextSibling = new Int32Array(capacity).fill(NONE);
    this.code = new Uint16Array(capacity);
    this.fail = new Int32Array(capacity);
    this.longest = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    for (const needle of needles) this.insert(needle);
    this.link();
  }

  /**
   * [start, end) of the longest needle ending at each place a needle ends, by increasing end; with `cut`, also of
   * the longest needle prefix (of `cut.minPrefix` characters or more) ending right before the closing quote of a cut
   * line. The automaton's state is the longest needle prefix ending at each place, so this costs one test per quote.
   */
  *finds(text: string, cut?: CutLines): Generator<[number, number]> {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (
        c === QUOTE &&
        cut !== undefined &&
        this.depth[state] >= cut.minPrefix &&
        i > cut.cutLine &&
        text.charCodeAt(i - cut.cutLine - 1) === QUOTE
      ) {
        yield [i - this.depth[state], i];
      }
      let next = this.child(state, c);
      while (next === NONE && state !== 0) {
        state = this.fail[state];
        next = this.child(state, c);
      }
      state = next === NONE ? 0 : next;
      const length = this.longest[state];
      if (length > 0) yield [i + 1 - length, i + 1];
    }
  }

  private child(node: number, c: number): number {
    if (node === 0) return this.rootChildren[c];
    for (let n = this.firstChild[node]; n !== NONE; n = this.nextSibling[n]) if (this.code[n] === c) return n;
    return NONE;
  }

  private insert(needle: string): void {
    let node = 0;
    for (let i = 0; i < needle.length; i++) {
      const c = needle.charCodeAt(i);
      let next = this.child(node, c);
      if (next === NONE) {
        next = this.nodes++;
        this.code[next] = c;
        this.depth[next] = i + 1;
        if (node === 0) this.rootChildren[c] = next;
        else {
          this.nextSibling[next] = this.firstChild[node];
          this.firstChild[node] = next;
        }
      }
      node = next;
    }
    this.longest[node] = needle.length;
  }

  /** Failure links breadth first; a node that ends no needle itself ends its failure node's longest. */
  private link(): void {
    const queue: number[] = [];
    for (const child of this.rootChildren) if (child !== NONE) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      if (this.longest[node] === 0) this.longest[node] = this.longest[this.fail[node]];
      for (let child = this.firstChild[node]; child !== NONE; child = this.nextSibling[child]) {
        const c = this.code[child];
        let f = this.fail[node];
        let target = this.child(f, c);
        while (target === NONE && f !== 0) {
          f = this.fail[f];
          target = this.child(f, c);
        }
        this.fail[child] = target === NONE ? 0 : target;
        queue.push(child);
      }
    }
  }
}

export class SecretMatcher {
  private readonly automaton?: NeedleAutomaton;
  private readonly long: string[];

  constructor(
    needles: Iterable<string>,
    private readonly cut?: CutLines,
  ) {
    const all = [...new Set(needles)].filter((n) => n.length > 0);
    this.long = all.filter((n) => n.length > TRIE_NEEDLE_MAX);
    const short = all.filter((n) => n.length <= TRIE_NEEDLE_MAX);
    this.automaton = short.length ? new NeedleAutomaton(short) : undefined;
  }

  /** `text` with every secret found replaced by `marker`. */
  replace(text: string, marker: string): string {
    let out = "";
    let at = 0;
    for (const [start, end] of this.cuts(text)) {
      out += text.slice(at, start) + marker;
      at = end;
    }
    return at === 0 && out === "" ? text : out + text.slice(at);
  }

  /** Sorted, disjoint [start, end) spans of the secrets in `text`. */
  private cuts(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    if (this.automaton) spans.push(...mergedByEnd(this.automaton.finds(text, this.cut)));
    if (this.long.length === 0) return spans;
    for (const needle of this.long) {
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
        spans.push([i, i + needle.length]);
      }
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of spans) {
      const last = merged[merged.length - 1];
      if (last && start < last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    return merged;
  }
}

/** Spans given by increasing end, merged where they overlap: a later find may reach back over earlier ones. */
function mergedByEnd(finds: Iterable<[number, number]>): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of finds) {
    let from = start;
    while (merged.length > 0 && from < merged[merged.length - 1][1]) from = Math.min(from, merged.pop()![0]);
    merged.push([from, end]);
  }
  return merged;
}
