// Records every resource the components register and answers the provider invokes they make.
import * as pulumi from "@pulumi/pulumi";
import { mockIdOf } from "../mock-ids";
import { untilUnchanged } from "../settle";
import { partitionOfRegionName } from "../../../lib/aws-names";

export interface Recorded {
  type: string;
  name: string;
  inputs: any;
  provider?: string;
}

export const recorded: Recorded[] = [];
export const invokes: { token: string; args: any }[] = [];
/** Regions of explicit providers, by provider id, so invokes made with a second-region provider answer its region. */
const providerRegions = new Map<string, string>();

export const mockConfig = {
  azNames: ["us-east-1a", "us-east-1b", "us-east-1c"],
  accountId: "123456789012",
  region: "us-east-1",
};

/** The region of the provider an invoke was made with (its reference ends in the provider's id). */
function regionOfCall(provider: string | undefined): string {
  return providerRegions.get(provider?.split("::").pop() ?? "") ?? mockConfig.region;
}

function arnOf(type: string, name: string, inputs: any, provider?: string): string {
  if (type === "aws:s3/bucket:Bucket") return `arn:aws:s3:::${inputs.bucket ?? name}`;
  // Load balancer ARNs as AWS writes them, in the provider's partition and region: gates check their place.
  const region = regionOfCall(provider);
  const elb = `arn:${partitionOfRegionName(region) ?? "aws"}:elasticloadbalancing:${region}:${mockConfig.accountId}`;
  if (type === "aws:lb/listener:Listener") return `${elb}:listener/app/${name}/50dc6c495c0c9188/f2f7dc8efc522ab2`;
  if (type === "aws:lb/targetGroup:TargetGroup") return `${elb}:targetgroup/${name}/73e2d6bc24d8a067`;
  // SNS topic ARNs as AWS writes them: alarm actions are checked for their service, partition and region.
  if (type === "aws:sns/topic:Topic")
    return `arn:aws:sns:${inputs.region ?? mockConfig.region}:${mockConfig.accountId}:${inputs.name ?? name}`;
  if (type === "aws:cloudwatch/logGroup:LogGroup")
    return `arn:aws:logs:${mockConfig.region}:${mockConfig.accountId}:log-group:${inputs.name ?? name}`;
  return `arn:aws:mock:${mockConfig.region}:${mockConfig.accountId}:${type.split(":")[1]}/${name}`;
}

export function installMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider });
        if (args.type === "pulumi:providers:aws" && args.inputs.region) {
          providerRegions.set(`${args.name}-id`, args.inputs.region);
        }
        const state: any = { ...args.inputs, arn: arnOf(args.type, args.name, args.inputs, args.provider) };
        if (args.type === "aws:ec2/vpc:Vpc") state.defaultNetworkAclId = "acl-default";
        if (args.type === "aws:ec2/instance:Instance") state.primaryNetworkInterfaceId = `eni-${args.name}`;
        if (args.type === "aws:route53/healthCheck:HealthCheck") state.id = `hc-${args.name}`;
        if (args.type === "aws:backup/vault:Vault") state.name = args.inputs.name;
        // As autonaming would: targets name their rule.
        if (args.type === "aws:cloudwatch/eventRule:EventRule") state.name = args.inputs.name ?? args.name;
        return { id: mockIdOf(args.type, args.name), state };
      },
      call(args) {
        invokes.push({ token: args.token, args: args.inputs });
        switch (args.token) {
          case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return { names: mockConfig.azNames, zoneIds: mockConfig.azNames.map((_, i) => `use1-az${i + 1}`) };
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return { accountId: mockConfig.accountId, arn: "arn:aws:iam::123456789012:user/x", userId: "x" };
          case "aws:index/getPartition:getPartition": {
            const region = regionOfCall(args.provider);
            if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" };
            return { partition: partitionOfRegionName(region) ?? "aws", dnsSuffix: "amazonaws.com" };
          }
          case "aws:index/getRegion:getRegion": {
            const region = regionOfCall(args.provider);
            return { region, name: region };
          }
          case "aws:ec2/getManagedPrefixList:getManagedPrefixList": {
            // The id names the region it was looked up in, so tests can tell which provider answered.
            const region = regionOfCall(args.provider);
            const id = `pl-cloudfront-${region}`;
            return { id, name: args.inputs.name, arn: `arn:aws:ec2:${region}:aws:prefix-list/${id}`, maxEntries: 55 };
          }
          case "aws:ec2/getAmi:getAmi":
            return { id: "ami-0al2023", imageId: "ami-0al2023", name: "al2023-ami-2023.6-x86_64" };
          default:
            return {};
        }
      },
    },
    "hardening-kit",
    "test",
    false,
  );
}

/** Resolves an Output's value (mocks keep values known). */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/** Waits until no new resource has been registered for a few event-loop turns. */
export function settle(): Promise<void> {
  return untilUnchanged(() => recorded.length);
}

export function ofType(type: string, nameFilter?: RegExp): Recorded[] {
  return recorded.filter((r) => r.type === type && (!nameFilter || nameFilter.test(r.name)));
}

export function one(type: string, nameFilter?: RegExp): Recorded {
  const found = ofType(type, nameFilter);
  if (found.length !== 1) throw new Error(`expected one ${type} ${nameFilter ?? ""}, found ${found.length}`);
  return found[0];
}

export function reset(): void {
  recorded.length = 0;
  invokes.length = 0;
}

/** Runs `fn`, expects a validation error, and returns it. */
export function validationErrorOf(fn: () => unknown): {
  message: string;
  problems: { argument: string; value: unknown }[];
} {
  try {
    fn();
  } catch (e: any) {
    if (!Array.isArray(e?.problems)) throw e;
    return e;
  }
  throw new Error("expected a validation error");
}
