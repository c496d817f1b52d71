// IAM policy documents as plain data, so tests and policies read the exact statements.
import * as pulumi from "@pulumi/pulumi";

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: pulumi.Input<Record<string, pulumi.Input<string | pulumi.Input<string>[]>> | "*">;
  NotPrincipal?: pulumi.Input<Record<string, pulumi.Input<string | pulumi.Input<string>[]>>>;
  Action?: pulumi.Input<string | string[]>;
  NotAction?: pulumi.Input<string | string[]>;
  Resource?: pulumi.Input<string | pulumi.Input<string>[]>;
  NotResource?: pulumi.Input<string | pulumi.Input<string>[]>;
  Condition?: pulumi.Input<
    Record<string, pulumi.Input<Record<string, pulumi.Input<string | boolean | pulumi.Input<string>[]>>>>
  >;
}

/** A policy JSON string from statements whose values may be Outputs. */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust policy for an AWS service, limited to this account so another account's resources cannot use the role. */
export function serviceTrustPolicy(service: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** Denies any request that does not use TLS. */
export function denyInsecureTransport(resources: pulumi.Input<string>[]): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: resources,
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
