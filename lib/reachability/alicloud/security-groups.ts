// Alibaba Cloud security groups: rules carry a priority (1 wins) and an accept/drop policy, so whether a port is
// open is a question about the whole rule set, answered by the evaluator. Prefix-list sources: prefix-lists.ts.
import { alicloudRuleRange } from "../../ports";
import { NetworkModel, RuleSource, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { num, str, tags } from "../resource";
import { alicloudPrefixListSources } from "./prefix-lists";
import { ALI } from "./tokens";

/** Past Alicloud's lowest priority (100). */
const UNKNOWN_DROP_PRIORITY = 101;

export function addAlicloudSecurityGroups(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(ALI.securityGroup)) {
    m.securityGroups.set(r.urn, {
      ...nodeOf(r),
      cloud: "alicloud",
      network: res.one(r, "vpcId", r.inputs.vpcId, [ALI.vpc]),
      rules: [],
      tags: tags(r),
    });
  }
  for (const r of res.ofType(ALI.securityGroupRule)) {
    if ((str(r.inputs.type) ?? "ingress") !== "ingress") continue;
    const group = res.one(r, "securityGroupId", r.inputs.securityGroupId, [ALI.securityGroup]);
    const sg = group ? m.securityGroups.get(group) : undefined;
    if (!sg || !group) continue;
    const policy = str(r.inputs.policy)?.toLowerCase() === "drop" ? "drop" : "accept";
    const sources: RuleSource[] = [];
    for (const key of ["cidrIp", "ipv6CidrIp"]) {
      const cidr = str(r.inputs[key]);
      if (cidr) sources.push({ kind: "cidr", cidr });
    }
    sources.push(...alicloudPrefixListSources(m, r, policy));
    if (r.inputs.sourceSecurityGroupId !== undefined) {
      const ref = res.one(r, "sourceSecurityGroupId", r.inputs.sourceSecurityGroupId, [ALI.securityGroup]);
      if (ref === group) sources.push({ kind: "self" });
      else if (ref) sources.push({ kind: "sg", sg: ref });
      else sources.push({ kind: "unresolved", text: str(r.inputs.sourceSecurityGroupId) ?? "(unknown group)" });
    }
    // An unknown priority is read as the weakest for drops and the strongest for accepts: never hide an opening.
    // A drop beats accepts of equal priority, so "weakest" is past 100: an unknown drop priority never wins.
    const priority =
      num(r.inputs.priority) ?? (r.inputs.priority !== undefined && policy === "drop" ? UNKNOWN_DROP_PRIORITY : 1);
    const ports = alicloudRuleRange(r.inputs.ipProtocol, r.inputs.portRange);
    const protocol = normalizeProtocol(r.inputs.ipProtocol);
    for (const source of sources)
      sg.rules.push({ urn: r.urn, name: r.name, group, protocol, ports, source, action: policy, priority });
  }
}
