// Resources a careful engineer writes, shared by the false-positive rows: each builder takes the fields a row varies.
import { StackInput, UNKNOWN, urnOf } from "./harness";

export const T = {
  preference: "alicloud:ram/securityPreference:SecurityPreference",
  loginProfile: "alicloud:ram/loginProfile:LoginProfile",
  cloudTrail: "aws:cloudtrail/trail:Trail",
  actionTrail: "alicloud:actiontrail/trail:Trail",
  oldActionTrail: "alicloud:actiontrail/trailDeprecated:TrailDeprecated",
  s3: "aws:s3/bucket:Bucket",
  s3Lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  ecs: "alicloud:ecs/instance:Instance",
  instanceSet: "alicloud:ecs/ecsInstanceSet:EcsInstanceSet",
  scalingConfiguration: "alicloud:ess/scalingConfiguration:ScalingConfiguration",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
  awsLb: "aws:lb/loadBalancer:LoadBalancer",
  slb: "alicloud:slb/loadBalancer:LoadBalancer",
  slbListener: "alicloud:slb/listener:Listener",
  alb: "alicloud:alb/loadBalancer:LoadBalancer",
  ecr: "aws:ecr/repository:Repository",
  acr: "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance",
};

/** Alibaba Cloud public images as the image list names them. */
export const IMAGES = {
  windows2022: "win2022_21H2_x64_dtc_en-us_40G_alibase_20240116.vhd",
  linux: "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
  custom: "m-bp1g7004ksh0oeuc****",
};

export const preference = (props: Record<string, unknown>, name = "account"): StackInput => ({
  type: T.preference,
  name,
  props,
});
export const loginProfile = (mfaBindRequired: unknown): StackInput => ({
  type: T.loginProfile,
  name: "ops",
  props: { userName: "ops", password: UNKNOWN, mfaBindRequired },
});

/** The account's trail: every region, global services, validated, all management events (CloudTrail's default). */
export const accountTrail = (props: Record<string, unknown> = {}): StackInput => ({
  type: T.cloudTrail,
  name: "account",
  props: { s3BucketName: "audit-logs", isMultiRegionTrail: true, enableLogFileValidation: true, ...props },
});
/** A second trail, as AWS documents it: one bucket's object-level (data) events in one region, no management events. */
export const dataEventsTrail = (props: Record<string, unknown> = {}): StackInput => ({
  type: T.cloudTrail,
  name: "orders-data-events",
  props: {
    s3BucketName: "audit-logs",
    isMultiRegionTrail: false,
    includeGlobalServiceEvents: false,
    enableLogFileValidation: true,
    eventSelectors: [
      {
        readWriteType: "All",
        includeManagementEvents: false,
        dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::orders/"] }],
      },
    ],
    ...props,
  },
});

const evidenceTags = { "hardening:evidence": "true" };
export const evidenceBucket = (props: Record<string, unknown> = {}): StackInput => ({
  type: T.s3,
  name: "case-evidence",
  props: { bucket: "case-evidence", tags: evidenceTags, objectLockEnabled: true, ...props },
});
export const objectLock = (mode: unknown, days: unknown = 30): StackInput => ({
  type: T.s3Lock,
  name: "case-evidence-lock",
  props: { bucket: UNKNOWN, rule: { defaultRetention: { mode, days } } },
  propertyDependencies: { bucket: [urnOf(T.s3, "case-evidence")] },
});

export const webAcl: StackInput = { type: T.webAcl, name: "edge", props: { scope: "REGIONAL", arn: UNKNOWN } };
export const wafLogging = (loggingFilter: unknown): StackInput => ({
  type: T.wafLogging,
  name: "edge-logs",
  props: { resourceArn: UNKNOWN, logDestinationConfigs: [UNKNOWN], loggingFilter },
  propertyDependencies: { resourceArn: [urnOf(T.webAcl, "edge")] },
});
/** A logging filter clause matching requests by the action WAF took. */
export const byAction = (behavior: string, actions: string[], label?: string) => ({
  behavior,
  requirement: label ? "MEETS_ALL" : "MEETS_ANY",
  conditions: [
    ...actions.map((action) => ({ actionCondition: { action } })),
    ...(label ? [{ labelNameCondition: { labelName: label } }] : []),
  ],
});

export const awsLb = (props: Record<string, unknown>): StackInput => ({
  type: T.awsLb,
  name: "web",
  props: { loadBalancerType: "application", subnets: [UNKNOWN], ...props },
});
/** An SLB with an HTTPS listener: a web entry point unless it is intranet. */
export const slbWithHttps = (addressType: unknown): StackInput[] => [
  { type: T.slb, name: "web", props: { loadBalancerName: "web", addressType } },
  {
    type: T.slbListener,
    name: "https",
    props: { loadBalancerId: UNKNOWN, protocol: "https", frontendPort: 443, backendPort: 8080 },
    propertyDependencies: { loadBalancerId: [urnOf(T.slb, "web")] },
  },
];
export const alb = (props: Record<string, unknown>): StackInput => ({
  type: T.alb,
  name: "web",
  props: { loadBalancerName: "web", vpcId: UNKNOWN, ...props },
});

/** The core rule set at priority 10 with one rule overridden to count, as AWS documents for large uploads. */
export const crsCounting = (rule: string) => ({
  name: "crs",
  priority: 10,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: "AWS",
      name: "AWSManagedRulesCommonRuleSet",
      ruleActionOverrides: [{ name: rule, actionToUse: { count: {} } }],
    },
  },
  visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "crs", sampledRequestsEnabled: true },
});
/** A rule blocking requests that carry `key` (scope LABEL or NAMESPACE), sparing one path when `spare` is given. */
export const blockLabel = (priority: number, key: string, scope = "LABEL", spare?: string) => {
  const label = { labelMatchStatement: { scope, key } };
  const sparing = {
    notStatement: {
      statement: {
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: "STARTS_WITH",
          searchString: spare,
          textTransformations: [{ priority: 0, type: "NONE" }],
        },
      },
    },
  };
  return {
    name: "block-oversized-bodies",
    priority,
    action: { block: {} },
    statement: spare ? { andStatement: { statements: [label, sparing] } } : label,
    visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "label", sampledRequestsEnabled: true },
  };
};
export const webAclWithRules = (rules: unknown[]): StackInput => ({
  type: T.webAcl,
  name: "edge",
  props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules },
});

export const EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
export const ec2Instance: StackInput = {
  type: "aws:ec2/instance:Instance",
  name: "app",
  props: { ami: "ami-0abcdef1234567890", instanceType: "t3.micro" },
};

/** A VPC whose flow log goes to an S3 bucket (`destination`: its ARN as written, unknown at preview by default). */
export function flowLogsToBucket(rules: unknown[], destination: unknown = UNKNOWN): StackInput[] {
  const bucket = urnOf("aws:s3/bucket:Bucket", "central-logs");
  return [
    { type: "aws:ec2/vpc:Vpc", name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
    { type: "aws:s3/bucket:Bucket", name: "central-logs", props: { bucket: "central-logs" } },
    {
      type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      name: "central-logs-lifecycle",
      props: { bucket: UNKNOWN, rules },
      propertyDependencies: { bucket: [bucket] },
    },
    {
      type: "aws:ec2/flowLog:FlowLog",
      name: "flow",
      props: { vpcId: UNKNOWN, logDestination: destination, logDestinationType: "s3", trafficType: "ALL" },
      propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")], logDestination: [bucket] },
    },
  ];
}
/** A lifecycle rule expiring objects after `days`, narrowed by `filter`. */
export const expireAfter = (days: number, filter?: unknown) => ({
  id: "expire",
  status: "Enabled",
  expiration: { days },
  ...(filter === undefined ? {} : { filter }),
});
