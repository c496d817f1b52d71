// SARIF 2.1.0 from an offline preview, for GitHub code scanning: one rule per policy, one result per violation,
// located at the line of the program that declared the resource.
import { createHash } from "crypto";
import { writeFileSync } from "fs";
import type { Log, ReportingDescriptor, Result, Run } from "sarif";
import type { PolicyDiagnostic } from "../model";
import { nameFromUrn, type PreviewDocument } from "./document";
import { sarifLevel, securitySeverity } from "./levels";
import { violationText, type RuleMetadata, type RuleMetadataLookup } from "./ruleMetadata";
import { locateSource } from "./sourceLocation";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** Policy metadata by name; policies it does not know are described from the diagnostic alone. */
  lookup?: RuleMetadataLookup;
  /** Every policy of the pack, listed as rules even when nothing violated them. */
  knownRules?: readonly RuleMetadata[];
  /** Absolute repository root; source positions are made relative to it. Default: the working directory. */
  repoRoot?: string;
  /** Repository-relative file for resources without a usable source position. Default: "stacks/index.ts". */
  entryFile?: string;
  toolName?: string;
  toolVersion?: string;
  informationUri?: string;
}

const FINGERPRINT_KEY = "hardeningKitResource/v1";

export function toSarif(doc: PreviewDocument, options: SarifOptions = {}): Log {
  const repoRoot = options.repoRoot ?? process.cwd();
  const fallbackFile = options.entryFile ?? "stacks/index.ts";
  const lookup = options.lookup ?? (() => undefined);
  const diagnostics = doc.diagnostics.filter((d) => d.enforcementLevel !== "disabled");
  const ruleIds = assignRuleIds(diagnostics);

  const rules = new Map<string, ReportingDescriptor>();
  for (const known of options.knownRules ?? []) rules.set(known.name, describeRule(known.name, known));
  const metaOf = (d: PolicyDiagnostic) => lookup(d.policyName, d.policyPackName) ?? fromDiagnostic(d);
  for (const d of diagnostics) {
    const id = ruleIds(d);
    if (!rules.has(id)) rules.set(id, describeRule(id, metaOf(d)));
  }
  const ruleIndex = new Map([...rules.keys()].map((id, index) => [id, index]));

  const positions = new Map(doc.resources.map((r) => [r.urn, r.sourcePosition]));
  const seen = new Map<string, number>();
  const results: Result[] = diagnostics.map((d) => {
    const ruleId = ruleIds(d);
    const location = locateSource(positions.get(d.urn), { repoRoot, fallbackFile });
    const key = `${ruleId}\u0000${d.urn}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const region = location.line ? { startLine: location.line, startColumn: location.column } : undefined;
    return {
      ruleId,
      ruleIndex: ruleIndex.get(ruleId),
      level: sarifLevel(d.enforcementLevel, d.severity || undefined),
      message: { text: `${resourceLabel(d.urn, doc.stack)}: ${violationText(d.message, metaOf(d))}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: location.uri, uriBaseId: "%SRCROOT%" }, region },
          logicalLocations: [
            {
              name: resourceLabel(d.urn, doc.stack),
              fullyQualifiedName: d.urn || `stack ${doc.stack}`,
              kind: "resource",
            },
          ],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(key, occurrence) },
      properties: { policyPack: d.policyPackName, enforcementLevel: d.enforcementLevel, severity: d.severity },
    };
  });

  const run: Run = {
    tool: {
      driver: {
        name: options.toolName ?? "hardening-kit",
        version: options.toolVersion,
        informationUri: options.informationUri,
        rules: [...rules.values()],
      },
    },
    // Keeps the runs of several stacks apart in code scanning.
    automationDetails: { id: `hardening-kit/${doc.stack}/` },
    columnKind: "utf16CodeUnits",
    results,
    // A failed preview ran no policy to the end: code scanning must not read its empty results as "all fixed".
    ...(doc.error
      ? {
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: [
                {
                  level: "error",
                  message: { text: doc.error.message },
                  descriptor: { id: `preview-${doc.error.kind}` },
                },
              ],
            },
          ],
        }
      : {}),
  };
  // A JSON round trip drops the optional fields left undefined, so the object equals what is written.
  return JSON.parse(JSON.stringify({ version: "2.1.0", $schema: SARIF_SCHEMA, runs: [run] })) as Log;
}

export function writeSarif(file: string, doc: PreviewDocument, options: SarifOptions = {}): void {
  writeFileSync(file, `${JSON.stringify(toSarif(doc, options), null, 2)}\n`);
}

/** Policy names are the rule ids; a name used by two packs is qualified by its pack so the rules stay distinct. */
function assignRuleIds(diagnostics: PolicyDiagnostic[]): (d: PolicyDiagnostic) => string {
  const packsByPolicy = new Map<string, Set<string>>();
  for (const d of diagnostics) {
    const packs = packsByPolicy.get(d.policyName) ?? new Set<string>();
    packs.add(d.policyPackName);
    packsByPolicy.set(d.policyName, packs);
  }
  return (d) =>
    (packsByPolicy.get(d.policyName)?.size ?? 0) > 1 ? `${d.policyPackName}/${d.policyName}` : d.policyName;
}

function fromDiagnostic(d: PolicyDiagnostic): RuleMetadata {
  return { name: d.policyName, enforcementLevel: d.enforcementLevel, severity: d.severity || undefined };
}

function describeRule(id: string, meta: RuleMetadata): ReportingDescriptor {
  const description = meta.description?.trim() || `Policy ${meta.name}.`;
  // The kit's descriptions are one sentence with the scope in details; a foreign pack's may run on.
  const details = meta.details?.trim();
  const fullDescription = details ? `${description}\n\n${details}` : description;
  const tags = ["security", ...(meta.controls ?? []), ...(meta.tags ?? [])];
  if (meta.caseStep !== undefined) tags.push(`case-step-${meta.caseStep}`);
  const severity = securitySeverity(meta.severity);
  return {
    id,
    name: meta.displayName,
    shortDescription: { text: meta.displayName?.trim() || (details ? description : firstSentence(description)) },
    fullDescription: { text: fullDescription },
    help: helpOf(meta, fullDescription),
    helpUri: meta.url,
    defaultConfiguration: { level: sarifLevel(meta.enforcementLevel ?? "advisory", meta.severity) },
    properties: {
      tags: [...new Set(tags)],
      ...(severity ? { "security-severity": severity } : {}),
      ...(meta.caseStep !== undefined ? { caseStep: String(meta.caseStep) } : {}),
    },
  };
}

function helpOf(meta: RuleMetadata, description: string): ReportingDescriptor["help"] {
  const remediation = meta.remediation?.trim() || "See the policy's description.";
  const controls = meta.controls?.length ? meta.controls.join("; ") : "";
  const step = meta.caseStep !== undefined ? String(meta.caseStep) : "";
  const text = [
    description,
    `Remediation: ${remediation}`,
    controls && `Controls: ${controls}`,
    step && `Case step: ${step}`,
  ];
  const markdown = [
    description,
    `**Remediation**\n\n${remediation}`,
    controls && `**Controls:** ${controls}`,
    step && `**Case step it breaks:** ${step}`,
  ];
  return { text: text.filter(Boolean).join("\n\n"), markdown: markdown.filter(Boolean).join("\n\n") };
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match ? match[1] : text).replace(/\s+/g, " ");
}

function resourceLabel(urn: string, stack: string): string {
  return urn ? nameFromUrn(urn) : `stack ${stack}`;
}

/** Stable across runs: the rule, the resource's URN and the ordinal among identical pairs, not line numbers. */
function fingerprint(key: string, occurrence: number): string {
  return createHash("sha256").update(`${key}\u0000${occurrence}`).digest("hex").slice(0, 32);
}
