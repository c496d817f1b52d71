import { hardeningStackPolicies, stackPolicies } from "../../policies/stack";

describe("stack policy manifest", () => {
  it("pins names, levels and severities", () => {
    expect(hardeningStackPolicies.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual([
      ["disallow-internet-admin-ports-except-bastions", "mandatory", "critical"],
      ["disallow-internet-database-and-high-risk-ports", "mandatory", "critical"],
      ["require-bastion-only-ssh-to-private-hosts", "mandatory", "high"],
      ["require-vpc-flow-logs-all-traffic", "mandatory", "high"],
      ["require-effective-traffic-mirroring", "mandatory", "medium"],
      ["require-waf-on-internet-endpoints", "mandatory", "high"],
      ["require-waf-rate-limit", "mandatory", "medium"],
      ["require-audit-trail-for-compute", "mandatory", "high"],
      ["require-threat-detection", "mandatory", "high"],
    ]);
    expect(stackPolicies).toBe(hardeningStackPolicies);
  });

  it("gives every policy complete metadata and a config schema with exemptions", () => {
    for (const p of hardeningStackPolicies) {
      expect(p.description!.length).toBeGreaterThan(40);
      expect(p.metadata.remediationSteps.length).toBeGreaterThan(0);
      expect(p.metadata.controls.length).toBeGreaterThan(0);
      expect(p.metadata.caseStep).toBeGreaterThanOrEqual(1);
      expect(p.configSchema?.properties).toHaveProperty("exemptions");
    }
  });
});
