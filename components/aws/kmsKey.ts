// Customer-managed KMS key for logs and evidence: rotated, deletion delayed, usable by named AWS services only.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "./context";
import { policyDocument, PolicyStatement } from "./iam";

export interface ServiceKeyArgs {
  description: string;
  context: AwsContext;
  /** Statements granting services use of the key; the account root always administers it (key-policy lockout guard). */
  serviceStatements: PolicyStatement[];
}

export function accountRootStatement(context: AwsContext): PolicyStatement {
  return {
    Sid: "AccountAdministers",
    Effect: "Allow",
    Principal: { AWS: pulumi.interpolate`arn:${context.partition}:iam::${context.accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** CloudWatch Logs may use the key only for the named log groups (encryption context pins the group ARN). */
export function logsServiceStatement(context: AwsContext, logGroupNames: pulumi.Input<string>[]): PolicyStatement {
  return {
    Sid: "CloudWatchLogsUse",
    Effect: "Allow",
    Principal: { Service: pulumi.interpolate`logs.${context.region}.amazonaws.com` },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": logGroupNames.map(
          (n) =>
            pulumi.interpolate`arn:${context.partition}:logs:${context.region}:${context.accountId}:log-group:${n}`,
        ),
      },
    },
  };
}

export function createServiceKey(name: string, args: ServiceKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  return new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([accountRootStatement(args.context), ...args.serviceStatements]),
    },
    // A deleted key makes every log and backup it protects unreadable: keep it.
    { ...opts, retainOnDelete: true },
  );
}
