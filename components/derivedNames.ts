// Physical names a component builds from its own name. A cloud refuses a bad one only when that resource is created,
// after the retained keys, buckets and log stores before it exist; so the component's name is checked with its
// arguments.
import { Problems } from "./validation";

/** One physical name built from the component's name, and the cloud's rule it must meet. */
export interface DerivedName {
  /** What the cloud calls it, e.g. "WAF web ACL name". */
  kind: string;
  value: string;
  valid: (value: string) => boolean;
  /** The rule, as the cloud documents it. */
  rule: string;
}

/** A pattern and a length limit, as most naming rules are written. */
export const matches = (pattern: RegExp, max: number) => (value: string) => value.length <= max && pattern.test(value);

/**
 * Reports the component's name once, naming the first physical name the cloud would refuse. `fix` says what to change:
 * the component's name, or the argument that replaces the derived name.
 */
export function checkDerivedNames(problems: Problems, name: string, derived: DerivedName[], fix: string): void {
  const bad = derived.find((d) => !d.valid(d.value));
  if (!bad) return;
  problems.add(
    "name",
    name,
    `a component name that makes a valid ${bad.kind} (${bad.rule}); it would make ${JSON.stringify(bad.value)}`,
    fix,
  );
}
