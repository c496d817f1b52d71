// Each bastion publishes its SSH allow-list in one `hardening:allowed-cidrs` tag, read by the stack policies. A tag
// value longer than the cloud allows fails only at deployment, after the bastion's security group exists; so the
// list is measured, joined as the tag writes it, before anything is created.
import type { Problems } from "./validation";

export const ALLOWED_CIDRS_TAG = "hardening:allowed-cidrs";

/** How one cloud writes the tag: what joins the blocks, and its longest tag value. */
export interface AllowListTagRule {
  separator: string;
  maxLength: number;
}

/** The tag's value: the blocks joined as the cloud's bastion writes them. */
export const allowListTagValue = (allowedCidrs: readonly unknown[], rule: AllowListTagRule): string =>
  allowedCidrs.join(rule.separator);

/** Refuses an `allowedCidrs` list whose tag value would be longer than the cloud's limit. */
export function checkAllowListTag(problems: Problems, allowedCidrs: readonly unknown[], rule: AllowListTagRule): void {
  const length = allowListTagValue(allowedCidrs, rule).length;
  const joined = rule.separator === " " ? "spaces" : `"${rule.separator}"`;
  problems.check(
    length <= rule.maxLength,
    "allowedCidrs",
    allowedCidrs,
    `blocks that, joined with ${joined}, fit the ${rule.maxLength}-character ${ALLOWED_CIDRS_TAG} tag ` +
      `(these make ${length} characters)`,
    "merge adjacent blocks into wider ones, or reach the bastion through a VPN with one egress range",
  );
}
