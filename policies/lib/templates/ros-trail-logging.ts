// ROS ActionTrail trails and their logging switch. ALIYUN::ACTIONTRAIL::Trail creates a trail that records nothing
// until an ALIYUN::ACTIONTRAIL::TrailLogging with Enable true starts it (the provider's trail starts itself, status
// Enable): the trail's status is settled once the whole template is read, from the switches that name it.
import { isUnknown, UNKNOWN } from "../../../lib/values";
import { defined, EmbeddedResource, Translation } from "./embedded-resource";
import { templateReference } from "./template-references";

const ACTIONTRAIL = "alicloud:actiontrail/trail:Trail";
const ROS_TRAIL = "ALIYUN::ACTIONTRAIL::Trail";
/** A switch as read, before it is settled on its trail; never handed to a rule. */
export const TRAIL_LOGGING = "template:ALIYUN::ACTIONTRAIL::TrailLogging";

const trail: Translation = (read) => [
  {
    type: ACTIONTRAIL,
    props: defined({
      trailName: read("Name"),
      ossBucketName: read("OssBucketName"),
      ossKeyPrefix: read("OssKeyPrefix"),
      ossWriteRoleArn: read("OssWriteRoleArn"),
      slsProjectArn: read("SlsProjectArn"),
      slsWriteRoleArn: read("SlsWriteRoleArn"),
      maxComputeProjectArn: read("MaxComputeProjectArn"),
      eventRw: read("EventRW"),
      trailRegion: read("TrailRegion"),
      isOrganizationTrail: read("IsOrganizationTrail"),
    }),
  },
];

const trailLogging: Translation = (read) => [
  { type: TRAIL_LOGGING, props: defined({ name: read("Name"), enable: read("Enable") }) },
];

export const ROS_TRAIL_LOGGING_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  [ROS_TRAIL, trail],
  ["ALIYUN::ACTIONTRAIL::TrailLogging", trailLogging],
]);

type Switch = "on" | "off" | "unknown";

/** Known text: a name as written, or a reference to a template resource. */
const text = (v: unknown): string | undefined => (typeof v === "string" && !isUnknown(v) ? v : undefined);

function switchOf(enable: unknown): Switch {
  if (enable === true || enable === "true") return "on";
  if (enable === false || enable === "false") return "off";
  return "unknown";
}

/**
 * The trail's status from the switches: started by one that names it (by reference or by its known name), unknown
 * when one that names it, or one whose name is unknown at preview, may start it, else stopped.
 */
function statusOf(trail: EmbeddedResource, switches: readonly EmbeddedResource[]): unknown {
  const names = new Set([templateReference(trail.logicalId), text(trail.props.trailName)].filter(Boolean));
  const naming = switches.filter((s) => names.has(text(s.props.name) ?? ""));
  const states = new Set(naming.map((s) => switchOf(s.props.enable)));
  // Started and stopped in one template: the order ROS applies them in decides.
  if (states.has("unknown") || (states.has("on") && states.has("off"))) return UNKNOWN;
  if (states.has("on")) return "Enable";
  const maybeNaming = switches.filter((s) => isUnknown(s.props.name) && switchOf(s.props.enable) !== "off");
  return maybeNaming.length > 0 ? UNKNOWN : "Disable";
}

const STOPPED_HINT = "ROS creates the trail stopped: an ALIYUN::ACTIONTRAIL::TrailLogging with Enable true starts it";

/** The template's ROS trails with the status their switches give; the switches themselves leave the reading. */
export function settleTrailLogging(resources: EmbeddedResource[]): EmbeddedResource[] {
  if (!resources.some((r) => r.templateType === ROS_TRAIL || r.type === TRAIL_LOGGING)) return resources;
  const switches = resources.filter((r) => r.type === TRAIL_LOGGING);
  return resources
    .filter((r) => r.type !== TRAIL_LOGGING)
    .map((r) => {
      if (r.templateType !== ROS_TRAIL || r.type !== ACTIONTRAIL) return r;
      // A trail that may not be created (template-conditional-switches.ts) stays unknown.
      const status = isUnknown(r.props.status) ? UNKNOWN : statusOf(r, switches);
      const settled = { ...r, props: { ...r.props, status } };
      return status === "Disable" ? { ...settled, hint: STOPPED_HINT } : settled;
    });
}
