// ThreatDetection's arguments, their defaults and their validation: everything is checked before anything is created.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkDays } from "../plan/retention";
import { checkThresholds, RESPONSE_LEVELS, ResponseLevel, SeverityThresholds } from "../plan/responseLevels";
import {
  checkBoolean,
  checkKnownArguments,
  checkPlainArguments,
  isPlain,
  Problems,
  ValidationProblem,
} from "../validation";
import {
  ACCOUNT_PATTERN,
  arnParts,
  isArnIn,
  PARTITION_PATTERN,
  partitionOfRegionName,
  REGION_PATTERN,
} from "../../lib/aws-names";
import { bucketName, checkDerivedNames, eventRuleName, snsTopicName } from "./derivedNames";
import { checkBucketName, EVIDENCE_TAG } from "./evidenceBucket";
import { CallerTagRule, checkPlainCallerTags } from "./callerTagCheck";
import { threatDetectionTagLimits } from "./callerTagLimits";
import {
  alarmName,
  checkRetryPolicy,
  deadLetterAlarmName,
  deadLetterQueueName,
  deadLetterQueueProblem,
  FindingsRetryPolicy,
  sqsQueueName,
} from "./findingsDeadLetterArgs";

/** A responder given as the resource itself: its kind is known when the component is constructed. */
export type ResponderResource = aws.lambda.Function | aws.sns.Topic | aws.sqs.Queue;

/**
 * Where one response level goes: an SNS topic, SQS queue or Lambda function ARN in the detector's region, the
 * function, topic or queue resource itself, or false.
 */
export type Responder = pulumi.Input<string> | ResponderResource | false;

export interface ThreatDetectionFeatures {
  /** Runtime Monitoring with the agent managed on EC2, ECS Fargate and EKS: host-level detections. Default true. */
  runtimeMonitoring?: boolean;
  /** Malware scans of EBS volumes when a finding points at an instance. Default true. */
  ebsMalwareProtection?: boolean;
  /** S3 data-event analysis (exfiltration, unusual object access). Default true. */
  s3DataEvents?: boolean;
}

export interface ThreatDetectionArgs {
  /**
   * A detector managed elsewhere (an organisation's delegated administrator): there is one detector per account and
   * region. When given, no detector and no features are created here, and findings are not exported unless
   * `exportFindings` is true.
   */
  existingDetectorId?: pulumi.Input<string>;
  /** Protection plans of the detector created here; all on by default. Turning one off writes it DISABLED and warns. */
  features?: ThreatDetectionFeatures;
  /**
   * Target of each response level. Default: an SNS topic per level, created here and encrypted with a key of its
   * own (subscribe the on-call tools to `topicArns`). An `aws.lambda.Function` given as itself (`red: fn`), or a
   * Lambda function ARN given as a string, gets the invoke permission for the level's rule here; an SNS topic or SQS
   * queue (resource or ARN) must already admit events.amazonaws.com. A Lambda ARN that arrives as an Output
   * (`fn.arn`) is refused when known (its kind is learnt too late to add the permission): pass the function itself.
   * `false` routes the level nowhere and warns.
   */
  responders?: { red?: Responder; yellow?: Responder; blue?: Responder };
  /** Lowest severity of red and yellow, from 1 to 8.9, yellow below red. Default red 7 (high), yellow 4 (medium). */
  severityThresholds?: Partial<SeverityThresholds>;
  /**
   * Export findings to an object-locked evidence bucket (GuardDuty keeps them 90 days). Default true when the
   * detector is created here; turning it off warns.
   */
  exportFindings?: boolean;
  /**
   * Evidence bucket of exported findings; default `<name>-findings-<account id>`. Given as an Output, it is checked
   * once known, before the export's key and bucket are created.
   */
  findingsBucketName?: pulumi.Input<string>;
  /** Object Lock COMPLIANCE retention of exported findings, 180-3650 days. Default 365. */
  findingsRetentionDays?: number;
  /**
   * A standard SQS queue of the caller's, in the detector's region, that every target dead-letters to instead of the
   * queue created here (`<name>-findings-dlq`, kept 14 days and on delete). Its policy stays the caller's: it must
   * admit events.amazonaws.com (`sqs:SendMessage` for the rules in `ruleArns`), and its key EventBridge.
   */
  deadLetterQueueArn?: pulumi.Input<string>;
  /** Retries of every target before a finding is dead-lettered. Default EventBridge's maxima: 24 hours, 185 times. */
  retryPolicy?: FindingsRetryPolicy;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Every argument, so a misspelled one is reported instead of ignored; the compiler keeps these lists complete. */
const KNOWN_ARGUMENTS: Record<keyof ThreatDetectionArgs, true> = {
  existingDetectorId: true,
  features: true,
  responders: true,
  severityThresholds: true,
  exportFindings: true,
  findingsBucketName: true,
  findingsRetentionDays: true,
  deadLetterQueueArn: true,
  retryPolicy: true,
  tags: true,
};
const KNOWN_FEATURES: Record<keyof ThreatDetectionFeatures, true> = {
  runtimeMonitoring: true,
  ebsMalwareProtection: true,
  s3DataEvents: true,
};
/** Arguments that decide what is created: they must be values, not Outputs or Promises. */
const PLAIN_ARGUMENTS = [
  "features",
  "responders",
  "severityThresholds",
  "exportFindings",
  "findingsRetentionDays",
  "retryPolicy",
] as const;
export const DEFAULT_FINDINGS_RETENTION_DAYS = 365;

/** GuardDuty detector ids are hexadecimal (32 characters today); an ARN or a padded id would fail at deployment. */
const DETECTOR_ID = /^[A-Za-z0-9]{1,300}$/;
/**
 * EventBridge targets that need no role: their own resource policy admits EventBridge. Standard (not FIFO) topics
 * and queues, and functions with an optional alias or version.
 */
const RESPONDER_ARN = new RegExp(
  `^arn:${PARTITION_PATTERN}:(?:` +
    `(?:sns|sqs):(${REGION_PATTERN}):${ACCOUNT_PATTERN}:[A-Za-z0-9_-]{1,256}|` +
    `lambda:(${REGION_PATTERN}):${ACCOUNT_PATTERN}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?` +
    ")$",
);

export const featuresOf = (args: ThreatDetectionArgs): Required<ThreatDetectionFeatures> => ({
  runtimeMonitoring: args.features?.runtimeMonitoring ?? true,
  ebsMalwareProtection: args.features?.ebsMalwareProtection ?? true,
  s3DataEvents: args.features?.s3DataEvents ?? true,
});

export const exportsFindings = (args: ThreatDetectionArgs): boolean =>
  args.exportFindings ?? args.existingDetectorId === undefined;

/**
 * The caller's tags beside the findings bucket's evidence tag when findings are exported (the tag overwrites a
 * caller's copy); GuardDuty's key rules hold for the detector created here (none when the caller's own is given) and
 * the findings publishing destination when findings are exported.
 */
export function threatDetectionTags(args: ThreatDetectionArgs): CallerTagRule {
  const exported = exportsFindings(args);
  return {
    limits: threatDetectionTagLimits({ detector: args.existingDetectorId === undefined, destination: exported }),
    ownTags: exported ? [[EVIDENCE_TAG]] : [],
  };
}

export const findingsBucketNameOf = (name: string, accountId: pulumi.Input<string>, args: ThreatDetectionArgs) =>
  args.findingsBucketName ?? pulumi.interpolate`${name}-findings-${accountId}`;

/** Whether a responder is a Lambda function ARN (with or without alias or version): EventBridge needs its permission. */
export function isLambdaResponder(value: unknown): value is string {
  const match = typeof value === "string" ? RESPONDER_ARN.exec(value) : null;
  return match?.[2] !== undefined;
}

/** Whether a responder is an SNS topic, given as itself or as a plain ARN: the kinds a CloudWatch alarm can notify. */
export function isTopicResponder(value: unknown): boolean {
  if (aws.sns.Topic.isInstance(value)) return true;
  return typeof value === "string" && RESPONDER_ARN.test(value) && value.split(":")[2] === "sns";
}

/** Whether a responder is given as a function, topic or queue resource rather than an ARN. */
export function isResponderResource(value: unknown): value is ResponderResource {
  return aws.lambda.Function.isInstance(value) || aws.sns.Topic.isInstance(value) || aws.sqs.Queue.isInstance(value);
}

/** A resource described for a message: its type token and name, not its (large, circular) object. */
function describeObject(value: object): string {
  const resource = value as { __pulumiType?: unknown; __name?: unknown };
  if (typeof resource.__pulumiType === "string") {
    return `${resource.__pulumiType} resource ${JSON.stringify(String(resource.__name))}`;
  }
  return `an object (${value.constructor?.name ?? "Object"})`;
}

/** The problem with a responder given as an object that is none of the resources accepted. */
export function responderObjectProblem(argument: string, value: object): ValidationProblem {
  return {
    argument,
    value: describeObject(value),
    allowed:
      "an aws.lambda.Function, aws.sns.Topic or aws.sqs.Queue resource, the ARN of a standard SNS topic, SQS queue " +
      "or Lambda function, or false",
    fix: `pass the function, topic or queue itself (responders: { ${argument.split(".")[1]}: fn }) or its ARN, or omit ${argument} for an encrypted topic created here`,
  };
}

/**
 * The problem with a responder that arrived as an Output, once known: children are decided before Outputs resolve, so
 * a Lambda function got no invoke permission and would silently drop every finding; it is refused instead.
 */
export function outputResponderProblem(
  argument: string,
  value: unknown,
  region: string,
): ValidationProblem | undefined {
  if (!isLambdaResponder(value)) return undefined;
  return {
    argument,
    value,
    allowed:
      "a Lambda function as the aws.lambda.Function itself or its ARN as a plain string: an Output's kind is known " +
      "only at deployment, too late to grant EventBridge the lambda:InvokeFunction permission the target needs",
    fix:
      `pass the function itself (responders: { ${argument.split(".")[1]}: fn }, not fn.arn), or its ARN as a string ` +
      `(arn:aws:lambda:${region}:<account>:function:<name>), or route ${argument} to an SNS topic or SQS queue`,
  };
}

/** The problem with one responder ARN, or undefined; `region` is the detector's, once known. */
export function responderProblem(argument: string, value: unknown, region?: string): ValidationProblem | undefined {
  const match = typeof value === "string" ? RESPONDER_ARN.exec(value) : null;
  if (!match) {
    return {
      argument,
      value,
      allowed:
        "the ARN of a standard SNS topic, SQS queue or Lambda function (arn:aws:sns:us-east-1:123456789012:soc-red), or false",
      fix: `omit ${argument} for an encrypted topic created here, or pass the target's full ARN or the function, topic or queue resource itself`,
    };
  }
  const targetRegion = match[1] ?? match[2];
  // A region belongs to one partition: "arn:aws-cn:sns:us-east-1:…" names no target anywhere.
  const arn = arnParts(value)!;
  if (!isArnIn(arn)) {
    return {
      argument,
      value,
      allowed:
        "the ARN of a standard SNS topic, SQS queue or Lambda function: its partition must be its region's " +
        `(${partitionOfRegionName(targetRegion)} for ${targetRegion})`,
      fix: `pass the target's ARN as AWS gives it (topic.arn, queue.arn, fn.arn) or the resource itself, or omit ${argument}`,
    };
  }
  if (region === undefined || isArnIn(arn, { region })) return undefined;
  return {
    argument,
    value,
    allowed: `a target in the detector's region (${region}): EventBridge delivers to these targets in its own region`,
    fix: `create the ${argument.split(".")[1]} responder in ${region}, or omit ${argument}`,
  };
}

function checkResponders(problems: Problems, responders: unknown): void {
  if (responders === undefined) return;
  if (!checkKnownArguments(problems, responders, RESPONSE_LEVELS, "responders.")) return;
  for (const level of RESPONSE_LEVELS) {
    const value = (responders as Record<ResponseLevel, unknown>)[level];
    // Outputs are checked when known, and the level's target waits for that check.
    if (value === undefined || value === false || !isPlain(value) || isResponderResource(value)) continue;
    const p =
      typeof value === "object" && value !== null
        ? responderObjectProblem(`responders.${level}`, value)
        : responderProblem(`responders.${level}`, value);
    if (p) problems.add(p.argument, p.value, p.allowed, p.fix);
  }
}

function checkFeatures(problems: Problems, args: ThreatDetectionArgs): void {
  if (args.features === undefined) return;
  if (
    !problems.check(
      args.existingDetectorId === undefined,
      "features",
      args.features,
      "no features with existingDetectorId: the detector's owner (the delegated administrator) sets them",
      "remove features, or enable them where the detector is managed",
    )
  ) {
    return;
  }
  if (!checkKnownArguments(problems, args.features, Object.keys(KNOWN_FEATURES), "features.")) return;
  for (const key of Object.keys(KNOWN_FEATURES) as (keyof ThreatDetectionFeatures)[]) {
    checkBoolean(problems, `features.${key}`, args.features[key]);
  }
}

function checkExport(problems: Problems, name: string, args: ThreatDetectionArgs): void {
  checkBoolean(problems, "exportFindings", args.exportFindings);
  if (!exportsFindings(args)) {
    for (const key of ["findingsBucketName", "findingsRetentionDays"] as const) {
      problems.check(
        args[key] === undefined,
        key,
        args[key],
        "nothing while findings are not exported",
        `remove ${key}, or set exportFindings: true`,
      );
    }
    return;
  }
  checkBucketName(problems, "findingsBucketName", args.findingsBucketName);
  if (args.findingsBucketName === undefined) {
    checkDerivedNames(
      problems,
      name,
      [bucketName(`${name}-findings-123456789012`)],
      "rename the component, or pass findingsBucketName",
    );
  }
  checkDays(
    problems,
    "findingsRetentionDays",
    args.findingsRetentionDays ?? DEFAULT_FINDINGS_RETENTION_DAYS,
    180,
    3650,
    "omit findingsRetentionDays for 365 days",
  );
}

/** Levels routed somewhere: each has a rule and a target, and the targets share the dead-letter queue. */
export const routedLevels = (args: ThreatDetectionArgs): ResponseLevel[] =>
  RESPONSE_LEVELS.filter((level) => args.responders?.[level] !== false);

function checkDeadLetter(problems: Problems, name: string, args: ThreatDetectionArgs): void {
  if (routedLevels(args).length === 0) {
    for (const key of ["deadLetterQueueArn", "retryPolicy"] as const) {
      problems.check(
        args[key] === undefined,
        key,
        args[key],
        "nothing while every level is routed nowhere (no target to retry or dead-letter)",
        `remove ${key}, or route a level`,
      );
    }
    return;
  }
  checkRetryPolicy(problems, "retryPolicy", args.retryPolicy);
  const given = args.deadLetterQueueArn;
  if (given === undefined) {
    // The component's name is reported once: a name the topics refuse already says what to change.
    if (problems.list.some((p) => p.argument === "name")) return;
    checkDerivedNames(
      problems,
      name,
      [sqsQueueName(deadLetterQueueName(name)), alarmName(deadLetterAlarmName(name))],
      "rename the component, or pass deadLetterQueueArn",
    );
  } else if (isPlain(given)) {
    // An Output is checked once known, region included, and the targets wait for that check.
    const p = deadLetterQueueProblem("deadLetterQueueArn", given);
    if (p) problems.add(p.argument, p.value, p.allowed, p.fix);
  }
}

/** Every problem with the arguments at once, thrown before the component or any child is registered. */
export function validateThreatDetectionArgs(name: string, args: ThreatDetectionArgs): void {
  const problems = new Problems("ThreatDetection");
  checkDerivedNames(
    problems,
    name,
    RESPONSE_LEVELS.flatMap((level) => [eventRuleName(`${name}-${level}`), snsTopicName(`${name}-${level}`)]),
    "rename the component",
  );
  if (!checkKnownArguments(problems, args, Object.keys(KNOWN_ARGUMENTS))) return problems.throwIfAny();
  if (!checkPlainArguments(problems, args, PLAIN_ARGUMENTS)) return problems.throwIfAny();
  const detectorId = args.existingDetectorId;
  // An Output (another stack's detector) is taken as it comes: the provider reports an unknown id.
  if (detectorId !== undefined && isPlain(detectorId)) {
    problems.check(
      typeof detectorId === "string" && DETECTOR_ID.test(detectorId),
      "existingDetectorId",
      detectorId,
      "a GuardDuty detector id: letters and digits only (32 hexadecimal characters), not an ARN",
      "pass the id from `aws guardduty list-detectors` in this account and region, or omit it to create a detector",
    );
  }
  checkFeatures(problems, args);
  checkResponders(problems, args.responders);
  checkThresholds(problems, "severityThresholds", args.severityThresholds);
  checkExport(problems, name, args);
  checkDeadLetter(problems, name, args);
  // Tags given as an Output, or holding one, are checked once known (the constructor's deferred check).
  checkPlainCallerTags(problems, args.tags, threatDetectionTags(args));
  problems.throwIfAny();
}
