// Actions of a CloudWatch alarm the component creates. CloudWatch takes each as an ARN (SNS topic, Lambda function,
// Systems Manager OpsItem or incident response plan) and refuses, at deployment, one of another partition or region
// than the alarm's ("Invalid region eu-west-1 specified. Only us-east-1 is supported"): the alarm and whatever it
// pages then fail after the health checks and records exist. So each ARN is checked with the arguments, and one
// given as an Output once it is known. The alarm's region is known only once the provider's is: before that, each ARN
// is checked for its form and for a partition that is its own region's.
import { ACCOUNT_PATTERN, arnParts, AWS_PARTITIONS, isAwsRegionId, partitionOfRegionName } from "../../lib/aws-names";
import { checkPlain, isPlain, Problems } from "../validation";
import { checkArnPlace } from "./arnPlace";

/** Services CloudWatch alarm actions name (PutMetricAlarm's AlarmActions), each with the resource form it takes. */
const ACTION_SERVICES: Record<string, RegExp> = {
  sns: /^[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/,
  lambda: /^function:[A-Za-z0-9_-]{1,140}(?::[A-Za-z0-9$_-]{1,128})?$/,
  ssm: /^opsitem:\d+(?:#CATEGORY=[A-Za-z]+)?$/,
  "ssm-incidents": /^response-plan\/[A-Za-z0-9_-]{1,200}$/,
};
/** Incident response plans are global: their ARN has no region. */
const REGIONLESS = new Set(["ssm-incidents"]);
const ACCOUNT = new RegExp(`^${ACCOUNT_PATTERN}$`);

/**
 * Checks each plain action of `actions`; an Output is left to the check once known. Without `alarmRegion` (not yet
 * known) only the form and the ARN's own consistency are checked.
 */
export function checkAlarmActions(problems: Problems, argument: string, actions: unknown, alarmRegion?: string): void {
  if (!Array.isArray(actions)) return;
  actions.forEach((action, i) => {
    const at = `${argument}[${i}]`;
    if (isPlain(action)) checkAlarmAction(problems, at, action, alarmRegion);
  });
}

/** Checks one action as given; an Output or Promise element is reported as not yet known (use checkAlarmActions). */
export function checkAlarmAction(problems: Problems, argument: string, action: unknown, alarmRegion?: string): void {
  if (!checkPlain(problems, argument, action)) return;
  const partition = alarmRegion === undefined ? undefined : (partitionOfRegionName(alarmRegion) ?? "aws");
  const example = `arn:${partition ?? "aws"}:sns:${alarmRegion ?? "us-east-1"}:123456789012:oncall`;
  const arn = arnParts(action);
  const resourceForm = arn && ACTION_SERVICES[arn.service];
  const written =
    arn !== undefined &&
    resourceForm !== undefined &&
    AWS_PARTITIONS.includes(arn.partition) &&
    ACCOUNT.test(arn.account) &&
    resourceForm.test(arn.resource) &&
    (REGIONLESS.has(arn.service) ? arn.region === "" : isAwsRegionId(arn.region));
  const shaped = problems.check(
    written,
    argument,
    action,
    "the ARN of an SNS topic, Lambda function, Systems Manager OpsItem severity or incident response plan, " +
      `e.g. ${example}`,
    "pass the topic's ARN (topic.arn), not its name, URL or an e-mail address",
  );
  if (!shaped) return;
  // Incident response plans are global: their ARN has no region to compare.
  const region = REGIONLESS.has(arn!.service) ? undefined : alarmRegion;
  checkArnPlace(problems, argument, action, {
    partition,
    region,
    why: "the alarm's: CloudWatch runs only actions of its own partition and region",
    fix:
      `create the topic (or function) in ${alarmRegion ?? "the alarm's region"} with a provider of that region and ` +
      "pass its ARN; it may forward to subscribers anywhere",
  });
}
