import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import * as ts from "typescript";
import type { Log, Result } from "sarif";
import type { PreviewResult } from "../../engine/preview";
import type { PreviewDocument } from "../../engine/reports/document";
import { toSarif, writeSarif } from "../../engine/reports/sarif";
import type { PullRequestReportOptions } from "../../engine/reports/write";
import { KIT_PACK_NAME, kitRules, reportLookup } from "../../engine/reports/kitRules";
import { firstOf, lookupFromPolicies, type RuleMetadata } from "../../engine/reports/ruleMetadata";
import { bastion, database, diagnostics, fixtureDocument, rule, web } from "./fixtures";
import { sarifSchemaErrors } from "./sarifSchema";

const repoRoot = path.resolve(__dirname, "../..");
const fileUri = (relative: string) => pathToFileURL(path.join(repoRoot, relative)).toString();

const sshRule: RuleMetadata = {
  name: "alicloud-disallow-ssh-from-internet",
  description: "Security group rules must not open SSH to the internet. Brute force starts there.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediation: "Remove the rule; reach hosts through the bastion from its allow-list.",
  controls: ["CIS Alibaba Cloud v2.0 4.3", "MLPS 2.0 8.1.4.4"],
  caseStep: 1,
};
const lookup = lookupFromPolicies([
  { ...sshRule, remediationSteps: sshRule.remediation },
  {
    name: "alicloud-disallow-password-login",
    description: "ECS instances log in with keys only.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Use `keyName`.",
    framework: { name: "CIS Alibaba Cloud", version: "2.0", reference: "4.1", specification: "" },
    caseStep: "1",
  },
]);

function run(log: Log) {
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
}

function resultFor(log: Log, policy: string, urn: string): Result {
  const found = run(log).results!.find(
    (r) => r.ruleId === policy && r.locations?.[0].logicalLocations?.[0].fullyQualifiedName === urn,
  );
  if (!found) throw new Error(`no result for ${policy} on ${urn}`);
  return found;
}

describe("SARIF writer", () => {
  const positions = {
    [rule.name]: { uri: fileUri("stacks/case/hosts.ts"), line: 17, column: 3 },
    [web.name]: { uri: "/elsewhere/outside/repo.ts", line: 4, column: 1 },
    [bastion.name]: { uri: fileUri("node_modules/@pulumi/alicloud/ecs/instance.js"), line: 9, column: 1 },
  };

  it("validates against the SARIF 2.1.0 schema, with and without source positions", () => {
    expect(sarifSchemaErrors(toSarif(fixtureDocument(), { repoRoot }))).toEqual([]);
    expect(sarifSchemaErrors(toSarif(fixtureDocument(positions), { repoRoot, lookup }))).toEqual([]);
  });

  it("the schema check itself rejects broken SARIF", () => {
    const log = toSarif(fixtureDocument(), { repoRoot }) as any;
    log.runs[0].results[0].level = "fatal";
    delete log.runs[0].tool;
    expect(sarifSchemaErrors(log).length).toBeGreaterThanOrEqual(2);
  });

  it("lists one rule per policy, with help text, tags and a default level from the metadata", () => {
    const log = toSarif(fixtureDocument(), { repoRoot, lookup });
    const rules = run(log).tool.driver.rules!;
    expect(rules.map((r) => r.id).sort()).toEqual(
      [
        "alicloud-disallow-password-login",
        "alicloud-disallow-ssh-from-internet",
        "foreign-policy",
        "require-actiontrail",
      ].sort(),
    );
    const ssh = rules.find((r) => r.id === sshRule.name)!;
    expect(ssh.shortDescription?.text).toBe("Security group rules must not open SSH to the internet.");
    expect(ssh.fullDescription?.text).toBe(sshRule.description);
    expect(ssh.help?.text).toContain(`Remediation: ${sshRule.remediation}`);
    expect(ssh.help?.markdown).toContain(`**Remediation**\n\n${sshRule.remediation}`);
    expect(ssh.defaultConfiguration?.level).toBe("error");
    expect(ssh.properties?.tags).toEqual(
      expect.arrayContaining(["security", "CIS Alibaba Cloud v2.0 4.3", "MLPS 2.0 8.1.4.4", "case-step-1"]),
    );
    expect(ssh.properties?.["security-severity"]).toBe("9.5");
    const password = rules.find((r) => r.id === "alicloud-disallow-password-login")!;
    expect(password.properties?.tags).toEqual(expect.arrayContaining(["CIS Alibaba Cloud 2.0 4.1", "case-step-1"]));
    // Unknown to the lookup: described from the diagnostic, still complete.
    const foreign = rules.find((r) => r.id === "foreign-policy")!;
    expect(foreign.fullDescription?.text).toBe("Policy foreign-policy.");
    expect(foreign.defaultConfiguration?.level).toBe("note");
  });

  it("uses the analyzer's descriptions for policies the kit's catalog does not know", () => {
    const analyzer = lookupFromPolicies(
      [{ name: "foreign-policy", description: "Says the other pack." }],
      "other-pack",
    );
    const rules = run(toSarif(fixtureDocument(), { repoRoot, lookup: firstOf(lookup, analyzer) })).tool.driver.rules!;
    expect(rules.find((r) => r.id === "foreign-policy")?.fullDescription?.text).toBe("Says the other pack.");
  });

  it("describes a rule with details by its whole one-sentence description, and the details in full", () => {
    const detailed: RuleMetadata = {
      name: "aws-require-imdsv2",
      description: "Launches, e.g. of EC2 instances, must require IMDSv2.",
      details: "EC2 instances, launch templates and spot fleets; a template outside the stack is a note.",
      remediation: "Set httpTokens to required.",
      severity: "medium",
    };
    const rules = run(toSarif(fixtureDocument(), { repoRoot, knownRules: [detailed] })).tool.driver.rules!;
    const imds = rules.find((r) => r.id === "aws-require-imdsv2")!;
    // The "e.g. " does not end the sentence: a rule with details has a one-sentence description.
    expect(imds.shortDescription?.text).toBe(detailed.description);
    expect(imds.fullDescription?.text).toBe(`${detailed.description}\n\n${detailed.details}`);
    expect(imds.help?.text).toContain(detailed.details);
    expect(imds.help?.markdown).toContain(detailed.details);
  });

  it("carries the kit's details into fullDescription and strips its one-sentence description from messages", () => {
    const weakening = kitRules().find((r) => r.name === "disallow-userdata-login-weakening")!;
    expect(weakening.details).toContain("Cloud Assistant commands");
    const doc = fixtureDocument();
    doc.diagnostics = [
      {
        ...doc.diagnostics[0],
        policyName: weakening.name,
        policyPackName: KIT_PACK_NAME,
        message: `${weakening.description}\nuser data sets PasswordAuthentication yes`,
      },
    ];
    const log = toSarif(doc, { repoRoot, lookup: reportLookup(), knownRules: kitRules() });
    const rule = run(log).tool.driver.rules!.find((r) => r.id === weakening.name)!;
    expect(rule.shortDescription?.text).toBe(weakening.description);
    expect(rule.fullDescription?.text).toBe(`${weakening.description}\n\n${weakening.details}`);
    expect(run(log).results![0].message.text).toBe("ssh-world: user data sets PasswordAuthentication yes");
  });

  it("lists known rules that nothing violated", () => {
    const extra: RuleMetadata = { name: "aws-require-imdsv2", description: "IMDSv2 only.", severity: "medium" };
    const rules = run(toSarif(fixtureDocument(), { repoRoot, knownRules: [extra] })).tool.driver.rules!;
    expect(rules.map((r) => r.id)).toContain("aws-require-imdsv2");
  });

  it("emits one result per violation with level, message and the URN as logical location", () => {
    const log = toSarif(fixtureDocument(), { repoRoot, lookup });
    const results = run(log).results!;
    expect(results).toHaveLength(diagnostics.length);
    const ssh = resultFor(log, sshRule.name, rule.urn);
    expect(ssh.level).toBe("error");
    expect(ssh.message.text).toBe("ssh-world: 22/22 open to 0.0.0.0/0 (case step 1).");
    expect(ssh.locations![0].logicalLocations![0]).toEqual({
      name: "ssh-world",
      fullyQualifiedName: rule.urn,
      kind: "resource",
    });
    expect(run(log).tool.driver.rules![ssh.ruleIndex!].id).toBe(sshRule.name);
    expect(resultFor(log, "foreign-policy", database.urn).level).toBe("note");
    const stackWide = results.find((r) => r.ruleId === "require-actiontrail")!;
    expect(stackWide.level).toBe("warning");
    expect(stackWide.locations![0].logicalLocations![0].fullyQualifiedName).toBe("stack fixture");
  });

  it("keeps only the violation-specific part of a message that repeats the policy's description", () => {
    const doc = fixtureDocument();
    doc.diagnostics = [{ ...doc.diagnostics[0], message: `${sshRule.description}\nrule opens port 22 to 0.0.0.0/0` }];
    const [result] = run(toSarif(doc, { repoRoot, lookup })).results!;
    expect(result.message.text).toBe("ssh-world: rule opens port 22 to 0.0.0.0/0");
  });

  it("locates results at the declaring line, relative to the repository, and falls back to the entry file", () => {
    const log = toSarif(fixtureDocument(positions), { repoRoot, entryFile: "stacks/case/index.ts" });
    const at = (policy: string, urn: string) => resultFor(log, policy, urn).locations![0].physicalLocation!;
    expect(at(sshRule.name, rule.urn)).toEqual({
      artifactLocation: { uri: "stacks/case/hosts.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: 17, startColumn: 3 },
    });
    // Outside the repository and inside node_modules: the entry file, without a line.
    for (const urn of [web.urn, bastion.urn]) {
      expect(at("alicloud-disallow-password-login", urn)).toEqual({
        artifactLocation: { uri: "stacks/case/index.ts", uriBaseId: "%SRCROOT%" },
      });
    }
  });

  it("maps compiled JavaScript positions back to the TypeScript line through the source map", () => {
    const root = mkdtempSync(path.join(tmpdir(), "sarif-map-"));
    try {
      const source = ["import * as x from 'x';", "", "// comment", "export const a = new x.Thing('a', {});", ""].join(
        "\n",
      );
      const out = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, sourceMap: true },
        fileName: "index.ts",
      });
      const map = JSON.parse(out.sourceMapText!);
      map.sources = ["../../../stacks/demo/index.ts"];
      mkdirSync(path.join(root, "dist/stacks/demo"), { recursive: true });
      writeFileSync(path.join(root, "dist/stacks/demo/index.js"), out.outputText);
      writeFileSync(path.join(root, "dist/stacks/demo/index.js.map"), JSON.stringify(map));
      const jsLines = out.outputText.split("\n");
      const jsLine = jsLines.findIndex((l) => l.includes("new x.Thing")) + 1;
      const jsColumn = jsLines[jsLine - 1].indexOf("new x.Thing") + 1;
      expect(jsLine).not.toBe(4); // the transpiled line differs, so a correct answer proves the mapping
      const doc = fixtureDocument({
        [rule.name]: {
          uri: pathToFileURL(path.join(root, "dist/stacks/demo/index.js")).toString(),
          line: jsLine,
          column: jsColumn,
        },
      });
      const result = resultFor(toSarif(doc, { repoRoot: root }), sshRule.name, rule.urn);
      expect(result.locations![0].physicalLocation).toEqual({
        artifactLocation: { uri: "stacks/demo/index.ts", uriBaseId: "%SRCROOT%" },
        region: { startLine: 4, startColumn: 18 },
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("percent-encodes paths so the URI reference stays valid", () => {
    const doc = fixtureDocument({ [rule.name]: { uri: fileUri("stacks/my stack/ü.ts"), line: 1, column: 1 } });
    const log = toSarif(doc, { repoRoot });
    expect(resultFor(log, sshRule.name, rule.urn).locations![0].physicalLocation!.artifactLocation!.uri).toBe(
      "stacks/my%20stack/%C3%BC.ts",
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it("keeps fingerprints stable across runs and line moves, and distinct between results", () => {
    const fingerprints = (log: Log) => run(log).results!.map((r) => Object.values(r.partialFingerprints!)[0]);
    const first = fingerprints(toSarif(fixtureDocument(positions), { repoRoot }));
    const moved = { ...positions, [rule.name]: { ...positions[rule.name], line: 90 } };
    expect(fingerprints(toSarif(fixtureDocument(moved), { repoRoot }))).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const doc = fixtureDocument();
    doc.diagnostics = [...doc.diagnostics, { ...doc.diagnostics[0], message: "second finding on the same rule" }];
    const twice = fingerprints(toSarif(doc, { repoRoot }));
    expect(new Set(twice).size).toBe(twice.length);
  });

  it("qualifies a policy name used by two packs with the pack name", () => {
    const doc = fixtureDocument();
    doc.diagnostics = [...doc.diagnostics, { ...doc.diagnostics[0], policyPackName: "other-pack" }];
    const ids = run(toSarif(doc, { repoRoot })).results!.map((r) => r.ruleId);
    expect(ids).toEqual(
      expect.arrayContaining([
        "hardening-kit/alicloud-disallow-ssh-from-internet",
        "other-pack/alicloud-disallow-ssh-from-internet",
      ]),
    );
  });

  it("writes the log as JSON", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sarif-out-"));
    try {
      const file = path.join(dir, "results.sarif");
      writeSarif(file, fixtureDocument(), { repoRoot, lookup });
      const parsed = JSON.parse(readFileSync(file, "utf8"));
      expect(parsed.version).toBe("2.1.0");
      expect(sarifSchemaErrors(parsed)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Compile-time (tsc --noEmit): the CLI hands its PreviewResult and the packs' analyzer info to the writers as they are.
type Accepts<Wanted, Given extends Wanted> = Given;
export type PreviewResultIsADocument = Accepts<PreviewDocument, PreviewResult>;
export type PackInfoDescribesPolicies = Accepts<NonNullable<PullRequestReportOptions["packs"]>, PreviewResult["packs"]>;
