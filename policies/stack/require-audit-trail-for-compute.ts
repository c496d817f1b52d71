// Case step 5: the investigation relied on the account's audit log of who did what.
import { GenericResource, Resolver, str } from "../../lib/reachability/internals";
import { defineStackRule, StackFinding } from "../lib/stack-rule";

interface Config {
  required: boolean;
  providedExternally: boolean;
}

// Every way the stack can start servers or containers, including the lightweight and bulk forms (Lightsail, spot
// requests and fleets, instance sets, simple application servers) whose activity is just as much in need of a trail.
const AWS_COMPUTE = [
  "aws:ec2/instance:Instance",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
  "aws:ec2/spotFleetRequest:SpotFleetRequest",
  "aws:ec2/fleet:Fleet",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/launchConfiguration:LaunchConfiguration",
  "aws:autoscaling/group:Group",
  "aws:lightsail/instance:Instance",
  "aws:elasticbeanstalk/environment:Environment",
  "aws:ecs/service:Service",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:lambda/function:Function",
];
const ALI_COMPUTE = [
  "alicloud:ecs/instance:Instance",
  "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
  "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
  "alicloud:ecs/launchTemplate:LaunchTemplate",
  "alicloud:ess/scalingGroup:ScalingGroup",
  "alicloud:simpleapplicationserver/instance:Instance",
  "alicloud:ens/instance:Instance",
  "alicloud:cs/managedKubernetes:ManagedKubernetes",
  "alicloud:cs/kubernetes:Kubernetes",
  "alicloud:cs/edgeKubernetes:EdgeKubernetes",
  "alicloud:cs/serverlessKubernetes:ServerlessKubernetes",
  "alicloud:cs/nodePool:NodePool",
  "alicloud:fc/function:Function",
];
const CLOUDTRAIL = "aws:cloudtrail/trail:Trail";
const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";
/** The older trail resource still records events and counts as a trail. */
const ACTIONTRAIL_DEPRECATED = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";

export const requireAuditTrailForCompute = defineStackRule<Config>({
  metadata: {
    name: "require-audit-trail-for-compute",
    description:
      "A stack that creates compute also keeps an audit trail of API activity: an enabled CloudTrail trail on AWS, an enabled ActionTrail trail on Alibaba Cloud (set providedExternally when an organisation trail covers the account).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Add an aws.cloudtrail.Trail (multi-region, log file validation) or an alicloud.actiontrail.Trail to the stack.",
      "If an organisation-level trail already covers the account, set config providedExternally: true for this policy.",
    ],
    controls: [
      { framework: "CIS AWS v3.0", id: "3.1" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.5" },
    ],
    caseStep: 5,
    resourceTypes: [...AWS_COMPUTE, ...ALI_COMPUTE, CLOUDTRAIL, ACTIONTRAIL, ACTIONTRAIL_DEPRECATED],
  },
  configSchema: {
    required: { type: "boolean", description: "Require a trail when the stack creates compute (default true)." },
    providedExternally: {
      type: "boolean",
      description: "An organisation trail outside the stack covers it (default false).",
    },
  },
  parseConfig: (r) => ({
    required: r.boolean("required", true),
    providedExternally: r.boolean("providedExternally", false),
  }),
  check: ({ resources, config }) => {
    if (!config.required || config.providedExternally) return [];
    const res = new Resolver(resources);
    const findings: StackFinding[] = [];
    const check = (compute: string[], trails: string[], enabled: (t: GenericResource) => boolean, name: string) => {
      const hosts = res.ofType(...compute);
      if (hosts.length === 0 || res.ofType(...trails).some(enabled)) return;
      const names =
        hosts
          .slice(0, 5)
          .map((h) => h.name)
          .join(", ") + (hosts.length > 5 ? ", …" : "");
      findings.push({ urn: hosts[0].urn, message: `the stack creates compute (${names}) but no enabled ${name}` });
    };
    check(
      AWS_COMPUTE,
      [CLOUDTRAIL],
      (t) => t.inputs.enableLogging !== false && t.inputs.enableLogging !== "false",
      "CloudTrail trail",
    );
    check(
      ALI_COMPUTE,
      [ACTIONTRAIL, ACTIONTRAIL_DEPRECATED],
      (t) => (str(t.inputs.status) ?? "Enable") !== "Disable",
      "ActionTrail trail",
    );
    return findings;
  },
});
