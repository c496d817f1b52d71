// No secret in plain text: every output of the offline preview is scanned for the secret values a program used.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SECRETS_ENV } from "../../engine/config";
import { FIXTURES, PACK, runCli, type CliRun } from "../engine/helpers";

const PROJECT = path.join(FIXTURES, "secrets");
const REPO = path.join(__dirname, "../..");
const DB_PASSWORD = "Db-Pa55word-offline";
/** Every secret the fixture program passes: config stand-in, a secret object's fields, an additionalSecretOutputs input. */
const FIXTURE_SECRETS = [DB_PASSWORD, "tok-8f3a2c91d7e4", "deploy", "aso-Cluster-Pw-42"];
/** The case stack's ECS password (`pulumi.secret` fallback in stacks/case/hosts.ts). */
const CASE_PASSWORD = "Logistics@2023";

interface Outputs {
  json: CliRun;
  text: CliRun;
  sarif: string;
  markdown: string;
}

/** One JSON run that also writes SARIF and Markdown, and one text run. */
async function previewOutputs(cwd: string, stack: string, packArgs: string[]): Promise<Outputs> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-"));
  const sarif = path.join(dir, "preview.sarif");
  const markdown = path.join(dir, "preview.md");
  const base = ["--cwd", cwd, "--stack", stack, ...packArgs];
  const json = await runCli([...base, "--json", "--sarif", sarif, "--markdown", markdown]);
  const text = await runCli(base);
  return { json, text, sarif: fs.readFileSync(sarif, "utf8"), markdown: fs.readFileSync(markdown, "utf8") };
}

function expectNoSecrets(outputs: Outputs, secrets: string[]): void {
  const all = {
    "--json": outputs.json.stdout,
    "json run stderr": outputs.json.stderr,
    text: outputs.text.stdout,
    "text run stderr": outputs.text.stderr,
    sarif: outputs.sarif,
    markdown: outputs.markdown,
  };
  for (const [output, content] of Object.entries(all)) {
    for (const secret of secrets) expect({ output, leaks: content.includes(secret) }).toEqual({ output, leaks: false });
  }
}

describe("no secret in any output", () => {
  const saved = process.env[SECRETS_ENV];
  beforeAll(() => {
    process.env[SECRETS_ENV] = JSON.stringify({ "secrets:dbPassword": DB_PASSWORD });
  });
  afterAll(() => {
    if (saved === undefined) delete process.env[SECRETS_ENV];
    else process.env[SECRETS_ENV] = saved;
  });

  describe("a fixture program passing secrets every way", () => {
    let outputs: Outputs;
    beforeAll(async () => {
      outputs = await previewOutputs(PROJECT, "leaky", ["--policy-pack", PACK]);
    });

    it("prints none of them in text, --json, SARIF or Markdown", () => {
      expect(outputs.json.code).toBe(0);
      expectNoSecrets(outputs, FIXTURE_SECRETS);
    });

    it("keeps the keys of secret inputs with a marker in --json", () => {
      const doc = JSON.parse(outputs.json.stdout);
      const inputs = (name: string) => doc.resources.find((r: { name: string }) => r.name === name).inputs;
      expect(inputs("db")).toMatchObject({ password: "[secret]", tags: { note: "pw=[secret]" } });
      expect(inputs("token").value).toBe("[secret]");
      expect(inputs("cluster").masterPassword).toBe("[secret]");
    });

    it("prints secret exports as a marker and cuts secrets from plain ones", () => {
      const doc = JSON.parse(outputs.json.stdout);
      expect(doc.outputs).toEqual({ connection: { note: "pw=[secret]", user: "app" }, exportedPassword: "[secret]" });
      expect(outputs.text.stdout).toContain("exportedPassword: [secret]");
      expect(outputs.text.stdout).toContain('note: "pw=[secret]"');
    });

    it("still hands the policy pack the real value", () => {
      // The pack echoes the password it got: its length is the stand-in's, and the echo is cut from the message.
      expect(outputs.text.stdout).toContain(`password has ${DB_PASSWORD.length} characters: [secret]`);
      expect(outputs.sarif).toContain(`password has ${DB_PASSWORD.length} characters: [secret]`);
    });

    it("cuts secrets from logs and program output in the text", () => {
      expect(outputs.text.stdout).toContain("rotating the database password [secret]");
      expect(outputs.text.stdout).toContain("connecting with [secret]");
    });
  });

  it("cuts secrets from the error paragraph of a failing program", async () => {
    const run = await runCli(["--cwd", PROJECT, "--stack", "throws", "--no-policy"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("login refused for password [secret]");
    expect(run.stderr).not.toContain(DB_PASSWORD);
  });

  it("prints no ECS password of the case stack, whose pack still sees password login", async () => {
    const outputs = await previewOutputs(REPO, "case", []);
    expect(outputs.json.code).toBe(1);
    expectNoSecrets(outputs, [CASE_PASSWORD]);
    const doc = JSON.parse(outputs.json.stdout);
    const ecs = doc.resources.filter((r: { type: string }) => r.type === "alicloud:ecs/instance:Instance");
    expect(ecs.length).toBeGreaterThan(0);
    expect(ecs.map((r: { inputs: { password?: unknown } }) => r.inputs.password)).toContain("[secret]");
    // The pack saw that a password is set: a mandatory violation on that instance names password login.
    const flagged = doc.diagnostics.filter(
      (d: { urn: string; enforcementLevel: string; message: string }) =>
        ecs.some((r: { urn: string }) => r.urn === d.urn) &&
        d.enforcementLevel === "mandatory" &&
        /password/i.test(d.message),
    );
    expect(flagged.length).toBeGreaterThan(0);
  });
});
