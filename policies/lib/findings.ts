// What a check returns: a plain message, or a note that the risky value cannot be known until apply.
import { QUOTED_LINE, type QuotedLine } from "../../lib/quoted-line";
import type { CaseStep } from "./metadata";

export interface Finding {
  message: string;
  /** The risky field is unknown at preview: advisory unless the policy or pack fails closed. */
  unverifiable?: boolean;
  /** The step of the case this finding breaks, when it is not the policy's own (a rule may span two steps). */
  caseStep?: CaseStep;
  /**
   * The script line the message quotes, whole: the message holds only its start (`quoted`), and report-findings.ts
   * masks secrets in the whole line before cutting it (a secret straddling the cut would show its first letters).
   * Under a symbol: spreads (`{ urn, ...f }`) keep it, and findings written out as JSON do not show it.
   */
  [QUOTED_LINE]?: QuotedLine;
}

export { QUOTED_LINE, type QuotedLine };

export function violation(message: string): Finding {
  return { message };
}

export function unverifiable(field: string, why = ""): Finding {
  return { message: `cannot be verified at preview: ${field} is unknown${why ? ` (${why})` : ""}`, unverifiable: true };
}
