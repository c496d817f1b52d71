// A HardenedVpc's endpoints: Systems Manager reachable on 443 from inside the VPC only, so private and isolated hosts
// are managed without the internet, and S3 through the route tables.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "./context";

export const SSM_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;

export interface VpcEndpointArgs {
  vpcId: pulumi.Input<string>;
  cidrBlock: string;
  /** Where the interface endpoints go: the private subnets, else the isolated ones. */
  endpointSubnets: aws.ec2.Subnet[];
  routeTables: aws.ec2.RouteTable[];
  ssmEndpoints: boolean;
  context: AwsContext;
  nameTags: (suffix: string) => pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Creates the endpoints under `component`; returns the interface endpoints' security group id, if any. */
export function createVpcEndpoints(
  name: string,
  args: VpcEndpointArgs,
  component: pulumi.ComponentResource,
): pulumi.Output<string | undefined> {
  const parent = { parent: component };
  const { vpcId, nameTags, context } = args;
  let endpointSg: aws.ec2.SecurityGroup | undefined;
  if (args.ssmEndpoints && args.endpointSubnets.length > 0) {
    endpointSg = new aws.ec2.SecurityGroup(
      `${name}-endpoints-sg`,
      {
        vpcId,
        description: "Interface endpoints: HTTPS from inside the VPC only",
        ingress: [
          {
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [args.cidrBlock],
            description: "HTTPS from the VPC",
          },
        ],
        egress: [],
        tags: nameTags("endpoints-sg"),
      },
      parent,
    );
    for (const service of SSM_ENDPOINT_SERVICES) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}-endpoint`,
        {
          vpcId,
          vpcEndpointType: "Interface",
          serviceName: pulumi.interpolate`com.amazonaws.${context.region}.${service}`,
          subnetIds: args.endpointSubnets.map((s) => s.id),
          securityGroupIds: [endpointSg.id],
          privateDnsEnabled: true,
          tags: nameTags(`${service}-endpoint`),
        },
        parent,
      );
    }
  }
  new aws.ec2.VpcEndpoint(
    `${name}-s3-endpoint`,
    {
      vpcId,
      vpcEndpointType: "Gateway",
      serviceName: pulumi.interpolate`com.amazonaws.${context.region}.s3`,
      routeTableIds: args.routeTables.map((rt) => rt.id),
      tags: nameTags("s3-endpoint"),
    },
    parent,
  );
  return endpointSg ? endpointSg.id : pulumi.output(undefined);
}
