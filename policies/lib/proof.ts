// Three-valued answers for checks that must tell "proven" from "not proven" from "depends on a value unknown at
// preview": "no" means not proven (the check stays silent), never proven false.
export type Proof = "yes" | "unknown" | "no";

/** Every part proven; "no" as soon as one part cannot be. */
export function allOf(parts: readonly Proof[]): Proof {
  if (parts.includes("no")) return "no";
  return parts.includes("unknown") ? "unknown" : "yes";
}

/** One part proven is enough. */
export function anyOf(parts: readonly Proof[]): Proof {
  if (parts.includes("yes")) return "yes";
  return parts.includes("unknown") ? "unknown" : "no";
}

/** Two possible answers (an ambiguous reference, an unknown choice): only an agreed answer stands. */
export function either(a: Proof, b: Proof): Proof {
  return a === b ? a : "unknown";
}

/** "yes" or "no" as known, "unknown" when the value is. */
export const known = (unknown: boolean, holds: boolean): Proof => (unknown ? "unknown" : holds ? "yes" : "no");
