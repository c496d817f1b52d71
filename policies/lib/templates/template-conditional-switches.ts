// Resources that record rather than open: a flow log or trail whose Condition is undecided at preview may not be
// created, so what it switches on cannot count as on. (A resource that opens something is judged as created when its
// condition is undecided: template-conditions.ts.)
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

/** The piece of a resource created only if `condition` holds, which is not known at preview. */
export function mayNotBeCreated(piece: Translated, condition: string): Translated {
  const field = RECORDING_SWITCHES.get(piece.type);
  if (!field) return piece;
  return {
    ...piece,
    props: { ...piece.props, [field]: UNKNOWN },
    hint: `created only if condition ${condition} holds, which is not known at preview`,
  };
}
