// Account, partition and region of the provider a component runs with, read through the provider's invokes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AwsContext {
  accountId: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  region: pulumi.Output<string>;
}

/** Reads the context with the parent's provider, so a component given a second-region provider sees that region. */
export function awsContext(parent: pulumi.Resource, provider?: pulumi.ProviderResource): AwsContext {
  const opts: pulumi.InvokeOutputOptions = { parent, provider };
  return {
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    partition: aws.getPartitionOutput({}, opts).partition,
    region: aws.getRegionOutput({}, opts).region,
  };
}
