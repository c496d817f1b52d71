// What every rule must say about itself; the rules reference (docs/RULES.md) is generated from this.
import { EnforcementLevel, Severity } from "@pulumi/policy";

/** Frameworks the pack cites, with the exact edition (see the shared guide, section 6). */
export type Framework =
  "AWS FSBP" | "CIS AWS v3.0" | "CIS Alibaba Cloud v2.0" | "MLPS 2.0 L3" | "PRC Cybersecurity Law";

export interface ControlRef {
  framework: Framework;
  id: string;
}

/** Steps of the ransomware case (guide section 1); each rule names the step it breaks. */
export const CASE_STEPS = {
  1: "Initial access: internet scanners found the servers and brute-forced SSH passwords in 137 s",
  2: "Persistence: sshd_config rewritten, keys and a service planted under /root/.ssh",
  3: "Lateral reach: databases accepted connections from 12 internet addresses",
  4: "Impact: files encrypted for ransom",
  5: "Response: isolation, forensics and recovery relied on audit logs, mirrored traffic and backups",
  6: "Lessons: WAF with OWASP rules, image scanning, DNS failover, cold backups, MFA and no root login",
} as const;

export type CaseStep = keyof typeof CASE_STEPS;

/** Short forms for the end of violation messages ("… — breaks case step 1 (SSH brute-forced in 137 s)"). */
export const CASE_STEP_LABELS: Record<CaseStep, string> = {
  1: "SSH brute-forced in 137 s",
  2: "keys and a service planted under /root/.ssh",
  3: "databases reached from 12 internet IPs",
  4: "files encrypted for ransom",
  5: "the response needed audit logs, mirrored traffic and backups",
  6: "lessons: WAF, image scanning, DNS failover, MFA, no root login",
};

export interface RuleMetadata {
  /** Stable, verb-led, never reused. */
  name: string;
  /**
   * What the policy requires, in one sentence of at most 200 characters: the SDK prints it above every violation
   * (description, newline, message), so the scope (resource types, edge cases) goes in `details`.
   */
  description: string;
  /** The full scope: which resources and fields the rule reads and how it judges edge cases (shown in docs/RULES.md). */
  details: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  /** Ordered steps a reader can follow to fix a violation. */
  remediationSteps: string[];
  controls: ControlRef[];
  caseStep: CaseStep;
  /** Resource type tokens the rule reads (stack rules list the types they correlate). */
  resourceTypes: string[];
  /** True when `remediateResource` can fix the resource without a person deciding anything. */
  autoRemediation?: boolean;
}
