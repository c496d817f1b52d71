// Pins the pack's manifest: any change of a name, level or severity shows up as a diff here and in review.
import * as fs from "fs";
import * as path from "path";
import { allPolicies, hardeningRules, hardeningStackRules } from "../../policies/catalog";
import { CASE_STEPS } from "../../policies/lib/metadata";
import { stackPolicies } from "../../policies/stack";

const MANIFEST: [name: string, level: string, severity: string][] = [
  ["configure-hardening-kit-pack", "advisory", "low"],
  ["disallow-internet-admin-ports", "mandatory", "critical"],
  ["disallow-public-high-risk-ports", "mandatory", "high"],
  ["disallow-public-managed-databases", "mandatory", "critical"],
  ["disallow-ecs-password-login", "mandatory", "critical"],
  ["disallow-userdata-login-weakening", "mandatory", "critical"],
  ["require-imdsv2", "mandatory", "high"],
  ["require-cloudtrail-multi-region-validation", "mandatory", "high"],
  ["require-actiontrail-all-regions-events", "mandatory", "high"],
  ["require-backup-vault-lock-compliance", "mandatory", "high"],
  ["require-evidence-bucket-immutability", "mandatory", "high"],
  ["require-dns-failover-health-check", "mandatory", "medium"],
  ["require-iam-password-policy-strength", "mandatory", "high"],
  ["require-iam-console-mfa", "mandatory", "high"],
  ["require-ram-password-policy-strength", "mandatory", "high"],
  ["require-ram-mfa-for-login", "mandatory", "high"],
  ["recommend-registry-tag-immutability", "advisory", "low"],
  ["require-registry-image-scanning", "mandatory", "medium"],
  ["require-waf-owasp-core-rules", "mandatory", "high"],
  ["require-waf-logging", "mandatory", "medium"],
  ["require-evidence-oss-worm", "mandatory", "high"],
  ["require-evidence-s3-default-retention", "mandatory", "high"],
  ["require-locked-backup-vaults", "mandatory", "high"],
  ["require-gtm-pool-monitoring", "mandatory", "medium"],
  ["require-dns-failover-health-check-effective", "mandatory", "medium"],
];

describe("pack manifest", () => {
  it("lists exactly the pinned policies with their levels and severities", () => {
    // The reachability engineer's stack policies are pinned by their own tests.
    const own = allPolicies.filter((p) => !(stackPolicies as unknown[]).includes(p));
    expect(own.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual(MANIFEST);
  });

  it("never reuses a name", () => {
    const names = allPolicies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("rule metadata", () => {
  const rules = [...hardeningRules, ...hardeningStackRules];

  it.each(rules.map((r) => [r.name, r] as const))("%s is complete", (_n, rule) => {
    const m = rule.metadata;
    expect(m.name).toMatch(/^(disallow|require|recommend|configure)(-[a-z0-9]+)+$/);
    expect(m.description.length).toBeGreaterThan(40);
    expect(m.remediationSteps.length).toBeGreaterThan(0);
    for (const step of m.remediationSteps) expect(step.length).toBeGreaterThan(15);
    expect(m.controls.length).toBeGreaterThan(0);
    for (const c of m.controls) expect(c.id.trim()).not.toBe("");
    expect(Object.keys(CASE_STEPS)).toContain(String(m.caseStep));
    expect(m.resourceTypes.length).toBeGreaterThan(0);
    for (const t of m.resourceTypes) expect(t).toMatch(/^(aws|alicloud):[a-zA-Z0-9]+\/[a-zA-Z0-9]+:[A-Z][a-zA-Z0-9]+$/);
    expect(rule.remediationSteps).toBe(m.remediationSteps.join("\n"));
    if (m.autoRemediation) expect("remediateResource" in rule && typeof rule.remediateResource).toBe("function");
  });

  it("marks the case's weaknesses mandatory", () => {
    for (const r of rules.filter((x) => !x.name.startsWith("recommend-"))) expect(r.enforcementLevel).toBe("mandatory");
  });

  it("names resource types that exist in the installed providers", () => {
    for (const t of rules.flatMap((r) => r.metadata.resourceTypes)) {
      const [pkg, mod] = t.split(":");
      const [dir, file] = mod.split("/");
      // Module files are named like the token's module, except for case (alicloud adb/dBCluster is dbcluster.js).
      const folder = path.dirname(require.resolve(`@pulumi/${pkg}/${dir}`));
      const match = fs.readdirSync(folder).find((f) => f.toLowerCase() === `${file.toLowerCase()}.js`);
      const source = match ? require(path.join(folder, match)) : {};
      const cls = Object.values(source).find((v: any) => typeof v === "function" && v.__pulumiType === t);
      expect([t, cls !== undefined]).toEqual([t, true]);
    }
  });
});
