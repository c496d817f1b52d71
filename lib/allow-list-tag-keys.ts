// The keys a bastion's SSH allow-list is published under: `hardening:allowed-cidrs`, then `hardening:allowed-cidrs-2`,
// `-3`, … when one tag value cannot hold the list. The Bastion components write and drop keys, and the policy pack
// reads them, through this one definition: a key one side takes for the list is a key the other does too.

export const ALLOWED_CIDRS_TAG = "hardening:allowed-cidrs";

/** The numbered keys: digits from 2, without a leading zero (`-1`, `-02`, `-x` are not the list's). */
const ALLOW_LIST_KEY = new RegExp(`^${ALLOWED_CIDRS_TAG}(?:-([2-9]|[1-9][0-9]+))?$`);

/** The keys as messages describe them. */
export const ALLOW_LIST_KEYS_TEXT = `${ALLOWED_CIDRS_TAG}, -2, -3, … (digits, no leading zero)`;

/** The key of the allow-list's `n`th tag (from 1): the first bare, then `-2`, `-3`, …. */
export const allowListTagKey = (n: number): string => (n === 1 ? ALLOWED_CIDRS_TAG : `${ALLOWED_CIDRS_TAG}-${n}`);

/** A key's place in the list (1 for the bare key, n for `-<n>`), or undefined for a key that is not the list's. */
export function allowListTagNumber(key: string): number | undefined {
  const match = ALLOW_LIST_KEY.exec(key);
  if (!match) return undefined;
  return match[1] === undefined ? 1 : Number(match[1]);
}

/**
 * A key that looks like the list's but is not read (`-1`, `-02`, `-x`, another case): whoever wrote it likely meant
 * it to be, so the pack names it where a source it lists is refused.
 */
export const isUnreadAllowListTagKey = (key: string): boolean =>
  key.toLowerCase().startsWith(ALLOWED_CIDRS_TAG) && allowListTagNumber(key) === undefined;
