// The one way an AWS component checks its caller's `tags`: plain tags before anything is registered, tags given as an
// Output (or holding Output values) once known, with the children waiting on that check. The rules are the
// component's (callerTagLimits.ts); the check is the kit's (../resourceTagLimits.ts).
import * as pulumi from "@pulumi/pulumi";
import { checkCallerTags, ResourceTagLimits } from "../resourceTagLimits";
import { isPlain, Problems } from "../validation";
import { checkOnceKnown } from "./deferredCheck";

export interface CallerTagRule {
  limits: ResourceTagLimits;
  /**
   * The keys the component adds of its own, per resource carrying the caller's tags (resources adding none left out).
   * A caller's copy of one is overwritten on that resource only: it still counts, and a resource carries the caller's
   * tags plus its own keys the caller did not give.
   */
  ownTags: readonly (readonly string[])[];
}

type Tags = pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;

/** The most tags the component adds to one resource beside these caller tags (every own key when they are no object). */
function ownTagsBeside(tags: unknown, rule: CallerTagRule): number {
  const given = typeof tags === "object" && tags !== null ? Object.keys(tags) : [];
  return Math.max(0, ...rule.ownTags.map((keys) => keys.filter((key) => !given.includes(key)).length));
}

function checkTags(problems: Problems, tags: unknown, rule: CallerTagRule, secret: boolean): void {
  checkCallerTags(problems, "tags", tags, rule.limits, ownTagsBeside(tags, rule), { secret });
}

/** Checks plain tags now; Output values inside them are left to `checkCallerTagsOnceKnown`. */
export function checkPlainCallerTags(problems: Problems, tags: unknown, rule: CallerTagRule): void {
  if (isPlain(tags)) checkTags(problems, tags, rule, false);
}

/** True when the tags, or one of their values, are known only later. */
export function tagsKnownLater(tags: unknown): boolean {
  if (!isPlain(tags)) return true;
  return typeof tags === "object" && tags !== null && Object.values(tags).some((value) => !isPlain(value));
}

/**
 * Checks tags known only later once known, in the words of the plain check (a secret's keys hidden too); undefined
 * when there is nothing to wait for. `subject` names the component as its errors do, e.g. "HardenedVpc net".
 */
export function checkCallerTagsOnceKnown(
  subject: string,
  tags: Tags,
  rule: CallerTagRule,
): pulumi.Output<true> | undefined {
  if (!tagsKnownLater(tags)) return undefined;
  const secret = isPlain(tags) ? false : pulumi.isSecret(pulumi.output(tags));
  return checkOnceKnown(subject, { tags, secret }, (problems, known) =>
    checkTags(problems, known.tags, rule, known.secret),
  );
}
