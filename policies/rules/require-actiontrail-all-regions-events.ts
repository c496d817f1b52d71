import { expectAll } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

/** Provider defaults (trailRegion All, eventRw All, status Enable) are compliant, so absent fields pass. */
const isAllOrDefault = (v: unknown) => v === undefined || v === "All";

/** Case step 5: RAM sub-account audit logs were the backbone of the investigation. */
export const requireActiontrailAllRegionsEvents = defineResourceRule<unknown>({
  metadata: {
    name: "require-actiontrail-all-regions-events",
    description: "ActionTrail trails must record read and write events in all regions and be enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      'Set trailRegion: "All" and eventRw: "All" (on Trail both default to All; on the older TrailDeprecated set eventRw explicitly).',
      'Set status: "Enable" (or leave it unset).',
      "Deliver to an SLS project or OSS bucket with retention of at least 180 days (365 recommended).",
    ],
    controls: [
      { framework: "CIS Alibaba Cloud v2.0", id: "2.1" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.23" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
      { framework: "PRC Cybersecurity Law", id: "Art. 21(3)" },
    ],
    caseStep: 5,
  },
  checks: {
    "alicloud:actiontrail/trail:Trail": (p) =>
      expectAll(p, [
        { path: "trailRegion", ok: isAllOrDefault, problem: () => 'only some regions are recorded; use "All"' },
        { path: "eventRw", ok: isAllOrDefault, problem: () => 'read or write events are dropped; use "All"' },
        { path: "status", ok: (v) => v === undefined || v === "Enable", problem: () => "the trail records nothing" },
      ]),
    // The older resource defaults eventRw to Write, so reads (data exfiltration) go unrecorded unless set.
    "alicloud:actiontrail/trailDeprecated:TrailDeprecated": (p) =>
      expectAll(p, [
        { path: "trailRegion", ok: isAllOrDefault, problem: () => 'only some regions are recorded; use "All"' },
        {
          path: "eventRw",
          ok: (v) => v === "All",
          problem: () => 'read events are dropped (default Write); use "All"',
        },
        { path: "status", ok: (v) => v === undefined || v === "Enable", problem: () => "the trail records nothing" },
      ]),
  },
});
