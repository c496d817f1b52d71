// The `--json` document: the one machine-readable shape later tools rely on (and `--baseline` reads back).
// Secret values are already redacted in the result, in URNs, names and object keys too.
import { documentLogs } from "./logs";
import type { PreviewResult } from "./preview";

/** Why a preview failed, in the document of a failed run (its other keys hold what was found before the failure). */
export interface DocumentError {
  kind: string;
  message: string;
  resource?: string;
}

export function previewDocument(result: PreviewResult, error?: DocumentError) {
  return {
    stack: result.stack,
    resources: result.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: r.inputs,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      ...(r.sourcePosition ? { sourcePosition: r.sourcePosition } : {}),
      options: r.options ?? {},
      step: r.step,
      ...(r.aliasOf ? { aliasOf: r.aliasOf } : {}),
      ...(r.changed ? { changed: r.changed } : {}),
      ...(r.mayReplace ? { mayReplace: r.mayReplace } : {}),
    })),
    steps: result.steps,
    deleted: result.deleted,
    diagnostics: result.diagnostics.map((d) => ({
      policyPackName: d.policyPackName,
      policyName: d.policyName,
      enforcementLevel: d.enforcementLevel,
      severity: d.severity,
      urn: d.urn,
      message: d.message,
    })),
    summary: result.summary,
    exposures: result.exposures,
    outputs: result.outputs,
    logs: documentLogs(result.logs, result.packLogs, result),
    ...(error
      ? { error: { kind: error.kind, message: error.message, ...(error.resource ? { resource: error.resource } : {}) } }
      : {}),
  };
}
