// GuardDuty with host-level detection, and its findings routed by the case's red/yellow/blue response levels. The case's
// SSH brute force (137 s), the rewritten sshd_config and the keys planted under /root/.ssh are what GuardDuty reports
// as SSHBruteForce, Persistence and Backdoor findings: those page the red responder whatever their severity.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { shortenedRetentionWarning } from "../plan/retention";
import { DEFAULT_THRESHOLDS, levelPattern, RESPONSE_LEVELS, ResponseLevel } from "../plan/responseLevels";
import { isPlain, ValidationError } from "../validation";
import { arnParts, isArnIn } from "../../lib/aws-names";
import { awsContext, AwsContext } from "./context";
import { evidenceWriter, guardEvidence, guardInheritedTransformations } from "./evidenceGuard";
import { admitRules, alarmOnDeadLetters, createDeadLetterQueue } from "./findingsDeadLetter";
import {
  deadLetterAlarmName,
  deadLetterQueueProblem,
  queueNameOf,
  retryPolicyOf,
  shortenedRetryWarnings,
} from "./findingsDeadLetterArgs";
import { exportFindings } from "./findingsExport";
import { checkBucketName } from "./evidenceBucket";
import { ChildGate } from "../childGate";
import { afterCheck, checkOnceKnown } from "./deferredCheck";
import { checkCallerTagsOnceKnown } from "./callerTagCheck";
import { admitRule, createTopic, createTopicKey } from "./responseTopic";
import {
  DEFAULT_FINDINGS_RETENTION_DAYS,
  exportsFindings,
  featuresOf,
  findingsBucketNameOf,
  isLambdaResponder,
  isResponderResource,
  isTopicResponder,
  outputResponderProblem,
  ResponderResource,
  responderProblem,
  ThreatDetectionArgs,
  ThreatDetectionFeatures,
  threatDetectionTags,
  validateThreatDetectionArgs,
} from "./threatDetectionArgs";

export * from "./threatDetectionArgs";

/** Detector features, as GuardDuty names them; Runtime Monitoring manages its agent on every compute kind. */
function detectorFeatures(enabled: Required<ThreatDetectionFeatures>) {
  const status = (on: boolean) => (on ? "ENABLED" : "DISABLED");
  return [
    {
      key: "runtime-monitoring",
      name: "RUNTIME_MONITORING",
      status: status(enabled.runtimeMonitoring),
      additionalConfigurations: ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"].map(
        (name) => ({ name, status: status(enabled.runtimeMonitoring) }),
      ),
    },
    { key: "ebs-malware-protection", name: "EBS_MALWARE_PROTECTION", status: status(enabled.ebsMalwareProtection) },
    { key: "s3-data-events", name: "S3_DATA_EVENTS", status: status(enabled.s3DataEvents) },
  ];
}

const WHAT_A_FEATURE_SEES: Record<keyof ThreatDetectionFeatures, string> = {
  runtimeMonitoring:
    "process, file and network activity on the hosts (the case's planted service and keys) goes unseen",
  ebsMalwareProtection: "volumes of a flagged instance are not scanned for malware",
  s3DataEvents: "object reads and deletions in S3 (exfiltration, ransom deletes) go unseen",
};

const WHAT_A_LEVEL_MISSES: Record<ResponseLevel, string> = {
  red: "high and critical findings, SSH/RDP brute force, backdoors and persistence reach nobody",
  yellow: "medium findings reach nobody",
  blue: "low findings reach nobody",
};

/**
 * A given responder ARN that arrives as an Output is checked once known; the target waits for the check. Children are
 * decided before Outputs resolve, so a Lambda ARN arriving as an Output got no invoke permission: it is refused rather
 * than left to drop every finding.
 */
function checkedResponder(
  name: string,
  level: ResponseLevel,
  arn: pulumi.Input<string>,
  context: AwsContext,
): pulumi.Output<string> {
  const argument = `responders.${level}`;
  const plain = isPlain(arn);
  return pulumi.all([arn, context.region]).apply(([value, region]) => {
    const problem = responderProblem(argument, value, region);
    if (problem) throw new ValidationError(`ThreatDetection ${name}`, [problem]);
    const late = plain ? undefined : outputResponderProblem(argument, value, region);
    if (late) throw new ValidationError(`ThreatDetection ${name}`, [late]);
    return value;
  });
}

/**
 * A responder given as the resource itself: its kind is known now, so only its region is checked once known (EventBridge
 * delivers to these targets in its own region); the target waits for the check.
 */
function resourceResponder(
  name: string,
  level: ResponseLevel,
  resource: ResponderResource,
  context: AwsContext,
): pulumi.Output<string> {
  const argument = `responders.${level}`;
  return pulumi.all([resource.arn, context.region]).apply(([value, region]) => {
    const arn = arnParts(value);
    if (arn && arn.region && region && !isArnIn(arn, { region })) {
      throw new ValidationError(`ThreatDetection ${name}`, [
        {
          argument,
          value,
          allowed: `a target in the detector's region (${region}): EventBridge delivers to these targets in its own region`,
          fix: `create the ${level} responder in ${region}, or omit ${argument}`,
        },
      ]);
    }
    return value;
  });
}

/** A given dead-letter queue ARN, checked once known (an Output) with the detector's region; the targets wait for it. */
function checkedDeadLetterQueue(name: string, arn: pulumi.Input<string>, context: AwsContext): pulumi.Output<string> {
  return pulumi.all([arn, context.region]).apply(([value, region]) => {
    const problem = deadLetterQueueProblem("deadLetterQueueArn", value, region);
    if (problem) throw new ValidationError(`ThreatDetection ${name}`, [problem]);
    return value;
  });
}

/** Lets EventBridge invoke a Lambda responder for one level's rule only. */
function permitRule(
  name: string,
  functionArn: pulumi.Input<string>,
  rule: aws.cloudwatch.EventRule,
  parent: pulumi.Resource,
): aws.lambda.Permission {
  return new aws.lambda.Permission(
    `${name}-invoke`,
    { action: "lambda:InvokeFunction", principal: "events.amazonaws.com", function: functionArn, sourceArn: rule.arn },
    { parent },
  );
}

/** One routed level: its rule, its target's ARN and what the target must wait for. */
interface Route {
  level: ResponseLevel;
  rule: aws.cloudwatch.EventRule;
  arn: pulumi.Output<string>;
  ready: pulumi.Resource[];
}

export class ThreatDetection extends pulumi.ComponentResource {
  /** The detector created here, or the given `existingDetectorId`. */
  readonly detectorId: pulumi.Output<string>;
  /** Target ARN of each routed level. */
  readonly responderArns: Partial<Record<ResponseLevel, pulumi.Output<string>>> = {};
  /** Topics created here for levels given no responder: subscribe the on-call tools to them. */
  readonly topicArns: Partial<Record<ResponseLevel, pulumi.Output<string>>> = {};
  readonly ruleArns: Partial<Record<ResponseLevel, pulumi.Output<string>>> = {};
  /** Evidence bucket of exported findings, when exported. */
  readonly findingsBucketName?: pulumi.Output<string>;
  /** Queue every target dead-letters to (created here, or the given `deadLetterQueueArn`), when a level is routed. */
  readonly deadLetterQueueArn?: pulumi.Output<string>;
  /** Alarm paging the red topic when a finding is dead-lettered; only when red is routed to an SNS topic. */
  readonly deadLetterAlarmArn?: pulumi.Output<string>;

  constructor(name: string, args: ThreatDetectionArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Arguments are checked before anything, the component included, is registered.
    validateThreatDetectionArgs(name, args);
    // Transformations passed here may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:aws:ThreatDetection", name, {}, gate.options(guardEvidence(`ThreatDetection ${name}`, opts)));
    guardInheritedTransformations(`ThreatDetection ${name}`, this);
    const parent = { parent: this };
    const tags = pulumi.output(args.tags ?? {});
    // Tags given as an Output, or holding one, are checked once known; every child waits for the check.
    const tagsChecked = checkCallerTagsOnceKnown(`ThreatDetection ${name}`, args.tags, threatDetectionTags(args));
    if (tagsChecked) gate.waitFor(tagsChecked);
    const context = awsContext(`ThreatDetection ${name}`, this, opts?.provider);
    const warn = (message: string) => pulumi.log.warn(`ThreatDetection ${name}: ${message}`, this);
    this.warnWeakenings(args, warn);

    if (args.existingDetectorId !== undefined) {
      this.detectorId = pulumi.output(args.existingDetectorId);
    } else {
      // Whether the detector runs and how often it publishes updated findings decide what the export writes, so
      // while findings are exported transformations may only tag it, like the export itself (../evidenceGuard.ts).
      const detector = new aws.guardduty.Detector(
        `${name}-detector`,
        { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", tags },
        exportsFindings(args) ? evidenceWriter(parent) : parent,
      );
      this.detectorId = detector.id;
      for (const feature of detectorFeatures(featuresOf(args))) {
        new aws.guardduty.DetectorFeature(
          `${name}-${feature.key}`,
          {
            detectorId: detector.id,
            name: feature.name,
            status: feature.status,
            additionalConfigurations: feature.additionalConfigurations,
          },
          parent,
        );
      }
    }

    const thresholds = { ...DEFAULT_THRESHOLDS, ...args.severityThresholds };
    const responders = args.responders ?? {};
    const needsTopic = RESPONSE_LEVELS.filter((level) => responders[level] === undefined);
    const topicKey = needsTopic.length > 0 ? createTopicKey(name, context, this) : undefined;
    const routes: Route[] = [];
    for (const level of RESPONSE_LEVELS) {
      const given = responders[level];
      if (given === false) continue;
      const rule = new aws.cloudwatch.EventRule(
        `${name}-${level}`,
        {
          description: `GuardDuty findings of the ${level} response level`,
          eventPattern: JSON.stringify(levelPattern(level, thresholds)),
          state: "ENABLED",
          tags,
        },
        parent,
      );
      this.ruleArns[level] = rule.arn;
      let arn: pulumi.Output<string>;
      let ready: pulumi.Resource[] = [];
      if (given === undefined) {
        const topic = createTopic(`${name}-${level}`, { kmsKeyArn: topicKey!.arn, tags }, this);
        // The red topic also takes the dead-letter alarm's notifications (created below when anything is routed).
        const alarmName = level === "red" ? deadLetterAlarmName(name) : undefined;
        ready = [admitRule(`${name}-${level}`, topic, rule, context, this, alarmName)];
        arn = topic.arn;
        this.topicArns[level] = topic.arn;
      } else if (isResponderResource(given)) {
        arn = resourceResponder(name, level, given, context);
        // A function gets the invoke permission; a topic or queue, and its policy, stay the caller's.
        if (aws.lambda.Function.isInstance(given)) ready = [permitRule(`${name}-${level}`, given.arn, rule, this)];
      } else {
        arn = checkedResponder(name, level, given, context);
        // Only a plain string's kind is known now; an Output Lambda ARN is refused by the check above.
        if (isPlain(given) && isLambdaResponder(given)) ready = [permitRule(`${name}-${level}`, given, rule, this)];
      }
      this.responderArns[level] = arn;
      routes.push({ level, rule, arn, ready });
    }

    if (routes.length > 0) {
      const deadLetters = this.deadLetterQueue(name, args, routes, { context, tags, topicKey });
      this.deadLetterQueueArn = deadLetters.arn;
      const retryPolicy = retryPolicyOf(args.retryPolicy);
      for (const { level, rule, arn, ready } of routes) {
        new aws.cloudwatch.EventTarget(
          `${name}-${level}-target`,
          { rule: rule.name, arn, deadLetterConfig: { arn: deadLetters.arn }, retryPolicy },
          // A finding that fails before the queue admits EventBridge could not be dead-lettered: targets wait for it.
          { ...parent, dependsOn: [...ready, ...deadLetters.ready] },
        );
      }
      const red = responders.red;
      if (this.responderArns.red && (red === undefined || isTopicResponder(red))) {
        const alarm = alarmOnDeadLetters(
          name,
          { queueName: deadLetters.name, topicArn: this.responderArns.red, tags },
          this,
        );
        this.deadLetterAlarmArn = alarm.arn;
      }
    }

    if (exportsFindings(args)) {
      // A bucket name given as an Output is checked once known. The export's key, bucket and destination, made
      // last, wait for the check through their dependsOn (the gate), so no retained store is created for a name S3
      // refuses, and the account context in their policies stays known at preview.
      const checked = checkOnceKnown(
        `ThreatDetection ${name}`,
        { findingsBucketName: args.findingsBucketName },
        (problems, known) => checkBucketName(problems, "findingsBucketName", known.findingsBucketName),
      );
      gate.waitFor(tagsChecked ? pulumi.all([checked, tagsChecked]) : checked);
      const exported = exportFindings(
        name,
        {
          context,
          detectorId: this.detectorId,
          bucketName: afterCheck(checked, findingsBucketNameOf(name, context.accountId, args)),
          retentionDays: args.findingsRetentionDays ?? DEFAULT_FINDINGS_RETENTION_DAYS,
          tags,
        },
        this,
      );
      this.findingsBucketName = exported.bucket.bucket;
    }

    this.registerOutputs({
      detectorId: this.detectorId,
      responderArns: this.responderArns,
      topicArns: this.topicArns,
      ruleArns: this.ruleArns,
      findingsBucketName: this.findingsBucketName,
      deadLetterQueueArn: this.deadLetterQueueArn,
      deadLetterAlarmArn: this.deadLetterAlarmArn,
    });
  }

  /** The queue every target dead-letters to: the caller's, checked once known, or one created here for these rules. */
  private deadLetterQueue(
    name: string,
    args: ThreatDetectionArgs,
    routes: Route[],
    shared: { context: AwsContext; tags: pulumi.Input<Record<string, pulumi.Input<string>>>; topicKey?: aws.kms.Key },
  ): { arn: pulumi.Output<string>; name: pulumi.Output<string>; ready: pulumi.Resource[] } {
    if (args.deadLetterQueueArn !== undefined) {
      // The caller's queue, and its policy and key, stay the caller's.
      const arn = checkedDeadLetterQueue(name, args.deadLetterQueueArn, shared.context);
      return { arn, name: arn.apply(queueNameOf), ready: [] };
    }
    const queue = createDeadLetterQueue(name, { kmsKeyArn: shared.topicKey?.arn, tags: shared.tags }, this);
    const policy = admitRules(
      name,
      queue,
      routes.map((r) => r.rule.arn),
      this,
    );
    return { arn: queue.arn, name: queue.name, ready: [policy] };
  }

  private warnWeakenings(args: ThreatDetectionArgs, warn: (message: string) => void): void {
    if (args.existingDetectorId === undefined) {
      const features = featuresOf(args);
      for (const key of Object.keys(WHAT_A_FEATURE_SEES) as (keyof ThreatDetectionFeatures)[]) {
        if (!features[key]) warn(`features.${key} is false: ${WHAT_A_FEATURE_SEES[key]}`);
      }
      if (!exportsFindings(args)) {
        warn("exportFindings is false: findings are kept only GuardDuty's 90 days, no evidence copy outlives them");
      }
    }
    for (const level of RESPONSE_LEVELS) {
      if (args.responders?.[level] === false) warn(`responders.${level} is false: ${WHAT_A_LEVEL_MISSES[level]}`);
    }
    const red = args.severityThresholds?.red ?? DEFAULT_THRESHOLDS.red;
    if (red > DEFAULT_THRESHOLDS.red) {
      warn(`severityThresholds.red is ${red}: findings from ${DEFAULT_THRESHOLDS.red} up to it are not red`);
    }
    const yellow = args.severityThresholds?.yellow ?? DEFAULT_THRESHOLDS.yellow;
    if (yellow > DEFAULT_THRESHOLDS.yellow) {
      warn(`severityThresholds.yellow is ${yellow}: findings from ${DEFAULT_THRESHOLDS.yellow} up to it are only blue`);
    }
    for (const message of shortenedRetryWarnings("retryPolicy", args.retryPolicy)) warn(message);
    if (exportsFindings(args)) {
      const days = args.findingsRetentionDays ?? DEFAULT_FINDINGS_RETENTION_DAYS;
      const shortened = shortenedRetentionWarning("findingsRetentionDays", days, DEFAULT_FINDINGS_RETENTION_DAYS);
      if (shortened) warn(shortened);
    }
  }
}
