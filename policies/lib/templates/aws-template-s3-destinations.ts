// An S3 destination written as an ARN built around a template bucket (`Fn::Sub "arn:aws:s3:::${LogBucket}/flows/"`,
// `Fn::Sub "${LogBucket.Arn}/flows/"`, `Fn::Join` of "arn:aws:s3:::" and `Ref LogBucket` or of `Fn::GetAtt
// LogBucket.Arn` and a folder): the bucket's name exists only once it is deployed, so as a value the ARN is unknown.
// Read as text, the template resolver keeps a reference to another resource as `${LogBucket}`, and an attribute that
// names it as `${LogBucket.Arn}` (template-values.ts, script mode), and resolves everything else as it does for
// values; an ARN whose bucket is exactly such a reference names that resource, as `Fn::GetAtt LogBucket.Arn` does.
import { isUnknown } from "../../../lib/values";
import { PropertyReader } from "./embedded-resource";
import { templateReference } from "./template-references";

/**
 * `arn:<partition>:s3:::${LogicalId}` (the partition may be `${AWS::Partition}`) or `${LogicalId.Arn}`, then nothing
 * or a folder.
 */
const ARN_OF_TEMPLATE_BUCKET =
  /^(?:arn:(?:[\w-]+|\$\{AWS::Partition\}):s3:::\$\{([A-Za-z0-9]+)\}|\$\{([A-Za-z0-9]+)\.Arn\})(?:\/(.*))?$/s;

/**
 * The destination at `path`: its value when known; else a reference to the template resource whose name the ARN is
 * built on (linked as the program links a destination by dependency), followed by the folder when there is one:
 * placed in its container the reference becomes the resource's id, so the destination reads
 * `template:<container>/<LogicalId>/<folder>`, the bucket then the folder, as an S3 ARN does (flow-log-s3-links.ts
 * links it by that bucket part). Else unknown (a parameter or import whose value is not known at preview), which the
 * rules report as a note.
 */
export function s3Destination(read: PropertyReader, path: string): unknown {
  const value = read(path);
  if (!isUnknown(value)) return value;
  const text = read(path, "script");
  const match = typeof text === "string" && !isUnknown(text) ? ARN_OF_TEMPLATE_BUCKET.exec(text) : null;
  const logicalId = match?.[1] ?? match?.[2];
  if (logicalId === undefined) return value;
  const folder = match?.[3];
  return folder ? `${templateReference(logicalId)}/${folder}` : templateReference(logicalId);
}
