// AWS security groups and their ingress rules in all three forms: inline `ingress`, `ec2.SecurityGroupRule`,
// `vpc.SecurityGroupIngressRule` — with CIDR, IPv6, prefix-list (resolved in prefix-lists.ts), group-reference and
// self sources. A rule list, inline rule or rule type unknown at preview counts (unknown-rules.ts), unverified; so
// does a `self` flag unknown at preview (a possible self-reference).
import { awsRuleRange } from "../../ports";
import { NetworkModel, RuleSource, SgRule, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { ANY_SOURCE, Family } from "../exposure";
import { GenericResource, bool, isUnknown, items, list, prop, str, tags, unwrap } from "../resource";
import { anyRuleStandIns } from "../unknown-rules";
import { declareLiteralGroups } from "../literal-groups";
import { ruleGroups } from "../rule-groups";
import { prefixListSources } from "./prefix-lists";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";
import { appendAll } from "../../arrays";

export function addAwsSecurityGroups(m: NetworkModel): void {
  const res = m.resolver;
  // A type unknown at preview may be ingress: the rule counts, and what it admits is unverified.
  const ingressRules = res
    .ofType(AWS.securityGroupRule)
    .filter((r) => isUnknown(unwrap(r.inputs.type)) || str(r.inputs.type) === "ingress");
  const vpcRules = res.ofType(AWS.ingressRule);
  // Groups outside the stack that these rules attach to, so the rules count on every host naming the id;
  // declared first, so that inline rules naming one as their source link to it too.
  declareLiteralGroups(m, "aws", AWS.securityGroup, AWS_SECURITY_GROUPS, [...ingressRules, ...vpcRules]);
  for (const r of res.ofType(...AWS_SECURITY_GROUPS)) {
    m.securityGroups.set(r.urn, {
      ...nodeOf(r),
      cloud: "aws",
      network: res.one(r, "vpcId", r.inputs.vpcId, [AWS.vpc]),
      rules: inlineRules(m, r),
      tags: tags(r),
    });
  }
  for (const r of ingressRules) {
    const typeUnknown = isUnknown(unwrap(r.inputs.type));
    // A rule that may be on any of several groups counts on each (rule-groups.ts).
    const attached = ruleGroups(m, r, AWS_SECURITY_GROUPS);
    const refs = items(r.inputs.sourceSecurityGroupId);
    for (const { urn: group, sg } of attached.groups) {
      const sources: RuleSource[] = [
        ...cidrSources(r.inputs.cidrBlocks, "ipv4"),
        ...cidrSources(r.inputs.ipv6CidrBlocks, "ipv6"),
        ...prefixListSources(m, r, "prefixListIds", r.inputs.prefixListIds, items(r.inputs.prefixListIds).length),
        ...groupSources(m, r, "sourceSecurityGroupId", refs, refs.length, group),
        ...selfSources(r.inputs.self),
      ];
      const { protocol, fromPort, toPort } = r.inputs;
      const rules = expand(r.urn, attached.name, group, protocol, fromPort, toPort, sources);
      appendAll(sg.rules, typeUnknown ? rules.map((rule) => ({ ...rule, unknownRule: "rule type" as const })) : rules);
    }
  }
  for (const r of vpcRules) {
    const attached = ruleGroups(m, r, AWS_SECURITY_GROUPS);
    const ref = r.inputs.referencedSecurityGroupId;
    for (const { urn: group, sg } of attached.groups) {
      const refSources = ref === undefined ? [] : groupSources(m, r, "referencedSecurityGroupId", [ref], 1, group);
      const sources: RuleSource[] = [
        ...cidrSources(r.inputs.cidrIpv4, "ipv4"),
        ...cidrSources(r.inputs.cidrIpv6, "ipv6"),
        ...prefixListSources(m, r, "prefixListId", r.inputs.prefixListId, 1),
        ...refSources,
      ];
      const { ipProtocol, fromPort, toPort } = r.inputs;
      appendAll(sg.rules, expand(r.urn, attached.name, group, ipProtocol, fromPort, toPort, sources));
    }
  }
}

function inlineRules(m: NetworkModel, r: GenericResource): SgRule[] {
  // A list unknown at preview may hold any rule.
  if (isUnknown(unwrap(r.inputs.ingress))) return anyRuleStandIns(r.urn, `${r.name} ingress`, r.urn, "rules");
  const rules = list(r.inputs.ingress);
  // Property dependencies are per top-level input: with several inline rules naming unknown groups, the model
  // cannot tell which rule names which group, and marks those references ambiguous.
  const withRefs = rules.filter((rule) => list(prop(rule, "securityGroups")).length > 0).length;
  const withLists = rules.filter((rule) => items(prop(rule, "prefixListIds")).length > 0).length;
  return rules.flatMap((rule, i) => {
    if (isUnknown(rule)) return anyRuleStandIns(r.urn, `${r.name} ingress[${i}]`, r.urn, "rule");
    const refs = list(prop(rule, "securityGroups"));
    const lists = items(prop(rule, "prefixListIds"));
    const sources: RuleSource[] = [
      ...cidrSources(prop(rule, "cidrBlocks"), "ipv4"),
      ...cidrSources(prop(rule, "ipv6CidrBlocks"), "ipv6"),
      ...prefixListSources(m, r, "ingress", lists, withLists > 1 ? Infinity : lists.length),
      ...groupSources(m, r, "ingress", refs, withRefs > 1 ? Infinity : refs.length, r.urn),
      ...selfSources(prop(rule, "self")),
    ];
    return expand(
      r.urn,
      `${r.name} ingress[${i}]`,
      r.urn,
      prop(rule, "protocol"),
      prop(rule, "fromPort"),
      prop(rule, "toPort"),
      sources,
    );
  });
}

function expand(
  urn: string,
  name: string,
  group: string,
  protocol: unknown,
  fromPort: unknown,
  toPort: unknown,
  sources: RuleSource[],
): SgRule[] {
  const ports = awsRuleRange(protocol, fromPort, toPort);
  const proto = normalizeProtocol(protocol);
  const unknown = [protocol, fromPort, toPort].some(isUnknown) ? { unknownPorts: true as const } : {};
  return sources.map((source) => ({
    urn,
    name,
    group,
    protocol: proto,
    ports,
    source,
    action: "accept" as const,
    priority: 1,
    ...unknown,
  }));
}

/**
 * CIDR sources of an accept (AWS rules only accept). One unknown at preview stands as any address of the field's
 * family, flagged so that findings through it are notes: unknowns never hide an opening, nor are they guessed open.
 */
export function cidrSources(v: unknown, family: Family): RuleSource[] {
  return items(v).flatMap((c): RuleSource[] => {
    if (isUnknown(c)) return [{ kind: "cidr", cidr: ANY_SOURCE[family], unknown: true }];
    const cidr = str(c);
    return cidr ? [{ kind: "cidr", cidr }] : [];
  });
}

/** `self: true` references the rule's own group; unknown at preview it may, and what it admits is a note. */
function selfSources(v: unknown): RuleSource[] {
  const self = bool(v);
  if (self === true) return [{ kind: "self" }];
  return self === "unknown" ? [{ kind: "self", unknown: true }] : [];
}

/**
 * Group references. `maxPerRule` is how many groups this rule can name; when it is exceeded by what the
 * dependencies offer (ambiguity), every candidate is kept and flagged.
 */
function groupSources(
  m: NetworkModel,
  r: GenericResource,
  propName: string,
  refs: unknown[],
  maxPerRule: number,
  group: string,
): RuleSource[] {
  if (refs.length === 0) return [];
  const found = m.resolver.many(r, propName, refs, AWS_SECURITY_GROUPS);
  const urns = found.urns;
  const ambiguous = urns.length > maxPerRule || (maxPerRule === Infinity && urns.length > 1);
  // A rule naming its own group is a self-reference whichever form wrote it.
  const out: RuleSource[] = urns.map((sg) =>
    sg === group ? { kind: "self" } : { kind: "sg", sg, ...(ambiguous ? { ambiguous: true, candidates: urns } : {}) },
  );
  for (const ext of found.external) out.push({ kind: "unresolved", text: ext });
  if (urns.length === 0 && found.external.length === 0) out.push({ kind: "unresolved", text: "(unknown group)" });
  return out;
}
