// Global Accelerator listeners, shared by both clouds: client port ranges → endpoint groups (each with its port
// overrides, listener port L → endpoint port E) → hosts and balancers of the stack. A listener becomes one model
// listener per piece of its ranges that reaches a single endpoint port in each group, so a path names the port the
// host (or the balancer's listener) really receives (an override 2222 → 22 puts SSH behind listener port 2222).
import { ALL_PORTS, PortRange } from "../ports";
import {
  BalancerTarget,
  ClientAddress,
  Cloud,
  HostInterface,
  Listener,
  LoadBalancer,
  Node,
  Protocol,
  Target,
  nodeOf,
} from "./model";
import { GenericResource, isUnknown, items, list, num, prop, str } from "./resource";
import { appendAll } from "../arrays";

/** Where an endpoint group sends a piece of a listener: a Target without its host. */
type Forward = Pick<Target, "port" | "ports" | "via">;

/** A port read from the plan: a number, "unknown" at preview, or absent. */
type PlanPort = number | "unknown" | undefined;

export interface PortOverride {
  listenerPort: number | "unknown";
  endpointPort: number | "unknown";
}

/** A host an endpoint names and, for an Alicloud ENI endpoint, the interface the traffic enters by. */
export interface EndpointHost {
  host: string;
  interface?: HostInterface;
}

/** A balancer of the stack an endpoint names, and the address it sees traffic from. */
export interface EndpointBalancer {
  balancer: string;
  clientAddress: ClientAddress;
}

export interface EndpointGroupHosts {
  name: string;
  hosts: EndpointHost[];
  balancers?: EndpointBalancer[];
  overrides: PortOverride[];
  /** Endpoints naming nothing of the stack (outside-backends.ts), as paths name them. */
  outside?: string[];
}

/** A listener's `portRanges`: an unknown list or bound counts as every port, as NLB listeners do. */
export function acceleratorPortRanges(value: unknown): PortRange[] {
  const ranges = list(value).flatMap((r): PortRange[] => {
    const from = portOf(r, "fromPort");
    const to = portOf(r, "toPort");
    if (from === "unknown" || to === "unknown" || isUnknown(r)) return [ALL_PORTS];
    return from !== undefined && to !== undefined && from <= to ? [{ from, to }] : [];
  });
  return distinct(ranges, (r) => `${r.from}-${r.to}`);
}

/** `portOverrides`: a list on AWS, one object on Alibaba Cloud; entries lacking a port are no override. */
export function portOverrides(value: unknown): PortOverride[] {
  const overrides = items(value).flatMap((o): PortOverride[] => {
    if (isUnknown(o)) return [{ listenerPort: "unknown", endpointPort: "unknown" }];
    const listenerPort = portOf(o, "listenerPort");
    const endpointPort = portOf(o, "endpointPort");
    return listenerPort === undefined || endpointPort === undefined ? [] : [{ listenerPort, endpointPort }];
  });
  return distinct(overrides, (o) => `${o.listenerPort}-${o.endpointPort}`);
}

/** Repeated entries add nothing but work. */
function distinct<T>(values: readonly T[], key: (v: T) => string): T[] {
  return [...new Map(values.map((v) => [key(v), v])).values()];
}

function portOf(obj: unknown, key: string): PlanPort {
  const raw = prop(obj, key);
  if (isUnknown(raw)) return "unknown";
  const n = num(raw);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** The model listeners of one accelerator listener: each range cut at every port some group overrides. */
export function acceleratorListeners(
  node: Node,
  protocol: Protocol,
  ranges: readonly PortRange[],
  groups: readonly EndpointGroupHosts[],
): Listener[] {
  const overridden = groups.flatMap((g) => g.overrides.map((o) => o.listenerPort)).filter((p) => p !== "unknown");
  return ranges.flatMap((range) =>
    piecesOf(range, overridden).map((ports) => {
      const listener: Listener = { ...node, protocol, ports, targets: [] };
      for (const g of groups) {
        const specs = forwardsOf(g, ports);
        appendAll(
          listener.targets,
          g.hosts.flatMap((endpoint) => specs.map((s) => ({ ...endpoint, ...s }))),
        );
        const balancers = (g.balancers ?? []).flatMap((b) => specs.map((s): BalancerTarget => ({ ...b, ...s })));
        if (balancers.length > 0) appendAll((listener.balancers ??= []), balancers);
        for (const label of g.outside ?? [])
          for (const s of specs) {
            const reached = s.port !== undefined ? { from: s.port, to: s.port } : (s.ports ?? ports);
            (listener.outside ??= []).push({ label: [...s.via, label].join(" → "), ports: reached });
          }
      }
      return listener;
    }),
  );
}

/** The range split so that every overridden port inside it is a piece of its own. */
function piecesOf(range: PortRange, overridden: readonly number[]): PortRange[] {
  const cuts = [...new Set(overridden)].filter((p) => p >= range.from && p <= range.to).sort((a, b) => a - b);
  const pieces: PortRange[] = [];
  let from = range.from;
  for (const p of cuts) {
    if (from < p) pieces.push({ from, to: p - 1 });
    pieces.push({ from: p, to: p });
    from = p + 1;
  }
  if (from <= range.to) pieces.push({ from, to: range.to });
  return pieces;
}

/** Where a group sends one piece: the same port, or the endpoint port of each override that applies. */
function forwardsOf(g: EndpointGroupHosts, piece: PortRange): Forward[] {
  const group = `endpoint-group:${g.name}`;
  const single = piece.from === piece.to;
  const exact = g.overrides.filter((o) => single && o.listenerPort === piece.from);
  // An override whose listener port is unknown may apply to any port; the port itself may also forward unchanged.
  const anyPort = g.overrides.filter((o) => o.listenerPort === "unknown");
  const specs: Forward[] = exact.map((o) => overrideTarget(group, o));
  if (exact.length === 0) specs.push({ via: [group] });
  appendAll(
    specs,
    anyPort.map((o) => overrideTarget(group, o)),
  );
  return specs;
}

function overrideTarget(group: string, o: PortOverride): Forward {
  const label = `${group} (port override ${o.listenerPort} → ${o.endpointPort})`;
  return o.endpointPort === "unknown" ? { ports: ALL_PORTS, via: [label] } : { port: o.endpointPort, via: [label] };
}

/**
 * A listener on an accelerator outside the stack (bought once, listeners added by the stack) still publishes its
 * endpoints: it stands in for that accelerator under its own URN, reachable over both address families.
 */
export function standInAccelerator(listener: GenericResource, cloud: Cloud, acceleratorRef: unknown): LoadBalancer {
  const id = str(acceleratorRef);
  return {
    ...nodeOf(listener),
    name: id ? `accelerator ${id}` : `accelerator of ${listener.name}`,
    cloud,
    internetFacing: true,
    ipv6: true,
    wafCapable: false,
    subnets: [],
    securityGroups: [],
    listeners: [],
  };
}
