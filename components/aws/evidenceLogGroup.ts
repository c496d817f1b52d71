// A KMS-encrypted log group that holds evidence (flow logs, trail copy, WAF logs): kept on destroy, fixed name.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_LOG_RETENTION_DAYS } from "../plan/retention";

export interface EvidenceLogGroupArgs {
  /** Physical name, fixed so a refactor never replaces the group. */
  name: string;
  /** Days kept; validated ≥ 180 by the calling component. Default 365. */
  retentionInDays?: number;
  kmsKeyId: pulumi.Input<string>;
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export function createEvidenceLogGroup(
  resourceName: string,
  args: EvidenceLogGroupArgs,
  parent: pulumi.Resource,
): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(
    resourceName,
    {
      name: args.name,
      retentionInDays: args.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS,
      kmsKeyId: args.kmsKeyId,
      tags: args.tags,
    },
    { parent, retainOnDelete: true },
  );
}
