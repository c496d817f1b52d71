// Text output in the shape of `pulumi preview`: plan tree, program diagnostics, outputs, counts, policies, exposures,
// verdict.
import type { Colors } from "picocolors/types";
import type { Exposure } from "./exposures";
import type { EngineLog, PolicyDiagnostic } from "./model";
import type { PreviewResource, PreviewResult } from "./preview";
import { plainMessage } from "./failure";
import { outputLines } from "./stack-outputs";
import { DIFF_CAVEAT, type DeletedResource } from "./steps";
import { ROOT_STACK_TYPE, urnName, urnType } from "./urn";

const nameOf = urnName;
const typeOf = urnType;

function label(urn: string): string {
  return urn ? `${typeOf(urn)}: ${nameOf(urn)}` : "stack";
}

type TreeNode = (PreviewResource | (DeletedResource & { step: "delete" })) & { parent: string };

/** The symbol `pulumi preview` puts before a step, padded to two columns. */
function marker(node: TreeNode, c: Colors): string {
  switch (node.step) {
    case "create":
      return c.green("+ ");
    case "update":
      return "mayReplace" in node && node.mayReplace ? c.magenta("+-") : c.yellow("~ ");
    case "delete":
      return c.red("- ");
    case "read":
      return c.cyan("> ");
    case "import":
      // An import-replacement: the CLI's "=>" (replaced by the resource imported).
      return "mayReplace" in node && node.mayReplace ? c.magenta("=>") : c.cyan("= ");
    default:
      return "  ";
  }
}

/** What follows the name: changed inputs, a likely replacement, a retained delete. */
function detail(node: TreeNode): string {
  if (node.step === "import") {
    if (!("importId" in node) || !node.importId) return "";
    return node.mayReplace
      ? `  [import ${node.importId}; replaces the existing resource]`
      : `  [import ${node.importId}]`;
  }
  if (node.step === "delete") return node.retained ? "  (retained: leaves the state, not the cloud)" : "";
  if (node.step !== "update") return "aliasOf" in node && node.aliasOf ? "  (renamed via alias)" : "";
  const replace = node.mayReplace ? `replace? ${node.mayReplace.join(", ")}; ` : "";
  return `  [${replace}diff: ${(node.changed ?? []).join(", ")}]`;
}

function planTree(result: PreviewResult, c: Colors): string[] {
  const nodes: TreeNode[] = [...result.resources, ...result.deleted.map((d) => ({ ...d, step: "delete" as const }))];
  const children = new Map<string, TreeNode[]>();
  const known = new Set(nodes.map((r) => r.urn));
  for (const r of nodes) {
    const parent = known.has(r.parent) ? r.parent : "";
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const rows: [string, string, TreeNode][] = [];
  const walk = (parent: string, prefix: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const branch = parent ? (last ? "└─ " : "├─ ") : "";
      rows.push([`${prefix}${branch}${r.type}`, r.name, r]);
      walk(r.urn, parent ? prefix + (last ? "   " : "│  ") : prefix);
    });
  };
  walk("", "");
  const width = Math.max(4, ...rows.map(([t]) => t.length)) + 2;
  return [
    `     ${"Type".padEnd(width)}Name`,
    ...rows.map(([t, n, node]) => ` ${marker(node, c)}  ${t.padEnd(width)}${n}${detail(node)}`.trimEnd()),
  ];
}

/** A message as the CLI prints it: warnings and errors labelled, info messages bare. */
function logLine(l: { severity: EngineLog["severity"]; message: string }, c: Colors): string {
  // Continuation lines stay inside the group's indentation.
  const message = plainMessage(l.message).trim().replace(/\r?\n/g, "\n    ");
  if (l.severity === "warning") return `${c.yellow("warning")}: ${message}`;
  if (l.severity === "error") return `${c.red("error")}: ${message}`;
  return message;
}

/** The CLI's heading for the stack's own messages: its root resource, named `<project>-<stack>`. */
function stackLabel(result: PreviewResult): string {
  return `pulumi:pulumi:Stack (${result.project}-${result.stack})`;
}

function programDiagnostics(result: PreviewResult, c: Colors): string[] {
  const logs = result.logs.filter((l) => l.severity !== "info" || l.message.trim());
  const packLogs = (result.packLogs ?? []).filter((l) => l.message.trim());
  // stdout, then stderr: the CLI shows both as plain lines of the stack's diagnostics, stderr without "error:".
  const printed = [result.programOutput, result.programErrors]
    .map((text) => text.trim())
    .filter(Boolean)
    .join("\n");
  if (!logs.length && !printed && !packLogs.length) return [];
  const lines = ["", c.bold("Diagnostics:")];
  const groups = new Map<string, string[]>();
  const add = (heading: string, texts: string[]) => groups.set(heading, [...(groups.get(heading) ?? []), ...texts]);
  const stack = stackLabel(result);
  for (const l of logs) {
    // The stack's own URN and no URN are the same group, as the CLI shows them.
    add(l.urn && typeOf(l.urn) !== ROOT_STACK_TYPE ? `${typeOf(l.urn)} (${nameOf(l.urn)})` : stack, [logLine(l, c)]);
  }
  if (printed) add(stack, printed.split(/\r?\n/));
  for (const l of packLogs) add(`policy pack ${l.policyPack}`, [logLine(l, c)]);
  for (const [heading, texts] of groups) lines.push(`  ${heading}:`, ...texts.map((t) => `    ${t}`));
  return lines;
}

/** The stack's exports, keys aligned as the CLI aligns them. */
function outputs(result: PreviewResult, c: Colors): string[] {
  const keys = Object.keys(result.outputs);
  if (!keys.length) return [];
  const width = Math.max(...keys.map((k) => k.length));
  return [
    "",
    c.bold("Outputs:"),
    ...keys.flatMap((k) => {
      const [first, ...rest] = outputLines(result.outputs[k], "    ");
      return [`    ${k.padEnd(width)}: ${first}`, ...rest];
    }),
  ];
}

/** Step counts in the CLI's words; without a baseline everything is a create, as in a first `pulumi up`. */
function stepCounts(result: PreviewResult, c: Colors): string[] {
  const s = result.steps;
  const replacing = s.importReplace ? c.magenta(` (${s.importReplace} replacing an existing resource)`) : "";
  const imports = s.import ? [`    ${c.cyan(`= ${s.import} to import`)}${replacing}`] : [];
  const reads = s.read ? [`    ${c.cyan(`> ${s.read} to read`)}`] : [];
  if (!result.baseline) return [`    ${c.green(`+ ${s.create} to create`)}`, ...imports, ...reads];
  const retained = result.deleted.filter((d) => d.retained).length;
  const lines = [
    `    ${c.green(`+ ${s.create} to create`)}`,
    ...imports,
    `    ${c.yellow(`~ ${s.update} to update`)}${s.mayReplace ? c.magenta(` (${s.mayReplace} replace?)`) : ""}`,
    `    ${c.red(`- ${s.delete} to delete`)}${retained ? ` (${retained} retained)` : ""}`,
    `      ${s.same} unchanged`,
  ];
  lines.push(...reads);
  if (s.update) lines.push(`    note: ${DIFF_CAVEAT}`);
  return lines;
}

function countsByType(result: PreviewResult, c: Colors): string[] {
  const counts = new Map<string, number>();
  for (const r of result.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    "",
    c.bold("Resources:"),
    ...stepCounts(result, c),
    ...sorted.map(([type, n]) => `      ${String(n).padStart(5)}  ${type}`),
  ];
}

function levelTag(d: PolicyDiagnostic, c: Colors): string {
  const tag = `[${d.enforcementLevel}]`;
  return d.enforcementLevel === "mandatory" ? c.red(tag) : c.yellow(tag);
}

function policies(result: PreviewResult, c: Colors): string[] {
  if (!result.packs.length) return ["", c.bold("Policies:"), "    (no policy pack run)"];
  const lines = ["", c.bold("Policies:")];
  for (const pack of result.packs) {
    const ds = result.diagnostics.filter((d) => d.policyPackName === pack.name);
    const blocked = ds.some((d) => d.enforcementLevel === "mandatory");
    lines.push(`    ${blocked ? c.red("✖") : c.green("✔")} ${pack.name}@v${pack.version}`);
    for (const d of ds) {
      const severity = d.severity ? ` [severity: ${d.severity}]` : "";
      lines.push(`        - ${levelTag(d, c)}${severity} ${c.bold(d.policyName)}  (${label(d.urn)})`);
      for (const m of d.message.split("\n")) lines.push(`          ${m}`);
    }
  }
  for (const r of result.remediations) {
    const state = r.diagnostic ? c.red(`failed: ${r.diagnostic}`) : "applied";
    lines.push(`        ~ [remediate] ${r.policyName}  (${label(r.urn)}) ${state}`);
  }
  return lines;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function exposuresTable(exposures: Exposure[], c: Colors): string[] {
  if (!exposures.length) return ["", c.bold("Exposures:"), "    none found"];
  const columns = [...new Set(exposures.flatMap((e) => Object.keys(e)))];
  const rows = exposures.map((e) => columns.map((k) => cell(e[k])));
  const widths = columns.map((k, i) => Math.max(k.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `    ${cells.map((v, i) => v.padEnd(widths[i])).join("  ")}`.trimEnd();
  return ["", c.bold("Exposures:"), c.bold(line(columns)), ...rows.map(line)];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function verdict(result: PreviewResult, c: Colors): string {
  const { mandatory, advisory, resources } = result.summary;
  const tail = `${advisory} advisory, ${plural(resources, "resource")}, ${plural(result.exposures.length, "exposure")}`;
  return mandatory > 0
    ? c.red(c.bold(`✖ Blocked: ${plural(mandatory, "mandatory policy violation")} (${tail}).`))
    : c.green(c.bold(`✔ Passed: no mandatory policy violations (${tail}).`));
}

/**
 * A failed preview, as the CLI prints one before its error: the resources registered so far and the diagnostics
 * (the error paragraph itself goes to stderr).
 */
export function renderFailedPreview(result: PreviewResult, c: Colors): string {
  return [`Previewing update (${result.stack})`, "", ...planTree(result, c), ...programDiagnostics(result, c), ""].join(
    "\n",
  );
}

export function renderText(result: PreviewResult, c: Colors): string {
  return [
    `Previewing update (${result.stack})`,
    "",
    ...planTree(result, c),
    ...programDiagnostics(result, c),
    ...outputs(result, c),
    ...countsByType(result, c),
    ...policies(result, c),
    ...exposuresTable(result.exposures, c),
    "",
    verdict(result, c),
    "",
  ].join("\n");
}
