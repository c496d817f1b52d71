// A HardenedVpc's flow logs: every accepted and rejected flow, to a KMS-encrypted evidence log group kept at least
// 180 days, written by a role that may do nothing else.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "./context";
import { evidenceWriter } from "./evidenceGuard";
import { createEvidenceLogGroup } from "./evidenceLogGroup";
import { policyDocument, serviceTrustPolicy } from "./iam";
import { createServiceKey, logsServiceStatement } from "./kmsKey";
import { flowLogGroupNameOf } from "./hardenedVpcArgs";

export interface VpcFlowLogArgs {
  vpcId: pulumi.Input<string>;
  retentionInDays?: number;
  context: AwsContext;
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
  flowLogTags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Creates the flow log and its store under `component` (children named `${name}-flow-log…`); returns the group name. */
export function createVpcFlowLogs(
  name: string,
  args: VpcFlowLogArgs,
  component: pulumi.ComponentResource,
): pulumi.Output<string> {
  const parent = { parent: component };
  const { context, tags } = args;
  const logGroupName = flowLogGroupNameOf(name);
  const key = createServiceKey(
    `${name}-flow-logs-key`,
    {
      description: `${name}: VPC flow logs`,
      context,
      serviceStatements: [logsServiceStatement(context, [logGroupName])],
    },
    parent,
  );
  const logGroup = createEvidenceLogGroup(
    `${name}-flow-logs`,
    { name: logGroupName, retentionInDays: args.retentionInDays, kmsKeyId: key.arn, tags },
    component,
  );
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    { assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", context.accountId), tags },
    parent,
  );
  new aws.iam.RolePolicy(
    `${name}-flow-logs-write`,
    {
      role: role.id,
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
          Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
        },
      ]),
    },
    parent,
  );
  new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: args.flowLogTags,
    },
    // Writes the evidence: transformations may only tag it, like the log group (../evidenceGuard.ts).
    evidenceWriter(parent),
  );
  return logGroup.name;
}
