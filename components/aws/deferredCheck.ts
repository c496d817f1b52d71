// Arguments given as Outputs are known only at deployment. They are checked then, in the words the plain form gets,
// and whatever must not exist with a bad value waits on the check: a failed check throws inside an apply, so no
// waiting resource is registered, and the error keeps the component's own message (../pinnedMessage.ts).
import * as pulumi from "@pulumi/pulumi";
import { withPinnedMessage } from "../pinnedMessage";
import { Problems, validateArgs } from "../validation";

/**
 * Runs `checks` on `values` once every one of them is known; the result is known only when they passed. `subject`
 * names the component as its constructor's errors do, e.g. "Bastion jump".
 */
export function checkOnceKnown<T extends Record<string, unknown>>(
  subject: string,
  values: T,
  checks: (problems: Problems, known: pulumi.Unwrap<T>) => void,
): pulumi.Output<true> {
  return pulumi.output(values).apply((known) => {
    withPinnedMessage(() => validateArgs(subject, (problems) => checks(problems, known as pulumi.Unwrap<T>)));
    return true as const;
  });
}

/** `value`, released only once `check` passed: a resource given it waits for the check. */
export function afterCheck<T>(check: pulumi.Output<unknown>, value: pulumi.Input<T>): pulumi.Output<T> {
  return pulumi.all([value, check]).apply(([v]) => v as T);
}
