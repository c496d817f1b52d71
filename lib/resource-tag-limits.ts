// A cloud's limits on the tags a caller adds to a component's resources: how many a resource takes, how long keys
// and values may be, and which keys are the cloud's (or the kit's) own. A tag too many or too long fails only at
// deployment, after part of the component exists; so the caller's tags are checked before anything is created.

export interface ResourceTagLimits {
  /** The cloud, as messages name it. */
  cloud: string;
  maxTags: number;
  maxKeyLength: number;
  maxValueLength: number;
  /** Keys the caller may not write. */
  reservedKey: RegExp;
  /** `reservedKey` as messages describe it, e.g. "aws: (AWS's own)". */
  reservedKeyText: string;
  /** Values known only later (Outputs): not checked here. */
  deferredValue?: (value: unknown) => boolean;
}

/** Where problems go: the components' Problems. */
interface ProblemSink {
  check(ok: boolean, argument: string, value: unknown, allowed: string, fix: string): boolean;
}

/**
 * Checks the caller's `tags` (the `argument`) against `limits`, the component adding `reserved` tags of its own.
 * Keys for which `uncounted` holds are not counted: the component overwrites or drops them.
 */
export function checkCallerTags(
  problems: ProblemSink,
  argument: string,
  tags: unknown,
  limits: ResourceTagLimits,
  reserved: number,
  uncounted: (key: string) => boolean = () => false,
): void {
  if (tags === undefined) return;
  if (
    !problems.check(
      typeof tags === "object" && tags !== null && !Array.isArray(tags),
      argument,
      tags,
      "an object of tag keys to string values",
      'pass e.g. { team: "ops" }',
    )
  ) {
    return;
  }
  const entries = Object.entries(tags as Record<string, unknown>);
  const counted = entries.filter(([key]) => !uncounted(key)).length;
  const room = Math.max(limits.maxTags - reserved, 0);
  problems.check(
    counted <= room,
    argument,
    counted,
    `at most ${room} ${room === 1 ? "tag" : "tags"} (the component adds ${reserved} of its own; ${limits.cloud} ` +
      `allows ${limits.maxTags})`,
    `drop at least ${counted - room} of the ${counted} ${counted === 1 ? "tag" : "tags"}`,
  );
  for (const [key, value] of entries) {
    problems.check(
      key.length >= 1 && key.length <= limits.maxKeyLength && !limits.reservedKey.test(key),
      `${argument}.${key}`,
      key,
      `a key of 1-${limits.maxKeyLength} characters not starting with ${limits.reservedKeyText}`,
      "rename the tag key",
    );
    if (limits.deferredValue?.(value)) continue;
    problems.check(
      typeof value === "string" && value.length <= limits.maxValueLength,
      `${argument}.${key}`,
      value,
      `a string of at most ${limits.maxValueLength} characters`,
      `pass the value as a string, e.g. "${String(value).slice(0, 20)}"`,
    );
  }
}
