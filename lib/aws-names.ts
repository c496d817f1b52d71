// The forms of AWS partitions, region ids and account ids, written once for every component and policy that reads a
// region or an ARN: each adds its own service and resource tail. Fragments carry no capture group, so callers
// capture only what they read back.

/**
 * Every AWS partition: commercial, China, GovCloud, the isolated (ISO) partitions and the European Sovereign Cloud.
 * A closed list: an ARN of any other partition names nothing AWS can deploy to.
 */
export const AWS_PARTITIONS: readonly string[] = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
];

/** One partition, as a regular-expression fragment. */
export const PARTITION_PATTERN = `(?:${AWS_PARTITIONS.join("|")})`;

/**
 * One region id, as a regular-expression fragment: "us-east-1", "us-gov-west-1", "cn-north-1", "us-isob-east-1",
 * and the European Sovereign Cloud's "eusc-de-east-1"; the number may have two digits. A zone ("us-east-1a") or a
 * capitalised id is no region id.
 */
export const REGION_PATTERN = "(?:[a-z]{2}|eusc)(?:-[a-z]+)+-\\d{1,2}";

/** An AWS account id, as a regular-expression fragment: 12 digits. */
export const ACCOUNT_PATTERN = "\\d{12}";

const REGION_ID = new RegExp(`^${REGION_PATTERN}$`);

/** An EC2 security group id: sg- and 8 hex digits (older groups) or 17. */
export const SECURITY_GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Whether `value` is written as an AWS region id. */
export const isAwsRegionId = (value: unknown): value is string => typeof value === "string" && REGION_ID.test(value);

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

/** The partition of a region name (trimmed); undefined for anything else. */
export function partitionOfRegionName(region: string): string | undefined {
  return PARTITION_REGIONS.find(([, re]) => re.test(region.trim()))?.[0];
}

/** An ARN's fields: `arn:partition:service:region:account:resource`; the resource may hold further colons. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN_FIELDS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.+)$/;

/** The fields of a value written as an ARN, or undefined for anything else. */
export function arnParts(value: unknown): ArnParts | undefined {
  const m = typeof value === "string" ? ARN_FIELDS.exec(value) : null;
  return m ? { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] } : undefined;
}

/** Where an ARN must be: a partition and, for a regional resource, a region; a field left out is not compared. */
export interface ArnPlace {
  partition?: string;
  region?: string;
}

/**
 * Whether an ARN is in `place`: its partition, and its region when the place names one. An ARN whose own region
 * belongs to another partition ("arn:aws-cn:sns:us-east-1:…") is in no place at all: it names nothing AWS has.
 */
export function isArnIn(arn: ArnParts, place: ArnPlace = {}): boolean {
  const ownPartition = arn.region === "" ? undefined : partitionOfRegionName(arn.region);
  return (
    (ownPartition === undefined || ownPartition === arn.partition) &&
    (place.partition === undefined || arn.partition === place.partition) &&
    (place.region === undefined || arn.region === place.region)
  );
}
