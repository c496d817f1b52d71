// An Alibaba Cloud drop rule may also name a destination address (destCidrIp, ipv6DestCidrIp) or a source port
// (sourcePortRange), as ROS SecurityGroupIngress(es) entries can. Such a drop blocks only traffic to that address or
// from that port; the model has no destination or source-port axis, so it would read the drop as closing the whole
// group. Such drops are left out: an accept beside them stays open (a missed drop over-reports, never hides).
import { unwrap } from "../resource";

/** Fields that narrow a rule to part of the group's traffic, as `alicloud.ecs.SecurityGroupRule`-shaped inputs. */
export const NARROWING_FIELDS: readonly string[] = ["destCidrIp", "ipv6DestCidrIp", "sourcePortRange"];

/** The rule names a destination address or a source port, or one of them is unknown at preview. */
export function isNarrowedRule(inputs: Record<string, unknown>): boolean {
  return NARROWING_FIELDS.some((f) => {
    const v = unwrap(inputs[f]);
    return v !== undefined && v !== null;
  });
}
