// A strict checker for the Mermaid flowchart subset the markdown writer emits: it checks each line against the grammar
// of that subset and every cross-reference, and fails on anything else. Mermaid's own parser is looser (it declares
// nodes an edge names and drops raw quotes from labels); mermaidParse.test.ts runs it on the same diagrams.

export interface FlowchartModel {
  nodes: Map<string, string>;
  subgraphs: Map<string, string>;
  edges: { from: string; to: string; arrow: string; label?: string }[];
  linkStyles: { indices: number[]; style: string }[];
  classes: Map<string, string[]>;
}

const ID = String.raw`[A-Za-z][A-Za-z0-9_]*`;
/** A quoted label: no raw quote, no HTML, no pipe or backtick; `#` only as an entity `#name;` / `#123;`. */
const LABEL = String.raw`"(?:[^"#<>|\x60]|#[A-Za-z0-9]+;)*"`;
const SHAPES = [
  [String.raw`\[`, String.raw`\]`],
  [String.raw`\(\[`, String.raw`\]\)`],
  [String.raw`\[\(`, String.raw`\)\]`],
  [String.raw`\(\(`, String.raw`\)\)`],
  [String.raw`\{\{`, String.raw`\}\}`],
  [String.raw`\[\[`, String.raw`\]\]`],
  [String.raw`\[/`, String.raw`/\]`],
];
const NODE = new RegExp(`^(${ID})(?:${SHAPES.map(([o, c]) => `${o}(${LABEL})${c}`).join("|")})$`);
const SUBGRAPH = new RegExp(`^subgraph (${ID})\\[(${LABEL})\\]$`);
const EDGE = new RegExp(`^(${ID}) (-->|-\\.->|-\\.-|---)(?:\\|(${LABEL})\\|)? (${ID})$`);
const LINK_STYLE = /^linkStyle (\d+(?:,\d+)*) ((?:[a-z-]+:[#A-Za-z0-9.]+)(?:,[a-z-]+:[#A-Za-z0-9.]+)*)$/;
const CLASS_DEF = new RegExp(`^classDef (${ID}) ((?:[a-z-]+:[#A-Za-z0-9.]+)(?:,[a-z-]+:[#A-Za-z0-9.]+)*)$`);
const CLASS = new RegExp(`^class (${ID}(?:,${ID})*) (${ID})$`);
const RESERVED = new Set(["end", "subgraph", "graph", "flowchart", "class", "classDef", "style", "linkStyle", "click"]);

/** Parses the flowchart or throws an Error naming the first line that is outside the subset or inconsistent. */
export function checkFlowchart(text: string): FlowchartModel {
  const lines = text.split("\n");
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0]))
    throw new Error(`line 1: expected "flowchart <direction>", got "${lines[0]}"`);
  const model: FlowchartModel = {
    nodes: new Map(),
    subgraphs: new Map(),
    edges: [],
    linkStyles: [],
    classes: new Map(),
  };
  const classDefs = new Set<string>();
  const open: string[] = [];
  const declare = (id: string, where: number) => {
    if (RESERVED.has(id)) throw new Error(`line ${where}: "${id}" is a reserved word`);
    if (model.nodes.has(id) || model.subgraphs.has(id)) throw new Error(`line ${where}: "${id}" declared twice`);
  };
  lines.slice(1).forEach((raw, i) => {
    const where = i + 2;
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line === "end") {
      if (!open.pop()) throw new Error(`line ${where}: "end" without an open subgraph`);
    } else if ((m = SUBGRAPH.exec(line))) {
      declare(m[1], where);
      model.subgraphs.set(m[1], m[2]);
      open.push(m[1]);
    } else if ((m = NODE.exec(line))) {
      declare(m[1], where);
      model.nodes.set(
        m[1],
        m.slice(2).find((label) => label !== undefined)!,
      );
    } else if ((m = EDGE.exec(line))) {
      for (const id of [m[1], m[4]]) {
        if (!model.nodes.has(id) && !model.subgraphs.has(id))
          throw new Error(`line ${where}: edge uses undeclared "${id}"`);
      }
      model.edges.push({ from: m[1], arrow: m[2], label: m[3], to: m[4] });
    } else if ((m = LINK_STYLE.exec(line))) {
      const indices = m[1].split(",").map(Number);
      const bad = indices.find((index) => index >= model.edges.length);
      if (bad !== undefined)
        throw new Error(`line ${where}: linkStyle ${bad} but only ${model.edges.length} edges precede it`);
      model.linkStyles.push({ indices, style: m[2] });
    } else if ((m = CLASS_DEF.exec(line))) {
      classDefs.add(m[1]);
    } else if ((m = CLASS.exec(line))) {
      if (!classDefs.has(m[2])) throw new Error(`line ${where}: class "${m[2]}" used before classDef`);
      for (const id of m[1].split(",")) {
        if (!model.nodes.has(id)) throw new Error(`line ${where}: class applied to undeclared node "${id}"`);
      }
      model.classes.set(m[2], m[1].split(","));
    } else {
      throw new Error(`line ${where}: not in the flowchart subset: "${raw}"`);
    }
  });
  if (open.length > 0) throw new Error(`subgraph ${open[open.length - 1]} is never closed`);
  return model;
}

/** The text a label shows once Mermaid decodes its entities. */
export function decodeLabel(quoted: string): string {
  // One pass, as Mermaid decodes: `#35;quot;` shows "#quot;", not a quote.
  return quoted
    .slice(1, -1)
    .replace(/#(\d+|quot);/g, (_, code: string) => (code === "quot" ? '"' : String.fromCodePoint(Number(code))));
}
