// A provider whose configuration a preview does not know yet (a region taken from another resource's output) is not
// asked at all: the engine answers each invoke made through it with an empty result, which the program receives as
// a known `{}`. Such an answer means "not known yet", not "none": it is read as unknown at preview, so nothing is
// built from its missing fields and no check fails on them. An answer that has its fields, an empty list included,
// is the provider's own and is checked as such.
// Call sites say "unknown through an unconfigured provider" and point here.
import * as pulumi from "@pulumi/pulumi";
import { withPinnedMessage } from "./pinnedMessage";

/** True when `answer` carries none of `fields`: the empty answer of an unconfigured provider, never a real one. */
export function isUnansweredInvoke(answer: unknown, fields: readonly string[]): boolean {
  if (answer === null || typeof answer !== "object") return true;
  const record = answer as Record<string, unknown>;
  return fields.every((field) => record[field] === undefined || record[field] === null);
}

/** An Output a preview does not know: applies on it do not run, and a resource given it shows the value as computed. */
export function unknownOutput<T>(): pulumi.Output<T> {
  return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<T>;
}

/**
 * The invoke's answer; unknown at preview when it carries none of `fields`. Outside a preview every provider is
 * configured, so an answer without them is refused, naming the invoke, rather than read as an empty list.
 * `subject` names the component as its errors do, e.g. `HardenedVpc "core"`.
 */
export function answeredInvoke<R>(
  subject: string,
  invoke: string,
  fields: readonly (keyof R & string)[],
  answer: pulumi.Output<R>,
): pulumi.Output<R> {
  // The callback may return the answer or an unknown Output; the SDK lifts either into the Output it returns.
  const checked = answer.apply((r): pulumi.Input<R> => {
    if (!isUnansweredInvoke(r, fields)) return r;
    if (pulumi.runtime.isDryRun()) return unknownOutput<R>();
    return withPinnedMessage(() => {
      throw new Error(
        `${subject}: the provider answered ${invoke} without ${fields.join(" or ")}; ` +
          "fix: check the provider's configuration (region, credentials)",
      );
    });
  });
  return checked as unknown as pulumi.Output<R>;
}
