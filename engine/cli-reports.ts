// `--sarif FILE` and `--markdown FILE`: pull-request reports of a finished preview, written whatever its verdict.
import * as fs from "fs";
import * as path from "path";
import { readProject } from "./config";
import type { PreviewResult } from "./preview";
import { sourceEntry } from "./program";
import { writePullRequestReports, type PreviewDocument } from "./reports";

export interface ReportFiles {
  sarif?: string;
  markdown?: string;
}

/**
 * Writes the requested reports; file paths are relative to the working directory, as shells give them. A failed
 * preview's result carries its `error`, and the reports then say the preview failed.
 */
export function writeReportFiles(
  result: PreviewResult & Pick<PreviewDocument, "error">,
  files: ReportFiles,
  root: string,
  program?: string,
): void {
  if (!files.sarif && !files.markdown) return;
  const sarifFile = files.sarif && path.resolve(files.sarif);
  const markdownFile = files.markdown && path.resolve(files.markdown);
  for (const file of [sarifFile, markdownFile]) if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  writePullRequestReports(result, {
    sarifFile,
    markdownFile,
    repoRoot: root,
    entryFile: entryFileOf(root, program),
    packs: result.packs,
  });
}

/** The program's entry file; unknown when the project itself cannot be read (the failure the reports then describe). */
function entryFileOf(root: string, program?: string): string | undefined {
  try {
    return sourceEntry(root, readProject(root), program);
  } catch {
    return undefined;
  }
}
