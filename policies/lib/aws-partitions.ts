// AWS partitions (the `aws` of arn:aws:…): each is a separate set of accounts, so an ARN of one partition never names
// a resource of another. A resource's partition shows in its own ARN, or follows from its provider's region.
import type { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { partitionOfRegionName } from "../../lib/aws-names";
import { regionOf } from "./provider-region";

/** The partition of a known region name; undefined for anything else. */
export function partitionOfRegion(region: unknown): string | undefined {
  if (typeof region !== "string" || isUnknown(region)) return undefined;
  return partitionOfRegionName(region);
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
