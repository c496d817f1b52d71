// Alibaba Cloud launch templates: what an ECS instance launched from one (`launchTemplateId` or
// `launchTemplateName`), or an ESS scaling group running one (`launchTemplateId`), takes from it. The instance's own
// fields win; the template fills in what it leaves unset: security groups, vSwitch, public bandwidth, and the
// template's secondary interface (its group and vSwitch, as an attached ENI adds them). Bandwidth above zero is a
// public address; bandwidth unknown at preview may be one: it stands, unverified, named after the field. Groups
// unknown at preview that no dependency names may be any group: a stand-in accepting everything, unverified.
import { GroupLinks, joinLinks, linksOf } from "../group-links";
import { NetworkModel } from "../model";
import { GenericResource, isUnknown, list, prop, str, unwrap } from "../resource";
import { anyRuleStandIns } from "../unknown-rules";
import { wholeListUnknown } from "./declared-groups";
import { ALI } from "./tokens";

export const LAUNCH_TEMPLATE_TYPES = [ALI.ecsLaunchTemplate, ALI.launchTemplate];

/** Lets a known `launchTemplateName` find the template (`ecs.EcsLaunchTemplate` names it so; the older one `name`). */
export function aliasLaunchTemplates(m: NetworkModel): void {
  for (const r of m.resolver.ofType(...LAUNCH_TEMPLATE_TYPES)) {
    const name = str(r.inputs.launchTemplateName);
    if (name) m.resolver.alias(r, name);
  }
}

/** The template `r` launches from: by id, else by name; none or several candidates link nothing. */
export function launchTemplateOf(m: NetworkModel, r: GenericResource): GenericResource | undefined {
  const byId = m.resolver.one(r, "launchTemplateId", r.inputs.launchTemplateId, LAUNCH_TEMPLATE_TYPES);
  const urn = byId ?? m.resolver.one(r, "launchTemplateName", r.inputs.launchTemplateName, LAUNCH_TEMPLATE_TYPES);
  return urn ? m.resolver.get(urn) : undefined;
}

/** Whether an input is left to the template: absent, or an empty group list. */
export function leftUnset(v: unknown): boolean {
  const u = unwrap(v);
  return u === undefined || u === null || (Array.isArray(u) && u.length === 0);
}

/**
 * The template's security groups: its interface's `securityGroupId`, and (unless `withOwn` is false: the instance
 * names its own) `securityGroupIds` and `securityGroupId`. A reference that may name several groups carries each
 * only possibly (group-links.ts), as an instance's own does.
 */
export function templateGroups(m: NetworkModel, lt: GenericResource, withOwn: boolean): GroupLinks {
  const own = withOwn ? ["securityGroupIds", "securityGroupId"].map((field) => fieldGroups(m, lt, field)) : [];
  const value = prop(templateInterface(lt), "securityGroupId");
  const eni = m.resolver.candidates(lt, "networkInterfaces", value, [ALI.securityGroup]);
  return joinLinks(...own, linksOf(eni.urns, eni.ambiguous ? eni.urns : []));
}

/**
 * The groups one field names. Unknown at preview with no dependency to name a group, it may name any group: a
 * stand-in group accepting everything from anywhere, so what it opens is a note.
 */
function fieldGroups(m: NetworkModel, lt: GenericResource, field: string): GroupLinks {
  const raw = unwrap(lt.inputs[field]);
  const values = typeof raw === "string" ? [raw] : list(raw);
  const refs = m.resolver.many(lt, field, values, [ALI.securityGroup], wholeListUnknown(lt, field));
  if (refs.urns.length > 0 || !values.some(isUnknown)) return linksOf(refs.urns, refs.possible);
  const urn = `${lt.urn}#${field}`;
  if (!m.securityGroups.has(urn)) {
    const name = `${lt.name} ${field}`;
    const rules = anyRuleStandIns(lt.urn, "any", urn, "rules");
    m.securityGroups.set(urn, { urn, name, type: lt.type, cloud: "alicloud", rules, tags: {} });
  }
  return linksOf([urn]);
}

/** The template's vSwitches: its own `vswitchId` (unless `withOwn` is false) and its interface's. */
export function templateVswitches(
  m: NetworkModel,
  lt: GenericResource,
  withOwn: boolean,
): { subnets: string[]; external: string[] } {
  const values = [...(withOwn ? [lt.inputs.vswitchId] : []), prop(templateInterface(lt), "vswitchId")];
  const subnets: string[] = [];
  const external: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined || v === null) return;
    const field = withOwn && i === 0 ? "vswitchId" : "networkInterfaces";
    const urn = m.resolver.one(lt, field, v, [ALI.vswitch]);
    if (urn) subnets.push(urn);
    else external.push(str(v) ?? "(unknown vswitch)");
  });
  return { subnets, external };
}

/** The template's secondary interface (one object in the provider; read a list's first too). */
function templateInterface(lt: GenericResource): unknown {
  const v = unwrap(lt.inputs.networkInterfaces);
  if (isUnknown(v)) return undefined;
  return Array.isArray(v) ? v[0] : v;
}
