// Core web protection in observation mode logs attacks and blocks none. Two documented fields of a core protection
// defense rule (defenseScene waf_group / waf_base) say so: config.ruleAction "monitor" (the "Web core protection
// rule action": block, or monitor for observation), and wafBaseConfigs that switch every system rule with
// ruleBatchOperationConfig "all_monitor" or "all_off". Not reported: autoUpdate false (new rules are not added
// automatically, the existing ones still block), per-rule changes in ruleDetails, and custom-rule (ruleType
// "custom") batches, which leave the system rules blocking.
import { isUnknown, obj } from "../../lib/values";
import { allOf, anyOf, Proof } from "./proof";
import { judgeParts, PartsVerdict } from "./proof-parts";
import { ruleEnabled } from "./wafv3-rule-state";
import { CORE_SCENES } from "./wafv3-types";

const SILENCING_BATCHES: ReadonlySet<string> = new Set(["all_monitor", "all_off"]);

/** What one wafBaseConfigs entry may do to the system rules: switch them all to monitor or off, or keep some blocking. */
interface EntryEffect {
  silences: Proof;
  keeps: Proof;
}

const NEITHER: EntryEffect = { silences: "no", keeps: "no" };
const EITHER: EntryEffect = { silences: "unknown", keeps: "unknown" };

function entryEffect(entry: unknown): EntryEffect {
  if (isUnknown(entry)) return EITHER;
  const e = obj(entry);
  if (!e || e.ruleType === "custom") return NEITHER;
  const { ruleType, ruleBatchOperationConfig: batch } = e;
  if (!isUnknown(ruleType) && ruleType !== "system") return { silences: "no", keeps: "yes" };
  if (isUnknown(batch)) return EITHER;
  const silences = typeof batch === "string" && SILENCING_BATCHES.has(batch);
  // An unknown ruleType may be "custom", which touches no system rule.
  const certainty: Proof = isUnknown(ruleType) ? "unknown" : "yes";
  return silences ? { silences: certainty, keeps: "no" } : { silences: "no", keeps: certainty };
}

const not = (p: Proof): Proof => (p === "yes" ? "no" : p === "no" ? "yes" : "unknown");

/** Every system rule monitors or is off: an entry says so and no entry may keep one blocking. */
function systemRulesSilenced(wafBaseConfigs: unknown): Proof {
  if (isUnknown(wafBaseConfigs)) return "unknown";
  if (!Array.isArray(wafBaseConfigs)) return "no";
  const effects = wafBaseConfigs.map(entryEffect);
  return allOf([anyOf(effects.map((e) => e.silences)), not(anyOf(effects.map((e) => e.keeps)))]);
}

function coreScene(scene: unknown): Proof {
  if (isUnknown(scene)) return "unknown";
  return typeof scene === "string" && CORE_SCENES.has(scene) ? "yes" : "no";
}

function ruleActionMonitors(action: unknown): Proof {
  return isUnknown(action) ? "unknown" : action === "monitor" ? "yes" : "no";
}

export interface MonitorVerdict extends PartsVerdict {
  /** The setting that makes the rule observe only, when proven. */
  how?: string;
}

export function monitorOnly(inputs: Record<string, unknown>): MonitorVerdict {
  const config = inputs.config;
  const fields = obj(config) ?? {};
  const byAction = ruleActionMonitors(fields.ruleAction);
  const byBatch = systemRulesSilenced(fields.wafBaseConfigs);
  const verdict = judgeParts([
    ["defenseScene", () => coreScene(inputs.defenseScene)],
    ["ruleStatus", () => ruleEnabled(inputs)],
    isUnknown(config)
      ? ["config", () => "unknown"]
      : ["config.ruleAction / wafBaseConfigs", () => anyOf([byAction, byBatch])],
  ]);
  if (verdict.verdict !== "yes") return verdict;
  return {
    ...verdict,
    how: byAction === "yes" ? "ruleAction monitor" : "wafBaseConfigs set every system rule to monitor or off",
  };
}
