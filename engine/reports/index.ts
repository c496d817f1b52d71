// Pull-request outputs of an offline preview: SARIF for code scanning and a Markdown summary for a PR comment.
export { toSarif, writeSarif, type SarifOptions } from "./sarif";
export { toMarkdown, writeMarkdown, commentMarker, type MarkdownOptions } from "./markdown";
export {
  firstOf,
  lookupFromPacks,
  lookupFromPolicies,
  type RuleMetadata,
  type RuleMetadataLookup,
  type PolicyLike,
} from "./ruleMetadata";
export { kitRuleLookup, kitRules, reportLookup, KIT_PACK_NAME } from "./kitRules";
export type { PreviewDocument, ExposureRow } from "./document";
export { writePullRequestReports, type PullRequestReportOptions } from "./write";
