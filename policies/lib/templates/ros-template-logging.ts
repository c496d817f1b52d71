// ROS resources that record and keep network and API activity, translated to the Pulumi Alicloud provider's shapes
// the flow-log and audit-trail stack rules read: VPC flow logs, the SLS log stores they deliver to, ActionTrail
// trails (whose logging switch is a resource of its own, ros-trail-logging.ts).
import { isUnknown, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translation } from "./embedded-resource";
import { ROS_TRAIL_LOGGING_TRANSLATIONS } from "./ros-trail-logging";

const flowLog: Translation = (read) => [
  {
    type: "alicloud:vpc/flowLog:FlowLog",
    props: defined({
      resourceType: read("ResourceType"),
      resourceId: read("ResourceId"),
      trafficType: read("TrafficType"),
      projectName: read("ProjectName"),
      logStoreName: read("LogStoreName"),
      flowLogName: read("FlowLogName"),
      aggregationInterval: read("AggregationInterval"),
      trafficPaths: read("TrafficPath"),
      ipVersion: read("IpVersion"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/** The provider's longest retention, which the flow-log rule reads as never expiring. */
const PERMANENT_DAYS = 3650;

/**
 * PreserveStorage true keeps data forever whatever TTL says; TTL left out is 30 days, as the provider's
 * retentionPeriod left out is.
 */
function retentionPeriod(ttl: unknown, preserve: unknown): unknown {
  if (preserve === true || preserve === "true") return PERMANENT_DAYS;
  return isUnknown(preserve) ? UNKNOWN : ttl;
}

const logstore: Translation = (read) => [
  {
    type: "alicloud:log/store:Store",
    props: defined({
      projectName: read("ProjectName"),
      logstoreName: read("LogstoreName"),
      retentionPeriod: retentionPeriod(read("TTL"), read("PreserveStorage")),
      shardCount: read("ShardCount"),
    }),
  },
];

export const ROS_LOGGING_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::VPC::FlowLog", flowLog],
  ["ALIYUN::SLS::Logstore", logstore],
  ...ROS_TRAIL_LOGGING_TRANSLATIONS,
]);
