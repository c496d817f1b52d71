// Findings EventBridge cannot deliver (a throttled or erroring responder, a denied key, a missing queue policy) are
// dropped in silence once its retries end. This keeps them: a dead-letter queue behind every target of the component,
// kept as evidence, and an alarm that pages the red responder as soon as one lands there.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEAD_LETTER_RETENTION_SECONDS, deadLetterAlarmName, deadLetterQueueName } from "./findingsDeadLetterArgs";
import { policyDocument } from "./iam";

type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

/**
 * The queue, encrypted with the component's topic key when it has one (that key already lets EventBridge encrypt), or
 * SSE-SQS otherwise; kept 14 days, SQS's maximum, and kept on delete like the kit's other evidence stores.
 */
export function createDeadLetterQueue(
  name: string,
  args: { kmsKeyArn?: pulumi.Input<string>; tags: Tags },
  parent: pulumi.Resource,
): aws.sqs.Queue {
  const encryption = args.kmsKeyArn === undefined ? { sqsManagedSseEnabled: true } : { kmsMasterKeyId: args.kmsKeyArn };
  return new aws.sqs.Queue(
    `${name}-findings-dlq`,
    {
      name: deadLetterQueueName(name),
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      ...encryption,
      tags: args.tags,
    },
    { parent, retainOnDelete: true },
  );
}

/** EventBridge may dead-letter for the component's own rules only, and only over TLS. */
export function admitRules(
  name: string,
  queue: aws.sqs.Queue,
  ruleArns: pulumi.Input<string>[],
  parent: pulumi.Resource,
): aws.sqs.QueuePolicy {
  return new aws.sqs.QueuePolicy(
    `${name}-findings-dlq-policy`,
    {
      queueUrl: queue.url,
      policy: policyDocument([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "sqs:*",
          Resource: queue.arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "RulesDeadLetter",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
          Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
        },
      ]),
    },
    { parent },
  );
}

/** Pages `topicArn` as soon as one finding waits in the queue; an empty, idle queue publishes no data and is OK. */
export function alarmOnDeadLetters(
  name: string,
  args: { queueName: pulumi.Input<string>; topicArn: pulumi.Input<string>; tags: Tags },
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(
    `${name}-findings-undelivered`,
    {
      name: deadLetterAlarmName(name),
      alarmDescription: `${name}: GuardDuty findings EventBridge could not deliver wait in the dead-letter queue`,
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: args.queueName },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      alarmActions: [args.topicArn],
      tags: args.tags,
    },
    { parent },
  );
}
