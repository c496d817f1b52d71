// require-imdsv2 where what decides a launch's metadata tokens is not in sight: a launch template the stack does not
// declare (a note, or a violation when failing closed, unless account defaults of the stack require tokens), and an EKS
// node group that leaves amiType to EKS, which picks Amazon Linux 2 (IMDSv1 open) below Kubernetes 1.30. A version
// left to EKS (a cluster without one, or read from such a cluster) is EKS's default, 1.30 or later.
import { requireImdsv2 } from "../../policies/rules/require-imdsv2";
import { countOf, planTable, runPlan } from "./combined-table";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase } from "./stack-table";

const EC2 = "aws:ec2/instance:Instance";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ASG = "aws:autoscaling/group:Group";
const FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";
const DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
const ALI = "alicloud:ecs/instance:Instance";
const ALI_LT = "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate";
const ALI_SET = "alicloud:ecs/ecsInstanceSet:EcsInstanceSet";
const ESS_GROUP = "alicloud:ess/scalingGroup:ScalingGroup";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const CLUSTER = "aws:eks/cluster:Cluster";
const LT_URN = urnOf(LT, "lt");
const DEFAULTS_URN = urnOf(DEFAULTS, "imds");
const CLUSTER_URN = urnOf(CLUSTER, "prod");

const REQUIRED = { httpTokens: "required" };
const OUTSIDE = "is outside the stack";

/** The stack's launch template "lt", known by the id "lt-0inside" (an existing stack) or unknown at preview. */
const template = (metadataOptions: unknown = REQUIRED, id?: string): StackInput => ({
  type: LT,
  name: "lt",
  props: { imageId: "ami-0abc", metadataOptions, ...(id ? { id } : {}) },
});
const accountDefault = (props: Record<string, unknown>): StackInput => ({ type: DEFAULTS, name: "imds", props });
const afterDefaults = (r: StackInput): StackInput => ({ ...r, dependencies: [DEFAULTS_URN] });
const instance = (props: Record<string, unknown>, deps: Record<string, string[]> = {}): StackInput => ({
  type: EC2,
  name: "web",
  props: { ami: "ami-0abc", instanceType: "t3.micro", ...props },
  propertyDependencies: deps,
  dependencies: Object.values(deps).flat(),
});

describe("require-imdsv2: launches from a launch template outside the stack", () => {
  planTable(requireImdsv2, [
    {
      name: "EC2 from an outside template by id, no metadataOptions: a note",
      resources: [instance({ launchTemplate: { id: "lt-0abc" } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 from an outside template by name",
      resources: [instance({ launchTemplate: { name: "web-template", version: "$Latest" } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 setting only the hop limit, from an outside template",
      resources: [instance({ launchTemplate: { id: "lt-0abc" }, metadataOptions: { httpPutResponseHopLimit: 1 } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "spot instance request from an outside template",
      resources: [{ type: SPOT, name: "spot", props: { launchTemplate: { id: "lt-0abc" } } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "a template id unknown at preview that no dependency ties to the stack",
      resources: [template(), instance({ launchTemplate: { id: UNKNOWN } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2 requiring tokens itself (known good)",
      resources: [instance({ launchTemplate: { id: "lt-0abc" }, metadataOptions: REQUIRED })],
      violations: 0,
    },
    {
      name: "EC2 switching the endpoint off itself (known good)",
      resources: [instance({ launchTemplate: { id: "lt-0abc" }, metadataOptions: { httpEndpoint: "disabled" } })],
      violations: 0,
    },
    {
      name: "EC2 from an outside template, optional tokens of its own: a violation",
      resources: [instance({ launchTemplate: { id: "lt-0abc" }, metadataOptions: { httpTokens: "optional" } })],
      violations: 1,
    },
    {
      name: "EC2 from the stack's template by dependency (known good)",
      resources: [template(), instance({ launchTemplate: { id: UNKNOWN } }, { launchTemplate: [LT_URN] })],
      violations: 0,
    },
    {
      name: "EC2 from the stack's template by its known id (known good)",
      resources: [template(REQUIRED, "lt-0inside"), instance({ launchTemplate: { id: "lt-0inside" } })],
      violations: 0,
    },
    {
      name: "EC2 from the stack's template that fails: reported on the template only",
      resources: [
        template({ httpTokens: "optional" }),
        instance({ launchTemplate: { id: UNKNOWN } }, { launchTemplate: [LT_URN] }),
      ],
      violations: 1,
      mentions: 'metadataOptions.httpTokens is "optional"',
    },
    // Account defaults decide what the template leaves out, as they do for an instance without one.
    {
      name: "account defaults requiring tokens, the instance after them (known good)",
      resources: [accountDefault(REQUIRED), afterDefaults(instance({ launchTemplate: { id: "lt-0abc" } }))],
      violations: 0,
    },
    {
      name: "account defaults requiring tokens that the instance is not ordered after: still a note",
      resources: [accountDefault(REQUIRED), instance({ launchTemplate: { id: "lt-0abc" } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "account defaults leaving tokens optional: a note",
      resources: [
        accountDefault({ httpTokens: "optional" }),
        afterDefaults(instance({ launchTemplate: { id: "lt-0abc" } })),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "account defaults switching the endpoint off, which the instance turns on: a note",
      resources: [
        accountDefault({ httpEndpoint: "disabled" }),
        afterDefaults(instance({ launchTemplate: { id: "lt-0abc" }, metadataOptions: { httpEndpoint: "enabled" } })),
      ],
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud has no account default: only the instance's own tokens or a template of the stack decide.
    {
      name: "Alibaba: ECS from an outside template by id, no httpTokens",
      resources: [{ type: ALI, name: "web", props: { launchTemplateId: "lt-1" } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba: ECS from an outside template by name",
      resources: [{ type: ALI, name: "web", props: { launchTemplateName: "web-template" } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba: ECS requiring tokens itself (known good)",
      resources: [{ type: ALI, name: "web", props: { launchTemplateId: "lt-1", httpTokens: "required" } }],
      violations: 0,
    },
    {
      name: "Alibaba: ECS from the stack's template named by launchTemplateName (known good)",
      resources: [
        { type: ALI_LT, name: "lt", props: { launchTemplateName: "web-template", httpTokens: "required" } },
        { type: ALI, name: "web", props: { launchTemplateName: "web-template" } },
      ],
      violations: 0,
    },
    // Resources that cannot set tokens themselves launch what the template says.
    {
      name: "auto scaling group from an outside template",
      resources: [{ type: ASG, name: "asg", props: { maxSize: 2, minSize: 1, launchTemplate: { id: "lt-0abc" } } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "auto scaling group with a mixed instances policy naming an outside template",
      resources: [
        {
          type: ASG,
          name: "asg",
          props: {
            maxSize: 2,
            minSize: 1,
            mixedInstancesPolicy: {
              launchTemplate: { launchTemplateSpecification: { launchTemplateName: "web-template" } },
            },
          },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "auto scaling group from the stack's template (known good)",
      resources: [
        template(),
        {
          type: ASG,
          name: "asg",
          props: { maxSize: 2, minSize: 1, launchTemplate: { id: UNKNOWN } },
          propertyDependencies: { launchTemplate: [LT_URN] },
        },
      ],
      violations: 0,
    },
    {
      name: "auto scaling group from an outside template under account defaults requiring tokens (known good)",
      resources: [
        accountDefault(REQUIRED),
        afterDefaults({ type: ASG, name: "asg", props: { maxSize: 1, minSize: 1, launchTemplate: { id: "lt-0abc" } } }),
      ],
      violations: 0,
    },
    {
      name: "auto scaling group from a launch configuration: not a template reference (unchanged)",
      resources: [{ type: ASG, name: "asg", props: { maxSize: 1, minSize: 1, launchConfiguration: "lc" } }],
      violations: 0,
    },
    {
      name: "spot fleet with one template of the stack and one outside",
      resources: [
        template(REQUIRED, "lt-0inside"),
        {
          type: FLEET,
          name: "fleet",
          props: {
            launchTemplateConfigs: [
              { launchTemplateSpecification: { id: "lt-0inside" } },
              { launchTemplateSpecification: { name: "outside-template" } },
            ],
          },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "EKS node group from an outside template",
      resources: [
        {
          type: NODE_GROUP,
          name: "ng",
          props: { clusterName: "c", amiType: "AL2_x86_64", launchTemplate: { name: "nodes", version: "1" } },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "Alibaba: instance set and scaling group from outside templates",
      resources: [
        { type: ALI_SET, name: "set", props: { launchTemplateId: "lt-1" } },
        { type: ESS_GROUP, name: "group", props: { minSize: 1, maxSize: 2, launchTemplateId: "lt-2" } },
      ],
      violations: 0,
      notes: 2,
    },
    {
      name: "Alibaba: scaling group from the stack's template (known good)",
      resources: [
        { type: ALI_LT, name: "lt", props: { launchTemplateName: "web-template", httpTokens: "required" } },
        { type: ESS_GROUP, name: "group", props: { minSize: 1, maxSize: 2, launchTemplateName: "web-template" } },
      ],
      violations: 0,
    },
  ] as StackCase[]);

  it("names the template and lands on the launch", async () => {
    const ds = await runPlan(requireImdsv2, [instance({ launchTemplate: { id: "lt-0abc" } })]);
    const { notes } = countOf(requireImdsv2, ds);
    expect(notes.map((d) => d.urn)).toEqual([urnOf(EC2, "web")]);
    expect(notes[0].message).toContain(`cannot be verified: the launch template lt-0abc ${OUTSIDE}`);
  });

  it("is a violation when failing closed", async () => {
    const plan = [
      instance({ launchTemplate: { id: "lt-0abc" } }),
      { type: ALI, name: "ecs", props: { launchTemplateId: "lt-1" } },
    ];
    const ds = await runPlan(requireImdsv2, plan, { failClosed: true });
    expect(ds.map((d) => [d.level, d.urn])).toEqual([
      ["mandatory", urnOf(EC2, "web")],
      ["mandatory", urnOf(ALI, "ecs")],
    ]);
  });
});

const nodeGroup = (props: Record<string, unknown>, deps: Record<string, string[]> = {}): StackInput => ({
  type: NODE_GROUP,
  name: "ng",
  props: { clusterName: "prod", nodeRoleArn: "arn:aws:iam::1:role/n", subnetIds: ["s"], ...props },
  propertyDependencies: deps,
});
const cluster = (props: Record<string, unknown>, deps: Record<string, string[]> = {}, name = "prod"): StackInput => ({
  type: CLUSTER,
  name,
  props: { roleArn: "arn:aws:iam::1:role/c", vpcConfig: { subnetIds: ["s"] }, ...props },
  propertyDependencies: deps,
});
const byDependency = { clusterName: [CLUSTER_URN] };
/** The node group's version read from its cluster (`version: cluster.version`), unknown at preview. */
const versionFromCluster = { ...byDependency, version: [CLUSTER_URN] };
const BLUE_URN = urnOf(CLUSTER, "blue");
const PARAMETER = "aws:ssm/parameter:Parameter";
const PARAMETER_URN = urnOf(PARAMETER, "k8s-version");
/** A version kept in an SSM parameter the stack writes: unknown at preview, and no cluster's default. */
const parameter: StackInput = { type: PARAMETER, name: "k8s-version", props: { type: "String", value: UNKNOWN } };

describe("require-imdsv2: EKS node groups leaving amiType to EKS", () => {
  planTable(requireImdsv2, [
    {
      name: "version 1.29: EKS picks Amazon Linux 2",
      resources: [nodeGroup({ version: "1.29" })],
      violations: 1,
      mentions: "below Kubernetes 1.30 EKS picks Amazon Linux 2",
    },
    { name: "a patch version below 1.30", resources: [nodeGroup({ version: "1.29.3" })], violations: 1 },
    { name: "version 1.9 (minor compared as a number)", resources: [nodeGroup({ version: "1.9" })], violations: 1 },
    { name: "version 1.30: AL2023 (known good)", resources: [nodeGroup({ version: "1.30" })], violations: 0 },
    { name: "version 1.33 (known good)", resources: [nodeGroup({ version: "1.33" })], violations: 0 },
    { name: "version 2.0 (known good)", resources: [nodeGroup({ version: "2.0" })], violations: 0 },
    { name: "version unknown at preview", resources: [nodeGroup({ version: UNKNOWN })], violations: 0, notes: 1 },
    { name: "a version that does not parse", resources: [nodeGroup({ version: "latest" })], violations: 0, notes: 1 },
    {
      name: "version 1.29 with an AL2023 amiType (known good)",
      resources: [nodeGroup({ version: "1.29", amiType: "AL2023_x86_64_STANDARD" })],
      violations: 0,
    },
    {
      name: "version 1.29 from the stack's template requiring tokens (known good)",
      resources: [
        template(),
        nodeGroup({ version: "1.29", launchTemplate: { id: UNKNOWN } }, { launchTemplate: [LT_URN] }),
      ],
      violations: 0,
    },
    {
      name: "version left out: the cluster of the stack (by dependency) runs 1.29",
      resources: [cluster({ version: "1.29" }), nodeGroup({ clusterName: UNKNOWN }, byDependency)],
      violations: 1,
      mentions: "the version of its cluster prod",
      urn: urnOf(NODE_GROUP, "ng"),
    },
    {
      name: "version left out: the cluster of the stack (by its name) runs 1.28",
      resources: [cluster({ name: "prod-eks", version: "1.28" }), nodeGroup({ clusterName: "prod-eks" })],
      violations: 1,
    },
    {
      name: "version left out: the cluster runs 1.31 (known good)",
      resources: [cluster({ version: "1.31" }), nodeGroup({ clusterName: UNKNOWN }, byDependency)],
      violations: 0,
    },
    {
      name: "the node group's own version wins over the cluster's",
      resources: [cluster({ version: "1.29" }), nodeGroup({ clusterName: UNKNOWN, version: "1.30" }, byDependency)],
      violations: 0,
    },
    {
      name: "the cluster's version left to EKS, whose default is 1.30 or later (known good)",
      resources: [cluster({}), nodeGroup({ clusterName: UNKNOWN }, byDependency)],
      violations: 0,
    },
    {
      name: "the same, failing closed (known good)",
      resources: [cluster({}), nodeGroup({ clusterName: UNKNOWN }, byDependency)],
      violations: 0,
      config: { failClosed: true },
    },
    {
      name: "the cluster (by its name) with version null, left to EKS (known good)",
      resources: [cluster({ name: "prod-eks", version: null }), nodeGroup({ clusterName: "prod-eks" })],
      violations: 0,
    },
    {
      name: "the node group's version read from a cluster left to EKS (known good)",
      resources: [cluster({}), nodeGroup({ clusterName: UNKNOWN, version: UNKNOWN }, versionFromCluster)],
      violations: 0,
    },
    {
      name: "the cluster's version read from another cluster left to EKS (known good)",
      resources: [
        cluster({}, {}, "blue"),
        cluster({ version: UNKNOWN }, { version: [BLUE_URN] }),
        nodeGroup({ clusterName: UNKNOWN }, byDependency),
      ],
      violations: 0,
    },
    {
      name: "the cluster's version left to EKS, the node group's own 1.29",
      resources: [cluster({}), nodeGroup({ clusterName: UNKNOWN, version: "1.29" }, byDependency)],
      violations: 1,
      mentions: 'amiType is not set and version is "1.29"',
    },
    {
      name: "the cluster's version left to EKS, the node group on Amazon Linux 2",
      resources: [cluster({}), nodeGroup({ clusterName: UNKNOWN, amiType: "AL2_x86_64" }, byDependency)],
      violations: 1,
      mentions: 'amiType is "AL2_x86_64"',
    },
    {
      name: "the node group's version read from an SSM parameter: a note",
      resources: [parameter, cluster({}), nodeGroup({ version: UNKNOWN }, { version: [PARAMETER_URN] })],
      violations: 0,
      notes: 1,
    },
    {
      name: "the node group's version read from a cluster left to EKS and an SSM parameter: a note",
      resources: [
        parameter,
        cluster({}),
        nodeGroup(
          { clusterName: UNKNOWN, version: UNKNOWN },
          { ...versionFromCluster, version: [CLUSTER_URN, PARAMETER_URN] },
        ),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the node group's version read from a cluster on 1.29, unknown at preview: a note",
      resources: [
        cluster({ version: "1.29" }),
        nodeGroup({ clusterName: UNKNOWN, version: UNKNOWN }, versionFromCluster),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the cluster's version read from an SSM parameter: a note",
      resources: [
        parameter,
        cluster({ version: UNKNOWN }, { version: [PARAMETER_URN] }),
        nodeGroup({ clusterName: UNKNOWN }, byDependency),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "two clusters reading their versions from each other: a note",
      resources: [
        cluster({ version: UNKNOWN }, { version: [CLUSTER_URN] }, "blue"),
        cluster({ version: UNKNOWN }, { version: [BLUE_URN] }),
        nodeGroup({ clusterName: UNKNOWN }, byDependency),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "the cluster's version unknown at preview: a note",
      resources: [cluster({ version: UNKNOWN }), nodeGroup({ clusterName: UNKNOWN }, byDependency)],
      violations: 0,
      notes: 1,
    },
    {
      name: "a cluster outside the stack: a note",
      resources: [nodeGroup({ clusterName: "existing" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a cluster outside the stack, amiType Bottlerocket (known good)",
      resources: [nodeGroup({ clusterName: "existing", amiType: "BOTTLEROCKET_x86_64" })],
      violations: 0,
    },
  ] as StackCase[]);

  it("says why the cluster's version cannot be read, on the node group", async () => {
    const ds = await runPlan(requireImdsv2, [nodeGroup({ clusterName: "existing" })]);
    const { notes } = countOf(requireImdsv2, ds);
    expect(notes.map((d) => d.urn)).toEqual([urnOf(NODE_GROUP, "ng")]);
    expect(notes[0].message).toContain('the cluster "existing" is outside the stack');
    const closed = await runPlan(requireImdsv2, [nodeGroup({ clusterName: "existing" })], { failClosed: true });
    expect(closed.map((d) => d.level)).toEqual(["mandatory"]);
  });

  it("says the node group's own version is unknown, once, on the node group; mandatory failing closed", async () => {
    const plan = [parameter, nodeGroup({ version: UNKNOWN }, { version: [PARAMETER_URN] })];
    const ds = await runPlan(requireImdsv2, plan);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([["advisory", urnOf(NODE_GROUP, "ng")]]);
    expect(ds[0].message).toContain("version is unknown");
    const closed = await runPlan(requireImdsv2, plan, { failClosed: true });
    expect(closed.map((d) => d.level)).toEqual(["mandatory"]);
  });
});
