// CloudFormation bucket policies (`AWS::S3::BucketPolicy`: Bucket, PolicyDocument) as the provider's
// aws.s3.BucketPolicy, whose grants to everyone the evidence rules judge (store-policy-grants.ts). CloudFormation
// gives a bucket no inline policy, so this is the only way a template grants on a bucket.
//
// The document is read as text (template-values.ts, script mode): a pseudo parameter or another resource of the
// template (`${AWS::AccountId}`, `!Ref Bucket`, `!GetAtt Bucket.Arn`) stays a named part, `<AWS.AccountId>`,
// `<Bucket>`, `<Bucket.Arn>`, where as a value the whole ARN would be unknown. The cloud assigns those values, so a
// principal built on one is an account or role, never everyone, and a Deny naming the same ARN as an Allow covers it.
// Anything else (a parameter without a value, an import, an attribute that does not name the resource) stays unknown.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { defined, Translation } from "./embedded-resource";

/**
 * What script mode writes for a pseudo parameter, a resource or a resource's attribute. IAM policy variables
 * (`${aws:username}`, `${s3:prefix}`, `${*}`) name a key with one colon, so they never match and stay as written.
 */
const TEMPLATE_PART = /\$\{((?:AWS|ALIYUN)::\w+|[A-Za-z0-9]+(?:\.[A-Za-z0-9.]+)?)\}/g;

/**
 * Fields whose entries are action names: no pseudo parameter or resource id names an action, so an entry built on
 * one is unknown (a note), not an action that matches nothing.
 */
const ACTION_FIELDS: ReadonlySet<string> = new Set(["Action", "NotAction"]);

/**
 * `${Name}` as `<Name>` with `::` as `.`: the ARN readers split on colons (an account field, a partition), so
 * `arn:${AWS::Partition}:iam::*:root` keeps `*` as its account.
 */
const asNamedPart = (_whole: string, name: string) => `<${name.replace(/::/g, ".")}>`;

/** Deeper than any policy nests; JSON text may nest deeper still, and is then unknown. */
const MAX_DEPTH = 48;

function namedParts(value: unknown, field: string | undefined, depth = 0): unknown {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (typeof value === "string") {
    if (isUnknown(value) || !value.match(TEMPLATE_PART)) return value;
    return field !== undefined && ACTION_FIELDS.has(field) ? UNKNOWN : value.replace(TEMPLATE_PART, asNamedPart);
  }
  // A list takes the field of its parent (`Action: [...]`).
  if (Array.isArray(value)) return value.map((item) => namedParts(item, field, depth + 1));
  const fields = obj(value);
  if (!fields) return value;
  return Object.fromEntries(Object.entries(fields).map(([key, item]) => [key, namedParts(item, key, depth + 1)]));
}

/**
 * `PolicyDocument` as an object (CloudFormation takes it as JSON or YAML, or as JSON text), so parts unknown at
 * preview stay marked; the rules read an object as they read the provider's JSON text. Text that is not JSON stays
 * as written: AWS refuses it.
 */
function policyDocument(document: unknown): unknown {
  if (typeof document !== "string" || isUnknown(document)) return namedParts(document, undefined);
  try {
    return namedParts(JSON.parse(document), undefined);
  } catch {
    return document;
  }
}

/** `Bucket` is the bucket's name: `!Ref` of a template bucket links to it as a trail's S3BucketName does. */
const bucketPolicy: Translation = (read) => [
  {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    props: defined({
      bucket: read("Bucket"),
      policy: policyDocument(read("PolicyDocument", "script")),
    }),
  },
];

export const AWS_BUCKET_POLICY_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::S3::BucketPolicy", bucketPolicy],
]);
