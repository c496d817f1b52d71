// Physical names AWS components build from their own name (see ../derivedNames.ts for why they are checked early).
import { DerivedName, matches } from "../derivedNames";

export { checkDerivedNames } from "../derivedNames";

export const logGroupName = (value: string): DerivedName => ({
  kind: "CloudWatch Logs group name",
  value,
  valid: matches(/^[A-Za-z0-9._/#-]+$/, 512),
  rule: "1-512 letters, digits, '.', '_', '/', '#' or '-'",
});

export const webAclName = (value: string): DerivedName => ({
  kind: "WAF web ACL name",
  value,
  valid: matches(/^[A-Za-z0-9_-]+$/, 128),
  rule: "1-128 letters, digits, '_' or '-'",
});

/**
 * IAM role names the provider derives from a logical name (it appends a random suffix). Only the characters are
 * checked: how the suffix is fitted into 64 characters is the provider's business.
 */
export const iamRoleName = (value: string): DerivedName => ({
  kind: "IAM role name",
  value,
  valid: (v) => /^[A-Za-z0-9_+=,.@-]+$/.test(v),
  rule: "letters, digits or '_+=,.@-'",
});

export const iamPolicyName = (value: string): DerivedName => ({
  kind: "IAM policy name",
  value,
  valid: matches(/^[A-Za-z0-9_+=,.@-]+$/, 128),
  rule: "1-128 letters, digits or '_+=,.@-'",
});

export const backupName = (kind: "AWS Backup plan name" | "AWS Backup selection name", value: string) => ({
  kind,
  value,
  valid: matches(/^[A-Za-z0-9_.-]+$/, 50),
  rule: "1-50 letters, digits, '_', '.' or '-'",
});

/** S3's general-purpose bucket rules; `accountId` stands in for the 12 digits the default name appends. */
export const bucketName = (value: string): DerivedName => ({
  kind: "S3 bucket name",
  value,
  valid: (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) && !v.includes(".."),
  rule: "3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit",
});

/** EventBridge rule names the provider derives from a logical name; only the characters are checked (see iamRoleName). */
export const eventRuleName = (value: string): DerivedName => ({
  kind: "EventBridge rule name",
  value,
  valid: (v) => /^[A-Za-z0-9._-]+$/.test(v),
  rule: "letters, digits, '.', '_' or '-'",
});

/** SNS topic names the provider derives from a logical name; only the characters are checked (see iamRoleName). */
export const snsTopicName = (value: string): DerivedName => ({
  kind: "SNS topic name",
  value,
  valid: (v) => /^[A-Za-z0-9_-]+$/.test(v),
  rule: "letters, digits, '_' or '-'",
});
