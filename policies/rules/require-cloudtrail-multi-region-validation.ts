import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { managementEventFindings } from "../lib/cloudtrail-management-events";
import { Expectation, expectAll, isTrue, notFalse } from "../lib/expect";
import { accountTrailFindings } from "../lib/account-trails";
import { Finding } from "../lib/findings";
import { Proof } from "../lib/proof";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";

const TRAIL = "aws:cloudtrail/trail:Trail";

/** Every trail: tamper evidence (CIS 3.2, FSBP CloudTrail.4 apply to each) and logging on. */
const OWN_SETTINGS: Expectation[] = [
  { path: "enableLogFileValidation", ok: isTrue, problem: () => "tampered log files cannot be detected" },
  { path: "enableLogging", ok: notFalse, problem: () => "the trail records nothing" },
];

/** What the account needs from one trail (CIS 3.1, FSBP CloudTrail.1): every region, global services, management events. */
function coverageFindings(p: Record<string, unknown>): Finding[] {
  return [
    ...expectAll(p, [
      { path: "isMultiRegionTrail", ok: isTrue, problem: () => "events in other regions are not recorded" },
      {
        path: "includeGlobalServiceEvents",
        ok: notFalse,
        problem: () => "IAM, STS and console sign-in events (global services) are not recorded",
      },
    ]),
    ...managementEventFindings(p),
  ];
}

/** Logging on, as CloudTrail reads enableLogging (absent is on); unknown at preview is neither. */
function recording(t: GenericResource): Proof {
  if (isUnknown(t.inputs.enableLogging)) return "unknown";
  return notFalse(t.inputs.enableLogging) ? "yes" : "no";
}

const trailSettingsRule = defineResourceRule<unknown>({
  metadata: {
    name: "require-cloudtrail-multi-region-validation",
    description:
      "CloudTrail trails must validate log files (tamper evidence) and keep logging on, and at least one logging trail in the stack must cover all regions and global services (IAM, STS, console sign-in) and record all management events (read and write, no excluded sources); beside it other trails may be narrower, e.g. one bucket's data events in one region (checked across the stack). A boolean given as a string, in any case or as 1/0, counts as that boolean.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set isMultiRegionTrail: true so activity in unused regions is recorded too (a narrower trail beside a multi-region one needs no change).",
      "Set enableLogFileValidation: true so altered or deleted log files are detectable.",
      "Leave enableLogging and includeGlobalServiceEvents unset or true.",
      'Record all management events: leave eventSelectors unset, or keep one with readWriteType "All", includeManagementEvents true and no excludeManagementEventSources; with advancedEventSelectors, keep a selector with eventCategory Equals ["Management"] and no readOnly filter.',
    ],
    controls: [
      { framework: "AWS FSBP", id: "CloudTrail.1" },
      { framework: "AWS FSBP", id: "CloudTrail.4" },
      { framework: "CIS AWS v3.0", id: "3.1" },
      { framework: "CIS AWS v3.0", id: "3.2" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
  },
  checks: {
    [TRAIL]: (p) => expectAll(p, OWN_SETTINGS),
  },
});

/** Case step 5: the investigation depended on a complete, untampered audit trail. */
export const requireCloudtrailMultiRegionValidation = withStackChecks(trailSettingsRule, {
  types: [],
  check: ({ resources }) =>
    accountTrailFindings(
      resources
        .filter((r) => r.type === TRAIL)
        .map((trail) => ({ trail, gaps: coverageFindings(trail.inputs), recording: recording(trail) })),
    ),
});
