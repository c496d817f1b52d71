// How S3 and OSS set bucket and object ACLs and block public ones, for public-bucket-acls.ts. Bucket names are
// global, so an ACL, an object or a block names its bucket by name or id without a place.
import { GenericResource } from "../../lib/reachability";
import { unwrap } from "../../lib/reachability/resource";
import { bool, isUnknown } from "../../lib/values";
import { at } from "./expect";
import { namedBy } from "./store-lock-index";
import { grantsToServices, OpenGrant } from "./open-grants";
import { AclReading, cannedAcl, OSS_CANNED, S3_CANNED, s3InlineGrants, s3PolicyGrants, widest } from "./public-acls";
import { Blocks, BlockSpec } from "./public-access-blocks";
import { PublicAclSpec } from "./public-bucket-acls";

const S3_BUCKET_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const S3_OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const S3_ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const OSS_BUCKET_BLOCK = "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock";
const OSS_ACCOUNT_BLOCK = "alicloud:oss/accountPublicAccessBlock:AccountPublicAccessBlock";
const S3_OBJECTS = ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"];
const OSS_OBJECTS = ["alicloud:oss/bucketObject:BucketObject"];

/** Every resource type the ACL checks read, for a rule's resourceTypes. */
export const S3_ACL_TYPES = [
  "aws:s3/bucketAclV2:BucketAclV2",
  "aws:s3/bucketAcl:BucketAcl",
  S3_BUCKET_BLOCK,
  S3_OWNERSHIP,
  S3_ACCOUNT_BLOCK,
  ...S3_OBJECTS,
];
export const OSS_ACL_TYPES = ["alicloud:oss/bucketAcl:BucketAcl", OSS_BUCKET_BLOCK, OSS_ACCOUNT_BLOCK, ...OSS_OBJECTS];

const byBucketName = namedBy("bucket", ["bucket", "id"]);

/** A flag that must be true: "yes", "no", or a doubt naming the field of `r` unknown at preview. */
function flag(r: GenericResource, field: string): Blocks {
  // @pulumi/policy unwraps secrets; a direct caller may still pass the wrapper.
  const value = unwrap(at(r.inputs, field));
  if (isUnknown(value)) return { doubt: `${field} of ${r.name}` };
  // Providers and templates may send booleans as text ("true").
  return bool(value) === true ? "yes" : "no";
}

/**
 * ignorePublicAcls makes S3 ignore every public ACL, those already applied included. blockPublicAcls alone only
 * refuses new ones: the bucket's own ACL is applied when it is created, before any block naming it, and a separate
 * ACL may be applied first too, so it neutralises nothing here. BucketOwnerEnforced ownership disables ACLs. Which
 * account an account's block is set on is public-access-blocks.ts's concern.
 */
function s3Blocks(r: GenericResource): Blocks {
  if (r.type === S3_OWNERSHIP) {
    const owner = at(r.inputs, "rule.objectOwnership");
    if (isUnknown(owner)) return { doubt: `rule.objectOwnership of ${r.name}` };
    return owner === "BucketOwnerEnforced" ? "yes" : "no";
  }
  return flag(r, "ignorePublicAcls");
}

/** The bucket's deprecated inline `acl` and `grants`. */
function s3Inline(b: GenericResource): AclReading | undefined {
  return widest([cannedAcl(b.inputs.acl, "acl", S3_CANNED), s3InlineGrants(b.inputs.grants)]);
}

function s3Separate(acl: GenericResource): AclReading | undefined {
  return widest([cannedAcl(acl.inputs.acl, "acl", S3_CANNED), s3PolicyGrants(acl.inputs.accessControlPolicy)]);
}

/**
 * An object's canned ACL. S3's ACL permissions give objects no WRITE (AWS lists it as not applicable to objects), so
 * public-read-write on an object lets anyone read it, as public-read does.
 */
const S3_OBJECT_CANNED = { "public-read-write": "read", "public-read": "read", "authenticated-read": "read" } as const;

export const S3_PUBLIC_ACLS: PublicAclSpec = {
  kind: "evidence bucket",
  inline: s3Inline,
  aclTypes: ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"],
  separate: s3Separate,
  objectTypes: S3_OBJECTS,
  object: (o) => cannedAcl(o.inputs.acl, "acl", S3_OBJECT_CANNED),
  bucketBlockTypes: [S3_BUCKET_BLOCK, S3_OWNERSHIP],
  accountBlockTypes: [S3_ACCOUNT_BLOCK],
  blocks: s3Blocks,
  link: byBucketName,
  fix: 'set acl to "private" and grant nothing to the AllUsers or AuthenticatedUsers groups, or add an aws.s3.BucketPublicAccessBlock with ignorePublicAcls: true or an aws.s3.BucketOwnershipControls with objectOwnership "BucketOwnerEnforced"',
};

/**
 * restrictPublicBuckets limits a bucket with a public policy to AWS service principals and authorized users within the
 * bucket owner's account ("restricts access to this bucket to only AWS service principals and authorized users within
 * this account if the bucket has a public policy", AWS S3 PublicAccessBlockConfiguration reference), stored policies
 * included: the anonymous caller and every other account lose what a public statement gives them. It says nothing of
 * ACLs, and blockPublicPolicy only refuses new public policies (one applied before the block still stands).
 */
export const S3_PUBLIC_POLICY_BLOCKS: BlockSpec = {
  bucketBlockTypes: [S3_BUCKET_BLOCK],
  accountBlockTypes: [S3_ACCOUNT_BLOCK],
  blocks: (r) => flag(r, "restrictPublicBuckets"),
  link: byBucketName,
};

/**
 * The grants restrictPublicBuckets takes away: a plain public statement. It leaves a grant to every AWS service, and
 * one whose public reading is in doubt (a condition not read here may make the policy non-public to S3, and then
 * restrictPublicBuckets does not apply), so those are still judged.
 */
export const restrictedByS3Block = (g: OpenGrant): boolean => !g.doubt && !grantsToServices(g);

/**
 * OSS Block Public Access makes existing public ACLs and public bucket policies ineffective and refuses new ones, on a
 * bucket or account-wide (require-evidence-oss-worm.ts reads it for bucket policies too).
 */
const ossBlocks = (r: GenericResource): Blocks => flag(r, "blockPublicAccess");

/** The blocks of OSS public access, for public bucket policies as for ACLs. */
export const OSS_PUBLIC_BLOCKS: BlockSpec = {
  bucketBlockTypes: [OSS_BUCKET_BLOCK],
  accountBlockTypes: [OSS_ACCOUNT_BLOCK],
  blocks: ossBlocks,
  link: byBucketName,
};

export const OSS_PUBLIC_ACLS: PublicAclSpec = {
  kind: "evidence bucket",
  inline: (b) => cannedAcl(b.inputs.acl, "acl", OSS_CANNED),
  aclTypes: ["alicloud:oss/bucketAcl:BucketAcl"],
  separate: (acl) => cannedAcl(acl.inputs.acl, "acl", OSS_CANNED),
  // An object's public-read-write lets anyone overwrite that object, as the bucket's does any object.
  objectTypes: OSS_OBJECTS,
  object: (o) => cannedAcl(o.inputs.acl, "acl", OSS_CANNED),
  ...OSS_PUBLIC_BLOCKS,
  fix: 'set acl to "private", or add an alicloud.oss.BucketPublicAccessBlock (or AccountPublicAccessBlock) with blockPublicAccess: true',
};
