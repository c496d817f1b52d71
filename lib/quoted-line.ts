// A script line a finding's message quotes cut short, kept whole beside it: the pack masks secrets in the whole
// line before cutting it (policies/lib/report-findings.ts), since a secret straddling the cut would show its start.
import { MAX_QUOTED_LINE } from "./secret-script-pieces";

/** The key of a finding's quoted line. Under a symbol: spreads keep it, findings written out as JSON do not show it. */
export const QUOTED_LINE: unique symbol = Symbol("quotedLine");

/** A line a message quotes: `quoted` is the text of the message that stands for it (quotes included). */
export interface QuotedLine {
  line: string;
  quoted: string;
}

/** `line` as a message quotes it, cut at MAX_QUOTED_LINE, with the whole line kept for masking. */
export function quotedLine(line: string): QuotedLine {
  return { line, quoted: `"${line.slice(0, MAX_QUOTED_LINE)}"` };
}
