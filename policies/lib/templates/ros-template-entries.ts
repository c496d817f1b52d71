// List properties of ROS resources (backend servers, ACL entries, zone mappings) mapped entry by entry onto the
// provider's nested blocks, with what is unknown at preview kept unknown.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined } from "./embedded-resource";

/** Fields an entry unknown at preview stands for: whichever the caller reads is unknown too. */
const UNKNOWN_ENTRY = new Proxy({} as Record<string, unknown>, { get: () => UNKNOWN });

/** One entry's fields; an entry unknown at preview (a whole item from an unknown output) may hold anything. */
export function entryOf(entry: unknown): Record<string, unknown> {
  return isUnknown(entry) ? UNKNOWN_ENTRY : (obj(entry) ?? {});
}

/** Each entry of a list property as `shape` gives it; a list unknown at preview stays unknown, as in a program. */
export function entries(v: unknown, shape: (e: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (v === undefined || isUnknown(v)) return v;
  return list(v).map((e) => defined(shape(entryOf(e))));
}
