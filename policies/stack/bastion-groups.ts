// Bastion groups for the SSH rule. A rule admitting a group admits every member carrying it, so a group counts as a
// bastion source only while every host and balancer of the stack carrying it is a bastion. Three things offer a group:
// a bastion carrying it, the group's own `hardening:role = "bastion"` tag, and an EC2 Instance Connect Endpoint of the
// stack naming it. A tagged group carried by nothing in the stack keeps counting: the tag is the only word on it.
// A group the stack names only by id never counts: whatever else carries it lies outside the stack. Besides hosts and
// balancers, any other resource naming the group (a function, a build project, a launch template, an attachment to an
// interface outside the stack) carries it too, unless it belongs to a bastion (group-referrers.ts). A bastion offers
// only the groups it certainly carries: one it may carry (a reference several groups may be) may be another host's,
// and offering it would exempt every login from it. Carriers count their possible groups: more sharing, more findings.
import { Host, NetworkModel, certainGroups, groupCarriers } from "../../lib/reachability";
import { instanceConnectEndpointGroups } from "../../lib/reachability/aws/instance-connect-endpoints";
import { AWS } from "../../lib/reachability/aws/tokens";
import { isLiteralGroup } from "../../lib/reachability/literal-groups";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { groupReferrers } from "./group-referrers";
import { BASTION_ROLE, BastionConfig, ROLE_TAG, isBastion } from "./roles";

/** A group offered as a bastion group that some other member also carries. */
export interface SharedGroup {
  /** What offered it, e.g. "the bastion jump" or "its hardening:role=bastion tag". */
  offeredBy: string;
  /** The first carrier that is not a bastion (or may not be one). */
  carrier: string;
  /** The carrier's role tag is unknown at preview: it may yet be a bastion. */
  unknown?: true;
}

export interface BastionGroups {
  /** Groups only bastions carry: a rule naming one admits bastions alone. */
  sources: Set<string>;
  /** Groups offered as bastion groups that a non-bastion (or a host whose role is unknown) carries too. */
  shared: Map<string, SharedGroup>;
  /** Groups a bastion only may carry (its group reference may name several), with that bastion's name. */
  mayCarry: Map<string, string>;
}

export function bastionGroups(m: NetworkModel, c: BastionConfig): BastionGroups {
  const offers = new Map<string, string>();
  const offer = (sg: string, by: string) => {
    if (!isLiteralGroup(sg) && !offers.has(sg)) offers.set(sg, by);
  };
  const mayCarry = new Map<string, string>();
  for (const h of m.hosts.values()) {
    if (!isBastion(h, c)) continue;
    for (const sg of certainGroups(h)) offer(sg, `the bastion ${h.name}`);
    for (const sg of h.possibleGroups ?? []) if (!mayCarry.has(sg)) mayCarry.set(sg, h.name);
  }
  for (const sg of m.securityGroups.values())
    if (sg.tags[ROLE_TAG] === BASTION_ROLE) offer(sg.urn, `its ${ROLE_TAG}=${BASTION_ROLE} tag`);
  for (const sg of instanceConnectEndpointGroups(m)) offer(sg, "an EC2 Instance Connect Endpoint");

  const carriers = groupCarriers(m);
  const bastions = new Set([...m.hosts.values()].filter((h) => isBastion(h, c)).map((h) => h.urn));
  const referrers = groupReferrers(m, bastions);
  const out: BastionGroups = { sources: new Set(), shared: new Map(), mayCarry };
  for (const [sg, offeredBy] of offers) {
    const host = firstNonBastion(m, c, carriers.get(sg) ?? []);
    // An endpoint naming the group is itself an offer, not another carrier.
    const other = referrers.of(sg).find((r) => r.type !== AWS.instanceConnectEndpoint);
    // A certain non-bastion host first, then any other resource, then a host whose role is unknown at preview.
    const shared = host && !host.unknown ? host : other ? { carrier: other.name } : host;
    if (shared) out.shared.set(sg, { offeredBy, ...shared });
    else out.sources.add(sg);
  }
  return out;
}

/** The carrier that is not a bastion, preferring a certain one to one whose role is unknown at preview. */
function firstNonBastion(
  m: NetworkModel,
  c: BastionConfig,
  urns: readonly string[],
): { carrier: string; unknown?: true } | undefined {
  let maybe: string | undefined;
  for (const urn of urns) {
    const host = m.hosts.get(urn);
    if (host && isBastion(host, c)) continue;
    if (host && roleUnknown(m, host)) maybe ??= host.name;
    else return { carrier: host?.name ?? m.loadBalancers.get(urn)?.name ?? urn };
  }
  return maybe === undefined ? undefined : { carrier: maybe, unknown: true };
}

/** The host's tags, or its role tag, are unknown at preview: it may be tagged a bastion. */
function roleUnknown(m: NetworkModel, host: Host): boolean {
  const tags = unwrap(m.resolver.get(host.urn)?.inputs.tags);
  if (isUnknown(tags)) return true;
  return typeof tags === "object" && tags !== null && isUnknown(unwrap((tags as Record<string, unknown>)[ROLE_TAG]));
}
