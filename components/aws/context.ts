// Account, partition and region of the provider a component runs with, read through the provider's invokes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { answeredInvoke } from "../invokeAnswer";

export interface AwsContext {
  accountId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

/**
 * Reads the context with the parent's provider, so a component given a second-region provider sees that region.
 * Unknown through an unconfigured provider (../invokeAnswer.ts), not undefined: an ARN built from it would name no
 * partition, region or account. `component` names the component as its errors do, e.g. "Bastion db".
 */
export function awsContext(component: string, parent: pulumi.Resource, provider?: pulumi.ProviderResource): AwsContext {
  const opts: pulumi.InvokeOutputOptions = { parent, provider };
  const SUBJECT = `${component}: account context`;
  const identity = aws.getCallerIdentityOutput({}, opts);
  const partition = aws.getPartitionOutput({}, opts);
  const region = aws.getRegionOutput({}, opts);
  return {
    accountId: answeredInvoke(SUBJECT, "getCallerIdentity", ["accountId"], identity).accountId,
    partition: answeredInvoke(SUBJECT, "getPartition", ["partition"], partition).partition,
    region: answeredInvoke(SUBJECT, "getRegion", ["region"], region).region,
  };
}
