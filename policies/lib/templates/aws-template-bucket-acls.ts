// An AWS::S3::Bucket's ACL settings as the Pulumi AWS provider writes them, so the rules that judge a bucket's ACL
// (evidence-bucket-acls.ts) read a template bucket as the program's: `AccessControl` is the bucket's canned `acl`,
// and `OwnershipControls` the separate aws.s3.BucketOwnershipControls the provider splits it into, naming the bucket
// (BucketOwnerEnforced disables ACLs, as a program's would). Its PublicAccessBlockConfiguration is read in
// aws-template-logging.ts.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, Translated } from "./embedded-resource";

/** CloudFormation's canned ACL names (AccessControl, here in lower case) and the S3 canned ACLs of the provider. */
const CANNED_ACLS: ReadonlyMap<string, string> = new Map([
  ["private", "private"],
  ["publicread", "public-read"],
  ["publicreadwrite", "public-read-write"],
  ["authenticatedread", "authenticated-read"],
  ["logdeliverywrite", "log-delivery-write"],
  ["bucketownerread", "bucket-owner-read"],
  ["bucketownerfullcontrol", "bucket-owner-full-control"],
  ["awsexecread", "aws-exec-read"],
]);

/**
 * `AccessControl` as the provider's `acl`: left out stays absent, unknown at preview stays unknown. A name is read
 * whatever its case (a public one that CloudFormation would refuse is still no safe one), and a value that is no
 * CloudFormation name is kept as written, so the ACL reader judges it as a program's `acl`.
 */
export function cannedBucketAcl(accessControl: unknown): unknown {
  if (typeof accessControl !== "string" || isUnknown(accessControl)) return accessControl;
  return CANNED_ACLS.get(accessControl.trim().toLowerCase()) ?? accessControl;
}

/** `Rules[0].ObjectOwnership` (S3 takes one rule); a list or rule unknown at preview leaves it unknown. */
function objectOwnership(controls: unknown): unknown {
  if (isUnknown(controls)) return UNKNOWN;
  const rules = obj(controls)?.Rules;
  if (isUnknown(rules)) return UNKNOWN;
  const first = list(rules)[0];
  if (isUnknown(first)) return UNKNOWN;
  return obj(first)?.ObjectOwnership;
}

/** `OwnershipControls` as the separate aws.s3.BucketOwnershipControls naming the bucket; none when left out. */
export function ownershipControls(controls: unknown, self: string): Translated[] {
  if (controls === undefined) return [];
  return [
    {
      type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      props: { bucket: self, rule: defined({ objectOwnership: objectOwnership(controls) }) },
      where: "OwnershipControls",
    },
  ];
}
