// A pull-request comment summarising an offline preview: verdict, counts, violations, exposures, network diagram.
import { writeFileSync } from "fs";
import type { PolicyDiagnostic } from "../model";
import { listText, nameFromUrn, type ExposureRow, type PreviewDocument } from "./document";
import { markdownCell, markdownTable } from "./markdownText";
import { renderMermaid } from "./mermaid";
import { violationText, type RuleMetadataLookup } from "./ruleMetadata";
import { buildNetworkDiagram } from "./networkDiagram";

export interface MarkdownOptions {
  /** Policy metadata: lets the table show what is specific to each violation rather than the policy's description. */
  lookup?: RuleMetadataLookup;
  /** Rows shown per table before the rest is summarised (GitHub comments stop at 65,536 characters). */
  maxRows?: number;
  /** Diagrams beyond this many nodes are left out: Mermaid stops rendering large graphs. */
  maxDiagramNodes?: number;
  /** Longest summary written; GitHub refuses a comment body over 65,536 characters. */
  maxChars?: number;
}

/** Below GitHub's 65,536-character comment limit, with room for counting differences (it counts code points). */
export const MAX_COMMENT_CHARS = 60_000;

/** A hidden marker the workflow uses to find and update its own comment instead of adding a new one. */
export function commentMarker(stack: string): string {
  return `<!-- hardening-kit-summary:${stack.replace(/[^A-Za-z0-9._-]/g, "_")} -->`;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

/**
 * The summary within `maxChars`: the diagram goes first, then table rows, halved until it fits (the SARIF report
 * keeps every row).
 */
export function toMarkdown(doc: PreviewDocument, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? MAX_COMMENT_CHARS;
  if (doc.error) return failureMarkdown(doc.stack, doc.error, maxChars);
  let layout: Layout = { rows: options.maxRows ?? 100, diagram: true };
  let text = render(doc, options, layout);
  if (text.length > maxChars && layout.diagram) text = render(doc, options, (layout = { ...layout, diagram: false }));
  while (text.length > maxChars && layout.rows > 0) {
    layout = { ...layout, rows: Math.floor(layout.rows / 2) };
    text = render(doc, options, layout);
  }
  return text;
}

interface Layout {
  rows: number;
  diagram: boolean;
}

function render(doc: PreviewDocument, options: MarkdownOptions, layout: Layout): string {
  const maxRows = layout.rows;
  const diagnostics = [...doc.diagnostics].sort(
    (a, b) =>
      (LEVEL_ORDER[a.enforcementLevel] ?? 9) - (LEVEL_ORDER[b.enforcementLevel] ?? 9) ||
      a.policyName.localeCompare(b.policyName) ||
      a.urn.localeCompare(b.urn),
  );
  const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
  const advisory = diagnostics.filter((d) => d.enforcementLevel === "advisory").length;
  const exposures = doc.exposures ?? [];
  const stack = markdownCell(doc.stack);

  const parts = [commentMarker(doc.stack)];
  parts.push(
    mandatory > 0
      ? `### ❌ Hardening gate: stack ${stack} is blocked by ${plural(mandatory, "mandatory violation")}`
      : `### ✅ Hardening gate: stack ${stack} passes (${plural(advisory, "advisory finding")})`,
  );
  parts.push(
    markdownTable(
      ["resources", "mandatory", "advisory", "internet exposures"],
      [
        [
          String(doc.summary?.resources ?? doc.resources.length),
          String(mandatory),
          String(advisory),
          String(exposures.length),
        ],
      ],
      ["right", "right", "right", "right"],
    ),
  );
  parts.push("#### Policy violations");
  parts.push(
    diagnostics.length > 0 ? violationsTable(diagnostics, maxRows, options.lookup) : "No policy reported a violation.",
  );
  parts.push("#### Internet exposures");
  parts.push(
    exposures.length > 0 ? exposuresTable(exposures, maxRows) : "Nothing in this stack is reachable from the internet.",
  );
  parts.push("#### Planned network");
  parts.push(
    layout.diagram
      ? diagramSection(doc, options.maxDiagramNodes ?? 150)
      : "The network diagram is left out: with it the summary would exceed a comment's length.",
  );
  return `${parts.join("\n\n")}\n`;
}

type FailedPreview = NonNullable<PreviewDocument["error"]>;

/**
 * A failed preview's comment replaces an older one that said "passes": it must say the gate did not run through, so
 * it must be postable too. The error message is cut to what fits, halving its share while the fence around it (as
 * long as its longest backtick run) still pushes the comment over.
 */
function failureMarkdown(stack: string, error: FailedPreview, maxChars: number): string {
  const page = (message: string) =>
    `${[commentMarker(stack), ...failureSection(stack, error, message)].join("\n\n")}\n`;
  let budget = Math.max(0, maxChars - page("").length - CUT_NOTE_ROOM);
  let text = page(shortened(error.message, budget));
  while (text.length > maxChars && budget > 0) {
    budget = Math.floor(budget / 2);
    text = page(shortened(error.message, budget));
  }
  return text;
}

function failureSection(stack: string, error: FailedPreview, message: string): string[] {
  const where = error.resource ? ` while declaring ${markdownCell(error.resource)}` : "";
  return [
    `### ⛔ Hardening gate: the preview of stack ${markdownCell(stack)} FAILED`,
    `The ${markdownCell(error.kind)} step failed${where}, so no policy verdict exists for this change:`,
    fencedText(message),
    "Fix the error and push again; the job log has the program's output and diagnostics.",
  ];
}

/** Room left for the line saying how much of a message was cut. */
const CUT_NOTE_ROOM = 120;

/**
 * `text` within `budget` characters: its head and tail (where an error names itself and where it was thrown), with a
 * line between saying how much was cut.
 */
function shortened(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const keep = Math.max(0, budget);
  const head = pairSafeEnd(text, Math.ceil(keep / 2));
  const tail = pairSafeStart(text, text.length - Math.floor(keep / 2));
  const cut = tail - head;
  return `${text.slice(0, head)}\n… ${cut} characters cut here; the job log has the whole message …\n${text.slice(tail)}`;
}

/** A cut position moved back so it does not split a surrogate pair. */
function pairSafeEnd(text: string, end: number): number {
  return end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end;
}

/** A start position moved forward so it does not begin inside a surrogate pair. */
function pairSafeStart(text: string, start: number): number {
  return start < text.length && start > 0 && isHighSurrogate(text.charCodeAt(start - 1)) ? start + 1 : start;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Text shown verbatim: a fence longer than any backtick run inside it. */
function fencedText(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function writeMarkdown(file: string, doc: PreviewDocument, options: MarkdownOptions = {}): void {
  writeFileSync(file, toMarkdown(doc, options));
}

function violationsTable(diagnostics: PolicyDiagnostic[], maxRows: number, lookup?: RuleMetadataLookup): string {
  const rows = diagnostics
    .slice(0, maxRows)
    .map((d) => [
      d.enforcementLevel === "mandatory" ? "**mandatory**" : markdownCell(d.enforcementLevel),
      markdownCell(d.severity || "—"),
      markdownCell(d.policyName),
      markdownCell(d.urn ? nameFromUrn(d.urn) : "(stack)"),
      markdownCell(violationText(d.message, lookup?.(d.policyName, d.policyPackName))),
    ]);
  return withOverflow(
    markdownTable(["level", "severity", "policy", "resource", "message"], rows),
    diagnostics.length,
    maxRows,
  );
}

function exposuresTable(exposures: ExposureRow[], maxRows: number): string {
  const rows = exposures
    .slice(0, maxRows)
    .map((e) => [
      markdownCell(e.resourceName ?? nameFromUrn(e.urn)),
      markdownCell(e.type ?? ""),
      markdownCell(e.protocol ?? ""),
      markdownCell(listText(e.ports)),
      markdownCell(listText(e.sources)),
      markdownCell(listText(e.path, " → ")),
    ]);
  return withOverflow(
    markdownTable(["resource", "type", "protocol", "ports", "sources", "path"], rows),
    exposures.length,
    maxRows,
  );
}

function diagramSection(doc: PreviewDocument, maxNodes: number): string {
  const diagram = buildNetworkDiagram(doc.resources, doc.exposures ?? []);
  if (diagram.nodes.length === 0 && diagram.containers.length === 0) return "This stack plans no network resources.";
  if (diagram.nodes.length > maxNodes) {
    return `The network has ${diagram.nodes.length} nodes, more than the ${maxNodes} a comment diagram can show.`;
  }
  const legend = "Red arrows: reachable from the internet (from the exposure table).";
  return `${legend}\n\n\`\`\`mermaid\n${renderMermaid(diagram)}\n\`\`\``;
}

function withOverflow(table: string, total: number, shown: number): string {
  return total > shown ? `${table}\n\n…and ${total - shown} more; the SARIF report lists them all.` : table;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
