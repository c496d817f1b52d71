// The default responder of a response level: an SNS topic encrypted with the component's key, to which only the
// level's EventBridge rule may publish. On-call tools subscribe to it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "./context";
import { policyDocument, PolicyStatement } from "./iam";
import { createServiceKey } from "./kmsKey";

/** One key for a component's topics; EventBridge must be able to use it or every delivery fails unseen. */
export function createTopicKey(name: string, context: AwsContext, parent: pulumi.Resource): aws.kms.Key {
  return createServiceKey(
    `${name}-topics-key`,
    {
      description: `${name}: GuardDuty response topics`,
      context,
      serviceStatements: [
        {
          Sid: "EventBridgePublishesEncrypted",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
        },
        {
          // The dead-letter alarm notifies the red topic; CloudWatch must encrypt what it publishes there.
          Sid: "CloudWatchAlarmsPublishEncrypted",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
        },
      ],
    },
    { parent },
  );
}

export function createTopic(
  name: string,
  args: { kmsKeyArn: pulumi.Input<string>; tags: pulumi.Input<Record<string, pulumi.Input<string>>> },
  parent: pulumi.Resource,
): aws.sns.Topic {
  return new aws.sns.Topic(name, { kmsMasterKeyId: args.kmsKeyArn, tags: args.tags }, { parent });
}

/**
 * Replaces the default topic policy: the account keeps its rights, EventBridge may publish for the one rule only, and
 * CloudWatch for the one alarm named `alarmName` (in the topic's region and account), when given.
 */
export function admitRule(
  name: string,
  topic: aws.sns.Topic,
  rule: aws.cloudwatch.EventRule,
  context: AwsContext,
  parent: pulumi.Resource,
  alarmName?: string,
): aws.sns.TopicPolicy {
  const alarmPublishes: PolicyStatement[] = alarmName
    ? [
        {
          Sid: "AlarmPublishes",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topic.arn,
          Condition: {
            // The alarm's ARN is known from its name, so the policy need not wait for the alarm (which waits for it).
            ArnEquals: {
              "aws:SourceArn": pulumi.interpolate`arn:${context.partition}:cloudwatch:${context.region}:${context.accountId}:alarm:${alarmName}`,
            },
          },
        },
      ]
    : [];
  return new aws.sns.TopicPolicy(
    `${name}-policy`,
    {
      arn: topic.arn,
      policy: policyDocument([
        {
          Sid: "AccountManages",
          Effect: "Allow",
          Principal: { AWS: pulumi.interpolate`arn:${context.partition}:iam::${context.accountId}:root` },
          Action: [
            "sns:GetTopicAttributes",
            "sns:SetTopicAttributes",
            "sns:Subscribe",
            "sns:ListSubscriptionsByTopic",
            "sns:Publish",
          ],
          Resource: topic.arn,
        },
        {
          Sid: "RulePublishes",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topic.arn,
          Condition: { ArnEquals: { "aws:SourceArn": rule.arn } },
        },
        ...alarmPublishes,
      ]),
    },
    { parent },
  );
}
