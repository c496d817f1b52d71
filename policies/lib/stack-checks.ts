// A resource rule whose verdict on some types depends on another resource of the plan (an account-wide setting
// declared elsewhere in the stack): those types are judged by a stack check under the same policy name, so the pack
// lists one policy, with one configuration and one exemption list, for both parts.
import { HardeningResourcePolicy } from "./rule";
import { defineStackRule, HardeningStackPolicy, StackContext, StackFinding } from "./stack-rule";

export interface StackChecks {
  /** Types only the stack check reads (listed in the rule's metadata beside the resource check's). */
  types: string[];
  check: (ctx: StackContext<unknown>) => StackFinding[];
}

export function withStackChecks(
  rule: HardeningResourcePolicy,
  stack: StackChecks,
): HardeningResourcePolicy & HardeningStackPolicy {
  const metadata = { ...rule.metadata, resourceTypes: [...rule.metadata.resourceTypes, ...stack.types] };
  // Expired exemptions show as the resource part shows them: a violation of their own before the finding.
  const { validateStack } = defineStackRule({ metadata, check: stack.check, expiredExemption: "notice" });
  return { ...rule, metadata, validateStack };
}
