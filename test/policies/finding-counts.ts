// Findings by kind: mandatory violations, "cannot be verified" notes, and anything else (which a row expects none of).
import { Diagnostic } from "./harness";

export interface Counts {
  violations: number;
  notes: number;
  other: number;
}

export function counts(ds: Diagnostic[]): Counts {
  const violations = ds.filter((d) => d.level === "mandatory").length;
  const notes = ds.filter((d) => d.level === "advisory" && d.message.startsWith("cannot be verified")).length;
  return { violations, notes, other: ds.length - violations - notes };
}
