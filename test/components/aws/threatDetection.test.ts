import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, one, recorded, reset, settle, validationErrorOf, valueOf } from "./mocks";

installMocks();
import * as aws from "@pulumi/aws";
import { ThreatDetection, ThreatDetectionArgs } from "../../../components/aws/threatDetection";
import { outputResponderProblem, responderProblem } from "../../../components/aws/threatDetectionArgs";
import { ANY_VALUE, parseEventPattern, patternMatches } from "../../../policies/lib/event-patterns";
import { routesBruteForceFindings } from "../../../policies/lib/guardduty-finding-routes";

const ACCOUNT = "123456789012";
const DETECTOR_ID = "12abc34d567e8fa901bc2d34e56789f0";
const FEATURE_ORDER = ["RUNTIME_MONITORING", "EBS_MALWARE_PROTECTION", "S3_DATA_EVENTS"];
const ruleOf = (level: string) => one("aws:cloudwatch/eventRule:EventRule", new RegExp(`-${level}$`));
const patternOf = (level: string) => JSON.parse(ruleOf(level).inputs.eventPattern);
const targetOf = (level: string) => one("aws:cloudwatch/eventTarget:EventTarget", new RegExp(`-${level}-target$`));
/** The dead-letter queue's policy as a transformation saw it: every target created here waits for it. */
const queuePolicyOf = (seen: pulumi.ResourceTransformationArgs[]) =>
  seen.find((a) => a.type === "aws:sqs/queuePolicy:QueuePolicy")!.resource;

/** The GuardDuty finding event EventBridge delivers, with the fields the patterns read. */
function finding(type: string, severity: number, source = "aws.guardduty") {
  return {
    version: "0",
    id: ANY_VALUE,
    "detail-type": "GuardDuty Finding",
    source,
    account: ACCOUNT,
    region: "us-east-1",
    detail: { schemaVersion: "2.0", accountId: ACCOUNT, type, severity, resource: ANY_VALUE, service: ANY_VALUE },
  };
}

async function withWarnings(build: () => void): Promise<string[]> {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    build();
    await settle();
    return warn.mock.calls.map((c) => String(c[0]));
  } finally {
    warn.mockRestore();
  }
}

describe("ThreatDetection with its defaults", () => {
  let td: ThreatDetection;
  let warnings: string[];
  beforeAll(async () => {
    reset();
    warnings = await withWarnings(() => (td = new ThreatDetection("threat")));
  });

  it("creates an enabled detector that publishes finding updates every 15 minutes, and warns about nothing", async () => {
    expect(one("aws:guardduty/detector:Detector").inputs).toMatchObject({
      enable: true,
      findingPublishingFrequency: "FIFTEEN_MINUTES",
    });
    expect(await valueOf(td.detectorId)).toBe("threat-detector-id");
    expect(warnings).toEqual([]);
  });

  it("turns on Runtime Monitoring with the agent managed on EKS, Fargate and EC2, EBS malware scans and S3 events", () => {
    // Registration order is not creation order: read them in GuardDuty's name order.
    const features = ofType("aws:guardduty/detectorFeature:DetectorFeature")
      .map((f) => f.inputs)
      .sort((a, b) => FEATURE_ORDER.indexOf(a.name) - FEATURE_ORDER.indexOf(b.name));
    expect(features.map((f) => [f.name, f.status, f.detectorId])).toEqual([
      ["RUNTIME_MONITORING", "ENABLED", "threat-detector-id"],
      ["EBS_MALWARE_PROTECTION", "ENABLED", "threat-detector-id"],
      ["S3_DATA_EVENTS", "ENABLED", "threat-detector-id"],
    ]);
    expect(features[0].additionalConfigurations).toEqual([
      { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" },
      { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
      { name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" },
    ]);
    expect(features[1].additionalConfigurations).toBeUndefined();
  });

  it("splits GuardDuty findings into red, yellow and blue rules by severity, red also by the case's types", () => {
    const findings = { source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] };
    expect(patternOf("red")).toEqual({
      ...findings,
      detail: {
        $or: [
          { severity: [{ numeric: [">=", 7] }] },
          {
            type: [
              "UnauthorizedAccess:EC2/SSHBruteForce",
              "UnauthorizedAccess:EC2/RDPBruteForce",
              { prefix: "Backdoor:" },
              { prefix: "Persistence:" },
            ],
          },
        ],
      },
    });
    expect(patternOf("yellow")).toEqual({ ...findings, detail: { severity: [{ numeric: [">=", 4, "<", 7] }] } });
    expect(patternOf("blue")).toEqual({ ...findings, detail: { severity: [{ numeric: ["<", 4] }] } });
    expect(ofType("aws:cloudwatch/eventRule:EventRule").map((r) => r.inputs.state)).toEqual([
      "ENABLED",
      "ENABLED",
      "ENABLED",
    ]);
  });

  it.each<[string, string, number, string[]]>([
    ["a high finding", "Recon:EC2/PortProbeUnprotectedPort", 8, ["red"]],
    ["the lowest high severity", "Trojan:EC2/DNSDataExfiltration", 7, ["red"]],
    ["a critical attack sequence", "AttackSequence:EC2/CompromisedInstanceGroup", 9.5, ["red"]],
    ["just below high", "Recon:EC2/Portscan", 6.9, ["yellow"]],
    ["the lowest medium severity", "Policy:S3/BucketBlockPublicAccessDisabled", 4, ["yellow"]],
    ["just below medium", "Recon:EC2/PortProbeUnprotectedPort", 3.9, ["blue"]],
    ["the lowest severity", "Stealth:IAMUser/PasswordPolicyChange", 1, ["blue"]],
    ["the case's brute force, rated low", "UnauthorizedAccess:EC2/SSHBruteForce", 2, ["red", "blue"]],
    ["RDP brute force, rated medium", "UnauthorizedAccess:EC2/RDPBruteForce", 5, ["red", "yellow"]],
    ["a backdoor", "Backdoor:EC2/C&CActivity.B", 5, ["red", "yellow"]],
    ["persistence", "Persistence:IAMUser/AnomalousBehavior", 2, ["red", "blue"]],
    ["a near miss of the brute-force type", "UnauthorizedAccess:EC2/SSHBruteForceX", 2, ["blue"]],
    ["a lower-case prefix (types are case-sensitive)", "backdoor:EC2/Spambot", 5, ["yellow"]],
    ["a prefix in the middle of a type", "Policy:Backdoor:X", 2, ["blue"]],
  ])("routes %s (%s, severity %d) to %j", (_label, type, severity, levels) => {
    const event = finding(type, severity);
    const matched = ["red", "yellow", "blue"].filter((level) => {
      const parsed = parseEventPattern(ruleOf(level).inputs.eventPattern);
      if ("invalid" in parsed) throw new Error(parsed.invalid);
      return patternMatches(parsed.pattern, event);
    });
    expect(matched).toEqual(levels);
  });

  it("routes no event from another source, whatever its severity or type", () => {
    for (const level of ["red", "yellow", "blue"]) {
      const parsed = parseEventPattern(ruleOf(level).inputs.eventPattern);
      if ("invalid" in parsed) throw new Error(parsed.invalid);
      expect(
        patternMatches(parsed.pattern, finding("UnauthorizedAccess:EC2/SSHBruteForce", 8, "aws.securityhub")),
      ).toBe(false);
    }
  });

  it("meets require-threat-detection's red contract with the red rule only", () => {
    expect(routesBruteForceFindings(ruleOf("red").inputs.eventPattern).routes).toBe("yes");
    expect(routesBruteForceFindings(ruleOf("yellow").inputs.eventPattern).routes).toBe("no");
    expect(routesBruteForceFindings(ruleOf("blue").inputs.eventPattern).routes).toBe("no");
  });

  it("sends each level to its own topic, encrypted with the component's key, published to by that rule only", () => {
    const key = one("aws:kms/key:Key", /topics-key$/);
    const keyPolicy = JSON.parse(key.inputs.policy);
    expect(keyPolicy.Statement.map((s: any) => [s.Sid, s.Principal])).toEqual([
      ["AccountAdministers", { AWS: `arn:aws:iam::${ACCOUNT}:root` }],
      ["EventBridgePublishesEncrypted", { Service: "events.amazonaws.com" }],
      ["CloudWatchAlarmsPublishEncrypted", { Service: "cloudwatch.amazonaws.com" }],
    ]);
    for (const level of ["red", "yellow", "blue"]) {
      const topic = one("aws:sns/topic:Topic", new RegExp(`^threat-${level}$`));
      expect(topic.inputs.kmsMasterKeyId).toBe(`arn:aws:mock:us-east-1:${ACCOUNT}:kms/key/threat-topics-key`);
      const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:threat-${level}`;
      // Every target also dead-letters what it cannot deliver (see threatDetection-deadLetter.test.ts).
      expect(targetOf(level).inputs).toEqual({
        rule: `threat-${level}`,
        arn: topicArn,
        deadLetterConfig: { arn: `arn:aws:mock:us-east-1:${ACCOUNT}:sqs/queue/threat-findings-dlq` },
        retryPolicy: { maximumEventAgeInSeconds: 86400, maximumRetryAttempts: 185 },
      });
      const policy = one("aws:sns/topicPolicy:TopicPolicy", new RegExp(`^threat-${level}-policy$`));
      expect(policy.inputs.arn).toBe(topicArn);
      const publish = JSON.parse(policy.inputs.policy).Statement.find((s: any) => s.Sid === "RulePublishes");
      expect(publish).toEqual({
        Sid: "RulePublishes",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: {
          ArnEquals: { "aws:SourceArn": `arn:aws:mock:us-east-1:${ACCOUNT}:cloudwatch/eventRule/threat-${level}` },
        },
      });
      // Only the red topic takes the dead-letter alarm's notifications, from that one alarm.
      const alarm = JSON.parse(policy.inputs.policy).Statement.find((s: any) => s.Sid === "AlarmPublishes");
      expect(alarm).toEqual(
        level === "red"
          ? {
              Sid: "AlarmPublishes",
              Effect: "Allow",
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topicArn,
              Condition: {
                ArnEquals: {
                  "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:threat-findings-undelivered`,
                },
              },
            }
          : undefined,
      );
    }
    expect(one("aws:cloudwatch/metricAlarm:MetricAlarm", /findings-undelivered$/).inputs.name).toBe(
      "threat-findings-undelivered",
    );
  });

  it("grants no Lambda invoke permission: the topics created here admit their rule in their own policy", () => {
    expect(ofType("aws:lambda/permission:Permission")).toEqual([]);
  });

  it("exports findings, encrypted, to an object-locked evidence bucket only this detector may write to", async () => {
    const destination = one("aws:guardduty/publishingDestination:PublishingDestination").inputs;
    expect(destination).toMatchObject({
      detectorId: "threat-detector-id",
      destinationArn: `arn:aws:s3:::threat-findings-${ACCOUNT}`,
      kmsKeyArn: `arn:aws:mock:us-east-1:${ACCOUNT}:kms/key/threat-findings-key`,
    });
    expect(one("aws:s3/bucket:Bucket").inputs).toMatchObject({
      bucket: `threat-findings-${ACCOUNT}`,
      objectLockEnabled: true,
    });
    expect(one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule).toEqual({
      defaultRetention: { mode: "COMPLIANCE", days: 365 },
    });
    const detectorArn = `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/threat-detector-id`;
    const bucketPolicy = JSON.parse(one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
    const guardDuty = bucketPolicy.Statement.filter((s: any) => s.Principal?.Service === "guardduty.amazonaws.com");
    expect(guardDuty.map((s: any) => [s.Action, s.Condition])).toEqual([
      ["s3:GetBucketLocation", { StringEquals: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": detectorArn } }],
      ["s3:PutObject", { StringEquals: { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": detectorArn } }],
    ]);
    const keyPolicy = JSON.parse(one("aws:kms/key:Key", /findings-key$/).inputs.policy);
    expect(keyPolicy.Statement[1]).toMatchObject({
      Principal: { Service: "guardduty.amazonaws.com" },
      Action: "kms:GenerateDataKey",
      Condition: { StringEquals: { "aws:SourceArn": detectorArn } },
    });
    expect(await valueOf(td.findingsBucketName!)).toBe(`threat-findings-${ACCOUNT}`);
  });
});

describe("ThreatDetection with a detector managed elsewhere", () => {
  it("creates no detector, no features and no export, and routes the given detector's findings", async () => {
    reset();
    const warnings = await withWarnings(() => {
      const td = new ThreatDetection("member", { existingDetectorId: DETECTOR_ID });
      expect(td.findingsBucketName).toBeUndefined();
    });
    for (const type of [
      "aws:guardduty/detector:Detector",
      "aws:guardduty/detectorFeature:DetectorFeature",
      "aws:guardduty/publishingDestination:PublishingDestination",
      "aws:s3/bucket:Bucket",
    ]) {
      expect(ofType(type)).toEqual([]);
    }
    expect(ofType("aws:cloudwatch/eventRule:EventRule").map((r) => r.name)).toEqual([
      "member-red",
      "member-yellow",
      "member-blue",
    ]);
    expect(ofType("aws:cloudwatch/eventTarget:EventTarget")).toHaveLength(3);
    expect(warnings).toEqual([]);
  });

  it("exports that detector's findings when asked", async () => {
    reset();
    const td = new ThreatDetection("member", {
      existingDetectorId: pulumi.output(DETECTOR_ID),
      exportFindings: true,
      findingsBucketName: "org-guardduty-findings",
    });
    await settle();
    expect(await valueOf(td.detectorId)).toBe(DETECTOR_ID);
    expect(one("aws:guardduty/publishingDestination:PublishingDestination").inputs.detectorId).toBe(DETECTOR_ID);
    const statement = JSON.parse(one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy).Statement.find(
      (s: any) => s.Sid === "GuardDutyWritesFindings",
    );
    expect(statement.Resource).toBe("arn:aws:s3:::org-guardduty-findings/*");
    expect(statement.Condition.StringEquals["aws:SourceArn"]).toBe(
      `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR_ID}`,
    );
  });
});

describe("ThreatDetection with the caller's responders", () => {
  it("targets the given ARNs, plain or Output, and creates a topic only for the level left out", async () => {
    reset();
    const td = new ThreatDetection("soc", {
      responders: {
        red: "arn:aws:sns:us-east-1:123456789012:soc-red",
        yellow: pulumi.output("arn:aws:sqs:us-east-1:123456789012:triage"),
      },
    });
    await settle();
    expect(targetOf("red").inputs.arn).toBe("arn:aws:sns:us-east-1:123456789012:soc-red");
    expect(targetOf("yellow").inputs.arn).toBe("arn:aws:sqs:us-east-1:123456789012:triage");
    expect(ofType("aws:sns/topic:Topic").map((t) => t.name)).toEqual(["soc-blue"]);
    expect(ofType("aws:sns/topicPolicy:TopicPolicy").map((t) => t.name)).toEqual(["soc-blue-policy"]);
    expect(Object.keys(td.topicArns)).toEqual(["blue"]);
    // The caller owns topics and queues given here, and their policies: no invoke permission for them.
    expect(ofType("aws:lambda/permission:Permission")).toEqual([]);
  });

  it("lets EventBridge invoke a Lambda responder for that level's rule only, before the target exists", async () => {
    reset();
    const seen: pulumi.ResourceTransformationArgs[] = [];
    const record: pulumi.ResourceTransformation = (a) => {
      seen.push(a);
      return undefined;
    };
    const triage = "arn:aws:lambda:us-east-1:123456789012:function:triage:live";
    const page = "arn:aws:lambda:us-east-1:123456789012:function:page";
    const td = new ThreatDetection(
      "soc",
      { responders: { red: page, yellow: triage, blue: "arn:aws:sqs:us-east-1:123456789012:soc-blue" } },
      { transformations: [record] },
    );
    await settle();
    const permissions = ofType("aws:lambda/permission:Permission");
    expect(permissions.map((p) => p.name)).toEqual(["soc-red-invoke", "soc-yellow-invoke"]);
    for (const [level, fn] of [
      ["red", page],
      ["yellow", triage],
    ] as const) {
      expect(one("aws:lambda/permission:Permission", new RegExp(`^soc-${level}-invoke$`)).inputs).toEqual({
        action: "lambda:InvokeFunction",
        principal: "events.amazonaws.com",
        function: fn,
        sourceArn: `arn:aws:mock:us-east-1:${ACCOUNT}:cloudwatch/eventRule/soc-${level}`,
      });
      expect(targetOf(level).inputs.arn).toBe(fn);
      const permission = seen.find((a) => a.name === `soc-${level}-invoke`)!;
      // Linked to the rule's own ARN (a property dependency), and the target waits for the permission.
      expect(permission.props.sourceArn).toBe(td.ruleArns[level]);
      const target = seen.find((a) => a.name === `soc-${level}-target`)!;
      // It also waits for the dead-letter queue to admit EventBridge.
      expect(target.opts.dependsOn).toEqual([permission.resource, queuePolicyOf(seen)]);
    }
    expect(seen.find((a) => a.name === "soc-blue-target")!.opts.dependsOn).toEqual([queuePolicyOf(seen)]);
    expect(ofType("aws:sns/topic:Topic")).toEqual([]);
  });

  it("lets EventBridge invoke a function given as itself (red: fn), for that level's rule only, before the target", async () => {
    reset();
    const seen: pulumi.ResourceTransformationArgs[] = [];
    const record: pulumi.ResourceTransformation = (a) => {
      seen.push(a);
      return undefined;
    };
    const fn = new aws.lambda.Function("pager", {
      role: "arn:aws:iam::123456789012:role/pager",
      runtime: "nodejs20.x",
    });
    const td = new ThreatDetection("soc", { responders: { red: fn } }, { transformations: [record] });
    await settle();
    const fnArn = await valueOf(fn.arn);
    expect(ofType("aws:lambda/permission:Permission").map((p) => p.name)).toEqual(["soc-red-invoke"]);
    expect(one("aws:lambda/permission:Permission").inputs).toEqual({
      action: "lambda:InvokeFunction",
      principal: "events.amazonaws.com",
      function: fnArn,
      sourceArn: `arn:aws:mock:us-east-1:${ACCOUNT}:cloudwatch/eventRule/soc-red`,
    });
    const permission = seen.find((a) => a.name === "soc-red-invoke")!;
    expect(permission.props.function).toBe(fn.arn);
    expect(permission.props.sourceArn).toBe(td.ruleArns.red);
    expect(seen.find((a) => a.name === "soc-red-target")!.opts.dependsOn).toEqual([
      permission.resource,
      queuePolicyOf(seen),
    ]);
    expect(targetOf("red").inputs.arn).toBe(fnArn);
    expect(await valueOf(td.responderArns.red!)).toBe(fnArn);
    // The levels left out get their topics, and no permission.
    expect(ofType("aws:sns/topic:Topic").map((t) => t.name)).toEqual(["soc-yellow", "soc-blue"]);
  });

  it("targets a topic or queue given as itself by its ARN, and grants nothing: its policy stays the caller's", async () => {
    reset();
    const topic = new aws.sns.Topic("soc-page");
    const queue = new aws.sqs.Queue("soc-triage");
    const seen: pulumi.ResourceTransformationArgs[] = [];
    const td = new ThreatDetection(
      "soc",
      { responders: { red: topic, yellow: queue } },
      {
        transformations: [
          (a) => {
            seen.push(a);
            return undefined;
          },
        ],
      },
    );
    await settle();
    expect(targetOf("red").inputs.arn).toBe(await valueOf(topic.arn));
    expect(targetOf("yellow").inputs.arn).toBe(await valueOf(queue.arn));
    expect(ofType("aws:lambda/permission:Permission")).toEqual([]);
    expect(ofType("aws:sns/topicPolicy:TopicPolicy").map((t) => t.name)).toEqual(["soc-blue-policy"]);
    expect(Object.keys(td.topicArns)).toEqual(["blue"]);
    for (const level of ["red", "yellow"]) {
      expect(seen.find((a) => a.name === `soc-${level}-target`)!.opts.dependsOn).toEqual([queuePolicyOf(seen)]);
    }
  });

  it("mixes resources, plain ARNs and Output ARNs across levels", async () => {
    reset();
    const fn = new aws.lambda.Function("pager", {
      role: "arn:aws:iam::123456789012:role/pager",
      runtime: "nodejs20.x",
    });
    const queue = new aws.sqs.Queue("soc-triage");
    const triage = "arn:aws:lambda:us-east-1:123456789012:function:triage";
    new ThreatDetection("soc", {
      responders: { red: fn, yellow: triage, blue: queue },
    });
    await settle();
    // Registration order is not creation order: read them by name.
    const permissions = ofType("aws:lambda/permission:Permission").map((p) => [p.name, p.inputs.function]);
    expect(permissions.sort()).toEqual([
      ["soc-red-invoke", await valueOf(fn.arn)],
      ["soc-yellow-invoke", triage],
    ]);
    expect(targetOf("red").inputs.arn).toBe(await valueOf(fn.arn));
    expect(targetOf("yellow").inputs.arn).toBe(triage);
    expect(targetOf("blue").inputs.arn).toBe(await valueOf(queue.arn));
    expect(ofType("aws:sns/topic:Topic")).toEqual([]);
    // No topic here, so no topic key: only the findings export's.
    expect(ofType("aws:kms/key:Key").map((k) => k.name)).toEqual(["soc-findings-key"]);

    reset();
    const topic = new aws.sns.Topic("soc-page");
    new ThreatDetection("soc", {
      responders: { red: topic, yellow: pulumi.output("arn:aws:sqs:us-east-1:123456789012:triage"), blue: false },
    });
    await settle();
    expect(targetOf("red").inputs.arn).toBe(await valueOf(topic.arn));
    expect(targetOf("yellow").inputs.arn).toBe("arn:aws:sqs:us-east-1:123456789012:triage");
    expect(
      ofType("aws:cloudwatch/eventTarget:EventTarget")
        .map((t) => t.name)
        .sort(),
    ).toEqual(["soc-red-target", "soc-yellow-target"]);
    expect(ofType("aws:lambda/permission:Permission")).toEqual([]);
  });

  it("refuses an object that is no function, topic or queue, naming it and the fix, and creates nothing", async () => {
    reset();
    const bucket = new aws.s3.Bucket("soc-logs");
    const e = validationErrorOf(() => new ThreatDetection("soc", { responders: { red: bucket as any } }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([
      ["responders.red", 'aws:s3/bucket:Bucket resource "soc-logs"'],
    ]);
    expect(e.message).toMatch(
      /argument "responders\.red" is "aws:s3\/bucket:Bucket resource \\"soc-logs\\"".*aws\.lambda\.Function, aws\.sns\.Topic or aws\.sqs\.Queue.*fix: pass the function, topic or queue itself \(responders: \{ red: fn \}\)/,
    );
    await settle();
    expect(recorded.map((r) => r.type)).toEqual(["aws:s3/bucket:Bucket"]);
  });

  it("points an Output Lambda ARN (fn.arn) to passing the function itself", () => {
    const found = outputResponderProblem(
      "responders.red",
      "arn:aws:lambda:us-east-1:123456789012:function:p",
      "us-east-1",
    );
    expect(found?.fix).toMatch(/pass the function itself \(responders: \{ red: fn \}, not fn\.arn\)/);
  });

  it.each<[string, string, boolean]>([
    ["a function", "arn:aws:lambda:us-east-1:123456789012:function:triage", true],
    ["a function alias", "arn:aws:lambda:us-east-1:123456789012:function:triage:live", true],
    ["a topic", "arn:aws:sns:us-east-1:123456789012:soc-red", false],
    ["a queue", "arn:aws:sqs:us-east-1:123456789012:soc-red", false],
  ])(
    "refuses %s arriving as an Output only if it is a Lambda function (no permission could be made)",
    (_l, arn, bad) => {
      const found = outputResponderProblem("responders.yellow", arn, "us-east-1");
      if (!bad) expect(found).toBeUndefined();
      else expect(`${found?.allowed} ${found?.fix}`).toMatch(/as a plain string.*lambda:InvokeFunction.*SNS topic/);
    },
  );

  it.each<[string, string, string | undefined, RegExp | undefined]>([
    ["same region", "arn:aws:sns:us-east-1:123456789012:soc-red", "us-east-1", undefined],
    ["another region", "arn:aws:sns:eu-west-1:123456789012:soc-red", "us-east-1", /detector's region \(us-east-1\)/],
    ["a China partition topic", "arn:aws-cn:sns:cn-north-1:123456789012:soc-red", "cn-north-1", undefined],
    ["a queue", "arn:aws:sqs:us-east-1:123456789012:soc-red", "us-east-1", undefined],
    ["a FIFO topic", "arn:aws:sns:us-east-1:123456789012:soc-red.fifo", "us-east-1", /standard SNS topic/],
    ["a role", "arn:aws:iam::123456789012:role/soc", "us-east-1", /standard SNS topic/],
    ["a layer, not a function", "arn:aws:lambda:us-east-1:123456789012:layer:x:1", "us-east-1", /Lambda function/],
    ["a short account", "arn:aws:sns:us-east-1:12345:soc-red", "us-east-1", /standard SNS topic/],
  ])("checks a responder ARN once the region is known: %s", (_label, arn, region, problem) => {
    const found = responderProblem("responders.red", arn, region);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(`${found?.allowed} ${found?.fix}`).toMatch(problem);
  });
});

describe("ThreatDetection refuses bad arguments before creating anything", () => {
  const output = pulumi.output({ red: 7 });
  it.each<[string, unknown, [string, unknown][], string?]>([
    ["an invented key", { forceDestroy: true }, [["forceDestroy", true]]],
    ["a misspelled key", { responder: {} }, [["responder", {}]]],
    ["arguments that are not an object", "red", [["args", "red"]]],
    [
      "a detector ARN for its id",
      { existingDetectorId: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR_ID}` },
      [["existingDetectorId", `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR_ID}`]],
    ],
    ["a padded detector id", { existingDetectorId: ` ${DETECTOR_ID}` }, [["existingDetectorId", ` ${DETECTOR_ID}`]]],
    ["an empty detector id", { existingDetectorId: "" }, [["existingDetectorId", ""]]],
    [
      "features on a detector managed elsewhere",
      { existingDetectorId: DETECTOR_ID, features: { s3DataEvents: true } },
      [["features", { s3DataEvents: true }]],
    ],
    [
      "a string for a feature switch",
      { features: { runtimeMonitoring: "false" } },
      [["features.runtimeMonitoring", "false"]],
    ],
    ["0 for a feature switch", { features: { s3DataEvents: 0 } }, [["features.s3DataEvents", 0]]],
    ["an unknown feature", { features: { malware: true } }, [["features.malware", true]]],
    ["a level that does not exist", { responders: { purple: "x" } }, [["responders.purple", "x"]]],
    ["true for a responder", { responders: { red: true } }, [["responders.red", true]]],
    ["a topic name for an ARN", { responders: { red: "soc-red" } }, [["responders.red", "soc-red"]]],
    [
      "a FIFO topic",
      { responders: { yellow: "arn:aws:sns:us-east-1:123456789012:soc.fifo" } },
      [["responders.yellow", "arn:aws:sns:us-east-1:123456789012:soc.fifo"]],
    ],
    ["responders as an Output", { responders: pulumi.output({}) }, [["responders", expect.anything()]]],
    ["red above GuardDuty's scale", { severityThresholds: { red: 9.5 } }, [["severityThresholds.red", 9.5]]],
    ["yellow below it", { severityThresholds: { yellow: 0.5 } }, [["severityThresholds.yellow", 0.5]]],
    ["yellow equal to red", { severityThresholds: { yellow: 7 } }, [["severityThresholds.yellow", 7]]],
    ["yellow above a lowered red", { severityThresholds: { red: 5, yellow: 6 } }, [["severityThresholds.yellow", 6]]],
    ["a threshold as a string", { severityThresholds: { red: "7" } }, [["severityThresholds.red", "7"]]],
    ["a threshold that is NaN", { severityThresholds: { red: NaN } }, [["severityThresholds.red", NaN]]],
    ["an invented level", { severityThresholds: { orange: 5 } }, [["severityThresholds.orange", 5]]],
    ["thresholds as an Output", { severityThresholds: output }, [["severityThresholds", expect.anything()]]],
    ["a string for exportFindings", { exportFindings: "true" }, [["exportFindings", "true"]]],
    [
      "retention with no export",
      { exportFindings: false, findingsRetentionDays: 400 },
      [["findingsRetentionDays", 400]],
    ],
    ["retention below 180 days", { findingsRetentionDays: 90 }, [["findingsRetentionDays", 90]]],
    [
      "a bucket name S3 refuses",
      { findingsBucketName: "Findings_Bucket" },
      [["findingsBucketName", "Findings_Bucket"]],
    ],
    ["a name no topic can carry", {}, [["name", "threat.detection"]], "threat.detection"],
    ["a name too long for the default bucket", {}, [["name", "t".repeat(42)]], "t".repeat(42)],
  ])("%s", async (_label, args, problems, name = "bad") => {
    reset();
    const e = validationErrorOf(() => new ThreatDetection(name, args as ThreatDetectionArgs));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual(problems);
    for (const [argument] of problems) expect(e.message).toMatch(new RegExp(`argument "${argument}" is .*; fix: `));
    await settle();
    expect(recorded).toEqual([]);
  });

  it("lists every problem in one error", () => {
    const e = validationErrorOf(
      () =>
        new ThreatDetection("bad", {
          responders: { red: "soc-red", blue: "arn:aws:sqs:us-east-1:1:q" },
          severityThresholds: { red: 10 },
          findingsRetentionDays: 10,
        }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual([
      "responders.red",
      "responders.blue",
      "severityThresholds.red",
      "findingsRetentionDays",
    ]);
  });

  it.each<[string, ThreatDetectionArgs, string?]>([
    ["the highest thresholds allowed", { severityThresholds: { red: 8.9, yellow: 8.8 } }],
    ["the lowest", { severityThresholds: { red: 1.1, yellow: 1 } }],
    ["a detector id as an Output", { existingDetectorId: pulumi.output(DETECTOR_ID) }],
    ["a queue named with underscores", { responders: { red: "arn:aws:sqs:us-east-1:123456789012:soc_red_queue" } }],
    ["the longest name the default bucket allows", {}, "t".repeat(41)],
    ["a bucket name with dots", { findingsBucketName: "org.guardduty.findings" }],
  ])("accepts %s", async (_label, args, name = "ok") => {
    reset();
    await withWarnings(() => new ThreatDetection(name, args));
    expect(ofType("hardening:aws:ThreatDetection")).toHaveLength(1);
  });
});

describe("ThreatDetection weakenings need an explicit argument and warn", () => {
  it.each<[string, ThreatDetectionArgs, RegExp[]]>([
    [
      "Runtime Monitoring off",
      { features: { runtimeMonitoring: false } },
      [/ThreatDetection w: features.runtimeMonitoring is false: .*planted service/],
    ],
    [
      "EBS malware scans off",
      { features: { ebsMalwareProtection: false } },
      [/features.ebsMalwareProtection is false/],
    ],
    ["S3 data events off", { features: { s3DataEvents: false } }, [/features.s3DataEvents is false/]],
    ["no red responder", { responders: { red: false } }, [/responders.red is false: .*brute force.*reach nobody/]],
    ["no blue responder", { responders: { blue: false } }, [/responders.blue is false: low findings reach nobody/]],
    ["no export", { exportFindings: false }, [/exportFindings is false: .*90 days/]],
    ["red raised", { severityThresholds: { red: 8 } }, [/severityThresholds.red is 8: findings from 7 up to it/]],
    ["yellow raised", { severityThresholds: { yellow: 5 } }, [/severityThresholds.yellow is 5/]],
    [
      "short findings retention",
      { findingsRetentionDays: 180 },
      [/findingsRetentionDays is 180 days, below the default 365/],
    ],
    ["thresholds lowered (stricter)", { severityThresholds: { red: 6, yellow: 3 } }, []],
    ["longer retention", { findingsRetentionDays: 730 }, []],
    ["no export of a detector managed elsewhere (nothing to weaken)", { existingDetectorId: DETECTOR_ID }, []],
  ])("%s", async (_label, args, expected) => {
    reset();
    const messages = await withWarnings(() => new ThreatDetection("w", args));
    expect(messages).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(messages[i]).toMatch(pattern));
  });

  it("writes a feature turned off as DISABLED, its agent management included", async () => {
    reset();
    await withWarnings(() => new ThreatDetection("w", { features: { runtimeMonitoring: false } }));
    const runtime = one("aws:guardduty/detectorFeature:DetectorFeature", /runtime-monitoring$/).inputs;
    expect(runtime.status).toBe("DISABLED");
    expect(runtime.additionalConfigurations.map((c: any) => c.status)).toEqual(["DISABLED", "DISABLED", "DISABLED"]);
    expect(one("aws:guardduty/detectorFeature:DetectorFeature", /s3-data-events$/).inputs.status).toBe("ENABLED");
  });

  it("creates no red rule when red is turned off, and moves the bands with the thresholds", async () => {
    reset();
    await withWarnings(
      () => new ThreatDetection("w", { responders: { red: false }, severityThresholds: { yellow: 3 } }),
    );
    expect(ofType("aws:cloudwatch/eventRule:EventRule").map((r) => r.name)).toEqual(["w-yellow", "w-blue"]);
    expect(JSON.parse(ruleOf("yellow").inputs.eventPattern).detail).toEqual({
      severity: [{ numeric: [">=", 3, "<", 7] }],
    });
    expect(JSON.parse(ruleOf("blue").inputs.eventPattern).detail).toEqual({ severity: [{ numeric: ["<", 3] }] });
    expect(ofType("aws:sns/topic:Topic").map((t) => t.name)).toEqual(["w-yellow", "w-blue"]);
  });
});
