// Names and ids when the plan knows them, for findings and lookups: a value unknown at preview, or an empty one,
// names nothing.
import { isUnknown } from "../../lib/values";

/** A known, non-empty string. */
export const isKnownName = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

/** A known, non-empty string or number (WAF 3.0 ids are either) as text. */
export const knownText = (v: unknown): string | undefined =>
  (typeof v === "string" || typeof v === "number") && !isUnknown(v) && String(v) !== "" ? String(v) : undefined;
