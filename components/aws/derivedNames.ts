// Physical names a component builds from its own name. AWS refuses a bad one only when that resource is created, after
// the retained keys and log groups before it exist; so the component's name is checked with its arguments.
import { Problems } from "../validation";

/** One physical name built from the component's name, and the AWS rule it must meet. */
export interface DerivedName {
  /** What AWS calls it, e.g. "WAF web ACL name". */
  kind: string;
  value: string;
  valid: (value: string) => boolean;
  /** The rule, as AWS documents it. */
  rule: string;
}

const matches = (pattern: RegExp, max: number) => (value: string) => value.length <= max && pattern.test(value);

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

/**
 * Reports the component's name once, naming the first physical name AWS would refuse. `fix` says what to change:
 * the component's name, or the argument that replaces the derived name.
 */
export function checkDerivedNames(problems: Problems, name: string, derived: DerivedName[], fix: string): void {
  const bad = derived.find((d) => !d.valid(d.value));
  if (!bad) return;
  problems.add(
    "name",
    name,
    `a component name that makes a valid ${bad.kind} (${bad.rule}); it would make ${JSON.stringify(bad.value)}`,
    fix,
  );
}
