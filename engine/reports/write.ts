// One call for the CLI's `--sarif FILE` and `--markdown FILE` flags.
import type { PreviewDocument } from "./document";
import { KIT_PACK_NAME, kitRules, reportLookup } from "./kitRules";
import { writeMarkdown } from "./markdown";
import type { PolicyLike } from "./ruleMetadata";
import { writeSarif } from "./sarif";

export interface PullRequestReportOptions {
  sarifFile?: string;
  markdownFile?: string;
  /** Absolute repository root (the project directory). Default: the working directory. */
  repoRoot?: string;
  /** Repository-relative program entry, where results without a source position point. Default: stacks/index.ts. */
  entryFile?: string;
  /** The packs' GetAnalyzerInfo answers, used to describe policies of packs other than the kit's. */
  packs?: readonly { name: string; policies: readonly PolicyLike[] }[];
}

export function writePullRequestReports(doc: PreviewDocument, options: PullRequestReportOptions): void {
  const lookup = reportLookup(options.packs);
  if (options.sarifFile) {
    // The kit's whole rule list belongs in the log only when its pack ran.
    const kitRan = !options.packs || options.packs.some((pack) => pack.name === KIT_PACK_NAME);
    writeSarif(options.sarifFile, doc, {
      lookup,
      knownRules: kitRan ? kitRules() : [],
      repoRoot: options.repoRoot,
      entryFile: options.entryFile,
    });
  }
  if (options.markdownFile) writeMarkdown(options.markdownFile, doc, { lookup });
}
