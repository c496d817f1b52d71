// The expirations of one S3 lifecycle rule, whatever resource holds it: `expiration` (an object on Bucket and the
// lifecycle configurations; a one-element list in some older shapes of the inline rule) or BucketV2's `expirations`
// list. Each entry expires objects on its own, so every one is judged.
import { items, prop } from "../../lib/reachability/internals";

/** Every expiration of the rule; an entry (or a whole list) unknown at preview stays as the unknown value. */
export const ruleExpirations = (rule: unknown): unknown[] => [
  ...items(prop(rule, "expiration")),
  ...items(prop(rule, "expirations")),
];
