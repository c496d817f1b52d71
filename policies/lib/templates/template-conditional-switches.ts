// Resources that record or protect rather than open: a flow log, trail, GuardDuty detector, EventBridge rule or
// anti-brute-force rule whose Condition is undecided at preview may not be created, so what it switches on cannot
// count as on; a web ACL association or logging configuration that may not be created cannot count as a WAF in front
// of its resource or as its logs. (A resource that opens something is judged as created when its condition is
// undecided: template-conditions.ts.) Likewise a protecting value the template leaves open at preview may be left out
// (`Fn::If` with `AWS::NoValue`), so it is marked as open.
import { containsUnknown, UNKNOWN } from "../../../lib/values";
import { Translated } from "./embedded-resource";
import { ANTI_BRUTE_FORCE_RULE } from "./ros-template-threat-detection";
import { TRAIL_LOGGING } from "./ros-trail-logging";

/** Type → the input that says it records; unknown, the rules say so in a note, never pass on it. */
const RECORDING_SWITCHES: ReadonlyMap<string, string> = new Map([
  ["aws:ec2/flowLog:FlowLog", "trafficType"],
  ["aws:cloudtrail/trail:Trail", "enableLogging"],
  ["alicloud:vpc/flowLog:FlowLog", "trafficType"],
  ["alicloud:actiontrail/trail:Trail", "status"],
  [TRAIL_LOGGING, "enable"],
  ["aws:guardduty/detector:Detector", "enable"],
  ["aws:cloudwatch/eventRule:EventRule", "state"],
  [ANTI_BRUTE_FORCE_RULE, "defaultRule"],
]);

/**
 * The input a protecting resource of a template carries when it may not be created: the condition's name. Its
 * provider has no switch to turn unknown, and its target must stay linked, so the rule reads this instead and says
 * the protection is an open question.
 */
export const UNDECIDED_CONDITION = "templateCondition";

/** Resources whose existence is the protection: a web ACL association, a web ACL's logging configuration. */
const PROTECTING: ReadonlySet<string> = new Set([
  "aws:wafv2/webAclAssociation:WebAclAssociation",
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
]);

/** The piece of a resource created only if `condition` holds, which is not known at preview. */
export function mayNotBeCreated(piece: Translated, condition: string): Translated {
  const hint = `created only if condition ${condition} holds, which is not known at preview`;
  if (PROTECTING.has(piece.type))
    return { ...piece, props: { ...piece.props, [UNDECIDED_CONDITION]: condition }, hint };
  const field = RECORDING_SWITCHES.get(piece.type);
  if (!field) return piece;
  return { ...piece, props: { ...piece.props, [field]: UNKNOWN }, hint };
}

/**
 * The input a template resource carries listing its protecting inputs that the template leaves unknown at preview (an
 * `Fn::If` on an undecided condition, which may give `AWS::NoValue`; an import; an attribute only the cloud knows).
 * A program's unknown is an output some resource fills in; these may be absent, so a rule that takes a program's
 * unknown as set says they are an open question, unless a parameter the program feeds gives them (the input then
 * carries the program resources it comes from as property dependencies: template-parameter-links.ts).
 */
export const OPEN_INPUTS = "templateOpenInputs";

/** `props` with those of `keys` whose value holds an unknown listed under OPEN_INPUTS. */
export function markingOpen(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const open = keys.filter((k) => containsUnknown(props[k]));
  return open.length > 0 ? { ...props, [OPEN_INPUTS]: open } : props;
}

/** True when input `key` of a template resource is open at preview and no program resource feeds it. */
export function isOpenInput(
  r: { inputs: Record<string, unknown>; propertyDependencies: Record<string, string[]> },
  key: string,
): boolean {
  const open = r.inputs[OPEN_INPUTS];
  return Array.isArray(open) && open.includes(key) && (r.propertyDependencies[key] ?? []).length === 0;
}
