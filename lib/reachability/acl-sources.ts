// The block an ACL entry matches. An allow whose CIDR is unknown at preview may be any address of its field's family
// (of both when the field does not say, or the whole entry is unknown): unknowns never hide an opening. A deny with
// an unknown CIDR closes nothing.
import { ANY_SOURCE, Family } from "./exposure";
import { isUnknown, str, unwrap } from "./resource";

/** A CIDR field of an entry and the address family it holds (undefined: either). */
export type AclField = [value: unknown, family: Family | undefined];

export interface AclSource {
  cidr: string;
  /** The block stands for a CIDR unknown at preview. */
  unknown: boolean;
}

export function aclSources(action: "allow" | "deny", fields: readonly AclField[]): AclSource[] {
  for (const [value] of fields) {
    const text = str(value)?.trim();
    if (text) return [{ cidr: text, unknown: false }];
  }
  if (action === "deny") return [];
  const families = fields
    .filter(([value]) => isUnknown(unwrap(value)))
    .flatMap(([, family]) => (family ? [family] : (["ipv4", "ipv6"] as Family[])));
  return [...new Set(families)].map((f) => ({ cidr: ANY_SOURCE[f], unknown: true }));
}

export const UNKNOWN_CIDR_LABEL = " (CIDR unknown at preview)";
