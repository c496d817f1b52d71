// The attack surface of a planned stack: every internet-reachable port with the path that allows it, computed by
// the reachability model and rendered as the "Exposures" table and as `exposures` in --json.
import { formatPorts, GenericResource, internetExposures, buildNetworkModel } from "../lib/reachability";
import { withTemplateResources } from "../policies/lib/templates/template-stack-resources";
import type { PlannedResource } from "./model";

/** One path from the internet to a resource (fields are rendered as table columns, in key order). */
export interface Exposure {
  urn: string;
  resourceName: string;
  type: string;
  protocol: string;
  /** "22", "8000-8080" or "all". */
  ports: string;
  /** Internet blocks that take this path. */
  sources: string[];
  /** "sources → hop → … → resource:port". */
  path: string;
  [field: string]: unknown;
}

export function computeExposures(resources: PlannedResource[]): Exposure[] {
  const generic: GenericResource[] = resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    inputs: r.inputs,
    propertyDependencies: r.propertyDependencies,
    dependencies: r.dependencies,
  }));
  // Rows that differ only by source share one line.
  const grouped = new Map<string, Exposure & { hops: string[] }>();
  // What raw CloudFormation and ROS templates deploy is part of the surface: rows name them `<stack>/<LogicalId>`.
  for (const e of internetExposures(buildNetworkModel(withTemplateResources(generic).resources))) {
    const key = [e.urn, e.protocol, e.ports.from, e.ports.to, ...e.path].join("\u0000");
    const row = grouped.get(key);
    if (row) {
      if (!row.sources.includes(e.source)) row.sources.push(e.source);
      continue;
    }
    grouped.set(key, {
      urn: e.urn,
      resourceName: e.name,
      type: e.type,
      protocol: e.protocol,
      ports: formatPorts(e.ports),
      sources: [e.source],
      path: "",
      hops: e.path,
    });
  }
  // internetExposures is already in a stable order; grouping keeps first-seen order.
  return [...grouped.values()].map(({ hops, ...row }) => ({
    ...row,
    path: [row.sources.join(", "), ...hops].join(" → "),
  }));
}
