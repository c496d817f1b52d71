// An S3 destination written as an ARN built around a template bucket (`Fn::Sub "arn:aws:s3:::${LogBucket}/flows/"`,
// `Fn::Join` of "arn:aws:s3:::" and `Ref LogBucket`): the bucket's name exists only once it is deployed, so as a value
// the ARN is unknown. Read as text, the template resolver keeps a reference to another resource as `${LogBucket}`
// (template-values.ts, script mode) and resolves everything else as it does for values; an ARN whose bucket is
// exactly such a reference names that resource, as `Fn::GetAtt LogBucket.Arn` does. An attribute inside Fn::Sub
// (`${LogBucket.Arn}/flows/`) the resolver leaves unknown in either mode, so such a destination stays a note.
import { isUnknown } from "../../../lib/values";
import { PropertyReader } from "./embedded-resource";
import { templateReference } from "./template-references";

/** `arn:<partition>:s3:::${LogicalId}`, then nothing or a folder; the partition may be `${AWS::Partition}`. */
const ARN_OF_TEMPLATE_BUCKET = /^arn:(?:[\w-]+|\$\{AWS::Partition\}):s3:::\$\{([A-Za-z0-9]+)\}(?:\/.*)?$/s;

/**
 * The destination at `path`: its value when known; a reference to the template resource whose name the ARN is built
 * on (linked as the program links a destination by dependency); else unknown (a parameter or import whose value is
 * not known at preview), which the rules report as a note. The folder after the bucket is not carried: the link is
 * the resource's id, so the rules read the folder as unknown, as they read a program's destination at preview.
 */
export function s3Destination(read: PropertyReader, path: string): unknown {
  const value = read(path);
  if (!isUnknown(value)) return value;
  const text = read(path, "script");
  const logicalId = typeof text === "string" && !isUnknown(text) ? ARN_OF_TEMPLATE_BUCKET.exec(text)?.[1] : undefined;
  return logicalId === undefined ? value : templateReference(logicalId);
}
