// Which prefix lists outside the stack lock an ALB to CloudFront. The network model never reads such a list as the
// internet (lib/reachability/aws/prefix-lists.ts), yet a CLOUDFRONT web ACL fronts the ALB only when every list its
// groups admit on a listener port is CloudFront's origin-facing one: AWS's id for the ALB's region
// (lib/cloudfront-origin-facing.ts), or an id the rule's cloudFrontOriginFacingPrefixLists config names (a region the
// table lacks, an account's own copy). A customer list, S3's, or any other id may hold clients around CloudFront.
import { cloudFrontOriginFacingId, cloudFrontOriginFacingRegion } from "../../lib/cloudfront-origin-facing";
import { GenericResource, Resolver, str } from "../../lib/reachability/internals";

const ARN_REGION = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):/;
const HOST_REGION = /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.elb\.amazonaws\.com(?:\.cn)?$/;

/** The ALB's region when a known value says it: its own `region`, its provider's, its ARN or its host name. */
export function balancerRegion(res: Resolver, lb: GenericResource): string | undefined {
  const provider = lb.provider ? res.get(lb.provider) : undefined;
  return (
    str(lb.inputs.region) ??
    str(provider?.inputs.region) ??
    ARN_REGION.exec(str(lb.inputs.arn) ?? "")?.[1] ??
    HOST_REGION.exec(str(lb.inputs.dnsName) ?? "")?.[1]
  );
}

/** Why `id`, not in the config, is not known as CloudFront's origin-facing list where the ALB is. */
function notCloudFront(id: string, region: string | undefined): string {
  const listRegion = cloudFrontOriginFacingRegion(id);
  if (listRegion !== undefined) return `it is CloudFront's origin-facing list in ${listRegion}, not in ${region}`;
  const expected = region === undefined ? undefined : cloudFrontOriginFacingId(region);
  if (expected !== undefined) return `CloudFront's origin-facing list in ${region} is ${expected}`;
  if (region !== undefined) return `the rule's table has no id of CloudFront's origin-facing list in ${region}`;
  return "it is CloudFront's origin-facing list in no region of the rule's table";
}

/**
 * Why the outside list `id` may admit clients around CloudFront; undefined when it is CloudFront's origin-facing list.
 * With the region unknown any region's id in the table counts: a group can only name a list of its own region.
 */
export function outsideListDoubt(
  id: string,
  region: string | undefined,
  configured: readonly string[],
): string | undefined {
  if (configured.includes(id)) return undefined;
  const listRegion = cloudFrontOriginFacingRegion(id);
  if (listRegion !== undefined && (region === undefined || listRegion === region)) return undefined;
  return (
    `prefix list ${id} outside the stack may admit clients around CloudFront (${notCloudFront(id, region)}; ` +
    "cloudFrontOriginFacingPrefixLists names an account's own copy)"
  );
}
