// Each bastion publishes its SSH allow-list in tags read by the stack policies: `hardening:allowed-cidrs`, then
// `hardening:allowed-cidrs-2`, `-3`, … when one tag value cannot hold the list. Each value is whole blocks joined as
// the cloud's bastion writes them, never a block cut in two. A value too long or a tag too many fails only at
// deployment, after the bastion's security group exists; so the list is split, and its tags counted against what the
// host may still carry, before anything is created.
import type { Problems } from "./validation";
import { allowListTagKey, allowListTagNumber } from "../lib/allow-list-tag-keys";

/** How one cloud writes the tags: what joins the blocks, its longest tag value, and the most tags a resource takes. */
export interface AllowListTagRule {
  separator: string;
  maxLength: number;
  maxTags: number;
  /** The cloud, as messages name it. */
  cloud: string;
}

/**
 * A key the pack reads as part of the allow-list: the component writes these, so a caller's copy (which would claim
 * sources the group never had) is dropped, and not counted among the host's other tags. A key the pack does not read
 * (`hardening:allowed-cidrs-owner`) is an ordinary tag.
 */
export const isAllowListTagKey = (key: string): boolean => allowListTagNumber(key) !== undefined;

/** The tag values: the blocks in order, joined with the separator, each value filled as far as `maxLength` allows. */
export function allowListTagValues(allowedCidrs: readonly unknown[], rule: AllowListTagRule): string[] {
  const values: string[][] = [[]];
  let length = 0;
  for (const block of allowedCidrs.map(String)) {
    const current = values[values.length - 1];
    const added = current.length === 0 ? block.length : length + rule.separator.length + block.length;
    if (current.length > 0 && added > rule.maxLength) {
      values.push([block]);
      length = block.length;
    } else {
      current.push(block);
      length = added;
    }
  }
  return values.map((blocks) => blocks.join(rule.separator));
}

/** The allow-list's tags, key to value, `hardening:allowed-cidrs` first. */
export function allowListTags(allowedCidrs: readonly unknown[], rule: AllowListTagRule): Record<string, string> {
  return Object.fromEntries(allowListTagValues(allowedCidrs, rule).map((value, i) => [allowListTagKey(i + 1), value]));
}

/** The host's tags besides the allow-list: the caller's and the component's own, a key written by both counted once. */
export interface OtherTags {
  given: number;
  own: number;
}

/**
 * Counts the tags a host carries besides its allow-list. `given` is the caller's tags (anything but a plain object
 * counts none: it is refused elsewhere); their allow-list keys are dropped, and the keys in `own` are overwritten.
 */
export function otherTags(given: unknown, own: readonly string[]): OtherTags {
  const keys = typeof given === "object" && given !== null && !Array.isArray(given) ? Object.keys(given) : [];
  return { given: keys.filter((k) => !isAllowListTagKey(k) && !own.includes(k)).length, own: own.length };
}

/**
 * Refuses an `allowedCidrs` list that needs more tags than the host has left besides `other`. The first tag is
 * never refused here: the host always carries it, and tags that leave no room for it are the caller's `tags` to fix.
 * Entries are not checked here: a block longer than a value would be refused as a CIDR first. The list is shown as
 * its count: a list this long would fill the message.
 */
export function checkAllowListTags(
  problems: Problems,
  allowedCidrs: readonly unknown[],
  rule: AllowListTagRule,
  other: OtherTags,
): void {
  const needed = allowListTagValues(allowedCidrs, rule).length;
  const left = Math.max(rule.maxTags - other.given - other.own, 0);
  const joined = rule.separator === " " ? "spaces" : `"${rule.separator}"`;
  // Dropping caller tags helps only when the list fits beside the component's own tags.
  const excess = other.given + other.own + needed - rule.maxTags;
  const dropTags =
    other.given > 0 && needed <= rule.maxTags - other.own
      ? `, or drop at least ${excess} of the ${other.given} ${other.given === 1 ? "tag" : "tags"} in tags`
      : "";
  problems.check(
    needed <= Math.max(left, 1),
    "allowedCidrs",
    `${allowedCidrs.length} blocks`,
    `blocks that, joined with ${joined} into values of at most ${rule.maxLength} characters, fill at most ${left} ` +
      `${left === 1 ? "tag" : "tags"} (${allowListTagKey(1)}, ${allowListTagKey(2)}, …): ${rule.cloud} allows ` +
      `${rule.maxTags} tags per resource and the bastion's host carries ${other.given + other.own} others; these ` +
      `${allowedCidrs.length} blocks need ${needed}`,
    `merge adjacent blocks into wider ones, or reach the bastion through a VPN with one egress range${dropTags}`,
  );
}
