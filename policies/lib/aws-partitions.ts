// AWS partitions (the `aws` of arn:aws:…): each is a separate set of accounts, so an ARN of one partition never names
// a resource of another. A resource's partition shows in its own ARN, or follows from its provider's region.
import type { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { regionOf } from "./provider-region";

/** Region names per partition, as the AWS SDKs' partitions.json gives them; the more specific prefixes come first. */
const PARTITION_REGIONS: readonly (readonly [string, RegExp])[] = [
  ["aws-cn", /^cn-\w+-\d+$/],
  ["aws-us-gov", /^us-gov-\w+-\d+$/],
  ["aws-iso", /^us-iso-\w+-\d+$/],
  ["aws-iso-b", /^us-isob-\w+-\d+$/],
  ["aws-iso-e", /^eu-isoe-\w+-\d+$/],
  ["aws-iso-f", /^us-isof-\w+-\d+$/],
  ["aws-eusc", /^eusc-\w+-\w+-\d+$/],
  ["aws", /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/],
];

/** The partition of a known region name; undefined for anything else. */
export function partitionOfRegion(region: unknown): string | undefined {
  if (typeof region !== "string" || isUnknown(region)) return undefined;
  return PARTITION_REGIONS.find(([, re]) => re.test(region.trim()))?.[0];
}

/** The partition a known ARN names ("aws-cn" of arn:aws-cn:iam::…); undefined when it is none. */
export function partitionOfArn(arn: unknown): string | undefined {
  if (typeof arn !== "string" || isUnknown(arn)) return undefined;
  return /^arn:([a-z0-9-]+):/.exec(arn)?.[1];
}

/** The partition the resource is created in: its own ARN's, else its region's (its provider's); undefined when neither tells. */
export function partitionOf(r: GenericResource): string | undefined {
  return partitionOfArn(unwrap(r.inputs.arn)) ?? partitionOfRegion(regionOf(r));
}
