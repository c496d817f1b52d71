// The one path from findings to diagnostics, shared by resource and stack rules: exemptions in use become advisory
// notes, expired ones fail the policy, and findings that cannot be verified at preview are notes unless the policy
// or the pack fails closed; every message has the resource's secret values masked. Callers pass a reporter already
// wrapped by reportingCaseStep.
import { ReportViolation } from "@pulumi/policy";
import { withCaseStep } from "./case-step";
import { CommonConfig } from "./config";
import { Exemption, findExemption, isExpired } from "./exemptions";
import { Finding, QUOTED_LINE } from "./findings";
import { maskSecrets, quotedLineShown } from "./secret-values";
import { packSettings } from "./settings";

/**
 * Reports a note at advisory level whatever the policy's own level: notes must never block a deployment.
 *
 * ReportViolation is typed `(message: string, urn?: string)`, but @pulumi/policy (1.21, makeReportViolationFun in
 * server.js) also accepts an object and pushes it as the diagnostic: its enforcementLevel replaces the policy's, its
 * message is used as is (a string gets the policy description prepended), its urn is the one attached (the second
 * argument is ignored for objects), and name, severity and description fall back to the policy's. The urn is passed
 * again as the second argument for reporters that only read that one; reportingCaseStep keeps objects intact.
 */
export function advise(report: ReportViolation, policyName: string, message: string, urn?: string): void {
  const note = { name: policyName, message, enforcementLevel: "advisory", ...(urn === undefined ? {} : { urn }) };
  report(note as unknown as string, urn);
}

/** Unknown risky values fail the policy when its own config or the pack says so. */
export function failsClosed(common: CommonConfig): boolean {
  return common.failClosed ?? packSettings().failClosed;
}

/** How an expired exemption is reported: a violation of its own before the findings, or a suffix on each finding. */
export type ExpiredExemptionStyle = "notice" | "suffix";

export interface FindingReporter {
  /** Wrapped by reportingCaseStep. */
  report: ReportViolation;
  policyName: string;
  common: CommonConfig;
  expired: ExpiredExemptionStyle;
}

/** The resource the findings are about: exemptions match its URN or name. */
export interface FindingSubject {
  urn: string;
  name: string;
  /** Attached to each diagnostic; resource policies leave it out (the analyzer knows the resource). */
  reportUrn?: string;
  /** Secret values a message may quote (secret-values.ts): each is shown as "[secret]". */
  secrets?: readonly string[];
}

/** Reports the findings of one resource (none at all still reports an exemption in use). */
export function reportFindings(r: FindingReporter, subject: FindingSubject, findings: readonly Finding[]): void {
  const { report, policyName, common } = r;
  const urn = subject.reportUrn;
  // Every message about the resource passes here, so no rule has to mask the secret values it quotes.
  const secrets = subject.secrets ?? [];
  const say = (message: string) => maskSecrets(message, secrets);
  const messageOf = (f: Finding) => shownMessage(f, secrets);
  const exemption = findExemption(common.exemptions, subject.urn, subject.name);
  if (exemption && !isExpired(exemption)) {
    advise(report, policyName, say(exemptedNote(exemption, findings.map(messageOf))), urn);
    return;
  }
  let suffix = "";
  if (exemption && r.expired === "notice")
    report(`exemption expired on ${exemption.expires} (owner ${exemption.owner}): fix the resource or renew it`, urn);
  else if (exemption) suffix = ` (exemption expired on ${exemption.expires}, owner ${exemption.owner})`;
  const failClosed = failsClosed(common);
  // A finding that names its own step carries it; the others get the policy's from the reporter.
  const stepped = (f: Finding, text: string) => (f.caseStep === undefined ? text : withCaseStep(text, f.caseStep));
  for (const f of findings) {
    const message = messageOf(f);
    if (!f.unverifiable) report(say(stepped(f, message + suffix)), urn);
    else if (failClosed) report(say(stepped(f, `${message}; failing closed${suffix}`)), urn);
    else advise(report, policyName, say(stepped(f, message)), urn);
  }
}

/**
 * The finding's message with the script line it quotes (cut short) shown as quotedLineShown says: masked whole
 * before the cut, or masked as a whole when it is part of a secret. A message rewritten since (the quote gone) stays
 * as it is.
 */
function shownMessage(f: Finding, secrets: readonly string[]): string {
  const quoted = f[QUOTED_LINE];
  if (quoted === undefined) return f.message;
  const shown = quotedLineShown(quoted.line, secrets);
  const at = shown === undefined ? -1 : f.message.indexOf(quoted.quoted);
  return at < 0 ? f.message : f.message.slice(0, at) + shown + f.message.slice(at + quoted.quoted.length);
}

function exemptedNote(e: Exemption, messages: readonly string[]): string {
  const what = messages.length > 0 ? `would report: ${messages.join("; ")}` : "resource complies";
  return `exempted until ${e.expires} by ${e.owner}: ${e.reason} (${what})`;
}
