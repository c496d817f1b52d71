// Renders a NetworkDiagram as a Mermaid flowchart that GitHub draws in a PR comment. Ids are generated (n0, c0), so
// resource names only ever appear inside quoted, entity-escaped labels.
import { INTERNET, type DiagramContainer, type DiagramNode, type NetworkDiagram } from "./networkDiagram";

export const EXPOSURE_COLOUR = "#d1242f";
const MAX_LABEL = 60;

/**
 * Text for a quoted Mermaid label: characters that end the string, open HTML or start an entity become Mermaid's
 * `#code;` entities; line breaks become spaces.
 */
export function mermaidLabel(text: string): string {
  // Shortened by code points so an emoji is never cut in half.
  const chars = Array.from(text.replace(/[\r\n\t]+/g, " "));
  const short = chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL - 1).join("")}…` : chars.join("");
  // `:` too: Mermaid strips a `;` from lines matching `style.*:\S*#.*;` before parsing, mangling an escaped label.
  return short.replace(/[#"<>&`|:]/g, (c) => `#${c.charCodeAt(0)};`);
}

const CONTAINER_TITLE: Record<DiagramContainer["kind"], string> = { vpc: "VPC", subnet: "subnet" };

function nodeShape(node: DiagramNode, label: string): string {
  if (node.bastion) return `{{"bastion: ${label}"}}`;
  switch (node.kind) {
    case "database":
      return `[("database: ${label}")]`;
    case "loadBalancer":
      return `(["load balancer: ${label}"])`;
    case "gateway":
      return `[["gateway: ${label}"]]`;
    case "waf":
      return `[/"WAF: ${label}"/]`;
    default:
      return `["instance: ${label}"]`;
  }
}

export function renderMermaid(diagram: NetworkDiagram): string {
  const ids = new Map<string, string>([[INTERNET, INTERNET]]);
  diagram.containers.forEach((c, i) => ids.set(c.urn, `c${i}`));
  diagram.nodes.forEach((n, i) => ids.set(n.urn, `n${i}`));
  const lines = ["flowchart LR", `  ${INTERNET}(("Internet"))`];

  const known = new Set(diagram.containers.map((c) => c.urn));
  const childContainers = (parent: string | undefined) =>
    diagram.containers.filter((c) => (c.parent && known.has(c.parent) ? c.parent : undefined) === parent);
  const childNodes = (container: string | undefined) =>
    diagram.nodes.filter((n) => (n.container && known.has(n.container) ? n.container : undefined) === container);

  const emit = (container: string | undefined, indent: string) => {
    for (const node of childNodes(container)) {
      lines.push(`${indent}${ids.get(node.urn)}${nodeShape(node, mermaidLabel(node.name))}`);
    }
    for (const child of childContainers(container)) {
      const title = `${CONTAINER_TITLE[child.kind]} ${child.name}`;
      lines.push(`${indent}subgraph ${ids.get(child.urn)}["${mermaidLabel(title)}"]`);
      emit(child.urn, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit(undefined, "  ");

  const red: number[] = [];
  diagram.edges.forEach((edge, index) => {
    const arrow = edge.dotted ? (edge.exposure ? "-.->" : "-.-") : "-->";
    const label = edge.label ? `|"${mermaidLabel(edge.label)}"|` : "";
    lines.push(`  ${ids.get(edge.from)} ${arrow}${label} ${ids.get(edge.to)}`);
    if (edge.exposure) red.push(index);
  });
  if (red.length > 0)
    lines.push(`  linkStyle ${red.join(",")} stroke:${EXPOSURE_COLOUR},stroke-width:2px,color:${EXPOSURE_COLOUR}`);

  const exposed = [...new Set(diagram.edges.filter((e) => e.exposure).map((e) => ids.get(e.to)!))];
  lines.push(`  classDef exposed stroke:${EXPOSURE_COLOUR},stroke-width:2px`);
  if (exposed.length > 0) lines.push(`  class ${exposed.join(",")} exposed`);
  return lines.join("\n");
}
