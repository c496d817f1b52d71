// Which kinds of origin load balancer a WebFirewall makes whitelists for, and what an ALB whitelist can hold. A
// classic SLB listener takes one `slb.Acl` per address family; an ALB listener takes `alb.Acl`s, which hold IPv4
// entries only (ALB "Access control": IPv6 is not supported, an ALB's IPv6 side is filtered by its security group).
// ALB limits (ALB "Quotas and limits", fixed): 500 entries per ACL, 3 ACLs and 500 entries per Standard or
// WAF-enabled listener, 300 per Basic listener. No listener holds more entries than one ACL does, so the blocks are
// never split across ACLs: more than one ACL holds would not fit on any listener either.
import { checkPlain, Problems } from "../validation";
import { byFamily } from "./alicloud-origin";

export const ORIGIN_KINDS = ["slb", "alb"] as const;
export type OriginKind = (typeof ORIGIN_KINDS)[number];

/** Classic SLB only: what the component made before ALB origins were covered, so existing stacks keep their children. */
export const DEFAULT_ORIGIN_KINDS: readonly OriginKind[] = ["slb"];

/** Entries one ALB access control list holds, and one Standard or WAF-enabled ALB listener (a Basic one: 300). */
export const MAX_ALB_ACL_ENTRIES = 500;
export const MAX_BASIC_ALB_LISTENER_ENTRIES = 300;

/**
 * Reports an `argument` that is not a non-empty list of distinct origin kinds. Returns the kinds to make whitelists
 * for (the default when omitted), or undefined when the value cannot be read.
 */
export function checkOriginKinds(problems: Problems, argument: string, kinds: unknown): OriginKind[] | undefined {
  if (kinds === undefined) return [...DEFAULT_ORIGIN_KINDS];
  if (!checkPlain(problems, argument, kinds)) return undefined;
  const allowed = `a non-empty list of ${ORIGIN_KINDS.map((k) => `"${k}"`).join(" and ")}, each once`;
  if (
    !problems.check(
      Array.isArray(kinds) && kinds.length > 0,
      argument,
      kinds,
      allowed,
      'pass the kinds of the origin load balancers, e.g. ["alb"], or omit it for classic SLB (["slb"])',
    )
  ) {
    return undefined;
  }
  let ok = true;
  const seen = new Set<unknown>();
  (kinds as unknown[]).forEach((kind, i) => {
    const at = `${argument}[${i}]`;
    const known = (ORIGIN_KINDS as readonly unknown[]).includes(kind);
    ok =
      problems.check(
        known,
        at,
        kind,
        allowed,
        '"slb" for a classic SLB origin (slb.Listener), "alb" for an Application Load Balancer origin (alb.Listener)',
      ) && ok;
    if (known) ok = problems.check(!seen.has(kind), at, kind, allowed, "remove the duplicate") && ok;
    seen.add(kind);
  });
  return ok ? (kinds as OriginKind[]) : undefined;
}

/** The blocks an ALB whitelist holds (IPv4), and those it cannot (IPv6). */
export function albOriginBlocks(blocks: readonly string[]): { held: string[]; leftOut: string[] } {
  const families = byFamily(blocks);
  return { held: families.ipv4 ?? [], leftOut: families.ipv6 ?? [] };
}

/**
 * An ALB whitelist needs an IPv4 block, since without one no ALB whitelist can lock the origin, and at most as many
 * as an ACL and a listener hold. `kindsArgument` is blamed for the first: asking for an ALB whitelist is the choice
 * the blocks cannot serve.
 */
export function checkAlbOriginBlocks(
  problems: Problems,
  kindsArgument: string,
  kinds: readonly OriginKind[],
  blocksArgument: string,
  blocks: readonly string[],
): void {
  const { held } = albOriginBlocks(blocks);
  if (blocks.length > 0) {
    problems.check(
      held.length > 0,
      kindsArgument,
      kinds,
      '"alb" only with IPv4 back-to-origin blocks: ALB access control lists hold IPv4 entries only',
      'add WAF\'s IPv4 back-to-origin blocks, or drop "alb" and restrict an IPv6-only ALB with its security group',
    );
  }
  problems.check(
    held.length <= MAX_ALB_ACL_ENTRIES,
    blocksArgument,
    `${held.length} ipv4 blocks`,
    `at most ${MAX_ALB_ACL_ENTRIES} IPv4 blocks (the entries of one ALB access control list, and of one Standard or ` +
      "WAF-enabled ALB listener: more ACLs would not fit on the listener either)",
    "merge adjacent blocks into their covering block",
  );
}
