// Buckets that receive VPC flow logs hold evidence by their role, like a trail's: the case's responders needed the
// record of who connected from where, so the bucket must be as immutable as any evidence bucket (with the general
// minimum retention, not a trail's). A flow log names its bucket by an S3 ARN in logDestination, possibly followed by
// a folder; at preview by the dependency on the bucket whose ARN it is.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { linkOf } from "./links";
import { perListAnswers } from "./per-list-answers";

export const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

const BUCKET_FIELDS = ["bucket", "id", "arn"];
const S3_ARN_BUCKET = /^arn:[^:]*:s3:::([^/]+)/;

const knownText = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

/** Whether a known destination is the bucket's name, id or ARN, or its ARN (or a template id) followed by a folder. */
const names = (destination: string, own: string) =>
  destination === own || destination.startsWith(`${own}/`) || S3_ARN_BUCKET.exec(destination)?.[1] === own;

/** Flow logs of type s3 (or of a type unknown at preview) write to the bucket their logDestination names. */
function deliversTo(flowLog: GenericResource, bucket: GenericResource): boolean {
  const kind = flowLog.inputs.logDestinationType;
  if (!isUnknown(kind) && (typeof kind !== "string" || kind.toLowerCase() !== "s3")) return false;
  const destination = flowLog.inputs.logDestination;
  const own = BUCKET_FIELDS.map((f) => bucket.inputs[f]).filter(knownText);
  if (knownText(destination) && own.length > 0) return own.some((o) => names(destination, o));
  return linkOf(flowLog, "logDestination", bucket, BUCKET_FIELDS) === "yes";
}

/** The flow logs of a stack, found once per resource list: every bucket asks. */
const flowLogsByStack = new WeakMap<readonly GenericResource[], GenericResource[]>();

/** True when a VPC flow log of the stack writes to the bucket; answered once per bucket and check. */
export const receivesFlowLogs = perListAnswers((bucket, resources): boolean => {
  let flowLogs = flowLogsByStack.get(resources);
  if (!flowLogs) {
    flowLogs = resources.filter((r) => r.type === FLOW_LOG);
    flowLogsByStack.set(resources, flowLogs);
  }
  return flowLogs.some((f) => deliversTo(f, bucket));
});
