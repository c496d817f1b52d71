// An EKS managed node group without a launch template runs on the template EKS generates, which cannot set metadata
// options and answers IMDSv1 on AMIs that allow it: the Amazon Linux 2 and Windows AMI types. Amazon Linux 2023 and
// Bottlerocket AMIs require tokens themselves, and a node group with a launch template takes that template's
// metadataOptions, which the rule checks as a resource of its own.
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { present } from "./metadata-tokens";

/** AMI types whose images leave tokens optional when the launch template says nothing. */
const TOKENS_OPTIONAL = /^(AL2_|WINDOWS_)/i;

export function eksNodeGroupImdsFindings(p: Record<string, unknown>): Finding[] {
  if (present(p.launchTemplate)) return [];
  if (isUnknown(p.amiType)) return [unverifiable("amiType")];
  if (typeof p.amiType !== "string" || !TOKENS_OPTIONAL.test(p.amiType)) return [];
  return [
    violation(
      `amiType is ${JSON.stringify(p.amiType)} without a launchTemplate: EKS's generated launch template leaves IMDSv1 open; set launchTemplate to a template with metadataOptions.httpTokens "required", or use an AL2023 or Bottlerocket amiType`,
    ),
  ];
}
