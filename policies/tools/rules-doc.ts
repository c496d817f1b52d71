// Generates docs/RULES.md from the rules' metadata: `node dist/policies/tools/rules-doc.js` writes it,
// `--check` exits 1 when the committed file is stale.
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./repo-root";
import { hardeningRules, hardeningStackRules } from "../catalog";
import { hardeningStackPolicies } from "../stack";
import { EVIDENCE_TAGS } from "../lib/evidence";
import { breaksCaseStep } from "../lib/case-step";
import { CASE_STEP_LABELS, CASE_STEPS, RuleMetadata } from "../lib/metadata";
import { SETTINGS_POLICY_NAME } from "../lib/settings";

export const RULES_DOC_PATH = path.join(repoRoot(), "docs", "RULES.md");

function configKeys(policy: { configSchema?: { properties: Record<string, { description?: string }> } }): string[] {
  return Object.entries(policy.configSchema?.properties ?? {}).map(
    ([k, v]) => `\`${k}\`${v.description ? ` — ${v.description}` : ""}`,
  );
}

function section(m: RuleMetadata, kind: string, config: string[]): string {
  const lines = [
    `### \`${m.name}\``,
    "",
    m.description,
    "",
    m.details,
    "",
    `- Kind: ${kind}`,
    `- Enforcement: ${m.enforcementLevel}`,
    `- Severity: ${m.severity}`,
    `- Case step: ${m.caseStep} (${CASE_STEPS[m.caseStep]})`,
    `- Controls: ${m.controls.map((c) => `${c.framework} ${c.id}`).join("; ")}`,
    `- Resource types: ${m.resourceTypes.map((t) => `\`${t}\``).join(", ")}`,
    `- Auto-remediation: ${m.autoRemediation ? "yes (enforcementLevel remediate)" : "no"}`,
    "",
    "Remediation:",
    "",
    ...m.remediationSteps.map((s, i) => `${i + 1}. ${s}`),
    "",
    "Configuration:",
    "",
    ...config.map((c) => `- ${c}`),
    "",
  ];
  return lines.join("\n");
}

export function renderRulesDoc(): string {
  const head = [
    "# Policy rules reference",
    "",
    "<!-- Generated from the rules' metadata by policies/tools/rules-doc.ts; do not edit by hand. -->",
    "",
    "Every rule of the `hardening-kit` pack, what it blocks, why (the step of the ransomware case it breaks),",
    "which controls it serves and how to fix a violation.",
    "",
    "## Common behaviour",
    "",
    "- **Unknown values at preview**: a known-bad field is reported even when other fields are unknown. When the",
    "  risky field itself is unknown the rule reports an advisory `cannot be verified at preview: X is unknown`;",
    `  \`failClosed: true\` on a rule, on \`${SETTINGS_POLICY_NAME}\` (whole pack) or the environment variable`,
    "  `HARDENING_KIT_FAIL_CLOSED=true` turns those into violations at the rule's level.",
    "- **Exemptions** (per rule, in `--policy-pack-config`): `exemptions: [{ resource, reason, owner, expires }]`;",
    "  `resource` is a URN or resource name (`*`, `?` wildcards), `reason` needs substance (20+ characters, 4+ words),",
    "  `expires` is an ISO date. An expired exemption is a violation; every exemption in use is reported (advisory).",
    `- **Evidence and backup buckets**: the kit tags them ${EVIDENCE_TAGS.map((t) => `\`${t}\``).join(" or ")} = \`"true"\`;`,
    "  any tag key naming evidence/forensic/backup with a yes value, any tag value naming them (e.g. `purpose = forensics`,",
    "  `Name = case-evidence`), or a bucket, bucket prefix or resource name containing them marks a bucket too.",
    `- **Messages** end by naming the case step the rule breaks, e.g. \`… — ${breaksCaseStep(1)}\` (a finding that`,
    "  breaks another step than its rule's names that one: a boot script starting a password-login server breaks step 1,",
    "  though its rule's step is 2); the steps:",
    ...Object.entries(CASE_STEP_LABELS).map(([n, label]) => `  ${n}. ${label}.`),
    "- **Network ACLs** are stateless: an allow of an ephemeral return range (1024, 1025, 32768 or 49152 up to 65535) is",
    "  reply traffic, not a service opening (`allowNaclEphemeralReturn`). Entries are evaluated in order, so a deny of the",
    "  whole internet ahead of an allow closes the port for the protocol it names (`-1`/`all` for every protocol); a deny",
    "  whose number, action, protocol or source is unknown at preview closes nothing.",
    "",
    "## Rules",
    "",
  ];
  // A resource rule with a stack part judges some of its types against the rest of the plan.
  const resource = hardeningRules.map((p) =>
    section(p.metadata, "validateStack" in p ? "resource, with a stack part" : "resource", configKeys(p)),
  );
  const stack = [...hardeningStackRules, ...hardeningStackPolicies].map((p) =>
    section(p.metadata, "stack", configKeys(p)),
  );
  return [...head, ...resource, ...stack].join("\n").replace(/\n+$/, "\n");
}

if (require.main === module) {
  const text = renderRulesDoc();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(RULES_DOC_PATH) ? fs.readFileSync(RULES_DOC_PATH, "utf8") : "";
    if (current !== text) {
      console.error(`${RULES_DOC_PATH} is stale: run node dist/policies/tools/rules-doc.js`);
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(RULES_DOC_PATH), { recursive: true });
    fs.writeFileSync(RULES_DOC_PATH, text);
    console.log(`wrote ${RULES_DOC_PATH}`);
  }
}
