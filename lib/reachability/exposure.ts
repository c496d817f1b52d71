// The answer to "what can the internet reach": one row per (resource, protocol, port range, source, path).
import type { PortRange } from "../ports";
import { formatPorts } from "./intervals";
import { Host, Protocol } from "./model";

export type Family = "ipv4" | "ipv6";

export const ANY_SOURCE: Record<Family, string> = { ipv4: "0.0.0.0/0", ipv6: "::/0" };

export interface Exposure {
  urn: string;
  name: string;
  type: string;
  family: Family;
  protocol: Protocol;
  ports: PortRange;
  source: string;
  /** Hops after the source, ending with the resource and port. */
  path: string[];
  via: "direct" | "load-balancer" | "dnat" | "endpoint";
  /** URNs of the rules and resources that admit the traffic (what a fix must change). */
  causes: string[];
  /** A rule on the path admits a CIDR unknown at preview (read as any address): the opening may not be real. */
  unverified?: true;
  /**
   * A pass-through listener's own row when it forwards to targets of the stack: nothing answers on the balancer,
   * so what is reached is in the targets' rows, and the rules judge those.
   */
  passThrough?: true;
  /** The row ends at a backend the plan does not declare (model.ts OutsideBackend): named by the forward's resource. */
  outsideBackend?: true;
  /** The path runs through a listener that speaks only HTTP (model.ts Listener.httpOnly): only HTTP reaches the port. */
  httpOnly?: true;
}

/** `row`, marked unverified when `flag` is. */
export function unverifiedIf<T extends Exposure>(row: T, flag: boolean | undefined): T {
  return flag ? { ...row, unverified: true } : row;
}

/** `row`, marked as reached by HTTP only when the listener it runs through speaks nothing else. */
export function httpOnlyIf<T extends Exposure>(row: T, listener: { httpOnly?: true }): T {
  return listener.httpOnly ? { ...row, httpOnly: true } : row;
}

export function renderPath(e: Exposure): string {
  return [e.source, ...e.path].join(" → ");
}

const KIND_LABEL: Record<string, string> = {
  instance: "instance",
  "scaling-group": "asg",
  "network-interface": "eni",
};

/** AWS hosts that stand for a group of instances other than an auto-scaling group, by what launches them. */
const AWS_GROUP_LABEL: Record<string, string> = {
  "aws:ec2/spotFleetRequest:SpotFleetRequest": "spot-fleet",
  "aws:ec2/fleet:Fleet": "fleet",
  "aws:emr/cluster:Cluster": "emr",
  "aws:ecs/service:Service": "ecs-service",
};

/** "ess" for scaling groups, "eci" for container groups, "ecs" for instances and ENIs. */
function alicloudHostPrefix(h: Host): string {
  if (h.kind === "scaling-group") return "ess";
  return h.type.startsWith("alicloud:eci/") ? "eci" : "ecs";
}

/** "instance:web", "ecs:web", "eci:api", "rds:orders": the last hop of a path. */
export function hostLabel(h: Host): string {
  if (h.kind === "database") return `${h.type.split(":")[1]?.split("/")[0] ?? "db"}:${h.name}`;
  if (h.cloud === "alicloud") return `${alicloudHostPrefix(h)}:${h.name}`;
  return `${AWS_GROUP_LABEL[h.type] ?? KIND_LABEL[h.kind]}:${h.name}`;
}

export function hop(label: string, ports: PortRange): string {
  return `${label}:${formatPorts(ports)}`;
}

function key(e: Exposure): string {
  return [
    e.urn,
    e.protocol,
    String(e.ports.from).padStart(5, "0"),
    String(e.ports.to).padStart(5, "0"),
    e.source,
    e.path.join("|"),
  ].join("\u0000");
}

/** Stable order (resource, protocol, ports, source, path) with exact duplicates removed. */
export function sortExposures(rows: Exposure[]): Exposure[] {
  const seen = new Map<string, Exposure>();
  for (const r of rows) if (!seen.has(key(r))) seen.set(key(r), r);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
