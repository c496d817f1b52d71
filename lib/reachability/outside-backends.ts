// Forwards to backends the plan does not declare: a balancer listener or a DNAT entry publishes the port it forwards
// to on whatever stands behind it, so such a backend gets a row of its own, named by the forward's resource.
import { ALL_PORTS, PortRange } from "../ports";
import { Exposure, Family, hop, unverifiedIf } from "./exposure";
import { Listener, OutsideBackend, Protocol } from "./model";
import { isUnknown, num, str } from "./resource";

/** "backend i-bp1abc (outside the stack)"; an id unknown at preview with nothing in the stack behind it. */
export function outsideLabel(kind: string, id: unknown): string {
  return `${kind} ${str(id) ?? "(id unknown at preview)"} (outside the stack)`;
}

/**
 * A backend reached on `port` (a backend port, a target group's port, as the input holds it). Absent, the forward
 * names no port of its own and adds nothing; unknown at preview, it may be any port of the backend, whose own
 * firewall is out of sight: every port, unverified, so the rules note it rather than judge it or let it pass.
 */
export function outsideOn(label: string, port: unknown): OutsideBackend[] {
  if (isUnknown(port)) return [{ label: `${label} (port unknown at preview)`, ports: ALL_PORTS, unverified: true }];
  const known = num(port);
  return known === undefined ? [] : [{ label, ports: { from: known, to: known } }];
}

const sameRange = (a: PortRange, b: PortRange) => a.from === b.from && a.to === b.to;

/**
 * Rows for a listener's backends outside the plan. A backend reached on the listener's own ports adds nothing to the
 * listener's row, unless that row only forwards (a pass-through listener whose stack targets the rules judge).
 */
export function outsideBackendRows(
  listener: Listener,
  protocol: Protocol,
  source: string,
  family: Family,
  lbHops: string[],
  causes: string[],
  forwardsOnly: boolean,
): Exposure[] {
  return (listener.outside ?? [])
    .filter((b) => forwardsOnly || !sameRange(b.ports, listener.ports))
    .map((b) =>
      unverifiedIf(
        {
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
        },
        b.unverified,
      ),
    );
}
