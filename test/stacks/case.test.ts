// The case reproduced (stacks/case) must be blocked: one mandatory violation per weakness it was built with, each
// naming the case step it breaks. The expected list below comes from the weaknesses in stacks/case, not from the
// pack's output; the SARIF and Markdown of the same preview are checked here too (one preview run for all).
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import type { PolicyDiagnostic } from "../../engine/model";
import type { PreviewDocument } from "../../engine/reports/document";
import { toMarkdown } from "../../engine/reports/markdown";
import { EXPOSURE_COLOUR } from "../../engine/reports/mermaid";
import { toSarif } from "../../engine/reports/sarif";
import { kitRuleLookup, kitRules } from "../../engine/reports/kitRules";
import { checkFlowchart, decodeLabel } from "../reports/mermaidChecker";
import { parseWithMermaid } from "../reports/mermaidParser";
import { sarifSchemaErrors } from "../reports/sarifSchema";

const repoRoot = path.resolve(__dirname, "../..");
const cli = path.join(repoRoot, "dist/engine/cli.js");
const STACK_LEVEL = "(stack)";

/** One weakness built into the case: the policy that must block it, where, and the steps its message may name. */
type Expected = [policy: string, resource: string | string[], steps: number[], weakness: string];

const EXPECTED: Expected[] = [
  ["disallow-internet-admin-ports", "case-ssh-from-internet", [1], "22 open to 0.0.0.0/0"],
  ["disallow-internet-admin-ports", "case-all-from-internet", [1], "all / -1/-1 from 0.0.0.0/0"],
  ["disallow-public-high-risk-ports", "case-ssh-from-internet", [1, 3], "22 is on the FSBP EC2.19 list"],
  ["disallow-public-high-risk-ports", "case-all-from-internet", [3], "every port to the world"],
  ["disallow-public-high-risk-ports", "case-mysql-from-public-range", [3], "3306 from a /8"],
  ["disallow-public-managed-databases", "case-db", [3], "securityIps holds 0.0.0.0/0"],
  ["disallow-ecs-password-login", "case-web-1", [1], "password login"],
  ["disallow-ecs-password-login", "case-web-2", [1], "password login"],
  ["disallow-userdata-login-weakening", "case-web-1", [1, 2], "password and root login, root key"],
  ["disallow-userdata-login-weakening", "case-web-2", [1, 2], "password and root login, root key"],
  ["require-evidence-bucket-immutability", "case-backups", [4, 5], "forceDestroy on the backup bucket"],
  ["require-evidence-oss-worm", "case-backups", [4, 5], "backups without WORM"],
  ["require-ram-password-policy-strength", "case-password-policy", [1, 6], "8 characters, no lockout"],
  ["require-ram-mfa-for-login", "case-security-preference", [6], "MFA not mandatory"],
  // Reachability: the public IPs put every port of the shared group in front of the internet.
  ["disallow-internet-admin-ports-except-bastions", "case-web-1", [1], "SSH reachable from the internet"],
  ["disallow-internet-admin-ports-except-bastions", "case-web-2", [1], "SSH reachable from the internet"],
  ["disallow-internet-database-and-high-risk-ports", "case-web-1", [3], "3306 reachable from the internet"],
  ["disallow-internet-database-and-high-risk-ports", "case-web-2", [3], "3306 reachable from the internet"],
  ["disallow-internet-database-and-high-risk-ports", "case-db", [3], "public endpoint + open whitelist"],
  // SSH from a CIDR to hosts that are not bastions, through each rule that admits it.
  ["require-bastion-only-ssh-to-private-hosts", "case-ssh-from-internet", [1], "SSH from 0.0.0.0/0"],
  ["require-bastion-only-ssh-to-private-hosts", "case-all-from-internet", [1], "SSH from 0.0.0.0/0"],
  // Absences: what the case did not have. A stack-wide absence may be reported on the stack or its compute.
  ["require-vpc-flow-logs-all-traffic", "case-vpc", [5], "no flow logs"],
  ["require-waf-on-internet-endpoints", "case-web-lb", [1, 6], "internet SLB without WAF"],
  ["require-audit-trail-for-compute", [STACK_LEVEL, "case-web-1", "case-web-2"], [5], "no ActionTrail"],
  ["require-threat-detection", ["case-web-1", "case-web-2"], [1], "no anti-brute-force rule: SSH guessed unhindered"],
];

/** Resources of the case that carry no weakness: nothing may be reported on them. */
const CLEAN = ["case-vswitch", "case-sg", "case-http-from-internet", "case-web-http", "case-web-backends"];

function resourceOf(d: PolicyDiagnostic): string {
  if (!d.urn || d.urn.includes("::pulumi:pulumi:Stack::")) return STACK_LEVEL;
  return d.urn.slice(d.urn.lastIndexOf("::") + 2);
}

const matches = ([policy, resource]: Expected, d: PolicyDiagnostic) =>
  d.policyName === policy && [resource].flat().includes(resourceOf(d));

/** Step numbers a message names: "case step 3", "steps 1 and 2", "step 4-5". */
function namedSteps(message: string): number[] {
  const steps: number[] = [];
  for (const m of message.matchAll(/\bsteps?\s+(\d(?:\s*(?:,|and|&|-|–)\s*\d)*)/gi)) {
    steps.push(...(m[1].match(/\d/g) ?? []).map(Number));
  }
  return steps;
}

let doc: PreviewDocument;
let exitCode: number | null;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`);
  const run = spawnSync(process.execPath, [cli, "--stack", "case", "--json"], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  exitCode = run.status;
  try {
    doc = JSON.parse(run.stdout) as PreviewDocument;
  } catch {
    throw new Error(`the preview printed no JSON (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
  }
}, 300_000);

describe("the case stack", () => {
  it("fails the preview with mandatory violations", () => {
    expect(doc.stack).toBe("case");
    expect(doc.summary?.mandatory).toBeGreaterThan(0);
    expect(exitCode).toBe(1);
  });

  it("is blocked exactly once per (policy, resource) weakness it was built with", () => {
    const mandatory = doc.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
    const missing = EXPECTED.filter((e) => !mandatory.some((d) => matches(e, d))).map(
      ([policy, resource, , weakness]) => `${policy} on ${[resource].flat().join(" | ")} (${weakness})`,
    );
    const unexpected = [
      ...new Set(
        mandatory.filter((d) => !EXPECTED.some((e) => matches(e, d))).map((d) => `${d.policyName} on ${resourceOf(d)}`),
      ),
    ];
    expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
  });

  it("names, in every mandatory message, the case step the weakness reproduces", () => {
    const wrong = doc.diagnostics
      .filter((d) => d.enforcementLevel === "mandatory")
      .flatMap((d) => {
        const expected = EXPECTED.find((e) => matches(e, d));
        const named = namedSteps(d.message);
        const ok = named.length > 0 && (!expected || named.some((s) => expected[2].includes(s)));
        // The message's last line is the violation itself (analyzers put the policy's description first).
        return ok ? [] : [`${d.policyName} on ${resourceOf(d)}: "${d.message.split("\n").pop()}"`];
      });
    expect(wrong).toEqual([]);
  });

  it("reports nothing on the parts of the case that are not weaknesses", () => {
    const onClean = doc.diagnostics.filter((d) => CLEAN.includes(resourceOf(d)));
    expect(onClean.map((d) => `${d.policyName} on ${resourceOf(d)}`)).toEqual([]);
  });

  it("records the declaring source line of its resources", () => {
    const declared = doc.resources.filter((r) => r.name.startsWith("case-"));
    const withoutPosition = declared.filter((r) => !r.sourcePosition?.uri.includes("/stacks/case/")).map((r) => r.name);
    expect(withoutPosition).toEqual([]);
  });
});

describe("pull-request outputs of the case preview", () => {
  it("SARIF validates and locates every result in the case's source files", () => {
    const log = toSarif(doc, {
      repoRoot,
      lookup: kitRuleLookup(),
      knownRules: kitRules(),
      entryFile: "stacks/case/index.ts",
    });
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0].results ?? [];
    expect(results).toHaveLength(doc.diagnostics.length);
    for (const result of results) {
      const physical = result.locations?.[0].physicalLocation;
      expect(physical?.artifactLocation?.uri).toMatch(/^stacks\/case\/[a-zA-Z]+\.ts$/);
      if (result.locations?.[0].logicalLocations?.[0].fullyQualifiedName?.includes("::case-")) {
        expect(physical?.region?.startLine).toBeGreaterThan(0);
      }
    }
    const ssh = results.find((r) => r.locations?.[0].logicalLocations?.[0].name === "case-ssh-from-internet");
    expect(ssh?.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe("stacks/case/hosts.ts");
  });

  it("Markdown has the verdict, both tables and a diagram with every exposure in red", () => {
    const markdown = toMarkdown(doc);
    expect(markdown).toMatch(/### ❌ Hardening gate: stack case is blocked by \d+ mandatory violations/);
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
    expect(block).not.toBeNull();
    const chart = checkFlowchart(block![1]);
    const labels = [...chart.nodes.values()].map(decodeLabel);
    expect(labels).toEqual(
      expect.arrayContaining(["instance: case-web-1", "database: case-db", "load balancer: case-web-lb"]),
    );
    expect([...chart.subgraphs.values()].map(decodeLabel)).toEqual(["VPC case-vpc", "subnet case-vswitch"]);
    const red = new Set(chart.linkStyles.filter((s) => s.style.includes(EXPOSURE_COLOUR)).flatMap((s) => s.indices));
    expect(red.size).toBe(
      new Set((doc.exposures ?? []).map((e) => `${e.urn} ${e.protocol} ${JSON.stringify(e.ports)}`)).size,
    );
    expect(doc.exposures?.length ?? 0).toBeGreaterThan(0);
    // Mermaid's own parser (what GitHub renders with) accepts the real diagram.
    expect(parseWithMermaid([block![1]])[0]).toMatchObject({ ok: true, type: "flowchart-v2" });
  });
});
