import * as fs from "fs";
import { renderRulesDoc, RULES_DOC_PATH } from "../../policies/tools/rules-doc";
import { hardeningRules, hardeningStackRules } from "../../policies/catalog";
import { hardeningStackPolicies } from "../../policies/stack";

describe("docs/RULES.md", () => {
  const text = renderRulesDoc();

  it("is current with the rules' metadata (regenerate: node dist/policies/tools/rules-doc.js)", () => {
    expect(fs.readFileSync(RULES_DOC_PATH, "utf8")).toBe(text);
  });

  it("documents every rule with its level, severity, case step and controls", () => {
    for (const r of [...hardeningRules, ...hardeningStackRules, ...hardeningStackPolicies]) {
      const section = text.slice(text.indexOf(`### \`${r.name}\``));
      expect(section).toContain(`- Enforcement: ${r.metadata.enforcementLevel}`);
      expect(section).toContain(`- Severity: ${r.metadata.severity}`);
      expect(section).toContain(`- Case step: ${r.metadata.caseStep}`);
      expect(section).toContain(r.metadata.controls[0].id);
    }
  });

  it("shows each rule's one-sentence description, then its details paragraph", () => {
    for (const r of [...hardeningRules, ...hardeningStackRules, ...hardeningStackPolicies]) {
      const heading = `### \`${r.name}\``;
      expect(text).toContain(`${heading}\n\n${r.metadata.description}\n\n${r.metadata.details}\n\n- Kind:`);
    }
  });
});
