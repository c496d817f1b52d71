// Finds known secrets in text: one regex alternation, built once, for the many short ones (lines of secret scripts
// included), and indexOf for the few too long for it (whole scripts). Overlapping finds merge into one cut.

/** V8 refuses ("Regular expression too large") an alternation holding a literal of some 32K characters. */
const REGEX_NEEDLE_MAX = 1024;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class SecretMatcher {
  private readonly pattern?: RegExp;
  private readonly long: string[];

  constructor(needles: Iterable<string>) {
    // Longest first: the alternation takes the first alternative that matches, and a line is inside its script.
    const sorted = [...needles].sort((a, b) => b.length - a.length);
    this.long = sorted.filter((n) => n.length > REGEX_NEEDLE_MAX);
    const short = sorted.filter((n) => n.length <= REGEX_NEEDLE_MAX);
    this.pattern = short.length ? new RegExp(short.map(escapeRegExp).join("|"), "g") : undefined;
  }

  /** `text` with every secret found replaced by `marker`. */
  replace(text: string, marker: string): string {
    if (this.long.length === 0) return this.pattern ? text.replace(this.pattern, marker) : text;
    let out = "";
    let at = 0;
    for (const [start, end] of this.cuts(text)) {
      out += text.slice(at, start) + marker;
      at = end;
    }
    return out + text.slice(at);
  }

  /** Sorted, disjoint [start, end) spans of the secrets in `text`. */
  private cuts(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    for (const needle of this.long) {
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
        spans.push([i, i + needle.length]);
      }
    }
    if (this.pattern) for (const m of text.matchAll(this.pattern)) spans.push([m.index, m.index + m[0].length]);
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
