// How enforcement levels and severities read in reports: SARIF levels and GitHub's numeric security severity.
import type { EnforcementLevel, Severity } from "../model";

export type SarifLevel = "error" | "warning" | "note" | "none";

/** Mandatory blocks the deployment, so it is an error whatever its severity; advisory findings rank by severity. */
export function sarifLevel(enforcementLevel: EnforcementLevel | undefined, severity: Severity | undefined): SarifLevel {
  switch (enforcementLevel) {
    case "mandatory":
      return "error";
    case "disabled":
      return "none";
    default:
      return severity === "low" ? "note" : "warning";
  }
}

/** GitHub code scanning ranks security alerts by this score (critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0). */
export function securitySeverity(severity: Severity | undefined): string | undefined {
  switch (severity) {
    case "critical":
      return "9.5";
    case "high":
      return "8.0";
    case "medium":
      return "5.5";
    case "low":
      return "3.0";
    default:
      return undefined;
  }
}
