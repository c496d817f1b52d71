// Whether an S3 lifecycle rule reaches the objects a VPC flow log writes. S3 delivery puts them under
// `<folder of logDestination>/AWSLogs/`, so a rule filtered to another prefix, or to tags (which flow log objects
// never carry), expires none of them; so does a rule limited to objects larger than any flow log file.
import { isUnknown, num, prop, str } from "../../lib/reachability/internals";
import { Proof } from "./proof";

const S3_ARN = /^arn:[^:]*:s3:::[^/]+\/?(.*)$/;
const TRAILING_SLASHES = /\/+$/;
const FLOW_LOG_FOLDER = "AWSLogs/";

/** The key prefix of a flow log's objects delivered under `folder` ("" for the bucket's root). */
export function folderKeyPrefix(folder: string): string {
  const trimmed = folder.replace(TRAILING_SLASHES, "");
  return trimmed ? `${trimmed}/${FLOW_LOG_FOLDER}` : FLOW_LOG_FOLDER;
}

/** The key prefix of a flow log's objects, or undefined while logDestination is not a known S3 ARN (at preview). */
export function flowLogKeyPrefix(logDestination: unknown): string | undefined {
  const arn = str(logDestination);
  const folder = arn === undefined ? undefined : S3_ARN.exec(arn)?.[1];
  return folder === undefined ? undefined : folderKeyPrefix(folder);
}

/**
 * VPC flow logs deliver files of at most 75 MB (the VPC user guide, "Flow log files"): read as 75 MiB, the larger
 * reading, so no file a rule may reach is taken as out of its reach.
 */
const MAX_FLOW_LOG_FILE_BYTES = 75 * 1024 * 1024;

/** objectSizeGreaterThan of the filter or its `and`: any at or above the largest file leaves every file alone. */
function sizeReach(filter: unknown, and: unknown): Proof {
  const minimums = [prop(filter, "objectSizeGreaterThan"), prop(and, "objectSizeGreaterThan")];
  if (minimums.some((m) => (num(m) ?? 0) >= MAX_FLOW_LOG_FILE_BYTES)) return "no";
  return minimums.some(isUnknown) ? "unknown" : "yes";
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);
const hasEntries = (v: unknown) => typeof v === "object" && v !== null && Object.keys(v).length > 0;

/**
 * A lifecycle rule (a bucket's inline lifecycleRules entry or a lifecycle configuration's rule) against the flow log's
 * key prefix; "unknown" when its filter, or where the flow log writes, decides it and is not known.
 */
export function reachesFlowLogs(rule: unknown, keyPrefix: string | undefined): Proof {
  const filter = prop(rule, "filter");
  const and = prop(filter, "and");
  // What surely leaves the flow log's files alone decides first, whatever else is unknown.
  if (hasEntries(prop(rule, "tags")) || hasEntries(prop(filter, "tag")) || hasEntries(prop(and, "tags"))) return "no";
  const bySize = sizeReach(filter, and);
  if (bySize === "no") return "no";
  const fields = [filter, and, prop(rule, "prefix"), prop(rule, "tags"), prop(filter, "prefix"), prop(and, "prefix")];
  if (bySize === "unknown" || fields.some(isUnknown)) return "unknown";
  const prefix = str(prop(and, "prefix")) ?? str(prop(filter, "prefix")) ?? str(prop(rule, "prefix"));
  if (!prefix) return "yes";
  if (keyPrefix !== undefined) return overlaps(prefix, keyPrefix) ? "yes" : "no";
  // Written to a folder unknown at preview, the logs are under `<folder>/AWSLogs/`. A rule on AWSLogs/ reaches them at
  // the bucket's root, where `logDestination: bucket.arn` puts them: judged as reaching, since a rule written for
  // flow logs that reaches none is unlikely to be meant. Another prefix may or may not reach them.
  return overlaps(prefix, FLOW_LOG_FOLDER) ? "yes" : "unknown";
}
