// Forwards to backends the plan does not declare: a balancer listener or a DNAT entry publishes the port it forwards
// to on whatever stands behind it, so such a backend gets a row of its own, named by the forward's resource.
import type { PortRange } from "../ports";
import { Exposure, Family, hop } from "./exposure";
import { Listener, OutsideBackend } from "./model";
import { str } from "./resource";

/** "backend i-bp1abc (outside the stack)"; an id unknown at preview with nothing in the stack behind it. */
export function outsideLabel(kind: string, id: unknown): string {
  return `${kind} ${str(id) ?? "(id unknown at preview)"} (outside the stack)`;
}

/** A backend reached on `port` when that port is known (a backend port, a target group's port). */
export function outsideOn(label: string, port: number | undefined): OutsideBackend[] {
  return port === undefined ? [] : [{ label, ports: { from: port, to: port } }];
}

const sameRange = (a: PortRange, b: PortRange) => a.from === b.from && a.to === b.to;

/**
 * Rows for a listener's backends outside the plan. A backend reached on the listener's own ports adds nothing to the
 * listener's row, unless that row only forwards (a pass-through listener whose stack targets the rules judge).
 */
export function outsideBackendRows(
  listener: Listener,
  protocol: string,
  source: string,
  family: Family,
  lbHops: string[],
  causes: string[],
  forwardsOnly: boolean,
): Exposure[] {
  return (listener.outside ?? [])
    .filter((b) => forwardsOnly || !sameRange(b.ports, listener.ports))
    .map((b) => ({
      urn: listener.urn,
      name: listener.name,
      type: listener.type,
      family,
      protocol,
      ports: b.ports,
      source,
      path: [...lbHops, hop(b.label, b.ports)],
      via: "load-balancer" as const,
      causes,
      outsideBackend: true as const,
    }));
}
