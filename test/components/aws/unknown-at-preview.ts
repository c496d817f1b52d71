// An Output whose value a preview does not know yet, as an attribute of a resource still to be created (vpc.cidrBlock
// of a VPC that takes its block from an IPAM pool, an instance's primaryNetworkInterfaceId). The mocks resolve every
// resource's outputs, so the SDK's Output is built directly with isKnown false: applies on it do not run, and a
// resource given it receives the unknown value (undefined under the mocks).
import * as pulumi from "@pulumi/pulumi";

export function unknownAtPreview<T>(): pulumi.Output<T> {
  const OutputClass = pulumi.Output as unknown as new (...args: unknown[]) => pulumi.Output<T>;
  return new OutputClass(
    new Set(),
    Promise.resolve(undefined),
    /* isKnown */ Promise.resolve(false),
    /* isSecret */ Promise.resolve(false),
    Promise.resolve(new Set()),
  );
}
