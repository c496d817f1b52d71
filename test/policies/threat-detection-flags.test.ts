// require-threat-detection: switches read as the provider reads them ("False", "FALSE" and "0" are false), and event
// patterns judged on what a GuardDuty finding carries: detail.service.archived is the JSON boolean false on a new
// finding, and a field the policy cannot know is named as such rather than reported as matching nothing.
import { levelPattern } from "../../components/plan/responseLevels";
import { requireThreatDetection } from "../../policies/stack/require-threat-detection";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const EC2 = "aws:ec2/instance:Instance";
const DETECTOR = "aws:guardduty/detector:Detector";
const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

const ec2: StackInput = { type: EC2, name: "web", props: { ami: "ami-1", instanceType: "t3.micro" } };
const detector = (props: Record<string, unknown> = {}): StackInput => ({ type: DETECTOR, name: "guardduty", props });
/** A rule and a target linked to it the way `rule: rule.name` is at preview. */
const routed = (eventPattern: unknown, extra: Record<string, unknown> = {}): StackInput[] => [
  { type: RULE, name: "red", props: { eventPattern, ...extra } },
  {
    type: TARGET,
    name: "red-target",
    props: { rule: UNKNOWN, arn: UNKNOWN },
    propertyDependencies: { rule: [urnOf(RULE, "red")] },
  },
];
/** Every GuardDuty finding, narrowed by `detail`. */
const findings = (detail: Record<string, unknown>) =>
  JSON.stringify({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"], detail });
const RED_LEVEL = JSON.stringify(levelPattern("red"));
const ON_DETECTOR = urnOf(DETECTOR, "guardduty");
const ON_RULE = urnOf(RULE, "red");

describe("require-threat-detection: detector and rule switches in any spelling", () => {
  stackTable(requireThreatDetection, [
    ...["False", "FALSE", "0", " false ", false].map((enable) => ({
      name: `detector enable ${JSON.stringify(enable)} suspends GuardDuty`,
      resources: [ec2, detector({ enable }), ...routed(RED_LEVEL)],
      violations: 1,
      urn: ON_DETECTOR,
      mentions: "has enable false",
    })),
    ...["True", "TRUE", "1", true].map((enable) => ({
      name: `detector enable ${JSON.stringify(enable)} runs GuardDuty`,
      resources: [ec2, detector({ enable }), ...routed(RED_LEVEL)],
      violations: 0,
    })),
    ...["False", "FALSE", "0"].map((isEnabled) => ({
      name: `rule isEnabled ${JSON.stringify(isEnabled)} switches the rule off`,
      resources: [ec2, detector(), ...routed(RED_LEVEL, { isEnabled })],
      violations: 1,
      urn: ON_RULE,
      mentions: "has isEnabled false",
    })),
    {
      name: 'rule isEnabled "True"',
      resources: [ec2, detector(), ...routed(RED_LEVEL, { isEnabled: "True" })],
      violations: 0,
    },
    {
      name: "rule state DISABLED in lower case",
      resources: [ec2, detector(), ...routed(RED_LEVEL, { state: "disabled" })],
      violations: 1,
      urn: ON_RULE,
      mentions: 'has state "disabled"',
    },
    {
      name: "rule state ENABLED",
      resources: [ec2, detector(), ...routed(RED_LEVEL, { state: "ENABLED" })],
      violations: 0,
    },
    {
      name: "state DISABLED wins over isEnabled true",
      resources: [ec2, detector(), ...routed(RED_LEVEL, { state: "DISABLED", isEnabled: true })],
      violations: 1,
      mentions: 'has state "DISABLED"',
    },
    {
      name: "rule isEnabled unknown at preview",
      resources: [ec2, detector(), ...routed(RED_LEVEL, { isEnabled: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-threat-detection: patterns on a finding's archived flag", () => {
  stackTable(requireThreatDetection, [
    {
      name: "archived [false]: every new finding",
      resources: [ec2, detector(), ...routed(findings({ service: { archived: [false] } }))],
      violations: 0,
    },
    {
      name: "archived [false] beside the brute-force type",
      resources: [
        ec2,
        detector(),
        ...routed(findings({ type: ["UnauthorizedAccess:EC2/SSHBruteForce"], service: { archived: [false] } })),
      ],
      violations: 0,
    },
    {
      name: "archived anything-but true",
      resources: [ec2, detector(), ...routed(findings({ service: { archived: [{ "anything-but": "true" }] } }))],
      violations: 0,
    },
    {
      name: "serviceName guardduty",
      resources: [ec2, detector(), ...routed(findings({ service: { serviceName: ["guardduty"] } }))],
      violations: 0,
    },
    {
      name: "archived [true]: only findings someone archived, never a new attack's",
      resources: [ec2, detector(), ...routed(findings({ service: { archived: [true] } }))],
      violations: 1,
      urn: ON_RULE,
      mentions: "matches no GuardDuty finding of type UnauthorizedAccess:EC2/SSHBruteForce at any severity",
    },
    {
      name: 'archived ["false"]: the string never matches the JSON boolean',
      resources: [ec2, detector(), ...routed(findings({ service: { archived: ["false"] } }))],
      violations: 1,
      urn: ON_RULE,
      mentions: 'detail.service.archived holds the JSON value false, which the string "false" does not match',
    },
    {
      name: "archived must be absent: it never is",
      resources: [ec2, detector(), ...routed(findings({ service: { archived: [{ exists: false }] } }))],
      violations: 1,
      mentions: "matches no GuardDuty finding",
    },
  ]);
});

describe("require-threat-detection: fields the policy cannot know are named, not called a miss", () => {
  stackTable(requireThreatDetection, [
    {
      name: "one account",
      resources: [ec2, detector(), ...routed(JSON.stringify({ source: ["aws.guardduty"], account: ["123456789012"] }))],
      violations: 1,
      urn: ON_RULE,
      mentions: "filters on account, whose values in GuardDuty's findings the policy cannot know",
    },
    {
      name: "inbound connections only (the finding's action)",
      resources: [
        ec2,
        detector(),
        ...routed(findings({ service: { action: { networkConnectionAction: { connectionDirection: ["INBOUND"] } } } })),
      ],
      violations: 1,
      mentions: "filters on detail.service.action, whose values",
    },
    {
      name: "a field the sample does not list",
      resources: [ec2, detector(), ...routed(findings({ service: { featureName: ["RuntimeMonitoring"] } }))],
      violations: 1,
      mentions: "filters on detail.service.featureName",
    },
    {
      name: "an unknowable field beside a real miss: both said",
      resources: [
        ec2,
        detector(),
        ...routed(findings({ severity: [{ numeric: [">=", 7] }], resource: { resourceType: ["Instance"] } })),
      ],
      violations: 1,
      mentions:
        "misses GuardDuty findings of type UnauthorizedAccess:EC2/SSHBruteForce at severity 1.0–6.9, and filters on detail.resource",
    },
    {
      name: "a real miss alone is not blamed on unknowable fields",
      resources: [ec2, detector(), ...routed(findings({ type: [{ prefix: "Recon:" }] }))],
      violations: 1,
      mentions: "at any severity (1.0–8.9)",
    },
    {
      name: "exists true on a field every finding has",
      resources: [
        ec2,
        detector(),
        ...routed(findings({ resource: [{ exists: true }], service: { action: [{ exists: true }] } })),
      ],
      violations: 0,
    },
    {
      name: "an unknowable field in one $or branch, the other branch narrowed to high findings",
      resources: [
        ec2,
        detector(),
        ...routed(findings({ $or: [{ accountId: ["123456789012"] }, { severity: [{ numeric: [">=", 7] }] }] })),
      ],
      violations: 1,
      mentions: "filters on detail.accountId",
    },
    {
      name: "an unknowable field in one $or branch, the other branch taking every finding",
      resources: [
        ec2,
        detector(),
        ...routed(
          findings({ $or: [{ accountId: ["123456789012"] }, { type: ["UnauthorizedAccess:EC2/SSHBruteForce"] }] }),
        ),
      ],
      violations: 0,
    },
  ]);
});

describe("require-threat-detection: a real miss is not blamed on fields the policy cannot know", () => {
  it.each([
    ["another finding type", findings({ type: [{ prefix: "Recon:" }] })],
    ["archived true", findings({ service: { archived: [true] } })],
    ["archived as a string", findings({ service: { archived: ["false"] } })],
  ])("%s", async (_name, pattern) => {
    const ds = await runStack(requireThreatDetection, [ec2, detector(), ...routed(pattern)]);
    expect(ds.map((d) => d.message)).toEqual([expect.stringContaining("matches no GuardDuty finding")]);
    expect(ds[0].message).not.toMatch(/filters on [\w.-]+, whose values/);
  });
});
