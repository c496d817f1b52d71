// Arguments of the dead-letter queue behind ThreatDetection's EventBridge targets: the retry policy before a finding is
// dead-lettered and a queue of the caller's instead of the one created here. Checked with the component's arguments.
import { checkKnownArguments, Problems, ValidationProblem } from "../validation";
import { DerivedName, matches } from "../derivedNames";
import {
  ACCOUNT_PATTERN,
  arnParts,
  isArnIn,
  PARTITION_PATTERN,
  partitionOfRegionName,
  REGION_PATTERN,
} from "../../lib/aws-names";

/** How long and how often EventBridge retries a target before it dead-letters a finding. */
export interface FindingsRetryPolicy {
  /** Seconds an undelivered finding is retried, 60-86400. Default 86400 (EventBridge's maximum, 24 hours). */
  maximumEventAgeInSeconds?: number;
  /** Retries before the finding is dead-lettered, 0-185. Default 185 (EventBridge's maximum). */
  maximumRetryAttempts?: number;
}

/** EventBridge's own limits; the defaults are the maxima, so no finding leaves its target's retries early. */
export const RETRY_LIMITS: Record<keyof FindingsRetryPolicy, { min: number; max: number; what: string }> = {
  maximumEventAgeInSeconds: { min: 60, max: 86400, what: "seconds" },
  maximumRetryAttempts: { min: 0, max: 185, what: "retries" },
};

export const retryPolicyOf = (given: FindingsRetryPolicy | undefined): Required<FindingsRetryPolicy> => ({
  maximumEventAgeInSeconds: given?.maximumEventAgeInSeconds ?? RETRY_LIMITS.maximumEventAgeInSeconds.max,
  maximumRetryAttempts: given?.maximumRetryAttempts ?? RETRY_LIMITS.maximumRetryAttempts.max,
});

/** SQS keeps a message at most 14 days: the dead letters are evidence, kept as long as SQS allows. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Physical names of the queue and its alarm, fixed so a refactor never replaces the evidence queue. */
export const deadLetterQueueName = (name: string) => `${name}-findings-dlq`;
export const deadLetterAlarmName = (name: string) => `${name}-findings-undelivered`;

export const sqsQueueName = (value: string): DerivedName => ({
  kind: "SQS queue name",
  value,
  valid: matches(/^[A-Za-z0-9_-]+$/, 80),
  rule: "1-80 letters, digits, '_' or '-'",
});

export const alarmName = (value: string): DerivedName => ({
  kind: "CloudWatch alarm name",
  value,
  valid: matches(/^[\x20-\x7e]+$/, 255),
  rule: "1-255 printable ASCII characters",
});

/** A standard (not FIFO) SQS queue ARN: EventBridge dead-letters only to those. Groups: region, queue name. */
const QUEUE_ARN = new RegExp(
  `^arn:${PARTITION_PATTERN}:sqs:(${REGION_PATTERN}):${ACCOUNT_PATTERN}:([A-Za-z0-9_-]{1,80})$`,
);
const ANY_ARN = /^arn:[^:]*:([^:]*):/;

/** The queue name of a dead-letter queue ARN (the `QueueName` dimension of its metrics). */
export const queueNameOf = (arn: string): string => arn.split(":")[5] ?? arn;

/** The fix for a malformed dead-letter queue ARN, by the mistake it most likely is. */
function malformedFix(argument: string, value: unknown): string {
  const omit = `or omit ${argument} for an encrypted queue created here`;
  if (typeof value !== "string") return `pass the queue's ARN as a string (queue.arn), ${omit}`;
  if (/^https?:\/\//.test(value))
    return `pass the queue's ARN (its QueueArn attribute, queue.arn), not its URL, ${omit}`;
  const service = ANY_ARN.exec(value)?.[1];
  if (service !== undefined && service !== "sqs") {
    return `EventBridge dead-letters only to SQS queues, not to ${service || "this service"}: pass an SQS queue's ARN, ${omit}`;
  }
  if (value.endsWith(".fifo"))
    return `EventBridge dead-letters only to standard queues: pass a standard queue, ${omit}`;
  return `pass the full ARN (arn:aws:sqs:<region>:<account>:<queue>), ${omit}`;
}

/** The problem with a dead-letter queue ARN, or undefined; `region` is the detector's, once known. */
export function deadLetterQueueProblem(
  argument: string,
  value: unknown,
  region?: string,
): ValidationProblem | undefined {
  const where = region ? `the detector's region (${region})` : "the detector's region";
  const allowed = `the ARN of a standard SQS queue in ${where}, e.g. arn:aws:sqs:us-east-1:123456789012:findings-dlq`;
  const match = typeof value === "string" ? QUEUE_ARN.exec(value) : null;
  if (!match) return { argument, value, allowed, fix: malformedFix(argument, value) };
  // A region belongs to one partition: "arn:aws-cn:sqs:us-east-1:…" names no queue anywhere.
  const arn = arnParts(value)!;
  if (!isArnIn(arn)) {
    const regionPartition = partitionOfRegionName(match[1]);
    return {
      argument,
      value,
      allowed: `${allowed}: its partition must be its region's (${regionPartition} for ${match[1]})`,
      fix: `pass the queue's ARN as AWS gives it (queue.arn), or omit ${argument} for a queue created here`,
    };
  }
  if (region === undefined || isArnIn(arn, { region })) return undefined;
  return {
    argument,
    value,
    allowed: `${allowed}: EventBridge dead-letters to a queue in the rule's own region`,
    fix: `create the queue in ${region}, or omit ${argument} for a queue created here`,
  };
}

/** Reports a retry policy that is not an object of known keys with integers within EventBridge's limits. */
export function checkRetryPolicy(problems: Problems, argument: string, given: unknown): void {
  if (given === undefined) return;
  if (!checkKnownArguments(problems, given, Object.keys(RETRY_LIMITS), `${argument}.`)) return;
  for (const [key, limit] of Object.entries(RETRY_LIMITS)) {
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined) continue;
    problems.check(
      typeof value === "number" && Number.isInteger(value) && value >= limit.min && value <= limit.max,
      `${argument}.${key}`,
      value,
      `an integer from ${limit.min} to ${limit.max} (${limit.what}, EventBridge's limits)`,
      `omit ${argument}.${key} for ${limit.max}, EventBridge's maximum`,
    );
  }
}

/** The warning for a retry policy below EventBridge's maxima: findings reach the dead-letter queue, not their responder, sooner. */
export function shortenedRetryWarnings(argument: string, given: FindingsRetryPolicy | undefined): string[] {
  return (Object.keys(RETRY_LIMITS) as (keyof FindingsRetryPolicy)[])
    .filter((key) => given?.[key] !== undefined && given[key]! < RETRY_LIMITS[key].max)
    .map(
      (key) =>
        `${argument}.${key} is ${given![key]}, below EventBridge's maximum ${RETRY_LIMITS[key].max}: findings for a ` +
        "responder that is briefly down wait in the dead-letter queue instead of reaching it; omit it to keep the maximum",
    );
}
