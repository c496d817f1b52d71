import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import type { Log } from "sarif";
import { kitRules } from "../../engine/reports/kitRules";
import { writePullRequestReports } from "../../engine/reports/write";
import { fixtureDocument } from "./fixtures";
import { sarifSchemaErrors } from "./sarifSchema";

describe("writePullRequestReports (the CLI's --sarif / --markdown)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "pr-reports-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const read = (file: string) => readFileSync(path.join(dir, file), "utf8");

  it("writes both files; the SARIF lists every policy of the kit's catalog", () => {
    writePullRequestReports(fixtureDocument(), {
      sarifFile: path.join(dir, "results.sarif"),
      markdownFile: path.join(dir, "summary.md"),
      repoRoot: path.resolve(__dirname, "../.."),
    });
    const log = JSON.parse(read("results.sarif")) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const ids = log.runs[0].tool.driver.rules!.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(kitRules().map((r) => r.name)));
    expect(read("summary.md")).toMatch(/^<!-- hardening-kit-summary:fixture -->/);
  });

  it("describes a foreign pack's policies from its analyzer info, and leaves the kit's rules out when it did not run", () => {
    writePullRequestReports(fixtureDocument(), {
      sarifFile: path.join(dir, "results.sarif"),
      packs: [{ name: "other-pack", policies: [{ name: "foreign-policy", description: "Says the other pack." }] }],
    });
    const rules = (JSON.parse(read("results.sarif")) as Log).runs[0].tool.driver.rules!;
    expect(rules.find((r) => r.id === "foreign-policy")?.fullDescription?.text).toBe("Says the other pack.");
    expect(rules).toHaveLength(4); // only the policies that reported something
  });

  it("maps the kit's metadata: numbered remediation steps, controls and case step", () => {
    const rule = kitRules().find((r) => r.name === "disallow-ecs-password-login");
    expect(rule).toBeDefined();
    expect(rule!.caseStep).toBe(1);
    expect(rule!.controls).toContain("MLPS 2.0 L3 8.1.4.1");
    expect(rule!.remediation).toMatch(/^1\. .+\n2\. /);
  });
});
