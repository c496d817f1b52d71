// Alibaba Cloud security groups: rules carry a priority (1 wins) and an accept/drop policy, so whether a port is
// open is a question about the whole rule set, answered by the evaluator. Prefix-list sources: prefix-lists.ts.
import { ALL_PORTS, alicloudRuleRange } from "../../ports";
import { NetworkModel, RuleSource, SgRule, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { ANY_SOURCE, Family } from "../exposure";
import { GenericResource, bool, isUnknown, num, str, tags, unwrap } from "../resource";
import { declareLiteralGroups } from "../literal-groups";
import { ruleGroups } from "../rule-groups";
import { isNarrowedRule } from "./narrowed-drops";
import { alicloudPrefixListSources } from "./prefix-lists";
import { ALI } from "./tokens";
import { appendAll } from "../../arrays";

const FAMILY_FIELDS: [string, Family][] = [
  ["cidrIp", "ipv4"],
  ["ipv6CidrIp", "ipv6"],
];

/**
 * `innerAccessPolicy` Accept (or the deprecated `innerAccess: true`) lets every instance in the group reach every
 * port of its peers: a self-reference on all protocols. It is read as priority 1, so only a drop of priority 1 that
 * covers the peers overrides it; how the cloud orders the two is not documented. Unknown at preview counts as
 * Accept. Absent, the cloud's default for the group type applies, which the provider does not document: it is not
 * read as an opening.
 */
function innerAccessRules(r: GenericResource): SgRule[] {
  const policy = r.inputs.innerAccessPolicy;
  const accepts =
    isUnknown(policy) ||
    str(policy)?.toLowerCase() === "accept" ||
    (policy === undefined && bool(r.inputs.innerAccess) === true);
  if (!accepts) return [];
  const name = `${r.name} innerAccessPolicy Accept`;
  const source: RuleSource = { kind: "self" };
  return [{ urn: r.urn, name, group: r.urn, protocol: "all", ports: ALL_PORTS, source, action: "accept", priority: 1 }];
}

/** Past Alicloud's lowest priority (100). */
const UNKNOWN_DROP_PRIORITY = 101;

export function addAlicloudSecurityGroups(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.securityGroup)) {
    m.securityGroups.set(r.urn, {
      ...nodeOf(r),
      cloud: "alicloud",
      network: res.one(r, "vpcId", r.inputs.vpcId, [ALI.vpc]),
      rules: innerAccessRules(r),
      tags: tags(r),
    });
  }
  const ingressRules = res
    .ofType(ALI.securityGroupRule)
    .filter((r) => isUnknown(unwrap(r.inputs.type)) || (str(r.inputs.type) ?? "ingress") === "ingress");
  // Groups outside the stack that these rules attach to, so the rules count on every host naming the id.
  declareLiteralGroups(m, "alicloud", ALI.securityGroup, [ALI.securityGroup], ingressRules);
  for (const r of ingressRules) {
    const typeUnknown = isUnknown(unwrap(r.inputs.type));
    // A rule that may be on any of several groups counts on each (rule-groups.ts).
    const attached = ruleGroups(m, r, [ALI.securityGroup]);
    if (attached.groups.length === 0) continue;
    const policy = str(r.inputs.policy)?.toLowerCase() === "drop" ? "drop" : "accept";
    // A type unknown at preview may be egress: as a drop it closes nothing, as an accept it counts, unverified.
    if (typeUnknown && policy === "drop") continue;
    // A drop that may be on another group closes nothing on any of them.
    if (attached.ambiguous && policy === "drop") continue;
    // A drop only to one address or from one source port closes part of the traffic the model cannot tell apart.
    if (policy === "drop" && isNarrowedRule(r.inputs)) continue;
    const unknownType = typeUnknown ? { unknownRule: "rule type" as const } : {};
    const sources: RuleSource[] = [];
    for (const [key, family] of FAMILY_FIELDS) {
      const cidr = str(r.inputs[key]);
      if (cidr) sources.push({ kind: "cidr", cidr });
      // Unknown at preview: any address of the field's family on an accept (a note, never hidden); on a drop, nothing.
      else if (isUnknown(r.inputs[key]) && policy === "accept")
        sources.push({ kind: "cidr", cidr: ANY_SOURCE[family], unknown: true });
    }
    appendAll(sources, alicloudPrefixListSources(m, r, policy));
    const ref =
      r.inputs.sourceSecurityGroupId === undefined
        ? undefined
        : res.one(r, "sourceSecurityGroupId", r.inputs.sourceSecurityGroupId, [ALI.securityGroup]);
    // An unknown priority is read as the weakest for drops and the strongest for accepts: never hide an opening.
    // A drop beats accepts of equal priority, so "weakest" is past 100: an unknown drop priority never wins.
    const priority =
      num(r.inputs.priority) ?? (r.inputs.priority !== undefined && policy === "drop" ? UNKNOWN_DROP_PRIORITY : 1);
    const ports = alicloudRuleRange(r.inputs.ipProtocol, r.inputs.portRange);
    const protocol = normalizeProtocol(r.inputs.ipProtocol);
    const unknown =
      isUnknown(r.inputs.ipProtocol) || isUnknown(r.inputs.portRange) ? { unknownPorts: true as const } : {};
    for (const { urn: group, sg } of attached.groups)
      for (const source of [...sources, ...groupSource(r, ref, group)])
        sg.rules.push({
          urn: r.urn,
          name: attached.name,
          group,
          protocol,
          ports,
          source,
          action: policy,
          priority,
          ...unknown,
          ...unknownType,
        });
  }
}

/** The source `sourceSecurityGroupId` names (`ref`, resolved) for a rule on `group`: its own group is itself. */
function groupSource(r: GenericResource, ref: string | undefined, group: string): RuleSource[] {
  if (r.inputs.sourceSecurityGroupId === undefined) return [];
  if (ref === group) return [{ kind: "self" }];
  if (ref) return [{ kind: "sg", sg: ref }];
  return [{ kind: "unresolved", text: str(r.inputs.sourceSecurityGroupId) ?? "(unknown group)" }];
}
