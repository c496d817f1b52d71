// The planned network as boxes and arrows: VPCs and subnets contain nodes, the internet reaches exposed nodes, load
// balancers forward to their backends. Links come from property dependencies (ids are unknown during preview).
import type { PlannedResource } from "../model";
import { listText, nameFromUrn, type ExposureRow } from "./document";
import { isBastion, nodeKind, type NodeKind } from "./resourceKinds";

export const INTERNET = "internet";

export interface DiagramContainer {
  urn: string;
  kind: "vpc" | "subnet";
  name: string;
  /** The VPC holding a subnet. */
  parent?: string;
}

export interface DiagramNode {
  urn: string;
  kind: Exclude<NodeKind, "vpc" | "subnet">;
  name: string;
  bastion: boolean;
  /** Innermost container (subnet, else VPC); undefined when the node sits outside any planned VPC. */
  container?: string;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  /** Internet-facing edges come from the exposure table and are drawn in red. */
  exposure: boolean;
  dotted: boolean;
}

export interface NetworkDiagram {
  containers: DiagramContainer[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Resources that only wire others together (listeners, target groups, attachments): followed to find backends. */
const WIRING = /listener|targetgroup|servergroup|backendserver|attachment|association/i;

export function buildNetworkDiagram(resources: PlannedResource[], exposures: ExposureRow[] = []): NetworkDiagram {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const kindOf = (urn: string) => {
    const resource = byUrn.get(urn);
    return resource ? nodeKind(resource.type) : undefined;
  };
  const referencedBy = reverseReferences(resources);

  const containers: DiagramContainer[] = [];
  const nodes: DiagramNode[] = [];
  for (const resource of resources) {
    const kind = nodeKind(resource.type);
    if (kind === "vpc") containers.push({ urn: resource.urn, kind, name: resource.name });
  }
  for (const resource of resources) {
    if (nodeKind(resource.type) !== "subnet") continue;
    const vpcs = reach(resource, byUrn).filter((urn) => kindOf(urn) === "vpc");
    containers.push({
      urn: resource.urn,
      kind: "subnet",
      name: resource.name,
      parent: vpcs.length === 1 ? vpcs[0] : undefined,
    });
  }
  const parentOfContainer = new Map(containers.map((c) => [c.urn, c.parent]));
  for (const resource of resources) {
    const kind = nodeKind(resource.type);
    if (!kind || kind === "vpc" || kind === "subnet") continue;
    nodes.push({
      urn: resource.urn,
      kind,
      name: resource.name,
      bastion: kind === "instance" && isBastion(resource, ancestorTypes(resource, byUrn)),
      container: placement(resource, byUrn, kindOf, parentOfContainer),
    });
  }

  const edges: DiagramEdge[] = [];
  const nodeUrns = new Set(nodes.map((n) => n.urn));
  for (const node of nodes) {
    const resource = byUrn.get(node.urn)!;
    if (node.kind === "gateway" && /InternetGateway/.test(resource.type)) {
      edges.push({ from: INTERNET, to: node.urn, exposure: false, dotted: true });
    }
    if (node.kind === "loadBalancer" || node.kind === "waf") {
      for (const target of wiredNodes(node.urn, byUrn, referencedBy, nodeUrns)) {
        const targetKind = kindOf(target);
        if (node.kind === "loadBalancer" && (targetKind === "instance" || targetKind === "database")) {
          edges.push({ from: node.urn, to: target, exposure: false, dotted: false });
        }
        if (node.kind === "waf" && targetKind === "loadBalancer") {
          edges.push({ from: node.urn, to: target, label: "inspects", exposure: false, dotted: true });
        }
      }
    }
  }
  const seenExposures = new Set<string>();
  for (const exposure of exposures) {
    if (!nodeUrns.has(exposure.urn)) {
      // The reachability model may expose a resource the diagram does not classify: draw it all the same.
      const resource = byUrn.get(exposure.urn);
      nodes.push({
        urn: exposure.urn,
        kind: "instance",
        name: exposure.resourceName ?? nameFromUrn(exposure.urn),
        bastion: false,
        container: resource ? placement(resource, byUrn, kindOf, parentOfContainer) : undefined,
      });
      nodeUrns.add(exposure.urn);
    }
    const label = [exposure.protocol, listText(exposure.ports)].filter(Boolean).join(" ");
    const key = `${exposure.urn}\u0000${label}`;
    if (seenExposures.has(key)) continue;
    seenExposures.add(key);
    edges.push({ from: INTERNET, to: exposure.urn, label: label || undefined, exposure: true, dotted: false });
  }
  return { containers, nodes, edges };
}

function referencesOf(resource: PlannedResource): string[] {
  return [...new Set([...Object.values(resource.propertyDependencies ?? {}).flat(), ...(resource.dependencies ?? [])])];
}

function reverseReferences(resources: PlannedResource[]): Map<string, string[]> {
  const reverse = new Map<string, string[]>();
  for (const resource of resources) {
    for (const target of referencesOf(resource)) reverse.set(target, [...(reverse.get(target) ?? []), resource.urn]);
  }
  return reverse;
}

/** Direct references plus those of referenced resources that are not diagram nodes (subnet groups, security groups). */
function reach(resource: PlannedResource, byUrn: Map<string, PlannedResource>): string[] {
  const found = new Set<string>();
  for (const urn of referencesOf(resource)) {
    found.add(urn);
    const hop = byUrn.get(urn);
    if (hop && !nodeKind(hop.type)) referencesOf(hop).forEach((next) => found.add(next));
  }
  return [...found];
}

/** One referenced subnet: inside it; several: inside their common VPC; none: a referenced VPC, if exactly one. */
function placement(
  resource: PlannedResource,
  byUrn: Map<string, PlannedResource>,
  kindOf: (urn: string) => NodeKind | undefined,
  parentOfContainer: Map<string, string | undefined>,
): string | undefined {
  const reached = reach(resource, byUrn);
  const subnets = reached.filter((urn) => kindOf(urn) === "subnet");
  if (subnets.length === 1) return subnets[0];
  if (subnets.length > 1) {
    const vpcs = new Set(subnets.map((urn) => parentOfContainer.get(urn)));
    const [only] = [...vpcs];
    return vpcs.size === 1 && only ? only : undefined;
  }
  const vpcs = reached.filter((urn) => kindOf(urn) === "vpc");
  return vpcs.length === 1 ? vpcs[0] : undefined;
}

/** Nodes linked to `start` through wiring resources only (a listener, a target group and its attachments). */
function wiredNodes(
  start: string,
  byUrn: Map<string, PlannedResource>,
  referencedBy: Map<string, string[]>,
  nodeUrns: Set<string>,
): string[] {
  const found = new Set<string>();
  const visited = new Set([start]);
  let frontier = [start];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const urn of frontier) {
      const resource = byUrn.get(urn);
      const neighbours = [...(resource ? referencesOf(resource) : []), ...(referencedBy.get(urn) ?? [])];
      for (const neighbour of neighbours) {
        if (visited.has(neighbour)) continue;
        visited.add(neighbour);
        if (nodeUrns.has(neighbour)) found.add(neighbour);
        else if (WIRING.test(byUrn.get(neighbour)?.type ?? "")) next.push(neighbour);
      }
    }
    frontier = next;
  }
  return [...found];
}

function ancestorTypes(resource: PlannedResource, byUrn: Map<string, PlannedResource>): string[] {
  const types: string[] = [];
  for (let parent = byUrn.get(resource.parent); parent && types.length < 32; parent = byUrn.get(parent.parent)) {
    types.push(parent.type, parent.name);
  }
  return types;
}
