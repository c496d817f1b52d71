// The port an AWS target group, attachment or classic ELB listener reaches its targets on. Unknown at preview, it
// may be any port of the target (SSH behind a group on 443 included): every port, unverified, never the listener's.
// A target type unknown at preview may be `instance` or `ip`, whose hosts listen on the group's port.
import { ALL_PORTS } from "../../ports";
import type { UnverifiedTarget } from "../lb-admission";
import type { OutsideBackend, Target } from "../model";
import { outsideOn } from "../outside-backends";
import { GenericResource, isUnknown, num, str } from "../resource";

/** A host reached on `port` as an input holds it: absent, the listener's port; unknown, every port, unverified. */
export function targetOnPort(host: string, port: unknown, via: string[]): Target | UnverifiedTarget {
  if (isUnknown(port)) {
    const [first, ...rest] = via;
    const flagged = first === undefined ? ["(port unknown at preview)"] : [`${first} (port unknown at preview)`];
    return { host, ports: ALL_PORTS, via: [...flagged, ...rest], unverified: true };
  }
  return { host, port: num(port), via };
}

/** Target groups whose targets are hosts listening on a port; lambda and ALB targets are no hosts. */
const PORTED_TARGETS = new Set(["instance", "ip"]);

/** The group's target type, lower-cased; absent is `instance` (the provider's default), unknown is "unknown". */
export function targetTypeOf(tg: GenericResource): string | "unknown" | undefined {
  if (tg.inputs.targetType === undefined) return "instance";
  if (isUnknown(tg.inputs.targetType)) return "unknown";
  return str(tg.inputs.targetType)?.toLowerCase();
}

/**
 * Backends outside the plan a group reaches on `port` (its own by default), when its targets may be hosts. A
 * target type unknown at preview may be `instance` or `ip`: the port counts, unverified.
 */
export function groupOutsideOn(label: string, tg: GenericResource, port: unknown = tg.inputs.port): OutsideBackend[] {
  const type = targetTypeOf(tg);
  if (type === "unknown")
    return outsideOn(`${label} (target type unknown at preview)`, port).map((b) => ({ ...b, unverified: true }));
  return type !== undefined && PORTED_TARGETS.has(type) ? outsideOn(label, port) : [];
}
