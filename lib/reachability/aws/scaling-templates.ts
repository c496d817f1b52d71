// The launch templates an auto-scaling group launches from: `launchTemplate`, or a mixed instances policy's template
// (`mixedInstancesPolicy.launchTemplate.launchTemplateSpecification`) and the templates its overrides name.
import { NetworkModel } from "../model";
import { GenericResource, isUnknown, list, prop, unwrap } from "../resource";
import { AWS } from "./tokens";

/** A template specification's reference: its id, else its name. */
const specRef = (spec: unknown, id: string, name: string) => prop(spec, id) ?? prop(spec, name);

/** The group's templates in the stack, its own (or the policy's) first; none when it uses a launch configuration. */
export function scalingTemplates(m: NetworkModel, r: GenericResource): GenericResource[] {
  const res = m.resolver;
  const own = res.one(r, "launchTemplate", specRef(r.inputs.launchTemplate, "id", "name"), [AWS.launchTemplate]);
  if (own) return [res.get(own)!];
  const mixed = r.inputs.mixedInstancesPolicy;
  const policy = prop(mixed, "launchTemplate");
  const specs = [
    prop(policy, "launchTemplateSpecification"),
    ...list(prop(policy, "overrides")).map((o) => prop(o, "launchTemplateSpecification")),
  ];
  // A policy (or its template block) unknown at preview names its templates through the input's dependencies.
  const unknownPolicy = [mixed, policy].find((v) => isUnknown(unwrap(v)));
  const refs = [
    ...(unknownPolicy !== undefined ? [unknownPolicy] : []),
    ...specs.map((spec) => specRef(spec, "launchTemplateId", "launchTemplateName")).filter((v) => v !== undefined),
  ];
  if (refs.length === 0) return [];
  const urns = res.many(r, "mixedInstancesPolicy", refs, [AWS.launchTemplate]).urns;
  return urns.map((u) => res.get(u)!).filter((t) => t !== undefined);
}
