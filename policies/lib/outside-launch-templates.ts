// A launch that leaves its metadata tokens to a launch template passes as that template does, which require-imdsv2
// judges as a resource of its own. A template the stack does not declare (an id or name of existing infrastructure, or
// a value unknown at preview that no dependency ties to a template of the stack) is judged nowhere: its tokens cannot
// be read, so the launch gets a note (a violation when failing closed). On AWS, account defaults of the stack that
// require tokens before the launch still hold (imds-account-defaults.ts), as they do for a launch without a template.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";
import { Finding } from "./findings";
import { defaultsFindings, ImdsPlan } from "./imds-account-defaults";
import { ALICLOUD_TEMPLATES, AWS_TEMPLATES } from "./launch-template-types";
import { present } from "./metadata-tokens";
import { StackFinding } from "./stack-rule";

/** A launch whose template the stack does not declare. */
export interface OutsideLaunch {
  r: GenericResource;
  /** The value naming the template (an id or name, or unknown at preview). */
  ref: unknown;
  /** The launch turns the metadata endpoint on itself, so a default that switches it off does not hold. */
  enablesEndpoint: boolean;
  /** AWS: the account's instance metadata defaults apply to what the template leaves out. */
  accountDecides: boolean;
}

const shownRef = (v: unknown) =>
  typeof v === "string" && !isUnknown(v) ? v : "(unknown at preview, tied to no launch template of the stack)";

/** The note for a launch from a template the stack does not declare, unless the account's defaults require tokens. */
export function outsideTemplateFindings(launch: OutsideLaunch, plan: ImdsPlan): Finding[] {
  const { r, ref, enablesEndpoint, accountDecides } = launch;
  if (accountDecides) {
    const where = "the launch template's metadataOptions.httpTokens";
    const held = defaultsFindings({ r, enablesEndpoint, image: { verdict: "none" }, where }, plan).length === 0;
    if (held) return [];
  }
  return [
    {
      message: `cannot be verified: the launch template ${shownRef(ref)} is outside the stack, and ${r.name} leaves metadata tokens to it, so whether IMDSv1 stays open cannot be read; declare the template in the stack with httpTokens "required", set httpTokens "required" on ${r.name}${accountDecides ? ", or set an account default (ec2.InstanceMetadataDefaults) requiring tokens that it depends on" : ""}`,
      unverifiable: true,
    },
  ];
}

/** A reference to a launch template: the input it sits under (for property dependencies) and its value. */
interface TemplateRef {
  prop: string;
  value: unknown;
}

/** Resources that cannot set metadata tokens themselves: what they launch takes the template's (or the account's). */
interface TemplateLauncher {
  refs(p: Record<string, unknown>): TemplateRef[];
  templates: readonly string[];
  accountDecides: boolean;
}

/** `{ id }` or `{ name }` (AWS launch template specifications), or their long forms. */
function specRef(prop: string, spec: unknown, idKey = "id", nameKey = "name"): TemplateRef[] {
  if (isUnknown(spec)) return [{ prop, value: spec }];
  const o = obj(spec);
  const value = present(o?.[idKey]) ? o?.[idKey] : o?.[nameKey];
  return present(value) ? [{ prop, value }] : [];
}

const LAUNCHERS: Readonly<Record<string, TemplateLauncher>> = {
  "aws:autoscaling/group:Group": {
    refs: (p) => {
      const mixed = obj(obj(p.mixedInstancesPolicy)?.launchTemplate)?.launchTemplateSpecification;
      return [
        ...specRef("launchTemplate", p.launchTemplate),
        ...specRef("mixedInstancesPolicy", mixed, "launchTemplateId", "launchTemplateName"),
      ];
    },
    templates: AWS_TEMPLATES,
    accountDecides: true,
  },
  "aws:ec2/spotFleetRequest:SpotFleetRequest": {
    refs: (p) =>
      list(p.launchTemplateConfigs).flatMap((c) =>
        specRef("launchTemplateConfigs", obj(c)?.launchTemplateSpecification),
      ),
    templates: AWS_TEMPLATES,
    accountDecides: true,
  },
  "aws:eks/nodeGroup:NodeGroup": {
    refs: (p) => specRef("launchTemplate", p.launchTemplate),
    templates: AWS_TEMPLATES,
    accountDecides: true,
  },
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet": {
    refs: (p) => aliRefs(p),
    templates: ALICLOUD_TEMPLATES,
    accountDecides: false,
  },
  "alicloud:ess/scalingGroup:ScalingGroup": {
    refs: (p) => aliRefs(p),
    templates: ALICLOUD_TEMPLATES,
    accountDecides: false,
  },
};

export const TEMPLATE_LAUNCHER_TYPES = Object.keys(LAUNCHERS);

function aliRefs(p: Record<string, unknown>): TemplateRef[] {
  if (present(p.launchTemplateId)) return [{ prop: "launchTemplateId", value: p.launchTemplateId }];
  if (present(p.launchTemplateName)) return [{ prop: "launchTemplateName", value: p.launchTemplateName }];
  return [];
}

/** Whether a template reference names nothing the stack declares, by value or by dependency. */
export function namesOutsideTemplate(plan: ImdsPlan, r: GenericResource, ref: TemplateRef, types: readonly string[]) {
  return plan.resolver.many(r, ref.prop, [ref.value], types).urns.length === 0;
}

/** Notes for the auto scaling groups, fleets, node groups and instance sets launching from outside templates. */
export function outsideTemplateLauncherFindings(plan: ImdsPlan): StackFinding[] {
  return plan.resources.flatMap((r) => {
    const launcher = LAUNCHERS[r.type];
    if (!launcher) return [];
    const outside = launcher.refs(r.inputs).find((ref) => namesOutsideTemplate(plan, r, ref, launcher.templates));
    if (!outside) return [];
    const launch = { r, ref: outside.value, enablesEndpoint: false, accountDecides: launcher.accountDecides };
    return outsideTemplateFindings(launch, plan).map((f) => ({ urn: r.urn, ...f }));
  });
}
