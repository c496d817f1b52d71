// CloudFormation auto scaling groups as the Pulumi AWS provider's `aws.autoscaling.Group`: what it launches from (a
// launch configuration, a launch template, or a mixed instances policy's launch template), the subnets it launches
// into, the balancers it registers with and its tags, which the network model reads to make the group one host.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, Translation } from "./embedded-resource";

/** `{ LaunchTemplateId | LaunchTemplateName, Version }` as the provider's `{ id | name, version }` block. */
export function launchTemplateRef(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  const v = obj(value) ?? {};
  return defined({ id: v.LaunchTemplateId, name: v.LaunchTemplateName, version: v.Version });
}

/** The same specification in the provider's mixed instances policy (and EC2 Fleet) shape. */
export function launchTemplateSpecification(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  const v = obj(value) ?? {};
  return defined({
    launchTemplateId: v.LaunchTemplateId,
    launchTemplateName: v.LaunchTemplateName,
    version: v.Version,
  });
}

/** The launch template a mixed instances policy launches from (`LaunchTemplate.LaunchTemplateSpecification`). */
function mixedTemplate(policy: unknown): unknown {
  if (policy === undefined || isUnknown(policy)) return policy;
  const template = obj(policy)?.LaunchTemplate;
  return isUnknown(template) ? UNKNOWN : obj(template)?.LaunchTemplateSpecification;
}

function mixedInstancesPolicy(policy: unknown): unknown {
  if (policy === undefined || isUnknown(policy)) return policy;
  const template = obj(policy)?.LaunchTemplate;
  if (isUnknown(template)) return { launchTemplate: UNKNOWN };
  const t = obj(template) ?? {};
  const overrides = t.Overrides;
  return {
    launchTemplate: defined({
      launchTemplateSpecification: launchTemplateSpecification(t.LaunchTemplateSpecification),
      overrides: isUnknown(overrides)
        ? UNKNOWN
        : overrides === undefined
          ? undefined
          : list(overrides).map((o) =>
              isUnknown(o)
                ? UNKNOWN
                : defined({
                    instanceType: obj(o)?.InstanceType,
                    launchTemplateSpecification: launchTemplateSpecification(obj(o)?.LaunchTemplateSpecification),
                  }),
            ),
    }),
  };
}

/** `Tags: [{ Key, Value, PropagateAtLaunch }]` as the provider's `tags` list. */
function groupTags(tags: unknown): unknown {
  if (tags === undefined || isUnknown(tags) || !Array.isArray(tags)) return tags === undefined ? undefined : UNKNOWN;
  return tags.map((t) =>
    isUnknown(t)
      ? UNKNOWN
      : defined({ key: obj(t)?.Key, value: obj(t)?.Value, propagateAtLaunch: obj(t)?.PropagateAtLaunch }),
  );
}

/**
 * A group launched by a mixed instances policy launches its default template: the model reads the template a group
 * launches from as `launchTemplate`, so that specification is given there too (the provider's own block stays in
 * `mixedInstancesPolicy`). Overrides naming other templates are not a second host.
 */
const autoScalingGroup: Translation = (read) => {
  const policy = read("MixedInstancesPolicy");
  const own = launchTemplateRef(read("LaunchTemplate"));
  return [
    {
      type: "aws:autoscaling/group:Group",
      props: defined({
        launchConfiguration: read("LaunchConfigurationName"),
        launchTemplate: own ?? launchTemplateRef(mixedTemplate(policy)),
        mixedInstancesPolicy: mixedInstancesPolicy(policy),
        vpcZoneIdentifiers: read("VPCZoneIdentifier"),
        availabilityZones: read("AvailabilityZones"),
        targetGroupArns: read("TargetGroupARNs"),
        loadBalancers: read("LoadBalancerNames"),
        tags: groupTags(read("Tags")),
      }),
    },
  ];
};

export const AWS_SCALING_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::AutoScaling::AutoScalingGroup", autoScalingGroup],
]);
