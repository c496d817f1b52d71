// A reporter that rewrites each message before passing it on. @pulumi/policy's reporter takes a string or, for the
// pack's advisory notes, a violation object (see report-findings.ts, advise): both are rewritten, objects keeping
// their other fields.
import { ReportViolation } from "@pulumi/policy";

export function rewritingReporter(report: ReportViolation, rewrite: (message: string) => string): ReportViolation {
  return ((message: unknown, urn?: string) => {
    if (typeof message === "object" && message !== null) {
      const v = message as { message?: string };
      return report({ ...v, message: rewrite(v.message ?? "") } as never, urn);
    }
    return report(rewrite(String(message ?? "")), urn);
  }) as ReportViolation;
}
