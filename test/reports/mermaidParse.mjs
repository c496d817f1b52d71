// Parses Mermaid diagrams with Mermaid's own parser. Reads a JSON array of diagram texts on stdin and prints one JSON
// verdict per diagram, in order, one per line: {"ok":false,"error":"..."} when Mermaid rejects the text, otherwise
// {"ok":true,"type":"flowchart-v2",...}; for a flowchart the verdict also carries what Mermaid read: its nodes and
// subgraphs (id to the text a browser shows) and its edges. Mermaid is ESM-only and the tests run as CommonJS, so the
// tests run this script in a child process.
import { JSDOM } from "jsdom";

// Mermaid sanitises labels with DOMPurify, which binds to the global `window` when it is first imported: the window
// must exist before Mermaid loads, hence the dynamic import. Parsing needs nothing more of the DOM.
const { window } = new JSDOM("");
globalThis.window = window;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, logLevel: "fatal" });

/** The text a browser shows for a parsed label: Mermaid's entity placeholders restored, then HTML decoded. */
function shown(label) {
  const html = label.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
  const element = window.document.createElement("div");
  element.innerHTML = html;
  return element.textContent;
}

async function flowchartModel(text) {
  const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
  if (typeof db.getVertices !== "function") return {};
  return {
    nodes: Object.fromEntries([...db.getVertices().values()].map((v) => [v.id, shown(v.text)])),
    subgraphs: Object.fromEntries(db.getSubGraphs().map((s) => [s.id, shown(s.title)])),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, label: e.text ? shown(e.text) : undefined })),
  };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = JSON.parse(Buffer.concat(chunks).toString("utf8"));

for (const text of diagrams) {
  let verdict;
  try {
    const { diagramType } = await mermaid.parse(text);
    verdict = { ok: true, type: diagramType, ...(await flowchartModel(text)) };
  } catch (error) {
    verdict = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
