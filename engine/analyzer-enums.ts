// analyzer.proto's enums, indexed by their numbers as the engine names their values.
import type { EnforcementLevel, Severity } from "./model";

export const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
export const SEVERITIES: Severity[] = ["", "low", "medium", "high", "critical"];
export const POLICY_TYPES = ["unknown", "resource", "stack"] as const;
