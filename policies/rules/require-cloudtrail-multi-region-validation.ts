import { expectAll, isTrue, notFalse } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

/** Case step 5: the investigation depended on a complete, untampered audit trail. */
export const requireCloudtrailMultiRegionValidation = defineResourceRule<unknown>({
  metadata: {
    name: "require-cloudtrail-multi-region-validation",
    description: "CloudTrail trails must cover all regions, validate log files (tamper evidence) and keep logging on.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Set isMultiRegionTrail: true so activity in unused regions is recorded too.",
      "Set enableLogFileValidation: true so altered or deleted log files are detectable.",
      "Leave enableLogging unset or true.",
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
    "aws:cloudtrail/trail:Trail": (p) =>
      expectAll(p, [
        { path: "isMultiRegionTrail", ok: isTrue, problem: () => "events in other regions are not recorded" },
        { path: "enableLogFileValidation", ok: isTrue, problem: () => "tampered log files cannot be detected" },
        { path: "enableLogging", ok: notFalse, problem: () => "the trail records nothing" },
      ]),
  },
});
