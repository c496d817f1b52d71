// Every diagnostic the pack reports ends by naming the step of the case it breaks, so a reader of a preview, a SARIF
// result or a PR comment sees why it matters without opening the rules reference.
import { ReportViolation } from "@pulumi/policy";
import { rewritingReporter } from "./rewriting-reporter";
import { CASE_STEP_LABELS, CaseStep } from "./metadata";

/** What separates a message from the step it names. */
export const CASE_STEP_SEPARATOR = " — breaks case step ";

export function breaksCaseStep(step: CaseStep): string {
  return `breaks case step ${step} (${CASE_STEP_LABELS[step]})`;
}

/**
 * Trailing blanks and full stops. A match may only start where a run of them starts: otherwise every position inside
 * a long run in mid-message (a quoted property value) would rescan the rest of the run, quadratic in its length.
 */
const TRAILING_STOPS = /(?<![\s.])[\s.]+$/;

/** One sentence plus the suffix: a trailing full stop of the message is dropped so the suffix ends it. */
export function withCaseStep(message: string, step: CaseStep): string {
  return `${message.replace(TRAILING_STOPS, "")} — ${breaksCaseStep(step)}`;
}

/** The policy's step, unless the message already names the step it breaks (a finding's own, see Finding.caseStep). */
function withPolicyCaseStep(message: string, step: CaseStep): string {
  return message.includes(CASE_STEP_SEPARATOR) ? message : withCaseStep(message, step);
}

/** Wraps a reporter so string messages and violation objects (advisory notes) both carry the suffix. */
export function reportingCaseStep(report: ReportViolation, step: CaseStep): ReportViolation {
  return rewritingReporter(report, (message) => withPolicyCaseStep(message, step));
}
