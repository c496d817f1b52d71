// Which WAF 3.0 protected objects a protection template applies to: the objects it lists (`resources`), the members
// of the protected object groups it lists (`resourceGroups`, read from the stack's DefenseResourceGroups), or, for
// the instance's default template (templateType user_default), every object of its instance. A domain added in CNAME
// or shared access is the protected object "<domain>-waf". A group that is not in the stack has members the plan does
// not show: unknown. Also which template of the stack a defense rule belongs to.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown, list } from "../../lib/values";
import { knownText } from "./known-text";
import { allOf, anyOf, Proof } from "./proof";
import { DEFENSE_TEMPLATE } from "./wafv3-types";

export const WAF_DOMAIN = "alicloud:wafv3/domain:Domain";
export const RESOURCE_GROUP = "alicloud:wafv3/defenseResourceGroup:DefenseResourceGroup";

/** The protected object name of a domain; "unknown" at preview when the host name is. */
export function protectedObjectName(domain: GenericResource): string | "unknown" | undefined {
  const host = domain.inputs.domain;
  if (isUnknown(host)) return "unknown";
  return knownText(host) === undefined ? undefined : `${knownText(host)}-waf`;
}

/** Whether a list input holds the name. */
export function holdsName(values: unknown, name: string | "unknown" | undefined): Proof {
  if (isUnknown(values)) return "unknown";
  const items = list(values);
  if (name !== undefined && name !== "unknown" && items.includes(name)) return "yes";
  if (items.some(isUnknown) || (name === "unknown" && items.length > 0)) return "unknown";
  return "no";
}

/** Both on one WAF instance: equal known ids, or ids that flowed from the same resource at preview. */
function sameInstance(a: GenericResource, b: GenericResource): Proof {
  const [x, y] = [a.inputs.instanceId, b.inputs.instanceId];
  if (knownText(x) !== undefined && knownText(y) !== undefined) return x === y ? "yes" : "no";
  const from = b.propertyDependencies.instanceId ?? [];
  if ((a.propertyDependencies.instanceId ?? []).some((u) => from.includes(u))) return "yes";
  return isUnknown(x) || isUnknown(y) ? "unknown" : "no";
}

function inGroups(res: Resolver, template: GenericResource, name: string | "unknown" | undefined): Proof {
  const groups = template.inputs.resourceGroups;
  if (isUnknown(groups)) return "unknown";
  return anyOf(
    list(groups).map((g) => {
      const groupName = knownText(g);
      if (groupName === undefined) return isUnknown(g) ? "unknown" : "no";
      const found = res.ofType(RESOURCE_GROUP).filter((r) => r.inputs.groupName === groupName);
      if (found.length === 0) return "unknown";
      return anyOf(found.map((r) => holdsName(r.inputs.resourceLists, name)));
    }),
  );
}

function isDefault(template: GenericResource): Proof {
  const type = template.inputs.templateType;
  if (isUnknown(type)) return "unknown";
  return type === "user_default" ? "yes" : "no";
}

/** Whether the template applies to the domain: bound to it, directly or through a group, or the instance default. */
export function templateAppliesTo(res: Resolver, template: GenericResource, domain: GenericResource): Proof {
  const name = protectedObjectName(domain);
  return anyOf([
    holdsName(template.inputs.resources, name),
    inGroups(res, template, name),
    allOf([isDefault(template), sameInstance(template, domain)]),
  ]);
}

export function templateEnabled(template: GenericResource): Proof {
  const status = template.inputs.status;
  if (isUnknown(status)) return "unknown";
  return status === "1" || status === 1 ? "yes" : "no";
}

/**
 * The stack's template a defense rule belongs to (templateId = defenseTemplateId once known, the property dependency
 * at preview); "unresolved" when an unknown id names no template of the stack; undefined for a template outside it.
 */
export function ruleTemplates(res: Resolver): (rule: GenericResource) => GenericResource | "unresolved" | undefined {
  for (const t of res.ofType(DEFENSE_TEMPLATE)) {
    const id = knownText(t.inputs.defenseTemplateId);
    if (id) res.alias(t, id);
  }
  return (rule) => {
    const ref = rule.inputs.templateId;
    const urn = res.one(rule, "templateId", knownText(ref) ?? ref, [DEFENSE_TEMPLATE]);
    if (urn) return res.get(urn);
    return isUnknown(ref) ? "unresolved" : undefined;
  };
}
