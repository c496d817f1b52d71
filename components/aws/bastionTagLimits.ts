// The tag rules the AWS bastion's caller tags meet: they go on the host and its security group (EC2) and on the
// host's role (IAM), so they are held to both services' rules, the stricter of each.
import { AllowListTagRule } from "../allowListTag";
import { ResourceTagLimits } from "../resourceTagLimits";
import { isPlain } from "../validation";

/**
 * EC2's tag restrictions (EC2 API Reference, Tag: "Tag keys are case-sensitive and accept a maximum of 127 Unicode
 * characters. May not begin with aws:"; "Tag values ... accept a maximum of 256 Unicode characters"; the EC2 User
 * Guide's tag restrictions: 50 tags per resource). `aws:` is refused in any case. A value given as an Output inside a
 * plain object is checked once known (the bastion's deferred check).
 */
const EC2_TAG_LIMITS: ResourceTagLimits = {
  cloud: "EC2",
  maxTags: 50,
  maxKeyLength: 127,
  maxValueLength: 256,
  reservedKey: /^aws:/i,
  reservedKeyText: "aws: (AWS's own)",
  deferredValue: (value) => !isPlain(value),
};

/**
 * The caller's tags also go on the host's IAM role, where a tag the user wrote should not vanish in silence, so they
 * are held to IAM's rules too rather than left off the role. IAM API Reference, Tag: keys and values match
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]` (keys 1-128, values 0-256 characters: EC2's limits are as strict). IAM User Guide,
 * Tagging IAM resources: tag keys of users and roles "are not case sensitive, but case is preserved. This means that
 * you cannot have separate Department and department tag keys".
 */
export const BASTION_TAG_LIMITS: ResourceTagLimits = {
  ...EC2_TAG_LIMITS,
  characters: {
    allowed: /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u,
    text: "letters, digits, spaces and _ . : / = + - @ only (IAM's tag characters: the tags go on the bastion's role)",
  },
  caseInsensitiveKeys: { service: "IAM (the tags go on the bastion's role)" },
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
