// A verdict over named parts that must all hold, read in order and stopped at the first that cannot, so a note
// names only the unknown parts that could still change the outcome (and no part is read that cannot matter).
import { Proof } from "./proof";

export type NamedPart = readonly [name: string, proof: () => Proof];

export interface PartsVerdict {
  verdict: Proof;
  /** Names of the parts unknown at preview, when the verdict is "unknown". */
  unknown: string[];
}

export function judgeParts(parts: readonly NamedPart[]): PartsVerdict {
  const unknown: string[] = [];
  for (const [name, proof] of parts) {
    const p = proof();
    if (p === "no") return { verdict: "no", unknown: [] };
    if (p === "unknown") unknown.push(name);
  }
  return { verdict: unknown.length > 0 ? "unknown" : "yes", unknown };
}
