// CloudFormation resources that detect an attack and raise the alarm, translated to the Pulumi AWS provider's shapes
// require-threat-detection reads: GuardDuty detectors, and EventBridge rules with their inline Targets, each target a
// resource of its own naming its rule (as the provider splits them), so the rule's coverage check links them.
import { containsUnknown, isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translated, Translation } from "./embedded-resource";
import { isTemplateReference } from "./template-references";

/** Deeper than any event pattern nests; a pattern deeper still is unknown. */
const MAX_DEPTH = 48;

function holdsReference(v: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (isTemplateReference(v)) return true;
  if (Array.isArray(v)) return v.some((item) => holdsReference(item, depth + 1));
  const o = obj(v);
  return o !== undefined && Object.values(o).some((item) => holdsReference(item, depth + 1));
}

/**
 * CloudFormation takes EventPattern as an object; the provider's eventPattern is its JSON text. A pattern holding a
 * value not known at preview (a parameter the program feeds, a pseudo parameter, an undecided `Fn::If`) or another
 * resource's id is unknown: what it filters on cannot be read, so it never passes.
 */
export function eventPatternText(pattern: unknown): unknown {
  if (pattern === undefined || typeof pattern === "string") return pattern;
  if (containsUnknown(pattern) || holdsReference(pattern)) return UNKNOWN;
  return JSON.stringify(pattern);
}

const detector: Translation = (read) => [
  {
    type: "aws:guardduty/detector:Detector",
    props: defined({
      enable: read("Enable"),
      findingPublishingFrequency: read("FindingPublishingFrequency"),
      tags: tagMap(read("Tags")),
    }),
  },
];

/**
 * One `Targets` entry as an `aws.cloudwatch.EventTarget` naming the rule (`self`). An entry unknown at preview (an
 * undecided `Fn::If`) may be left out, and a list unknown at preview may be empty: such a target names no rule known
 * at preview, which the coverage check reads as a target that may or may not be there.
 */
function target(entry: unknown, where: string, rule: unknown, bus: unknown): Translated {
  const t = isUnknown(entry) ? undefined : (obj(entry) ?? {});
  const props = t
    ? defined({ rule, targetId: t.Id, arn: t.Arn, roleArn: t.RoleArn, eventBusName: bus })
    : { rule: UNKNOWN, arn: UNKNOWN };
  return { type: "aws:cloudwatch/eventTarget:EventTarget", props, where };
}

const eventRule: Translation = (read, self) => {
  const bus = read("EventBusName");
  const targets = read("Targets");
  return [
    {
      type: "aws:cloudwatch/eventRule:EventRule",
      props: defined({
        name: read("Name"),
        description: read("Description"),
        eventBusName: bus,
        eventPattern: eventPatternText(read("EventPattern")),
        scheduleExpression: read("ScheduleExpression"),
        state: read("State"),
        roleArn: read("RoleArn"),
      }),
    },
    ...(isUnknown(targets)
      ? [target(UNKNOWN, "Targets", self, bus)]
      : list(targets).map((entry, i) => target(entry, `Targets[${i}]`, self, bus))),
  ];
};

export const AWS_THREAT_DETECTION_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::GuardDuty::Detector", detector],
  ["AWS::Events::Rule", eventRule],
]);
