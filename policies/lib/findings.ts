// What a check returns: a plain message, or a note that the risky value cannot be known until apply.
import type { CaseStep } from "./metadata";

export interface Finding {
  message: string;
  /** The risky field is unknown at preview: advisory unless the policy or pack fails closed. */
  unverifiable?: boolean;
  /** The step of the case this finding breaks, when it is not the policy's own (a rule may span two steps). */
  caseStep?: CaseStep;
}

export function violation(message: string): Finding {
  return { message };
}

export function unverifiable(field: string, why = ""): Finding {
  return { message: `cannot be verified at preview: ${field} is unknown${why ? ` (${why})` : ""}`, unverifiable: true };
}
