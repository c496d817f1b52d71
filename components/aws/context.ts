// Account, partition and region of the provider a component runs with, read through the provider's invokes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { answeredInvoke } from "../invokeAnswer";

export interface AwsContext {
  accountId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

const SUBJECT = "Account context";

/**
 * Reads the context with the parent's provider, so a component given a second-region provider sees that region. A
 * provider configured from values a preview does not know answers nothing: the context is then unknown, not undefined
 * (an ARN built from it would name no partition, region or account).
 */
export function awsContext(parent: pulumi.Resource, provider?: pulumi.ProviderResource): AwsContext {
  const opts: pulumi.InvokeOutputOptions = { parent, provider };
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  return {
    accountId: answeredInvoke(SUBJECT, "getCallerIdentity", ["accountId"], identity).accountId,
    partition: answeredInvoke(SUBJECT, "getPartition", ["partition"], partition).partition,
    region: answeredInvoke(SUBJECT, "getRegion", ["region"], region).region,
  };
}
