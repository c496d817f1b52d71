// Inline ingress entries of one ROS security group, weighed as Alibaba Cloud weighs them: a drop entry of equal or
// higher precedence (lower or equal Priority) covering an accept's ports and source cancels it. The resource rules
// judge each entry alone, so an accept the group's drops close entirely is left out of what they judge; the network
// model's own evaluation (security-group-eval.ts) decides it, not a second reading of priorities.
import { isNarrowedRule } from "../../../lib/reachability/alicloud/narrowed-drops";
import { addAlicloudSecurityGroups } from "../../../lib/reachability/alicloud/security-groups";
import { emptyModel } from "../../../lib/reachability/model";
import { Resolver } from "../../../lib/reachability/resolver";
import { GenericResource } from "../../../lib/reachability/resource";
import { admitted } from "../../../lib/reachability/security-group-eval";
import { isUnknown } from "../../../lib/values";
import { Translated } from "./embedded-resource";

const GROUP = "alicloud:ecs/securityGroup:SecurityGroup";

/** Past this many entries the weighing (each accept against every drop) is skipped: every accept stays judged. */
const MAX_WEIGHED_ENTRIES = 500;

const isDrop = (t: Translated) => String(t.props.policy).toLowerCase() === "drop";

/** A drop for the group's whole traffic; one only to an address or from a source port cancels no accept. */
const closesGroup = (t: Translated) => isDrop(t) && !isNarrowedRule(t.props);

/** The one CIDR an accept names, when everything about it is known; other accepts are never cancelled. */
function knownSource(t: Translated): string | undefined {
  const p = t.props;
  const known = (v: unknown) => typeof v === "string" && !isUnknown(v);
  if (!known(p.ipProtocol) || (p.portRange !== undefined && !known(p.portRange))) return undefined;
  if (p.priority !== undefined && typeof p.priority !== "number" && !known(p.priority)) return undefined;
  if (p.sourceSecurityGroupId !== undefined || p.prefixListId !== undefined) return undefined;
  const cidrs = [p.cidrIp, p.ipv6CidrIp].filter((v) => v !== undefined);
  return cidrs.length === 1 && known(cidrs[0]) ? (cidrs[0] as string) : undefined;
}

/** The group's rules as the model reads them, each rule's urn its index. */
function groupRules(rules: readonly Translated[]) {
  const group: GenericResource = {
    urn: "group",
    type: GROUP,
    name: "group",
    inputs: { id: "group" },
    propertyDependencies: {},
    dependencies: [],
  };
  const generic = rules.map((t, i): GenericResource => ({
    urn: String(i),
    type: t.type,
    name: t.where ?? String(i),
    inputs: { ...t.props, securityGroupId: "group" },
    propertyDependencies: {},
    dependencies: [],
  }));
  const m = emptyModel(new Resolver([group, ...generic]));
  addAlicloudSecurityGroups(m);
  return m;
}

/** The entries without the accepts that the group's drops close for every port and the whole source they name. */
export function withoutCancelledAccepts(rules: Translated[]): Translated[] {
  if (rules.length > MAX_WEIGHED_ENTRIES || !rules.some(closesGroup)) return rules;
  const m = groupRules(rules);
  const cancelled = new Set<number>();
  rules.forEach((t, i) => {
    const cidr = isDrop(t) ? undefined : knownSource(t);
    if (!cidr) return;
    const own = admitted(m, ["group"], { kind: "cidr", cidr }, (r) => r.urn === String(i));
    // Open before the drops and closed after them: the accept admits nothing.
    const ownAlone = admitted(groupRules([t]), ["group"], { kind: "cidr", cidr });
    if (own.length === 0 && ownAlone.length > 0) cancelled.add(i);
  });
  return rules.filter((_, i) => !cancelled.has(i));
}
