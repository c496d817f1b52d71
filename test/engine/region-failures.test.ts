// How a missing AWS region is reported through the CLI: once per provider, where the CLI reports it, with the failed
// registrations pointing to it; a secret profile or shared file list is never printed, in text or in --json.
import { stripAnsi } from "../../engine/text";
import { runCli } from "./helpers";
import { programProject } from "./program-project";
import { noAwsEnv } from "./provider-env";

const SECRET = "TOPSECRETPROFILE";

/** Runs the CLI with a home holding no AWS files and no AWS variables set. */
async function runWithoutRegion(dir: string, ...args: string[]) {
  const env = noAwsEnv();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const r = await runCli(["--cwd", dir, "--stack", "s", "--no-policy", ...args]);
    return { ...r, all: stripAnsi(r.stdout + r.stderr) };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("a missing AWS region through the CLI", () => {
  it.each([
    ["profile", `{ profile: pulumi.secret("${SECRET}") }`],
    ["sharedConfigFiles", `{ sharedConfigFiles: pulumi.secret(["/nowhere/${SECRET}"]) }`],
    ["sharedCredentialsFiles", `{ sharedCredentialsFiles: pulumi.secret(["/nowhere/${SECRET}"]) }`],
  ])("never prints an explicit provider's secret %s, in text or --json", async (_, inputs) => {
    const dir = programProject(
      `const p = new pulumi.ProviderResource("aws", "prov", ${inputs});\n` +
        'new Res("aws:s3/bucket:Bucket", "logs", {}, { provider: p });\n',
    );
    const text = await runWithoutRegion(dir);
    const json = await runWithoutRegion(dir, "--json");
    expect(text.code).toBe(2);
    expect(text.all).toContain("Missing region information");
    expect(text.all).toContain("[secret]");
    expect(text.all).not.toContain(SECRET);
    expect(JSON.parse(json.stdout).error.message).toContain("[secret]");
    expect(json.stdout + json.stderr).not.toContain(SECRET);
  });

  it("says each provider's error once, the failed registrations and the summary pointing to it", async () => {
    const dir = programProject(
      'const p = new pulumi.ProviderResource("aws", "prov", {});\n' +
        'new Res("aws:s3/bucket:Bucket", "a", {}, { provider: p });\n' +
        'new Res("aws:s3/bucket:Bucket", "b", {});\n' +
        'new Res("aws:s3/bucket:Bucket", "c", {});\n',
    );
    const { code, stdout, stderr, all } = await runWithoutRegion(dir);
    expect(code).toBe(2);
    // In the Diagnostics, once per provider; in the summary, the first provider's in full.
    expect(count(all, "has a problem: Missing region information")).toBe(3);
    expect(count(stdout, "resource 'default' has a problem")).toBe(1);
    expect(count(stdout, "resource 'prov' has a problem")).toBe(1);
    expect(count(stdout, "the default aws provider could not be configured: see its error above")).toBe(2);
    expect(stdout).toContain(
      "failed to register new resource prov [pulumi:providers:aws]: 9 FAILED_PRECONDITION: " +
        "the aws provider 'prov' could not be configured: see its error above",
    );
    const summary = stripAnsi(stderr);
    expect(count(summary, "has a problem")).toBe(1);
    // Which provider fails first depends on the order the registrations arrive in.
    expect(summary).toMatch(
      /resource '(default|prov)' has a problem: Missing region information.*Provider '(?!\1)(default|prov)' could not be configured either: see the errors above\./,
    );
    expect(summary).not.toContain("see its error above");
  });
});
