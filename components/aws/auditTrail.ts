// Who did what, in every region, in a log nobody can rewrite: CloudTrail with digest validation, KMS, an
// object-locked bucket and a CloudWatch copy kept ≥ 180 days. The case's responders relied on sub-account audit logs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkDays, checkLogRetention, DEFAULT_LOG_RETENTION_DAYS, shortenedRetentionWarning } from "../plan/retention";
import { checkKnownArguments, checkPlainArguments, Problems } from "../validation";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { awsContext } from "./context";
import { checkBucketName, createEvidenceBucket, EVIDENCE_TAG } from "./evidenceBucket";
import { CallerTagRule, checkCallerTagsOnceKnown, checkPlainCallerTags } from "./callerTagCheck";
import { AUDIT_TRAIL_TAG_LIMITS } from "./callerTagLimits";
import { policyDocument, serviceTrustPolicy } from "./iam";
import { createServiceKey, logsServiceStatement } from "./kmsKey";
import { createEvidenceLogGroup } from "./evidenceLogGroup";
import { ChildGate } from "../childGate";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
import { bucketName, checkDerivedNames } from "./derivedNames";

export interface AuditTrailArgs {
  /**
   * Trail bucket name; default `<name>-trail-<account id>` (stable; the component's name must then be a valid start
   * of a bucket name). Given as an Output, it is checked once known, before the key and the bucket are created.
   */
  bucketName?: pulumi.Input<string>;
  /** Trail name; default `<name>-trail`. Pin it so renaming the component does not replace the trail. */
  trailName?: string;
  /**
   * CloudWatch log group of the trail copy; default `/hardening/<name>/cloudtrail`. Pin it so renaming the component
   * does not replace this evidence store.
   */
  logGroupName?: string;
  /** Object Lock COMPLIANCE retention of trail files, 180–3650 days. Default 365. */
  retentionDays?: number;
  /** CloudWatch Logs retention of the trail copy, at least 180 days. Default 365. */
  logRetentionDays?: number;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps this list complete. */
const KNOWN_ARGUMENTS: Record<keyof AuditTrailArgs, true> = {
  bucketName: true,
  trailName: true,
  logGroupName: true,
  retentionDays: true,
  logRetentionDays: true,
  tags: true,
};
/** Arguments that name evidence or set its lock: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = ["trailName", "logGroupName", "retentionDays", "logRetentionDays"] as const;
export const DEFAULT_TRAIL_RETENTION_DAYS = 365;
/** CloudTrail: 3-128 letters, digits, periods, underscores and dashes, alphanumeric at both ends, no doubled marks. */
const TRAIL_NAME = /^[A-Za-z0-9](?:[._-]?[A-Za-z0-9])+$/;
/** CloudWatch Logs: 1-512 of letters, digits, underscore, hyphen, slash, period and hash. */
const LOG_GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;

/** The caller's tags beside the bucket's evidence tag, which overwrites a caller's copy. */
const AUDIT_TRAIL_TAGS: CallerTagRule = { limits: AUDIT_TRAIL_TAG_LIMITS, ownTags: [[EVIDENCE_TAG]] };

/** Globally unique without an argument: the component's name and the account. */
const defaultBucketNameOf = (name: string, accountId: string) => `${name}-trail-${accountId}`;

function trailNameOf(name: string, args: AuditTrailArgs): string {
  return args.trailName ?? `${name}-trail`;
}

function logGroupNameOf(name: string, args: AuditTrailArgs): string {
  return args.logGroupName ?? `/hardening/${name}/cloudtrail`;
}

function validate(name: string, args: AuditTrailArgs): void {
  const problems = new Problems("AuditTrail");
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  checkBucketName(problems, "bucketName", args.bucketName);
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, AUDIT_TRAIL_TAGS);
  // The names are checked as they will be used, defaults included: the bucket and key policies pin them.
  const trailName = trailNameOf(name, args);
  const trailOk = problems.check(
    typeof trailName === "string" && TRAIL_NAME.test(trailName) && trailName.length >= 3 && trailName.length <= 128,
    "trailName",
    trailName,
    "3-128 letters, digits, periods, underscores or dashes, a letter or digit at both ends, no two marks in a row",
    "pass a trailName such as org-trail",
  );
  const logGroupName = logGroupNameOf(name, args);
  problems.check(
    typeof logGroupName === "string" && LOG_GROUP_NAME.test(logGroupName),
    "logGroupName",
    logGroupName,
    "1-512 letters, digits and _ - / . #",
    "pass a logGroupName such as /hardening/audit/cloudtrail",
  );
  // The default bucket name comes from the component's name too; a default trail name already refused says it.
  if (args.bucketName === undefined && (trailOk || args.trailName !== undefined)) {
    // The default bucket name appends the 12-digit account id.
    checkDerivedNames(
      problems,
      name,
      [bucketName(defaultBucketNameOf(name, "123456789012"))],
      "pass bucketName, or rename the component (lower-case, at most 44 characters)",
    );
  }
  checkDays(
    problems,
    "retentionDays",
    args.retentionDays ?? DEFAULT_TRAIL_RETENTION_DAYS,
    180,
    3650,
    "omit retentionDays for 365 days",
  );
  checkLogRetention(problems, "logRetentionDays", args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS);
  problems.throwIfAny();
}

export class AuditTrail extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;

  constructor(name: string, args: AuditTrailArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validate(name, args);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:AuditTrail", name, {}, gate.options(guardEvidence(`AuditTrail ${name}`, opts)));
    guardInheritedTransformations(`AuditTrail ${name}`, this);
    const parent = { parent: this };
    const tags = pulumi.output(args.tags ?? {});
    // A bucket name given as an Output is checked once known; every child, the retained key and bucket included,
    // waits for the check (the gate adds it to its dependsOn), so no retained store is created for a name S3 refuses,
    // and the account context in their policies stays known at preview.
    const checked = checkOnceKnown(`AuditTrail ${name}`, { bucketName: args.bucketName }, (problems, known) =>
      checkBucketName(problems, "bucketName", known.bucketName),
    );
    // So do tags given as an Output or holding one: a tag IAM or CloudWatch Logs refuses creates nothing.
    const tagsChecked = checkCallerTagsOnceKnown(`AuditTrail ${name}`, args.tags, AUDIT_TRAIL_TAGS);
    gate.waitFor(tagsChecked ? pulumi.all([checked, tagsChecked]) : checked);
    const context = awsContext(`AuditTrail ${name}`, this, opts?.provider);
    const trailName = trailNameOf(name, args);
    const trailArn = pulumi.interpolate`arn:${context.partition}:cloudtrail:${context.region}:${context.accountId}:trail/${trailName}`;
    const fromThisTrail = { StringEquals: { "aws:SourceArn": trailArn } };
    const logGroupName = logGroupNameOf(name, args);
    for (const [argument, days, defaultDays] of [
      ["retentionDays", args.retentionDays ?? DEFAULT_TRAIL_RETENTION_DAYS, DEFAULT_TRAIL_RETENTION_DAYS],
      ["logRetentionDays", args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS, DEFAULT_LOG_RETENTION_DAYS],
    ] as const) {
      const shortened = shortenedRetentionWarning(argument, days, defaultDays);
      if (shortened) pulumi.log.warn(`AuditTrail ${name}: ${shortened}`, this);
    }

    const key = createServiceKey(
      `${name}-trail-key`,
      {
        description: `${name}: CloudTrail`,
        context,
        serviceStatements: [
          {
            Sid: "CloudTrailEncrypts",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
              StringEquals: { "aws:SourceArn": trailArn },
              StringLike: {
                "kms:EncryptionContext:aws:cloudtrail:arn": pulumi.interpolate`arn:${context.partition}:cloudtrail:*:${context.accountId}:trail/*`,
              },
            },
          },
          {
            Sid: "CloudTrailDescribes",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
          },
          logsServiceStatement(context, [logGroupName]),
        ],
      },
      parent,
    );
    this.kmsKeyArn = key.arn;

    const evidence = createEvidenceBucket(
      `${name}-trail-bucket`,
      {
        bucketName:
          args.bucketName === undefined
            ? context.accountId.apply((account) => defaultBucketNameOf(name, account))
            : afterCheck(checked, args.bucketName),
        kmsKeyArn: key.arn,
        retentionDays: args.retentionDays ?? DEFAULT_TRAIL_RETENTION_DAYS,
        tags,
        serviceStatements: (bucketArn) => [
          {
            Sid: "CloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: bucketArn,
            Condition: fromThisTrail,
          },
          {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${context.accountId}/*`,
            Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
          },
        ],
      },
      parent,
    );
    this.bucketName = evidence.bucket.bucket;

    const logGroup = createEvidenceLogGroup(
      `${name}-trail-logs`,
      { name: logGroupName, retentionInDays: args.logRetentionDays, kmsKeyId: key.arn, tags },
      this,
    );
    this.logGroupName = logGroup.name;
    const role = new aws.iam.Role(
      `${name}-trail-logs-role`,
      { assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com", context.accountId), tags },
      parent,
    );
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-trail-logs-write`,
      {
        role: role.id,
        policy: policyDocument([
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
          },
        ]),
      },
      parent,
    );

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName,
        s3BucketName: evidence.bucket.bucket,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: key.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: role.arn,
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
        tags,
      },
      // Writes the evidence: transformations may only tag it, like the bucket and log group (../evidenceGuard.ts).
      evidenceWriter({ parent: this, dependsOn: [...evidence.ready, rolePolicy] }),
    );
    this.trailArn = trail.arn;

    this.registerOutputs({
      trailArn: this.trailArn,
      bucketName: this.bucketName,
      logGroupName: this.logGroupName,
      kmsKeyArn: this.kmsKeyArn,
    });
  }
}
