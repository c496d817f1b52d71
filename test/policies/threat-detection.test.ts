// require-threat-detection: the case's SSH brute force ran 137 s unnoticed. A stack with compute needs GuardDuty with
// its high-severity findings routed to a target (AWS), or a Security Center anti-brute-force rule strict enough to
// block the guessing (Alibaba Cloud).
import { levelPattern } from "../../components/plan/responseLevels";
import { requireThreatDetection } from "../../policies/stack/require-threat-detection";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const EC2 = "aws:ec2/instance:Instance";
const DETECTOR = "aws:guardduty/detector:Detector";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const BUS = "aws:cloudwatch/eventBus:EventBus";
const ECS = "alicloud:ecs/instance:Instance";
const ANTI_BRUTE_FORCE = "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule";

const ec2: StackInput = { type: EC2, name: "web", props: { ami: "ami-1", instanceType: "t3.micro" } };
const detector = (props: Record<string, unknown> = {}, name = "guardduty"): StackInput => ({
  type: DETECTOR,
  name,
  props,
});

const guardDuty = (detail?: Record<string, unknown>) =>
  JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], ...(detail ? { detail } : {}) });
/** The red level of the kit's AWS ThreatDetection component: high findings, and the case's types at any severity. */
const RED_LEVEL = JSON.stringify(levelPattern("red"));
/** High findings alone: GuardDuty rates a brute force against an instance Low, so this misses the case's attack. */
const HIGH_ONLY = guardDuty({ severity: [{ numeric: [">=", 7] }] });
/** A rule that routes the case's attack: the red level. */
const HIGH = RED_LEVEL;

/** An EventBridge rule; its name input is unknown at preview, as an autonamed rule's is. */
const rule = (eventPattern: unknown, extra: Record<string, unknown> = {}, name = "red"): StackInput => ({
  type: RULE,
  name,
  props: { eventPattern, ...extra },
});
/** A target linked to the rule the way `rule: rule.name` is at preview: a property dependency. */
const targetOf = (ruleName: string, name = `${ruleName}-target`): StackInput => ({
  type: TARGET,
  name,
  props: { rule: UNKNOWN, arn: UNKNOWN },
  propertyDependencies: { rule: [urnOf(RULE, ruleName)] },
});
/** A rule and its target. */
const routed = (eventPattern: unknown, extra: Record<string, unknown> = {}, name = "red") => [
  rule(eventPattern, extra, name),
  targetOf(name),
];

const ON_EC2 = urnOf(EC2, "web");
const ON_DETECTOR = urnOf(DETECTOR, "guardduty");
const ON_RULE = urnOf(RULE, "red");

describe("require-threat-detection on AWS", () => {
  stackTable(requireThreatDetection, [
    { name: "no compute, nothing to watch", resources: [detector({ enable: false })], violations: 0 },
    {
      name: "compute without a detector",
      resources: [ec2],
      violations: 1,
      urn: ON_EC2,
      mentions: "the stack creates compute (web) but no GuardDuty detector",
    },
    {
      name: "a rule and target without a detector",
      resources: [ec2, ...routed(HIGH)],
      violations: 1,
      urn: ON_EC2,
      mentions: "no GuardDuty detector",
    },
    {
      name: "detector (enable defaults to true), high rule with a target",
      resources: [ec2, detector(), ...routed(HIGH)],
      violations: 0,
    },
    {
      name: "the component's red level",
      resources: [ec2, detector({ enable: true }), ...routed(RED_LEVEL)],
      violations: 0,
    },
    { name: "every GuardDuty finding", resources: [ec2, detector(), ...routed(guardDuty())], violations: 0 },
    {
      name: "detector switched off",
      resources: [ec2, detector({ enable: false }), ...routed(HIGH)],
      violations: 1,
      urn: ON_DETECTOR,
      mentions: "GuardDuty detector guardduty has enable false",
    },
    {
      name: "detector switched off by a string",
      resources: [ec2, detector({ enable: "false" }), ...routed(HIGH)],
      violations: 1,
      urn: ON_DETECTOR,
    },
    {
      name: "one of two detectors switched off",
      resources: [ec2, detector({ enable: false }, "old"), detector(), ...routed(HIGH)],
      violations: 0,
    },
    {
      name: "detector enable unknown",
      resources: [ec2, detector({ enable: UNKNOWN }), ...routed(HIGH)],
      violations: 0,
      notes: 1,
    },
    {
      name: "detector but no event rule",
      resources: [ec2, detector()],
      violations: 1,
      urn: ON_DETECTOR,
      mentions:
        "no EventBridge rule with a target routes GuardDuty detector guardduty's SSH brute-force findings at every severity",
    },
    {
      name: "only a scheduled rule",
      resources: [
        ec2,
        detector(),
        rule(undefined, { scheduleExpression: "rate(1 hour)" }, "nightly"),
        targetOf("nightly"),
      ],
      violations: 1,
      urn: ON_DETECTOR,
    },
    {
      name: "only a rule for other events",
      resources: [ec2, detector(), ...routed(JSON.stringify({ source: ["aws.ec2"] }), {}, "ec2-state")],
      violations: 1,
      urn: ON_DETECTOR,
    },
    {
      name: "severity 8 and above only misses 1.0–7.9",
      resources: [ec2, detector(), ...routed(guardDuty({ severity: [{ numeric: [">=", 8] }] }))],
      violations: 1,
      urn: ON_RULE,
      mentions: "at severity 1.0–7.9",
    },
    {
      name: "high severities only miss the Low brute force against an instance",
      resources: [ec2, detector(), ...routed(HIGH_ONLY)],
      violations: 1,
      urn: ON_RULE,
      mentions: "at severity 1.0–6.9",
    },
    {
      name: "every GuardDuty finding",
      resources: [ec2, detector(), ...routed(guardDuty())],
      violations: 0,
    },
    {
      name: "medium findings only",
      resources: [ec2, detector(), ...routed(guardDuty({ severity: [{ numeric: [">=", 4, "<", 7] }] }))],
      violations: 1,
      urn: ON_RULE,
      mentions: "misses GuardDuty findings of type UnauthorizedAccess:EC2/SSHBruteForce at severity 1.0–3.9, 7.0–8.9",
    },
    {
      name: "high rule without a target",
      resources: [ec2, detector(), rule(HIGH)],
      violations: 1,
      urn: ON_RULE,
      mentions: "has no aws.cloudwatch.EventTarget",
    },
    {
      name: "the target belongs to another rule",
      resources: [ec2, detector(), rule(HIGH), ...routed(JSON.stringify({ source: ["aws.ec2"] }), {}, "ec2-state")],
      violations: 1,
      urn: ON_RULE,
      mentions: "has no aws.cloudwatch.EventTarget",
    },
    {
      name: "target linked by the rule's known name",
      resources: [
        ec2,
        detector(),
        rule(HIGH, { name: "guardduty-red" }),
        { type: TARGET, name: "pager", props: { rule: "guardduty-red", arn: "arn:aws:sns:us-east-1:1:pager" } },
      ],
      violations: 0,
    },
    {
      name: "target naming another rule",
      resources: [
        ec2,
        detector(),
        rule(HIGH, { name: "guardduty-red" }),
        { type: TARGET, name: "pager", props: { rule: "guardduty-blue", arn: "arn:aws:sns:us-east-1:1:pager" } },
      ],
      violations: 1,
      urn: ON_RULE,
    },
    {
      name: "a target whose rule is unknown and linked to nothing",
      resources: [ec2, detector(), rule(HIGH), { type: TARGET, name: "pager", props: { rule: UNKNOWN } }],
      violations: 0,
      notes: 1,
    },
    {
      name: "rule disabled by state",
      resources: [ec2, detector(), ...routed(HIGH, { state: "DISABLED" })],
      violations: 1,
      urn: ON_RULE,
      mentions: 'has state "DISABLED"',
    },
    {
      name: "rule disabled by the deprecated isEnabled",
      resources: [ec2, detector(), ...routed(HIGH, { isEnabled: false })],
      violations: 1,
      urn: ON_RULE,
      mentions: "has isEnabled false",
    },
    {
      name: "rule enabled for CloudTrail management events too",
      resources: [ec2, detector(), ...routed(HIGH, { state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" })],
      violations: 0,
    },
    {
      name: "rule state unknown",
      resources: [ec2, detector(), ...routed(HIGH, { state: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "disabled and without a target: both named",
      resources: [ec2, detector(), rule(HIGH, { state: "DISABLED" })],
      violations: 1,
      mentions: 'has state "DISABLED"; has no aws.cloudwatch.EventTarget',
    },
    {
      name: "type filtered by the prefix UnauthorizedAccess:",
      resources: [ec2, detector(), ...routed(guardDuty({ type: [{ prefix: "UnauthorizedAccess:" }] }))],
      violations: 0,
    },
    {
      name: "anything-but the brute-force type",
      resources: [
        ec2,
        detector(),
        ...routed(guardDuty({ type: [{ "anything-but": { prefix: "UnauthorizedAccess:" } }] })),
      ],
      violations: 1,
      urn: ON_RULE,
      mentions: "matches no GuardDuty finding",
    },
    {
      name: "anything-but low severities",
      resources: [ec2, detector(), ...routed(guardDuty({ severity: [{ "anything-but": [1, 2, 3] }] }))],
      violations: 1,
      urn: ON_RULE,
      mentions: "at severity 1.0, 2.0, 3.0",
    },
    {
      name: "invalid JSON",
      resources: [ec2, detector(), ...routed('{"source": ["aws.guardduty"], "detail": {')],
      violations: 1,
      urn: ON_RULE,
      mentions: "has an eventPattern that is not valid JSON",
    },
    {
      name: "a bare value where EventBridge wants a list",
      resources: [ec2, detector(), ...routed('{"source": "aws.guardduty"}')],
      violations: 1,
      urn: ON_RULE,
    },
    { name: "pattern unknown at preview", resources: [ec2, detector(), ...routed(UNKNOWN)], violations: 0, notes: 1 },
    {
      name: "a rule for one account only",
      resources: [ec2, detector(), ...routed(JSON.stringify({ source: ["aws.guardduty"], account: ["123456789012"] }))],
      violations: 1,
      urn: ON_RULE,
    },
    {
      name: "the fix is reported on the rule whose pattern is right, not the narrow one",
      resources: [
        ec2,
        detector(),
        ...routed(guardDuty({ severity: [{ numeric: [">=", 8] }] }), {}, "narrow"),
        rule(HIGH),
      ],
      violations: 1,
      urn: ON_RULE,
      mentions: "has no aws.cloudwatch.EventTarget",
    },
    {
      name: "a narrow rule beside a good one",
      resources: [
        ec2,
        detector(),
        ...routed(guardDuty({ severity: [{ numeric: [">=", 8] }] }), {}, "narrow"),
        ...routed(HIGH),
      ],
      violations: 0,
    },
    {
      name: "default bus by name",
      resources: [ec2, detector(), ...routed(HIGH, { eventBusName: "default" })],
      violations: 0,
    },
    {
      name: "default bus by ARN",
      resources: [ec2, detector(), ...routed(HIGH, { eventBusName: "arn:aws:events:us-east-1:1:event-bus/default" })],
      violations: 0,
    },
    {
      name: "a custom bus GuardDuty does not publish to",
      resources: [ec2, detector(), ...routed(HIGH, { eventBusName: "security" })],
      violations: 1,
      urn: ON_RULE,
      mentions: 'is on event bus "security"',
    },
    {
      name: "a custom bus of the stack, its name unknown",
      resources: [
        ec2,
        detector(),
        { type: BUS, name: "security", props: {} },
        { ...rule(HIGH, { eventBusName: UNKNOWN }), propertyDependencies: { eventBusName: [urnOf(BUS, "security")] } },
        targetOf("red"),
      ],
      violations: 1,
      mentions: "is on a custom event bus",
    },
    {
      name: "a bus unknown at preview",
      resources: [ec2, detector(), ...routed(HIGH, { eventBusName: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    { name: "provided outside the stack", resources: [ec2], config: { providedExternally: true }, violations: 0 },
    {
      name: "less common compute counts too",
      resources: [{ type: "aws:lambda/function:Function", name: "fn", props: {} }],
      violations: 1,
      urn: urnOf("aws:lambda/function:Function", "fn"),
    },
  ]);
});

const ecs: StackInput = { type: ECS, name: "erp", props: { keyName: "ops" } };
const STRICT = {
  antiBruteForceRuleName: "ssh",
  defaultRule: true,
  uuidLists: [],
  failCount: 5,
  span: 10,
  forbiddenTime: 360,
};
const abf = (props: Record<string, unknown>, name = "ssh"): StackInput => ({
  type: ANTI_BRUTE_FORCE,
  name,
  props: { ...STRICT, ...props },
});
const ON_ECS = urnOf(ECS, "erp");
const ON_ABF = urnOf(ANTI_BRUTE_FORCE, "ssh");

const STANDBY = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::standby";
/** The same resources under the standby region's provider, renamed. */
const inStandby = (resources: StackInput[]): StackInput[] =>
  resources.map((r) => ({
    ...r,
    name: `standby-${r.name}`,
    provider: STANDBY,
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [
        k,
        urns.map((u) => u.replace(/::([^:]+)$/, "::standby-$1")),
      ]),
    ),
  }));

describe("require-threat-detection per AWS region", () => {
  const watched = [ec2, detector(), ...routed(HIGH)];
  stackTable(requireThreatDetection, [
    { name: "both regions watched", resources: [...watched, ...inStandby(watched)], violations: 0 },
    {
      name: "the standby region's compute without a detector of its own",
      resources: [...watched, ...inStandby([ec2])],
      violations: 1,
      urn: urnOf(EC2, "standby-web"),
      mentions: "no GuardDuty detector watches it (provider standby)",
    },
    {
      name: "the standby region's detector without routing of its own",
      resources: [...watched, ...inStandby([ec2, detector()])],
      violations: 1,
      urn: urnOf(DETECTOR, "standby-guardduty"),
    },
    {
      name: "compute placed in another region by its region input",
      resources: [
        { ...ec2, props: { ...ec2.props, region: "us-west-2" } },
        detector({ region: "us-east-1" }),
        ...routed(HIGH),
      ],
      violations: 1,
      urn: ON_EC2,
      mentions: "(region us-west-2)",
    },
    {
      name: "a detector and rule in the compute's region",
      resources: [
        { ...ec2, props: { ...ec2.props, region: "us-west-2" } },
        detector({ region: "us-west-2" }),
        ...routed(HIGH, { region: "us-west-2" }),
      ],
      violations: 0,
    },
    {
      name: "a rule in another region than the detector and compute",
      resources: [ec2, detector({ region: "us-east-1" }), ...routed(HIGH, { region: "eu-west-1" })],
      violations: 1,
      urn: ON_DETECTOR,
      mentions: "no EventBridge rule with a target routes",
    },
  ]);
});

describe("require-threat-detection on Alibaba Cloud", () => {
  stackTable(requireThreatDetection, [
    {
      name: "compute without an anti-brute-force rule",
      resources: [ecs],
      violations: 1,
      urn: ON_ECS,
      mentions: "the stack creates compute (erp) but no Security Center anti-brute-force rule",
    },
    { name: "the component's defaults (5 in 10 minutes, 6-hour block)", resources: [ecs, abf({})], violations: 0 },
    {
      name: "the limits exactly (10 in 10 minutes, 1-hour block)",
      resources: [ecs, abf({ failCount: 10, forbiddenTime: 60 })],
      violations: 0,
    },
    {
      name: "defaultRule false and no servers listed",
      resources: [ecs, abf({ defaultRule: false })],
      violations: 1,
      urn: ON_ABF,
      mentions: "applies to no server",
    },
    {
      name: 'defaultRule "True" as text covers every server',
      resources: [ecs, abf({ defaultRule: "True" })],
      violations: 0,
    },
    {
      name: 'defaultRule "False" as text and no servers listed',
      resources: [ecs, abf({ defaultRule: "False" })],
      violations: 1,
      urn: ON_ABF,
    },
    {
      name: "defaultRule absent and no servers listed",
      resources: [ecs, abf({ defaultRule: undefined })],
      violations: 1,
      urn: ON_ABF,
    },
    {
      name: "servers listed instead of the default rule",
      resources: [ecs, abf({ defaultRule: false, uuidLists: ["uuid-1"] })],
      violations: 0,
    },
    {
      name: "servers listed by UUIDs unknown at preview",
      resources: [ecs, abf({ defaultRule: false, uuidLists: [UNKNOWN] })],
      violations: 0,
    },
    {
      name: "server list unknown at preview",
      resources: [ecs, abf({ defaultRule: false, uuidLists: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "failCount 20",
      resources: [ecs, abf({ failCount: 20, span: 15 })],
      violations: 1,
      urn: ON_ABF,
      mentions: "has failCount 20: the limit is at most 10 (maxFailures)",
    },
    {
      name: "span too short for its failCount (10 in 5 minutes lets 9 per 5 minutes through)",
      resources: [ecs, abf({ failCount: 10, span: 5 })],
      violations: 1,
      urn: ON_ABF,
      mentions:
        "has span 5 min for failCount 10: a source failing 10 times in 10 minutes (maxFailures, windowMinutes) is never blocked; raise span to at least 10 minutes or lower failCount to 5 or less",
    },
    {
      name: "a shorter span with a lower failCount (5 in 5 minutes)",
      resources: [ecs, abf({ failCount: 5, span: 5 })],
      violations: 0,
    },
    {
      name: "one-minute span",
      resources: [ecs, abf({ failCount: 2, span: 1 })],
      violations: 1,
      mentions:
        "has span 1 min for failCount 2: a source failing 10 times in 10 minutes (maxFailures, windowMinutes) is never blocked; raise span to at least 2 minutes",
    },
    {
      name: "a longer span counts slower guessing (10 in 15 minutes)",
      resources: [ecs, abf({ failCount: 10, span: 15 })],
      violations: 0,
    },
    {
      name: "forbiddenTime 5",
      resources: [ecs, abf({ forbiddenTime: 5 })],
      violations: 1,
      urn: ON_ABF,
      mentions: "has forbiddenTime 5 minutes: the limit is a block of at least 60 minutes (minBlockMinutes)",
    },
    {
      name: "SSH interception off",
      resources: [ecs, abf({ protocolType: { ssh: "off", rdp: "on" } })],
      violations: 1,
      urn: ON_ABF,
      mentions: 'has protocolType.ssh "off"',
    },
    { name: "RDP off, SSH on by default", resources: [ecs, abf({ protocolType: { rdp: "off" } })], violations: 0 },
    {
      name: "SSH interception unknown",
      resources: [ecs, abf({ protocolType: { ssh: UNKNOWN } })],
      violations: 0,
      notes: 1,
    },
    { name: "failCount unknown", resources: [ecs, abf({ failCount: UNKNOWN })], violations: 0, notes: 1 },
    {
      name: "a known weakness outweighs an unknown field",
      resources: [ecs, abf({ failCount: UNKNOWN, forbiddenTime: 5 })],
      violations: 1,
      mentions: "forbiddenTime 5",
    },
    {
      name: "every weakness of one rule in one message",
      resources: [
        ecs,
        abf({ defaultRule: false, failCount: 100, span: 1, forbiddenTime: 5, protocolType: { ssh: "off" } }),
      ],
      violations: 1,
      urn: ON_ABF,
      mentions:
        'applies to no server: defaultRule is not true and uuidLists is empty (set defaultRule: true); has protocolType.ssh "off"',
    },
    {
      name: "a weak rule beside a strict one",
      resources: [ecs, abf({ forbiddenTime: 5 }, "loose"), abf({})],
      violations: 0,
    },
    {
      name: "stricter maxFailures in config",
      resources: [ecs, abf({})],
      config: { maxFailures: 3 },
      violations: 1,
      mentions: "at most 3 (maxFailures)",
    },
    {
      name: "longer block in config",
      resources: [ecs, abf({})],
      config: { minBlockMinutes: 720 },
      violations: 1,
      mentions: "at least 720 minutes",
    },
    { name: "provided outside the stack", resources: [ecs], config: { providedExternally: true }, violations: 0 },
    {
      name: "a function counts as compute",
      resources: [{ type: "alicloud:fc/v3Function:V3Function", name: "fn", props: {} }],
      violations: 1,
    },
  ]);
});

describe("require-threat-detection on both clouds", () => {
  it("reports each cloud's gap on its own compute", async () => {
    const ds = await runStack(requireThreatDetection, [ec2, ecs]);
    expect(ds.map((d) => [d.level, d.urn])).toEqual([
      ["mandatory", ON_EC2],
      ["mandatory", ON_ECS],
    ]);
    expect(ds[0].message).toContain("breaks case step 1 (SSH brute-forced in 137 s)");
  });

  it("is satisfied by one cloud's detection only for that cloud", async () => {
    const ds = await runStack(requireThreatDetection, [ec2, detector(), ...routed(HIGH), ecs]);
    expect(ds.map((d) => d.urn)).toEqual([ON_ECS]);
  });

  it("rejects limits outside what Security Center accepts", async () => {
    await expect(runStack(requireThreatDetection, [ecs], { maxFailures: 0 })).rejects.toThrow("maxFailures");
    await expect(runStack(requireThreatDetection, [ecs], { providedExternally: "yes" })).rejects.toThrow(
      "providedExternally",
    );
  });
});
