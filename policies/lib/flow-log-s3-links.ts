// Which bucket of the stack a flow log's S3 destination names, and the folder its logs land under. A destination that
// is a value the bucket is known by (its ARN, a template bucket's id) puts the logs at the bucket's root; that value
// followed by a folder (`arn:aws:s3:::logs/flows/`, a template's `template:<container>/LogBucket/flows/`) puts them
// under the folder. A destination naming no bucket by value links by the dependency the program gives it (a bucket
// whose name only the deployment knows): its folder is read from the ARN when the value is known, else unknown.
import { GenericResource, Resolver, str } from "../../lib/reachability/internals";
import { flowLogKeyPrefix, folderKeyPrefix } from "./flow-log-s3-keys";
import { isTemplateResourceId } from "./templates/template-references";

export interface FlowLogBucket {
  /** The bucket's urn; undefined when the destination names none of the stack. */
  urn?: string;
  /** The key prefix the logs are written under; undefined while their folder is not known. */
  keyPrefix?: string;
}

interface BucketPart {
  bucket: string;
  folder: string;
}

const S3_ARN_WITH_FOLDER = /^(arn:[^:]*:s3:::[^/]+)\/(.*)$/s;
/** More slashes than a container's name and a folder hold together: the bucket part is not looked for further. */
const MAX_SPLITS = 32;

/** The ways to read a destination as a bucket's value then a folder: the whole value first, then shorter parts. */
function bucketParts(destination: string): BucketPart[] {
  const parts = [{ bucket: destination, folder: "" }];
  const arn = S3_ARN_WITH_FOLDER.exec(destination);
  if (arn) return [...parts, { bucket: arn[1], folder: arn[2] }];
  if (!isTemplateResourceId(destination)) return parts;
  // A template bucket's id ends in its logical id, which holds no slash; the container's urn before it may hold some.
  for (
    let i = destination.lastIndexOf("/");
    i > 0 && parts.length <= MAX_SPLITS;
    i = destination.lastIndexOf("/", i - 1)
  )
    parts.push({ bucket: destination.slice(0, i), folder: destination.slice(i + 1) });
  return parts;
}

/** Looked up from a resource without dependencies, a value links by what it says alone. */
const byValue = (res: Resolver, from: GenericResource, value: string, types: readonly string[]) =>
  res.one({ ...from, propertyDependencies: {}, dependencies: [] }, "", value, types);

/** The bucket of `types` that input `propName` of flow log `f` delivers to, and the key prefix of its logs there. */
export function flowLogBucket(
  res: Resolver,
  f: GenericResource,
  propName: string,
  types: readonly string[],
): FlowLogBucket {
  const value = f.inputs[propName];
  const known = str(value);
  for (const { bucket, folder } of known === undefined ? [] : bucketParts(known)) {
    const urn = byValue(res, f, bucket, types);
    if (urn) return { urn, keyPrefix: folderKeyPrefix(folder) };
  }
  return { urn: res.one(f, propName, value, types), keyPrefix: flowLogKeyPrefix(value) };
}
