// CloudFormation pieces the flow-log destination tests share: a VPC, an S3 flow log of it to a destination, and a
// bucket with lifecycle rules.
export const VPC = { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } };

/** A flow log of the template's `Vpc`, all traffic, to the S3 `destination`. */
export const flowLog = (destination: unknown) => ({
  Type: "AWS::EC2::FlowLog",
  Properties: {
    ResourceId: { Ref: "Vpc" },
    ResourceType: "VPC",
    TrafficType: "ALL",
    LogDestinationType: "s3",
    LogDestination: destination,
  },
});

/** Enabled lifecycle rules expiring objects after `days`, optionally under a prefix. */
export const expiring = (days: number, prefix?: unknown) => [
  { Status: "Enabled", ExpirationInDays: days, ...(prefix === undefined ? {} : { Prefix: prefix }) },
];

/** A bucket with these lifecycle rules (none: no lifecycle configuration). */
export const bucket = (rules?: unknown[]) => ({
  Type: "AWS::S3::Bucket",
  Properties: rules === undefined ? {} : { LifecycleConfiguration: { Rules: rules } },
});
