import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { accountTrailFindings } from "../lib/account-trails";
import { deliveryGaps } from "../lib/actiontrail-delivery";
import { Expectation, expectAll } from "../lib/expect";
import { Finding } from "../lib/findings";
import { Proof } from "../lib/proof";
import { defineResourceRule } from "../lib/rule";
import { withStackChecks } from "../lib/stack-checks";
import { is } from "../lib/text-values";

const TRAIL = "alicloud:actiontrail/trail:Trail";
const OLD_TRAIL = "alicloud:actiontrail/trailDeprecated:TrailDeprecated";

/** Null is how an engine may send an unset input: the provider default applies then. */
const unset = (v: unknown) => v === undefined || v === null;
/** Provider defaults (trailRegion All, eventRw All, status Enable) are compliant, so absent fields pass. */
const isAllOrDefault = (v: unknown) => unset(v) || is(v, "All");
const enabledOrDefault = (v: unknown) => unset(v) || is(v, "Enable");

const ENABLED: Expectation[] = [{ path: "status", ok: enabledOrDefault, problem: () => "the trail records nothing" }];

/** What the account needs from one trail: every region, reads and writes. */
const ALL_REGIONS: Expectation = {
  path: "trailRegion",
  ok: isAllOrDefault,
  problem: () => 'only some regions are recorded; use "All"',
};
const COVERAGE: Record<string, Expectation[]> = {
  [TRAIL]: [
    ALL_REGIONS,
    { path: "eventRw", ok: isAllOrDefault, problem: () => 'read or write events are dropped; use "All"' },
  ],
  // The older resource defaults eventRw to Write, so reads (data exfiltration) go unrecorded unless set.
  [OLD_TRAIL]: [
    ALL_REGIONS,
    { path: "eventRw", ok: (v) => is(v, "All"), problem: () => 'read events are dropped (default Write); use "All"' },
  ],
};

/** What the trail lacks to be the account's trail: coverage, and an audit log an intruder cannot erase. */
function coverageGaps(trail: GenericResource): Finding[] {
  return [...expectAll(trail.inputs, COVERAGE[trail.type]), ...deliveryGaps(trail)];
}

function recording(t: GenericResource): Proof {
  if (isUnknown(t.inputs.status)) return "unknown";
  return enabledOrDefault(t.inputs.status) ? "yes" : "no";
}

const trailStatusRule = defineResourceRule<unknown>({
  metadata: {
    name: "require-actiontrail-all-regions-events",
    description:
      "ActionTrail trails must be enabled, and at least one must record read and write events in all regions and deliver them to an OSS bucket.",
    details:
      "ActionTrail trails must be enabled, and at least one enabled trail in the stack must record read and write events in all regions and deliver them to an OSS bucket (ossBucketName), whose locked WORM policy require-evidence-oss-worm requires; a trail delivering only to SLS or MaxCompute does not count, since a logstore or table can be deleted and takes no WORM lock, nor does a trail delivering nowhere. Beside it other trails may be narrower, e.g. only writes sent to SLS for a SIEM (checked across the stack).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set trailRegion: "All" and eventRw: "All" (on Trail both default to All; on the older TrailDeprecated set eventRw explicitly); a narrower trail beside such a trail needs no change.',
      'Set status: "Enable" (or leave it unset).',
      "Set ossBucketName to an OSS bucket held by a Locked oss.BucketWorm of at least 180 days (the kit's AuditTrail component creates both); an SLS project (slsProjectArn) or MaxCompute project (maxComputeProjectArn) may receive the events beside it, never instead of it; a trail with no destination at all keeps nothing.",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "2.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
  },
  checks: {
    [TRAIL]: (p) => expectAll(p, ENABLED),
    [OLD_TRAIL]: (p) => expectAll(p, ENABLED),
  },
});

/** Case step 5: RAM sub-account audit logs were the backbone of the investigation. */
export const requireActiontrailAllRegionsEvents = withStackChecks(trailStatusRule, {
  types: [],
  check: ({ resources }) =>
    accountTrailFindings(
      resources
        .filter((r) => r.type === TRAIL || r.type === OLD_TRAIL)
        .map((trail) => ({ trail, gaps: coverageGaps(trail), recording: recording(trail) })),
    ),
});
