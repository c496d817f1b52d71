// The security groups a host, interface or balancer carries: some certainly, some only possibly (a reference that
// may name several groups and nothing tells which). A possible group's accepts count (fail closed), its drops close
// only its own accepts: they could hide another group's opening on a host that does not carry it
// (security-group-eval.ts).
export interface GroupLinks {
  groups: string[];
  /** Those of `groups` the carrier may not carry. */
  possible: string[];
}

export const NO_GROUPS: GroupLinks = { groups: [], possible: [] };

/** How paths say a group is only possibly carried. */
export const POSSIBLE_GROUP = "one of several groups it may carry";

/** Links as a reference reads them: every group certain, or every group possible. */
export function linksOf(groups: readonly string[], possible: readonly string[] = []): GroupLinks {
  const unique = [...new Set(groups)];
  return { groups: unique, possible: unique.filter((g) => possible.includes(g)) };
}

/** Groups carried through any of `links`; certain when some link is certain. */
export function joinLinks(...links: readonly GroupLinks[]): GroupLinks {
  const groups = [...new Set(links.flatMap((l) => l.groups))];
  const certain = new Set(links.flatMap((l) => l.groups.filter((g) => !l.possible.includes(g))));
  return { groups, possible: groups.filter((g) => !certain.has(g)) };
}

/** A carrier's links as the model stores them: `securityGroups`, and the possible ones apart when there are any. */
export function carried(links: GroupLinks): { securityGroups: string[]; possibleGroups?: string[] } {
  return links.possible.length > 0
    ? { securityGroups: links.groups, possibleGroups: links.possible }
    : { securityGroups: links.groups };
}

/** The links a carrier of the model stores. */
export function linksOfCarrier(c: {
  securityGroups: readonly string[];
  possibleGroups?: readonly string[];
}): GroupLinks {
  return linksOf(c.securityGroups, c.possibleGroups);
}

/** The groups a carrier of the model certainly carries: what may stand for it (a bastion's groups, say). */
export function certainGroups(c: { securityGroups: readonly string[]; possibleGroups?: readonly string[] }): string[] {
  return c.securityGroups.filter((g) => !c.possibleGroups?.includes(g));
}
