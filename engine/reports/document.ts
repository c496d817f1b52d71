// The preview result as the report writers read it: the `--json` document's shape, so a PreviewResult or a parsed
// `--json` file can be passed as is.
import type { PlannedResource, PolicyDiagnostic } from "../model";
import { urnName } from "../urn";

/** One internet-reachable port, as the reachability model reports it. Unknown extra fields are ignored. */
export interface ExposureRow {
  urn: string;
  resourceName?: string;
  type?: string;
  protocol?: string;
  ports?: unknown;
  sources?: unknown;
  path?: unknown;
}

export interface PreviewDocument {
  stack: string;
  resources: PlannedResource[];
  diagnostics: PolicyDiagnostic[];
  summary?: { resources: number; mandatory: number; advisory: number };
  exposures?: ExposureRow[];
  /** Set when the preview failed: the other keys hold only what it found before failing. */
  error?: { kind: string; message: string; resource?: string };
}

/** The resource name carried by a URN (which may itself hold "::"), or the whole string when it is not a URN. */
export function nameFromUrn(urn: string): string {
  return urn.startsWith("urn:pulumi:") ? urnName(urn) : urn;
}

/** Renders list-like exposure fields (ports, sources, path) as one line of text. */
export function listText(value: unknown, separator = ", "): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((item) => listText(item, separator)).join(separator);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
