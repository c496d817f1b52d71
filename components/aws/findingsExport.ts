// GuardDuty keeps findings 90 days; the case's investigation needed its evidence much longer. This exports every
// finding, KMS-encrypted, into an object-locked evidence bucket that only this detector may write to.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "./context";
import { createEvidenceBucket } from "./evidenceBucket";
import { evidenceWriter } from "./evidenceGuard";
import { createServiceKey } from "./kmsKey";

export interface FindingsExportArgs {
  context: AwsContext;
  detectorId: pulumi.Input<string>;
  bucketName: pulumi.Input<string>;
  retentionDays: number;
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface FindingsExport {
  bucket: aws.s3.Bucket;
  kmsKey: aws.kms.Key;
  destination: aws.guardduty.PublishingDestination;
}

export function exportFindings(name: string, args: FindingsExportArgs, parent: pulumi.Resource): FindingsExport {
  const { context } = args;
  const detectorArn = pulumi.interpolate`arn:${context.partition}:guardduty:${context.region}:${context.accountId}:detector/${args.detectorId}`;
  // GuardDuty acts for this detector only: the confused-deputy conditions AWS documents for publishing destinations.
  const fromThisDetector = { StringEquals: { "aws:SourceAccount": context.accountId, "aws:SourceArn": detectorArn } };
  const guardDuty = { Service: "guardduty.amazonaws.com" };
  const kmsKey = createServiceKey(
    `${name}-findings-key`,
    {
      description: `${name}: GuardDuty findings export`,
      context,
      serviceStatements: [
        {
          Sid: "GuardDutyEncryptsFindings",
          Effect: "Allow",
          Principal: guardDuty,
          Action: "kms:GenerateDataKey",
          Resource: "*",
          Condition: fromThisDetector,
        },
      ],
    },
    { parent },
  );
  const evidence = createEvidenceBucket(
    `${name}-findings`,
    {
      bucketName: args.bucketName,
      kmsKeyArn: kmsKey.arn,
      retentionDays: args.retentionDays,
      tags: args.tags,
      serviceStatements: (bucketArn) => [
        {
          Sid: "GuardDutyLocatesBucket",
          Effect: "Allow",
          Principal: guardDuty,
          Action: "s3:GetBucketLocation",
          Resource: bucketArn,
          Condition: fromThisDetector,
        },
        {
          Sid: "GuardDutyWritesFindings",
          Effect: "Allow",
          Principal: guardDuty,
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${bucketArn}/*`,
          Condition: fromThisDetector,
        },
      ],
    },
    { parent },
  );
  const destination = new aws.guardduty.PublishingDestination(
    `${name}-findings-export`,
    { detectorId: args.detectorId, destinationArn: evidence.bucket.arn, kmsKeyArn: kmsKey.arn, tags: args.tags },
    // GuardDuty checks it may write (bucket policy, key, lock) when the destination is created. It writes the
    // evidence: transformations may only tag it, as they may the bucket (../evidenceGuard.ts).
    evidenceWriter({ parent, dependsOn: evidence.ready }),
  );
  return { bucket: evidence.bucket, kmsKey, destination };
}
