// ThreatDetection's dead-letter queue: a finding EventBridge cannot deliver is kept, and the red responder is paged.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf, valueOf } from "./mocks";

installMocks();
import * as aws from "@pulumi/aws";
import { ThreatDetection, ThreatDetectionArgs } from "../../../components/aws/threatDetection";
import { deadLetterQueueProblem } from "../../../components/aws/findingsDeadLetterArgs";

const ACCOUNT = "123456789012";
const MOCK_ARN = `arn:aws:mock:us-east-1:${ACCOUNT}`;
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const MAXIMA = { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 };
const GIVEN_QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:soc-findings-dlq`;

/** Builds a component, recording what each child's transformation saw and the warnings it logged. */
async function build(name: string, args: ThreatDetectionArgs, transformations: pulumi.ResourceTransformation[] = []) {
  const seen: pulumi.ResourceTransformationArgs[] = [];
  const record: pulumi.ResourceTransformation = (a) => {
    seen.push(a);
    return undefined;
  };
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    const td = new ThreatDetection(name, args, { transformations: [...transformations, record] });
    await settle();
    return { td, seen, warnings: warn.mock.calls.map((c) => String(c[0])) };
  } finally {
    warn.mockRestore();
  }
}

const statementsOf = (policy: string) => JSON.parse(policy).Statement as any[];
const sourceArnsOf = (policy: string) => {
  const admit = statementsOf(policy).find((s) => s.Sid === "RulesDeadLetter");
  return [admit.Condition.ArnEquals["aws:SourceArn"]].flat().sort();
};

describe("ThreatDetection's dead-letter queue with its defaults", () => {
  let built: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    reset();
    built = await build("threat", {});
  });

  it("creates one queue, encrypted with the topics' key, kept 14 days and kept on delete", async () => {
    const queue = one(QUEUE);
    expect(queue.name).toBe("threat-findings-dlq");
    expect(queue.inputs).toEqual({
      name: "threat-findings-dlq",
      messageRetentionSeconds: 1209600,
      kmsMasterKeyId: `${MOCK_ARN}:kms/key/threat-topics-key`,
      tags: {},
    });
    expect(built.seen.find((a) => a.type === QUEUE)!.opts.retainOnDelete).toBe(true);
    expect(await valueOf(built.td.deadLetterQueueArn!)).toBe(`${MOCK_ARN}:sqs/queue/threat-findings-dlq`);
  });

  it("uses the topics' key, whose policy lets EventBridge encrypt into the queue and CloudWatch into the red topic", () => {
    const statements = statementsOf(one("aws:kms/key:Key", /topics-key$/).inputs.policy);
    expect(statements.map((s) => s.Sid)).toEqual([
      "AccountAdministers",
      "EventBridgePublishesEncrypted",
      "CloudWatchAlarmsPublishEncrypted",
    ]);
    expect(statements[1]).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    });
    expect(statements[2]).toMatchObject({
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    });
  });

  it("gives every target the queue and EventBridge's maximal retry policy", () => {
    const targets = ofType(TARGET);
    expect(targets.map((t) => t.name).sort()).toEqual([
      "threat-blue-target",
      "threat-red-target",
      "threat-yellow-target",
    ]);
    for (const target of targets) {
      expect(target.inputs.deadLetterConfig).toEqual({ arn: `${MOCK_ARN}:sqs/queue/threat-findings-dlq` });
      expect(target.inputs.retryPolicy).toEqual(MAXIMA);
    }
  });

  it("admits EventBridge to the queue for exactly the component's rules, over TLS only", async () => {
    const policy = one(QUEUE_POLICY);
    const queueArgs = built.seen.find((a) => a.type === QUEUE)!;
    // The policy is attached by the queue's own URL.
    expect(built.seen.find((a) => a.type === QUEUE_POLICY)!.props.queueUrl).toBe(
      (queueArgs.resource as aws.sqs.Queue).url,
    );
    const ruleArns = await Promise.all(Object.values(built.td.ruleArns).map((arn) => valueOf(arn!)));
    expect(sourceArnsOf(policy.inputs.policy)).toEqual(ruleArns.sort());
    expect(sourceArnsOf(policy.inputs.policy)).toEqual(
      ["blue", "red", "yellow"].map((level) => `${MOCK_ARN}:cloudwatch/eventRule/threat-${level}`),
    );
    const queueArn = `${MOCK_ARN}:sqs/queue/threat-findings-dlq`;
    expect(statementsOf(policy.inputs.policy)).toEqual([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sqs:*",
        Resource: queueArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "RulesDeadLetter",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": expect.any(Array) } },
      },
    ]);
  });

  it("pages the red topic as soon as one finding waits in the queue", async () => {
    expect(one(ALARM).inputs).toEqual({
      name: "threat-findings-undelivered",
      alarmDescription: expect.stringContaining("could not deliver"),
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "threat-findings-dlq" },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:threat-red`],
      tags: {},
    });
    expect(await valueOf(built.td.deadLetterAlarmArn!)).toBe(
      `${MOCK_ARN}:cloudwatch/metricAlarm/threat-findings-undelivered`,
    );
  });

  it("warns about nothing, and keeps the queue policy and alarm out of the evidence stores", () => {
    expect(built.warnings).toEqual([]);
    for (const type of [QUEUE_POLICY, ALARM]) {
      expect(built.seen.find((a) => a.type === type)!.opts.retainOnDelete).toBeUndefined();
    }
  });
});

describe("ThreatDetection's dead-letter queue as an evidence store", () => {
  it("keeps retainOnDelete and its retention under a hostile transformation, and says so", async () => {
    reset();
    const hostile: pulumi.ResourceTransformation = ({ type, props, opts }) =>
      type === QUEUE
        ? {
            props: { ...props, messageRetentionSeconds: 60, kmsMasterKeyId: undefined, tags: { hostile: "yes" } },
            opts: { ...opts, retainOnDelete: false },
          }
        : undefined;
    const { seen, warnings } = await build("threat", {}, [hostile]);
    const queue = one(QUEUE);
    expect(queue.inputs).toMatchObject({
      messageRetentionSeconds: 1209600,
      kmsMasterKeyId: `${MOCK_ARN}:kms/key/threat-topics-key`,
      tags: { hostile: "yes" },
    });
    expect(seen.find((a) => a.type === QUEUE)!.opts.retainOnDelete).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(
        /ThreatDetection threat: .*kmsMasterKeyId, messageRetentionSeconds, retainOnDelete of evidence store threat-findings-dlq;/,
      ),
    ]);
  });
});

describe("ThreatDetection's dead-letter queue with the caller's responders", () => {
  it("is encrypted with SSE-SQS when no topic, hence no key, is created here", async () => {
    reset();
    await build("soc", {
      responders: {
        red: "arn:aws:sns:us-east-1:123456789012:soc-red",
        yellow: "arn:aws:sqs:us-east-1:123456789012:triage",
        blue: "arn:aws:lambda:us-east-1:123456789012:function:low",
      },
    });
    expect(one(QUEUE).inputs).toEqual({
      name: "soc-findings-dlq",
      messageRetentionSeconds: 1209600,
      sqsManagedSseEnabled: true,
      tags: {},
    });
    expect(ofType("aws:kms/key:Key").map((k) => k.name)).toEqual(["soc-findings-key"]);
    for (const target of ofType(TARGET)) {
      expect(target.inputs.deadLetterConfig).toEqual({ arn: `${MOCK_ARN}:sqs/queue/soc-findings-dlq` });
    }
    // Red is the caller's topic: the alarm pages it there.
    expect(one(ALARM).inputs.alarmActions).toEqual(["arn:aws:sns:us-east-1:123456789012:soc-red"]);
  });

  it("pages a red topic given as itself by its ARN", async () => {
    reset();
    const topic = new aws.sns.Topic("soc-page");
    await build("soc", { responders: { red: topic } });
    expect(one(ALARM).inputs.alarmActions).toEqual([await valueOf(topic.arn)]);
  });

  it.each<[string, () => ThreatDetectionArgs["responders"]]>([
    ["a Lambda function", () => ({ red: new aws.lambda.Function("pager", { role: "arn:aws:iam::1:role/p" }) })],
    ["a Lambda function ARN", () => ({ red: "arn:aws:lambda:us-east-1:123456789012:function:page" })],
    ["an SQS queue", () => ({ red: new aws.sqs.Queue("soc-red") })],
    ["an SQS queue ARN", () => ({ red: "arn:aws:sqs:us-east-1:123456789012:soc-red" })],
    [
      "an Output ARN, whose kind is known too late",
      () => ({ red: pulumi.output("arn:aws:sns:us-east-1:123456789012:soc-red") }),
    ],
  ])("creates no alarm, and warns about nothing, when red goes to %s", async (_label, responders) => {
    reset();
    const { warnings } = await build("soc", { responders: responders() });
    expect(ofType(ALARM)).toEqual([]);
    expect(warnings).toEqual([]);
    // The findings are still kept: every target dead-letters to the queue.
    expect(
      ofType(TARGET).every((t) => t.inputs.deadLetterConfig.arn === `${MOCK_ARN}:sqs/queue/soc-findings-dlq`),
    ).toBe(true);
  });

  it("admits only the routed levels' rules when red is routed nowhere, and has no red topic to page", async () => {
    reset();
    const { td, warnings } = await build("soc", { responders: { red: false } });
    expect(sourceArnsOf(one(QUEUE_POLICY).inputs.policy)).toEqual([
      `${MOCK_ARN}:cloudwatch/eventRule/soc-blue`,
      `${MOCK_ARN}:cloudwatch/eventRule/soc-yellow`,
    ]);
    expect(
      ofType(TARGET)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["soc-blue-target", "soc-yellow-target"]);
    expect(ofType(ALARM)).toEqual([]);
    expect(td.deadLetterAlarmArn).toBeUndefined();
    // Only the existing warning about red: the missing alarm adds no noise.
    expect(warnings).toEqual([expect.stringMatching(/responders.red is false/)]);
  });

  it("creates no queue when no level is routed at all", async () => {
    reset();
    const { td } = await build("soc", { responders: { red: false, yellow: false, blue: false } });
    for (const type of [QUEUE, QUEUE_POLICY, ALARM, TARGET]) expect(ofType(type)).toEqual([]);
    expect(td.deadLetterQueueArn).toBeUndefined();
  });
});

describe("ThreatDetection's retry policy", () => {
  it.each<[string, ThreatDetectionArgs["retryPolicy"], object, RegExp[]]>([
    ["the maxima given explicitly", MAXIMA, MAXIMA, []],
    [
      "a shorter retry window",
      { maximumEventAgeInSeconds: 3600 },
      { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 185 },
      [/retryPolicy.maximumEventAgeInSeconds is 3600, below EventBridge's maximum 86400: .*dead-letter queue/],
    ],
    [
      "no retries at all, the shortest window",
      { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
      { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 0 },
      [/maximumEventAgeInSeconds is 60/, /maximumRetryAttempts is 0, below EventBridge's maximum 185/],
    ],
  ])(
    "applies %s to every target, warning when it is below the maxima",
    async (_label, retryPolicy, applied, expected) => {
      reset();
      const { warnings } = await build("soc", { retryPolicy });
      expect(ofType(TARGET).map((t) => t.inputs.retryPolicy)).toEqual([applied, applied, applied]);
      expect(warnings).toHaveLength(expected.length);
      expected.forEach((pattern, i) => expect(warnings[i]).toMatch(pattern));
    },
  );
});

describe("ThreatDetection with an existing dead-letter queue", () => {
  it.each<[string, pulumi.Input<string>]>([
    ["a plain ARN", GIVEN_QUEUE],
    ["an Output ARN", pulumi.output(GIVEN_QUEUE)],
  ])("dead-letters every target to %s, creates no queue or policy, and alarms on that queue", async (_l, arn) => {
    reset();
    const { td, seen } = await build("soc", { deadLetterQueueArn: arn });
    expect(ofType(QUEUE)).toEqual([]);
    expect(ofType(QUEUE_POLICY)).toEqual([]);
    expect(ofType(TARGET)).toHaveLength(3);
    for (const target of ofType(TARGET)) {
      expect(target.inputs.deadLetterConfig).toEqual({ arn: GIVEN_QUEUE });
      expect(target.inputs.retryPolicy).toEqual(MAXIMA);
    }
    // The caller's queue policy is the caller's: the targets wait only for their own topic's policy.
    for (const level of ["red", "yellow", "blue"]) {
      const topicPolicy = seen.find((a) => a.name === `soc-${level}-policy`)!.resource;
      expect(seen.find((a) => a.name === `soc-${level}-target`)!.opts.dependsOn).toEqual([topicPolicy]);
    }
    expect(one(ALARM).inputs).toMatchObject({
      dimensions: { QueueName: "soc-findings-dlq" },
      alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:soc-red`],
    });
    expect(await valueOf(td.deadLetterQueueArn!)).toBe(GIVEN_QUEUE);
  });

  it("accepts a queue named with underscores for a component name too long for its own queue, and a China queue", async () => {
    reset();
    const long = "t".repeat(70);
    await build(long, {
      deadLetterQueueArn: "arn:aws:sqs:us-east-1:123456789012:soc_findings_dlq",
      findingsBucketName: "soc-findings",
    });
    expect(ofType(TARGET)[0].inputs.deadLetterConfig.arn).toBe("arn:aws:sqs:us-east-1:123456789012:soc_findings_dlq");
    expect(deadLetterQueueProblem("q", "arn:aws-cn:sqs:cn-north-1:123456789012:dlq", "cn-north-1")).toBeUndefined();
  });

  it.each<[string, string, RegExp]>([
    [
      "in another region",
      `arn:aws:sqs:eu-west-1:${ACCOUNT}:dlq`,
      /argument "deadLetterQueueArn" is "arn:aws:sqs:eu-west-1:123456789012:dlq"; allowed: .*detector's region \(us-east-1\).*fix: create the queue in us-east-1/,
    ],
    [
      "of another service",
      `arn:aws:sns:us-east-1:${ACCOUNT}:dlq`,
      /argument "deadLetterQueueArn" is "arn:aws:sns:us-east-1:123456789012:dlq"; .*not to sns/,
    ],
  ])("refuses an Output ARN %s once known, and no target is registered with it", async (_label, arn, message) => {
    reset();
    const failures = await registrationFailures(async () => {
      new ThreatDetection("soc", {
        deadLetterQueueArn: pulumi.output(arn),
        responders: { yellow: false, blue: false },
      });
      await settle();
    });
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toMatch(message);
    // The target (and the alarm on that queue) waited for the check; the red rule and topic did not need to.
    expect(ofType(TARGET)).toEqual([]);
    expect(ofType(ALARM)).toEqual([]);
    expect(ofType("aws:cloudwatch/eventRule:EventRule").map((r) => r.name)).toEqual(["soc-red"]);
  });
});

describe("ThreatDetection refuses a bad dead-letter argument before creating anything", () => {
  it.each<[string, ThreatDetectionArgs, [string, unknown][], RegExp, string?]>([
    [
      "a queue name for an ARN",
      { deadLetterQueueArn: "soc-findings-dlq" },
      [["deadLetterQueueArn", "soc-findings-dlq"]],
      /fix: pass the full ARN \(arn:aws:sqs:<region>:<account>:<queue>\)/,
    ],
    [
      "an SNS topic ARN (the wrong service)",
      { deadLetterQueueArn: `arn:aws:sns:us-east-1:${ACCOUNT}:soc-red` },
      [["deadLetterQueueArn", `arn:aws:sns:us-east-1:${ACCOUNT}:soc-red`]],
      /EventBridge dead-letters only to SQS queues, not to sns/,
    ],
    [
      "a Lambda function ARN",
      { deadLetterQueueArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:dlq` },
      [["deadLetterQueueArn", `arn:aws:lambda:us-east-1:${ACCOUNT}:function:dlq`]],
      /not to lambda/,
    ],
    [
      "the queue's URL",
      { deadLetterQueueArn: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/dlq` },
      [["deadLetterQueueArn", `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/dlq`]],
      /its QueueArn attribute, queue\.arn\), not its URL/,
    ],
    [
      "a FIFO queue",
      { deadLetterQueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq.fifo` },
      [["deadLetterQueueArn", `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq.fifo`]],
      /only to standard queues/,
    ],
    [
      "a short account id",
      { deadLetterQueueArn: "arn:aws:sqs:us-east-1:12345:dlq" },
      [["deadLetterQueueArn", "arn:aws:sqs:us-east-1:12345:dlq"]],
      /standard SQS queue/,
    ],
    ["an empty string", { deadLetterQueueArn: "" }, [["deadLetterQueueArn", ""]], /pass the full ARN/],
    ["a number", { deadLetterQueueArn: 42 as any }, [["deadLetterQueueArn", 42]], /as a string \(queue\.arn\)/],
    [
      "a retry window below EventBridge's minimum",
      { retryPolicy: { maximumEventAgeInSeconds: 59 } },
      [["retryPolicy.maximumEventAgeInSeconds", 59]],
      /an integer from 60 to 86400/,
    ],
    [
      "a retry window above its maximum",
      { retryPolicy: { maximumEventAgeInSeconds: 86401 } },
      [["retryPolicy.maximumEventAgeInSeconds", 86401]],
      /an integer from 60 to 86400/,
    ],
    [
      "more retries than EventBridge allows",
      { retryPolicy: { maximumRetryAttempts: 186 } },
      [["retryPolicy.maximumRetryAttempts", 186]],
      /an integer from 0 to 185/,
    ],
    [
      "negative retries",
      { retryPolicy: { maximumRetryAttempts: -1 } },
      [["retryPolicy.maximumRetryAttempts", -1]],
      /0 to 185/,
    ],
    [
      "a fraction of a retry",
      { retryPolicy: { maximumRetryAttempts: 1.5 } },
      [["retryPolicy.maximumRetryAttempts", 1.5]],
      /0 to 185/,
    ],
    [
      "retries as a string",
      { retryPolicy: { maximumRetryAttempts: "185" as any } },
      [["retryPolicy.maximumRetryAttempts", "185"]],
      /0 to 185/,
    ],
    [
      "a misspelled retry key",
      { retryPolicy: { maximumRetryAttempt: 3 } as any },
      [["retryPolicy.maximumRetryAttempt", 3]],
      /did you mean maximumRetryAttempts\?/,
    ],
    [
      "a retry policy as an Output",
      { retryPolicy: pulumi.output(MAXIMA) as any },
      [["retryPolicy", expect.anything()]],
      /a plain value/,
    ],
    [
      "a dead-letter queue with no level routed",
      { deadLetterQueueArn: GIVEN_QUEUE, responders: { red: false, yellow: false, blue: false } },
      [["deadLetterQueueArn", GIVEN_QUEUE]],
      /nothing while every level is routed nowhere/,
    ],
    [
      "a name too long for the queue made here",
      { findingsBucketName: "soc-findings" },
      [["name", "q".repeat(70)]],
      /SQS queue name .*"q{70}-findings-dlq".*fix: rename the component, or pass deadLetterQueueArn/,
      "q".repeat(70),
    ],
  ])("%s", async (_label, args, problems, message, name = "bad") => {
    reset();
    const e = validationErrorOf(() => new ThreatDetection(name, args));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual(problems);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(new RegExp(`argument "${problems[0][0]}" is .*; fix: `));
    await settle();
    expect(recorded).toEqual([]);
  });

  it.each<[string, string, string | undefined, RegExp | undefined]>([
    ["the detector's region", GIVEN_QUEUE, "us-east-1", undefined],
    ["a region not yet known", `arn:aws:sqs:eu-west-1:${ACCOUNT}:dlq`, undefined, undefined],
    ["another region", `arn:aws:sqs:eu-west-1:${ACCOUNT}:dlq`, "us-east-1", /detector's region \(us-east-1\)/],
    ["a GovCloud queue", `arn:aws-us-gov:sqs:us-gov-west-1:${ACCOUNT}:dlq`, "us-gov-west-1", undefined],
    ["a zone for a region", `arn:aws:sqs:us-east-1a:${ACCOUNT}:dlq`, "us-east-1", /standard SQS queue/],
  ])("checks a dead-letter queue ARN against the region once known: %s", (_label, arn, region, problem) => {
    const found = deadLetterQueueProblem("deadLetterQueueArn", arn, region);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(`${found?.allowed} ${found?.fix}`).toMatch(problem);
  });
});
