// CloudFront's origin-facing managed prefix list: AWS owns it and gives it an id of its own in each region. The
// offline engine answers getManagedPrefixList with these ids, and require-waf-on-internet-endpoints reads a security
// group admitting one of them as admitting CloudFront alone.
import { ownValue } from "./own-value";

export const CLOUDFRONT_ORIGIN_FACING = "com.amazonaws.global.cloudfront.origin-facing";

/** The list's id per region, where AWS publishes it widely; other regions need the id from their own account. */
export const CLOUDFRONT_ORIGIN_FACING_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "pl-3b927c52",
  "us-east-2": "pl-b6a144df",
  "us-west-1": "pl-4ea04527",
  "us-west-2": "pl-82a045eb",
  "eu-west-1": "pl-4fa04526",
  "eu-west-2": "pl-93a247fa",
  "eu-central-1": "pl-a3a144ca",
  "ap-northeast-1": "pl-58a04531",
  "ap-southeast-1": "pl-31a34658",
  "ap-southeast-2": "pl-b8a742d1",
};

/** The list's id in `region`, when the table holds it. */
export function cloudFrontOriginFacingId(region: string): string | undefined {
  return ownValue(CLOUDFRONT_ORIGIN_FACING_IDS, region);
}

/** The region whose CloudFront origin-facing list has this id, when the table holds it. */
export function cloudFrontOriginFacingRegion(id: string): string | undefined {
  return Object.keys(CLOUDFRONT_ORIGIN_FACING_IDS).find((region) => CLOUDFRONT_ORIGIN_FACING_IDS[region] === id);
}
