// Case step 1: the SSH passwords fell in 137 s and nothing noticed; threat detection that blocks or raises the alarm
// during the attack is what a stack running servers needs beside them.
import { Resolver } from "../../lib/reachability/internals";
import { ANTI_BRUTE_FORCE_RULE, bruteForceFindings } from "../lib/anti-brute-force-rules";
import { ALI_COMPUTE, AWS_COMPUTE, computeNames } from "../lib/compute-types";
import { guardDutyFindings, GUARDDUTY_TYPES } from "../lib/guardduty-coverage";
import { defineStackRule } from "../lib/stack-rule";
import { inDeployedPlaces } from "../lib/templates/template-regions";

interface Config {
  providedExternally: boolean;
  maxFailures: number;
  windowMinutes: number;
  minBlockMinutes: number;
}

export const requireThreatDetection = defineStackRule<Config>({
  metadata: {
    name: "require-threat-detection",
    description:
      "A stack that creates compute must also detect and answer SSH brute-force logins as they happen: GuardDuty findings routed to a target, or a Security Center anti-brute-force rule.",
    details:
      "A stack that creates compute also detects and answers brute-force logins while they happen. On AWS, in each provider and region that runs compute: an enabled GuardDuty detector (enable not false, read as the provider reads a bool: False, FALSE and 0 are false too) and an enabled EventBridge rule (state not DISABLED, isEnabled not false) on the default bus whose eventPattern takes every GuardDuty finding of type UnauthorizedAccess:EC2/SSHBruteForce at any severity (GuardDuty rates a brute force against an instance Low, so a rule for high severities alone misses it), with an EventTarget attached. A new finding carries detail.service.archived as the JSON boolean false, so a pattern may require [false] (the string \"false\" matches no finding, nor does true); a pattern that filters on a field whose value in the findings the policy cannot know (the account, the finding's resource) is not proven to take them, and the message names the field. On Alibaba Cloud: a Security Center anti-brute-force rule (AntiBruteForceRule) that covers the servers (defaultRule true or a non-empty uuidLists), keeps SSH interception on, blocks any source failing maxFailures (default 10) times within windowMinutes (default 10) — failCount at most maxFailures and a span long enough for that rate — and blocks it for at least minBlockMinutes (default 60). Compute, GuardDuty detectors, EventBridge rules (with their inline targets) and anti-brute-force rules deployed by raw CloudFormation or ROS templates count too; a CloudFormation stack set's compute runs in its instances' accounts and regions, so only the stack set's own detector and rule cover it. Set providedExternally when an organisation-level service outside the stack provides both.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Add an aws.guardduty.Detector, an aws.cloudwatch.EventRule with eventPattern {"source":["aws.guardduty"],"detail":{"$or":[{"severity":[{"numeric":[">=",7]}]},{"type":["UnauthorizedAccess:EC2/SSHBruteForce"]}]}} and an aws.cloudwatch.EventTarget that pages the responders (the kit\'s AWS ThreatDetection component creates all three).',
      "On Alibaba Cloud add an alicloud.threatdetection.AntiBruteForceRule with defaultRule: true, failCount 5 or less, span 10 or 15 and forbiddenTime 60 or more (the kit's Alibaba Cloud ThreatDetection component does).",
      "If an organisation-level GuardDuty administrator or Security Center policy already covers the account, set config providedExternally: true for this policy.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "GuardDuty.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.3.3 (intrusion prevention)" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.1" },
    ],
    caseStep: 1,
    resourceTypes: [...AWS_COMPUTE, ...ALI_COMPUTE, ...GUARDDUTY_TYPES, ANTI_BRUTE_FORCE_RULE],
  },
  configSchema: {
    providedExternally: {
      type: "boolean",
      description:
        "Threat detection outside the stack (an organisation GuardDuty administrator, Security Center) covers it (default false).",
    },
    maxFailures: {
      type: "integer",
      minimum: 2,
      maximum: 100,
      description: "A source failing this many SSH logins within windowMinutes must be blocked (default 10).",
    },
    windowMinutes: {
      type: "integer",
      minimum: 1,
      maximum: 1440,
      description: "The window maxFailures is counted in (default 10).",
    },
    minBlockMinutes: {
      type: "integer",
      minimum: 5,
      maximum: 52560000,
      description: "Shortest block an anti-brute-force rule may impose, in minutes (default 60).",
    },
  },
  parseConfig: (r) => ({
    providedExternally: r.boolean("providedExternally", false),
    maxFailures: r.integer("maxFailures", 10, 2, 100),
    windowMinutes: r.integer("windowMinutes", 10, 1, 1440),
    minBlockMinutes: r.integer("minBlockMinutes", 60, 5, 52560000),
  }),
  readsTemplateResources: true,
  check: ({ resources, config }) => {
    if (config.providedExternally) return [];
    // A template's resources run in its stack's region; a stack set's in its instances' accounts and regions.
    const res = new Resolver(inDeployedPlaces(resources));
    const aws = res.ofType(...AWS_COMPUTE);
    const ali = res.ofType(...ALI_COMPUTE);
    return [
      ...(aws.length > 0 ? guardDutyFindings(res, aws) : []),
      ...(ali.length > 0 ? bruteForceFindings(res, ali, computeNames(ali), config) : []),
    ];
  },
});
