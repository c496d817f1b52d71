// Bastion designation, shared by the stack rules: a host is a bastion when tagged `hardening:role = "bastion"` or
// named (URN, name, or glob) in the rule's `bastions` config (which of its groups are bastion groups:
// bastion-groups.ts). A bastion may publish its allow-list in the tag `hardening:allowed-cidrs` (comma or space
// separated), continued in `hardening:allowed-cidrs-2`, `-3`, … when one tag value cannot hold it (the keys of
// lib/allow-list-tag-keys.ts): every key is read as one list, judged as a whole.
import { internetSources } from "../../lib/cidr";
import { Host } from "../../lib/reachability";
import { ADMIN_SOURCE_MIN_PREFIX_V4, ADMIN_SOURCE_MIN_PREFIX_V6 } from "../../lib/cidr";
import { broadUnion } from "./allow-list-union";
import { NAMES_SCHEMA } from "../lib/config";
import { ConfigReader } from "../lib/config";
import { PolicyConfigSchema } from "@pulumi/policy";
import { allowListTagNumber, isUnreadAllowListTagKey } from "../../lib/allow-list-tag-keys";

export const ROLE_TAG = "hardening:role";
export const BASTION_ROLE = "bastion";

export interface BastionConfig {
  /** URNs, names or globs of hosts designated as bastions in addition to the tag. */
  bastions: string[];
}

export const BASTION_SCHEMA: PolicyConfigSchema["properties"] = {
  bastions: {
    ...NAMES_SCHEMA,
    description: "Hosts (URN, name or glob) designated as bastions besides the hardening:role tag.",
  },
};

export function readBastions(r: ConfigReader): BastionConfig {
  return { bastions: r.strings("bastions", []) };
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

export function isBastion(host: Pick<Host, "urn" | "name" | "tags">, c: BastionConfig): boolean {
  if (host.tags[ROLE_TAG] === BASTION_ROLE) return true;
  return c.bastions.some((p) => glob(p).test(host.urn) || glob(p).test(host.name));
}

/**
 * The broadest public block one tag entry may be: the bound the Bastion components hold their own sources to. Entries
 * are judged merged too: 256 adjacent /24s are one /16, which no single entry may be.
 */
export const TAG_ENTRY_PREFIX = { ipv4: ADMIN_SOURCE_MIN_PREFIX_V4, ipv6: ADMIN_SOURCE_MIN_PREFIX_V6 } as const;

/** A bastion's tag allow-list: the entries the pack trusts, and those it refuses. */
export interface TaggedAllowList {
  trusted: string[];
  /**
   * Public blocks broader than /24 (IPv6 /48), public entries that join others into a contiguous range holding more
   * addresses than such a block, or every public entry of a list that covers the internet.
   */
  refused: string[];
}

/**
 * The `hardening:allowed-cidrs` tags of a host, all keys as one list. Any stack author can write a tag, so it cannot
 * declare the internet (or a broad public range) an allow-list: the bound is the one the Bastion components enforce on
 * their own sources, and it holds for the entries of every key together, so spreading them over keys escapes nothing.
 */
export function taggedAllowList(host: Pick<Host, "tags">): TaggedAllowList {
  const listed = taggedEntries(host);
  const limit = { minPrefixV4: TAG_ENTRY_PREFIX.ipv4, minPrefixV6: TAG_ENTRY_PREFIX.ipv6 };
  const refused = new Set([...internetSources(listed, limit), ...broadUnion(listed, TAG_ENTRY_PREFIX).entries]);
  return {
    trusted: listed.filter((c) => !refused.has(c)),
    refused: [...new Set(listed.filter((c) => refused.has(c)))],
  };
}

/**
 * The host's allow-list keys, in list order: the bare key, then by number. A key with any other suffix (`-1`, `-02`,
 * `-x`) is not read: its entries are not trusted, so a source only it lists is reported as any source off the list;
 * and ignoring a key never widens what the read keys are judged against.
 */
export function allowListKeysRead(host: Pick<Host, "tags">): string[] {
  const numbered = Object.keys(host.tags).flatMap((key) => {
    const n = allowListTagNumber(key);
    return n === undefined ? [] : [{ key, n }];
  });
  return numbered.sort((a, b) => a.n - b.n).map(({ key }) => key);
}

/** Keys on the host that look like the allow-list's but are not read (`-1`, `-02`, `-x`). */
export const allowListKeysUnread = (host: Pick<Host, "tags">): string[] =>
  Object.keys(host.tags).filter(isUnreadAllowListTagKey);

/** The entries of the host's `hardening:allowed-cidrs` tags, as written: the bare key's first, then by number. */
function taggedEntries(host: Pick<Host, "tags">): string[] {
  return allowListKeysRead(host)
    .flatMap((key) => (host.tags[key] ?? "").split(/[\s,]+/))
    .filter((s) => s !== "");
}

/** The ranges (`first–last`) the tags' public entries join into that are broader than one entry may be. */
export function taggedBroadRanges(host: Pick<Host, "tags">): string[] {
  return broadUnion(taggedEntries(host), TAG_ENTRY_PREFIX).ranges;
}
