// The tag rules the AWS bastion's caller tags meet: they go on the host and its security group (EC2) and on the
// host's role (IAM), so they are held to both services' rules, the stricter of each.
import { AllowListTagRule } from "../allowListTag";
import { ResourceTagLimits } from "../resourceTagLimits";
import { EC2_TAG_LIMITS, iamCaseInsensitiveKeys, restrictedTagCharacters } from "./callerTagLimits";

/**
 * EC2's limits (callerTagLimits.ts: 50 tags, 127-character keys, 256-character values, no `aws:` key). The caller's
 * tags also go on the host's IAM role, where a tag the user wrote should not vanish in silence, so they are held to
 * IAM's rules too rather than left off the role: its characters and its case-insensitive keys (IAM's 128-character
 * keys and 256-character values are no stricter than EC2's).
 */
export const BASTION_TAG_LIMITS: ResourceTagLimits = {
  ...EC2_TAG_LIMITS,
  characters: restrictedTagCharacters("IAM's tag characters: the tags go on the bastion's role"),
  caseInsensitiveKeys: iamCaseInsensitiveKeys("the bastion's role"),
};

/**
 * The host's SSH allow-list tags, read by the policy pack: blocks joined with spaces, in values as long as EC2 takes,
 * on a host of as many tags as EC2 takes (`aws:` keys do not count). About 15 host blocks fill a value, so the 60 to
 * 1000 blocks securityGroupRuleQuota lets in take several tags; a provider's defaultTags, unknown here, are not
 * counted.
 */
export const ALLOW_LIST_TAG: AllowListTagRule = {
  separator: " ",
  maxLength: EC2_TAG_LIMITS.maxValueLength,
  maxTags: EC2_TAG_LIMITS.maxTags,
  cloud: EC2_TAG_LIMITS.cloud,
};
