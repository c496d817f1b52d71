// CloudFormation resources that record and keep network and API activity, translated to the Pulumi AWS provider's
// shapes the flow-log, audit-trail and evidence rules read: VPC flow logs, the log groups and buckets they deliver to (a
// bucket's inline lifecycle and public access block as resources of their own, as the provider splits them, and its
// Object Lock default retention inline), CloudTrail trails; bucket policies in aws-template-bucket-policies.ts, a
// bucket's canned ACL and ownership controls in aws-template-bucket-acls.ts.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { cannedBucketAcl, ownershipControls } from "./aws-template-bucket-acls";
import { AWS_BUCKET_POLICY_TRANSLATIONS } from "./aws-template-bucket-policies";
import { advancedEventSelectors, eventSelectors } from "./aws-template-event-selectors";
import { s3Destination } from "./aws-template-s3-destinations";
import { defined, templateBlock, tagMap, Translated, Translation } from "./embedded-resource";
import { isTemplateReference } from "./template-references";

/** `ResourceType` → the provider's input naming the resource a flow log watches. */
const FLOW_LOG_TARGETS: ReadonlyMap<string, string> = new Map([
  ["vpc", "vpcId"],
  ["subnet", "subnetId"],
  ["networkinterface", "eniId"],
  ["transitgateway", "transitGatewayId"],
  ["transitgatewayattachment", "transitGatewayAttachmentId"],
]);

/**
 * The input `ResourceId` becomes. With the type unknown at preview, an id naming a resource of the template is the
 * VPC's when it names a VPC (CloudFormation rejects a ResourceType that does not match the resource); any other id
 * may name a subnet or interface and links to nothing.
 */
function flowLogTarget(resourceType: unknown, resourceId: unknown): string | undefined {
  if (isUnknown(resourceType)) return isTemplateReference(resourceId) ? "vpcId" : undefined;
  return typeof resourceType === "string" ? FLOW_LOG_TARGETS.get(resourceType.toLowerCase()) : undefined;
}

const flowLog: Translation = (read) => {
  const resourceId = read("ResourceId");
  const target = flowLogTarget(read("ResourceType"), resourceId);
  return [
    {
      type: "aws:ec2/flowLog:FlowLog",
      props: defined({
        ...(target ? { [target]: resourceId } : {}),
        trafficType: read("TrafficType"),
        logDestinationType: read("LogDestinationType"),
        logDestination: s3Destination(read, "LogDestination"),
        logGroupName: read("LogGroupName"),
        logFormat: read("LogFormat"),
        maxAggregationInterval: read("MaxAggregationInterval"),
        iamRoleArn: read("DeliverLogsPermissionArn"),
        tags: tagMap(read("Tags")),
      }),
    },
  ];
};

/** Left out, RetentionInDays keeps events forever, as the provider's retentionInDays does. */
const logGroup: Translation = (read) => [
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    props: defined({
      name: read("LogGroupName"),
      retentionInDays: read("RetentionInDays"),
      kmsKeyId: read("KmsKeyId"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** A rule unknown at preview may expire anything, anywhere in the bucket. */
const UNKNOWN_RULE = { filter: UNKNOWN, expiration: { days: UNKNOWN } };

/** `Prefix` and `TagFilters` as the provider's filter: a tag filter limits the rule to tagged objects. */
function lifecycleFilter(prefix: unknown, tagFilters: unknown): unknown {
  if (isUnknown(tagFilters)) return UNKNOWN;
  const tags = tagMap(tagFilters);
  const tagged = obj(tags) !== undefined && Object.keys(obj(tags)!).length > 0;
  if (tagged) return { and: defined({ prefix, tags }) };
  return prefix === undefined ? undefined : { prefix };
}

function lifecycleRule(rule: unknown): unknown {
  if (isUnknown(rule)) return UNKNOWN_RULE;
  const r = obj(rule) ?? {};
  const expiration = defined({ days: r.ExpirationInDays, date: r.ExpirationDate });
  return defined({
    id: r.Id,
    status: r.Status,
    filter: lifecycleFilter(r.Prefix, r.TagFilters),
    expiration: Object.keys(expiration).length > 0 ? expiration : undefined,
  });
}

/** `LifecycleConfiguration.Rules`: a list unknown at preview is one rule that may expire anything. */
function lifecycleRules(configuration: unknown): unknown[] | undefined {
  if (configuration === undefined) return undefined;
  const rules = isUnknown(configuration) ? UNKNOWN : obj(configuration)?.Rules;
  if (isUnknown(rules)) return [UNKNOWN_RULE];
  return list(rules).map(lifecycleRule);
}

/**
 * `ObjectLockConfiguration` ({ ObjectLockEnabled, Rule: { DefaultRetention: { Mode, Days, Years } } }) as the
 * provider's inline `objectLockConfiguration`; a block unknown at preview stays unknown.
 */
function objectLock(value: unknown): unknown {
  return templateBlock(value, (c) =>
    defined({
      objectLockEnabled: c.ObjectLockEnabled,
      rule: templateBlock(c.Rule, (r) =>
        defined({
          defaultRetention: templateBlock(r.DefaultRetention, (d) =>
            defined({ mode: d.Mode, days: d.Days, years: d.Years }),
          ),
        }),
      ),
    }),
  );
}

/**
 * `PublicAccessBlockConfiguration` as the separate aws.s3.BucketPublicAccessBlock the provider splits it into, naming
 * the bucket, so the evidence rules read its ignorePublicAcls and restrictPublicBuckets as a program's; a block unknown
 * at preview leaves each flag unknown.
 */
function publicAccessBlock(configuration: unknown, self: string): Translated[] {
  if (configuration === undefined) return [];
  const c = isUnknown(configuration) ? undefined : (obj(configuration) ?? {});
  const flag = (field: string) => (c ? c[field] : UNKNOWN);
  return [
    {
      type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      props: defined({
        bucket: self,
        blockPublicAcls: flag("BlockPublicAcls"),
        ignorePublicAcls: flag("IgnorePublicAcls"),
        blockPublicPolicy: flag("BlockPublicPolicy"),
        restrictPublicBuckets: flag("RestrictPublicBuckets"),
      }),
      where: "PublicAccessBlockConfiguration",
    },
  ];
}

const bucket: Translation = (read, self) => {
  const rules = lifecycleRules(read("LifecycleConfiguration"));
  return [
    {
      type: "aws:s3/bucket:Bucket",
      props: defined({
        bucket: read("BucketName"),
        objectLockEnabled: read("ObjectLockEnabled"),
        objectLockConfiguration: objectLock(read("ObjectLockConfiguration")),
        acl: cannedBucketAcl(read("AccessControl")),
        tags: tagMap(read("Tags")),
      }),
    },
    ...(rules
      ? [
          {
            type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            props: { bucket: self, rules },
            where: "LifecycleConfiguration",
          },
        ]
      : []),
    ...publicAccessBlock(read("PublicAccessBlockConfiguration"), self),
    ...ownershipControls(read("OwnershipControls"), self),
  ];
};

/** IsLogging is required by CloudFormation; the provider's enableLogging reads the same switch. */
const trail: Translation = (read) => [
  {
    type: "aws:cloudtrail/trail:Trail",
    props: defined({
      name: read("TrailName"),
      enableLogging: read("IsLogging"),
      s3BucketName: read("S3BucketName"),
      s3KeyPrefix: read("S3KeyPrefix"),
      isMultiRegionTrail: read("IsMultiRegionTrail"),
      includeGlobalServiceEvents: read("IncludeGlobalServiceEvents"),
      enableLogFileValidation: read("EnableLogFileValidation"),
      isOrganizationTrail: read("IsOrganizationTrail"),
      eventSelectors: eventSelectors(read("EventSelectors")),
      advancedEventSelectors: advancedEventSelectors(read("AdvancedEventSelectors")),
      cloudWatchLogsGroupArn: read("CloudWatchLogsLogGroupArn"),
      cloudWatchLogsRoleArn: read("CloudWatchLogsRoleArn"),
      kmsKeyId: read("KMSKeyId"),
      snsTopicName: read("SnsTopicName"),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const AWS_LOGGING_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::FlowLog", flowLog],
  ["AWS::Logs::LogGroup", logGroup],
  ["AWS::S3::Bucket", bucket],
  ["AWS::CloudTrail::Trail", trail],
  ...AWS_BUCKET_POLICY_TRANSLATIONS,
]);
