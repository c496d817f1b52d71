import { GenericResource } from "../../lib/reachability";
import { bool, isUnknown, num } from "../../lib/values";
import { EVENT_DATA_STORE, recordsCloudTrailEvents } from "../lib/event-data-stores";
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

/** Six months of logs (PRC Cybersecurity Law Art. 21(3)); CloudTrail Lake keeps events 2557 days unless told. */
const MIN_STORE_RETENTION_DAYS = 180;

/**
 * What the account needs from a CloudTrail Lake event data store standing in for a trail: every region (the
 * default), all management events (the default), kept long enough to investigate; its events cannot be altered.
 */
function storeCoverageFindings(p: Record<string, unknown>): Finding[] {
  return [
    ...expectAll(p, [
      { path: "multiRegionEnabled", ok: notFalse, problem: () => "events in other regions are not recorded" },
      {
        path: "retentionPeriod",
        ok: (v) => v === undefined || v === null || (num(v) ?? 0) >= MIN_STORE_RETENTION_DAYS,
        problem: () => `events are deleted before ${MIN_STORE_RETENTION_DAYS} days; keep at least that (default 2557)`,
      },
    ]),
    ...managementEventFindings(p),
  ];
}

/** Ingesting unless suspended (suspend "true"); unknown at preview is neither. */
function storeRecording(s: GenericResource): Proof {
  if (isUnknown(s.inputs.suspend)) return "unknown";
  return bool(s.inputs.suspend) === true ? "no" : "yes";
}

const trailSettingsRule = defineResourceRule<unknown>({
  metadata: {
    name: "require-cloudtrail-multi-region-validation",
    description:
      "CloudTrail trails must validate log files and keep logging, and each account must have a trail recording all management events in all regions and global services.",
    details:
      "CloudTrail trails must validate log files (tamper evidence) and keep logging on, and in each account at least one logging trail must cover all regions and global services (IAM, STS, console sign-in) and record all management events (read and write, no excluded sources); beside it that account's other trails may be narrower, e.g. one bucket's data events in one region (checked across the stack). A full trail excuses only narrower trails of its own account, as the providers' inputs tell: providers pinned to one account (a single allowedAccountIds, the account in the ARN of the role they assume last) are compared by that account, and under providers whose possible accounts cannot overlap it excuses nothing; when an assumed role, profile or credentials differ or these inputs are unknown at preview, the narrower trail's gaps are a note naming both providers (a violation when failing closed). An organization trail (isOrganizationTrail, or organizationEnabled on a store) is created in the management account and records every account. A CloudTrail Lake event data store of CloudTrail events counts as such a trail when it is not suspended, covers all regions, records all management events and keeps them at least 180 days; judged like a trail, a narrower store needs a full trail or store beside it. A boolean given as a string, in any case or as 1/0, counts as that boolean.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set isMultiRegionTrail: true so activity in unused regions is recorded too (a narrower trail beside a multi-region one needs no change).",
      "Set enableLogFileValidation: true so altered or deleted log files are detectable.",
      "Leave enableLogging and includeGlobalServiceEvents unset or true.",
      "On an event data store, leave multiRegionEnabled and advancedEventSelectors unset (every region, all management events) and keep retentionPeriod unset or at least 180 days, or keep a trail that covers the account beside it.",
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
  types: [EVENT_DATA_STORE],
  check: ({ resources }) =>
    accountTrailFindings([
      ...resources
        .filter((r) => r.type === TRAIL)
        .map((trail) => ({ trail, gaps: coverageFindings(trail.inputs), recording: recording(trail) })),
      // A store of other events (AWS Config items, outside sources) is no audit trail and is not judged as one.
      ...resources
        .filter((r) => r.type === EVENT_DATA_STORE && recordsCloudTrailEvents(r.inputs) !== "no")
        .map((store) => ({
          trail: store,
          gaps: storeCoverageFindings(store.inputs),
          recording: storeRecording(store),
        })),
    ]),
});
