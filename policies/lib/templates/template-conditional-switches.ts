// Resources that record or protect rather than open: a flow log or trail whose Condition is undecided at preview may
// not be created, so what it switches on cannot count as on; a web ACL association that may not be created cannot
// count as a WAF in front of its resource. (A resource that opens something is judged as created when its condition
// is undecided: template-conditions.ts.)
import { UNKNOWN } from "../../../lib/values";
import { Translated } from "./embedded-resource";
import { TRAIL_LOGGING } from "./ros-trail-logging";

/** Type → the input that says it records; unknown, the rules say so in a note, never pass on it. */
const RECORDING_SWITCHES: ReadonlyMap<string, string> = new Map([
  ["aws:ec2/flowLog:FlowLog", "trafficType"],
  ["aws:cloudtrail/trail:Trail", "enableLogging"],
  ["alicloud:vpc/flowLog:FlowLog", "trafficType"],
  ["alicloud:actiontrail/trail:Trail", "status"],
  [TRAIL_LOGGING, "enable"],
]);

/**
 * The input a protecting resource of a template carries when it may not be created: the condition's name. Its
 * provider has no switch to turn unknown, and its target must stay linked, so the rule reads this instead and says
 * the protection is an open question.
 */
export const UNDECIDED_CONDITION = "templateCondition";

/** Resources whose existence is the protection: a web ACL association. */
const PROTECTING: ReadonlySet<string> = new Set(["aws:wafv2/webAclAssociation:WebAclAssociation"]);

/** The piece of a resource created only if `condition` holds, which is not known at preview. */
export function mayNotBeCreated(piece: Translated, condition: string): Translated {
  const hint = `created only if condition ${condition} holds, which is not known at preview`;
  if (PROTECTING.has(piece.type))
    return { ...piece, props: { ...piece.props, [UNDECIDED_CONDITION]: condition }, hint };
  const field = RECORDING_SWITCHES.get(piece.type);
  if (!field) return piece;
  return { ...piece, props: { ...piece.props, [field]: UNKNOWN }, hint };
}
