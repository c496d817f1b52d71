// Resolves the arn of a WAFv2 reference statement (an IP set, a regex pattern set, a rule group) through the stack: a
// known ARN names the stack's resource with that arn, or one outside the stack whose contents the plan does not show;
// an unknown one (a new resource at preview) may name any resource of the type that flowed into the input.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { isUnknown } from "../../lib/values";

export interface ReferenceReading<T> {
  read: (r: GenericResource) => T;
  /** A resource outside the stack. */
  outside: T;
  /** An unknown arn with no dependency to explain it. */
  unresolved: T;
}

/** One reading per resource the arn of a reference inside input `key` of `from` may name. */
export function referenceLookup<T>(
  res: Resolver,
  from: GenericResource,
  key: string,
  type: string,
  reading: ReferenceReading<T>,
): (arn: unknown) => T[] {
  return (arn) => {
    if (typeof arn === "string" && !isUnknown(arn)) {
      const found = res.ofType(type).find((s) => s.inputs.arn === arn);
      return [found ? reading.read(found) : reading.outside];
    }
    if (!isUnknown(arn)) return [reading.outside];
    const found = res.many(from, key, [arn], [type]).urns.flatMap((u) => res.get(u) ?? []);
    return found.length === 0 ? [reading.unresolved] : found.map(reading.read);
  };
}
