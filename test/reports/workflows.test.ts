// The workflows users copy: the offline gate must run without credentials; the cloud preview must use OIDC only.
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import YAML from "yaml";

const root = path.resolve(__dirname, "../..");
const load = (file: string) => YAML.parse(readFileSync(path.join(root, ".github/workflows", file), "utf8"));
const runs = (job: any): string =>
  job.steps
    .map((s: any) => s.run)
    .filter(Boolean)
    .join("\n");
const uses = (job: any): string[] => job.steps.map((s: any) => s.uses).filter(Boolean);

describe("hardening-gate workflow", () => {
  const workflow = load("hardening-gate.yml");
  const offline = workflow.jobs["offline-gate"];
  const cloud = workflow.jobs["cloud-preview"];

  it("runs on pull requests with read-only defaults", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("previews every matrix stack offline, with SARIF and Markdown outputs, and no credentials", () => {
    expect(runs(offline)).toContain("npm ci");
    expect(runs(offline)).toMatch(/npm run preview -- --stack "\$STACK" --sarif results\.sarif --markdown summary\.md/);
    for (const stack of offline.strategy.matrix.stack)
      expect(existsSync(path.join(root, `Pulumi.${stack}.yaml`))).toBe(true);
    expect(offline.permissions["id-token"]).toBeUndefined();
    expect(JSON.stringify(offline)).not.toMatch(/secrets\./);
  });

  it("uploads SARIF to code scanning per stack and posts the summary comment", () => {
    const upload = offline.steps.find((s: any) => String(s.uses).startsWith("github/codeql-action/upload-sarif@"));
    expect(upload.with).toEqual({ sarif_file: "results.sarif", category: "hardening-kit-${{ matrix.stack }}" });
    expect(offline.permissions["security-events"]).toBe("write");
    const comment = offline.steps.find((s: any) => String(s.uses).startsWith("actions/github-script@"));
    expect(comment.with.script).toContain("updateComment");
    expect(comment.with.script).toContain('body.split("\\n", 1)[0]');
  });

  it("fails the job when the preview found mandatory violations", () => {
    const last = offline.steps[offline.steps.length - 1];
    expect(last.if).toBe("steps.preview.outputs.exit-code != '0'");
    expect(last.run).toContain("exit 1");
  });

  it("runs the real pulumi preview with the policy pack, authenticated through OIDC", () => {
    expect(cloud.permissions["id-token"]).toBe("write");
    expect(uses(cloud)).toEqual(
      expect.arrayContaining([
        "pulumi/auth-actions@v1",
        "aws-actions/configure-aws-credentials@v4",
        "pulumi/actions@v6",
      ]),
    );
    const preview = cloud.steps.find((s: any) => s.uses === "pulumi/actions@v6");
    expect(preview.with).toMatchObject({ command: "preview", policyPacks: "policies" });
    expect(cloud.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });
});

describe("ci workflow", () => {
  it("runs the project's test command after a clean install", () => {
    const job = load("ci.yml").jobs.test;
    expect(runs(job)).toBe("npm ci\nnpm test");
  });
});
