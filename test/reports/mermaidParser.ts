// Mermaid's own parser, for the tests: Mermaid is ESM-only and jest runs CommonJS, so mermaidParse.mjs parses in a
// child process. One process parses every diagram of a call: pass them all at once.
import { execFileSync } from "child_process";
import * as path from "path";

const SCRIPT = path.join(__dirname, "mermaidParse.mjs");

/** What Mermaid made of one diagram: the parser's error, or for a flowchart the nodes, subgraphs and edges it read. */
export type MermaidVerdict =
  | { ok: false; error: string }
  | {
      ok: true;
      type: string;
      /** Node id to the label text a browser shows. */
      nodes?: Record<string, string>;
      /** Subgraph id to its title as a browser shows it. */
      subgraphs?: Record<string, string>;
      edges?: { from: string; to: string; label?: string }[];
    };

/** Parses each diagram with Mermaid and returns one verdict per diagram, in order. */
export function parseWithMermaid(diagrams: string[]): MermaidVerdict[] {
  const output = execFileSync(process.execPath, [SCRIPT], {
    input: JSON.stringify(diagrams),
    encoding: "utf8",
    timeout: 60_000,
  });
  const verdicts = output
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as MermaidVerdict);
  if (verdicts.length !== diagrams.length)
    throw new Error(`expected ${diagrams.length} verdicts from ${SCRIPT}, got ${verdicts.length}:\n${output}`);
  return verdicts;
}
