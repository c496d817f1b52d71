// A failed preview still shows what it found, as `pulumi preview` prints the partial plan and its Diagnostics block
// before the error: the text plan, the `--json` document with its `error`, and reports that say the preview FAILED.
import * as fs from "fs";
import * as path from "path";
import { stripAnsi } from "../../engine/text";
import { sarifSchemaErrors } from "../reports/sarifSchema";
import { PACK, runCli } from "./helpers";
import { outDir, programProject } from "./program-project";

const SECRET = "hunter2-pw";

/** Registers b1 (holding a secret), warns on it, prints, then fails in an input's apply while registering b2. */
const FAILING =
  `const b = new Res("aws:s3/bucket:Bucket", "b1", { pw: pulumi.secret("${SECRET}") });\n` +
  `pulumi.log.warn("deprecated bucket setting ${SECRET}", b);\n` +
  `console.log("program says hello ${SECRET}");\n` +
  'console.error("program complains");\n' +
  'new Res("aws:s3/bucket:Bucket", "b2", {\n' +
  `  x: pulumi.output(1).apply(() => { throw new Error("boom in apply ${SECRET}"); }),\n` +
  "});\n";

const PASSING = 'new Res("aws:s3/bucket:Bucket", "b1", {});\n';

const run = (dir: string, ...args: string[]) => runCli(["--cwd", dir, "--stack", "s", "--no-policy", ...args]);

/** The text run's stdout and stderr without colours. */
async function textRun(dir: string, ...args: string[]) {
  const r = await run(dir, ...args);
  return { code: r.code, stdout: stripAnsi(r.stdout), stderr: stripAnsi(r.stderr) };
}

describe("a failed program run", () => {
  it("prints the plan so far and the Diagnostics block, then the error paragraph, and exits 2", async () => {
    const { code, stdout, stderr } = await textRun(programProject(FAILING));
    expect(code).toBe(2);
    expect(stdout).toMatch(/\+ {3}pulumi:pulumi:Stack\s+p-s\n \+ {3}└─ aws:s3\/bucket:Bucket\s+b1\n/);
    expect(stdout).not.toMatch(/\bb2\b/);
    expect(stdout).toContain("Diagnostics:\n  aws:s3/bucket:Bucket (b1):\n    warning: deprecated bucket setting");
    expect(stdout).toContain("  pulumi:pulumi:Stack (p-s):\n");
    for (const said of ["program says hello", "program complains", "boom in apply"]) expect(stdout).toContain(said);
    // No verdict: nothing was analyzed.
    expect(stdout).not.toContain("Passed");
    expect(stdout).not.toContain("Policies:");
    expect(stderr).toContain('The program failed while declaring aws:s3/bucket:Bucket "b2" (exit code 32)');
    expect(stderr).toContain("boom in apply");
    expect(`${stdout}${stderr}`).not.toContain(SECRET);
  });

  it("prints one --json document with the registered resources, the logs and the error", async () => {
    const { code, stdout, stderr } = await run(programProject(FAILING), "--json");
    expect(code).toBe(2);
    const doc = JSON.parse(stdout);
    expect(doc.resources.map((r: { name: string }) => r.name)).toEqual(["p-s", "b1"]);
    expect(doc.resources.map((r: { step: string }) => r.step)).toEqual(["create", "create"]);
    expect(doc.diagnostics).toEqual([]);
    expect(doc.summary).toEqual({ resources: 2, mandatory: 0, advisory: 0 });
    expect(doc.error).toEqual({
      kind: "program",
      message: expect.stringContaining("boom in apply"),
      resource: 'aws:s3/bucket:Bucket "b2"',
    });
    expect(stripAnsi(stderr)).toContain(doc.error.message);
    expect(doc.logs).toContainEqual({
      severity: "warning",
      message: "deprecated bucket setting [secret]",
      urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b1",
    });
    expect(stdout).not.toContain(SECRET);
  });

  it("writes a Markdown summary that says FAILED and a SARIF log of an unsuccessful run", async () => {
    const out = outDir();
    const md = path.join(out, "wt.md");
    const sarifFile = path.join(out, "wt.sarif");
    const { code } = await run(programProject(FAILING), "--json", "--markdown", md, "--sarif", sarifFile);
    expect(code).toBe(2);
    const summary = fs.readFileSync(md, "utf8");
    // The workflow finds its comment by the first line, so the failure replaces an older "passes" comment.
    expect(summary.split("\n", 1)[0]).toBe("<!-- hardening-kit-summary:s -->");
    expect(summary).toMatch(/^### .*stack s FAILED$/m);
    expect(summary).not.toContain("passes");
    expect(summary).toContain("boom in apply");
    const log = JSON.parse(fs.readFileSync(sarifFile, "utf8"));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain("boom in apply");
    expect(`${summary}${JSON.stringify(log)}`).not.toContain(SECRET);

    // A program that succeeds: the usual passing reports, no error anywhere.
    const okMd = path.join(out, "ok.md");
    const okSarif = path.join(out, "ok.sarif");
    const ok = await run(programProject(PASSING), "--json", "--markdown", okMd, "--sarif", okSarif);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).not.toHaveProperty("error");
    expect(fs.readFileSync(okMd, "utf8")).toContain("passes");
    expect(JSON.parse(fs.readFileSync(okSarif, "utf8")).runs[0].invocations).toBeUndefined();
  });

  it("says a program that only logged an error logged it, keeping exit 2 and the plan", async () => {
    const { code, stdout, stderr } = await textRun(
      programProject(`${PASSING}pulumi.log.info("just so you know");\npulumi.log.error("the gate must stop");\n`),
    );
    expect(code).toBe(2);
    expect(stderr).toContain("The program logged an error: the gate must stop.");
    expect(stderr).not.toContain("exit code 0");
    expect(stdout).toContain("└─ aws:s3/bucket:Bucket  b1");
    expect(stdout).toContain("  pulumi:pulumi:Stack (p-s):\n    just so you know\n    error: the gate must stop\n");

    // A program that threw did stop: its exit code is still quoted.
    const thrown = await textRun(programProject(`${PASSING}throw new Error("thrown at top level");\n`));
    expect(thrown.stderr).toMatch(/The program failed \(exit code \d+\): .*thrown at top level/);
  });
});

describe("a failure before or after the program", () => {
  it("prints a --json document and writes FAILED reports on a config error", async () => {
    const dir = programProject(PASSING, "config: [unclosed\n");
    const out = outDir();
    const md = path.join(out, "cfg.md");
    const sarifFile = path.join(out, "cfg.sarif");
    const { code, stdout, stderr } = await run(dir, "--json", "--markdown", md, "--sarif", sarifFile);
    expect(code).toBe(2);
    const doc = JSON.parse(stdout);
    expect(doc.error.kind).toBe("config");
    expect(stripAnsi(stderr)).toContain(doc.error.message);
    expect(doc.resources).toEqual([]);
    expect(doc.logs).toEqual([]);
    expect(fs.readFileSync(md, "utf8")).toContain("FAILED");
    const log = JSON.parse(fs.readFileSync(sarifFile, "utf8"));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);

    // In text mode there is no plan to print: only the error paragraph, on stderr.
    const text = await textRun(dir);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe("");
    expect(text.stderr).toContain(doc.error.message);
  });

  it("keeps the program's resources in the document when a pack cannot start", async () => {
    const dir = programProject(`${PASSING}console.log("ran fine");\n`);
    const missing = path.join(outDir(), "no-such-pack");
    const r = await runCli(["--cwd", dir, "--stack", "s", "--policy-pack", missing, "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toMatchObject({ kind: "policy", message: expect.stringContaining("does not exist") });
    expect(doc.resources.map((x: { name: string }) => x.name)).toEqual(["p-s", "b1"]);
    expect(doc.logs).toEqual([{ severity: "info", message: "ran fine" }]);

    // The same program through a pack that starts: a verdict, no error.
    const good = await runCli(["--cwd", dir, "--stack", "s", "--policy-pack", PACK, "--json"]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).not.toHaveProperty("error");
  });
});

describe("an invoke the engine cannot answer", () => {
  const TOKEN = "aws:fake/getNothing:getNothing";

  it("fails an awaited invoke with a clean paragraph pointing to the handlers", async () => {
    const { code, stderr } = await textRun(
      programProject(`(async () => { await pulumi.runtime.invoke("${TOKEN}", {}); })();\n`),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`invoke "${TOKEN}" cannot be answered offline`);
    expect(stderr).toContain("engine/invokes/");
    for (const noise of ["<ref", "promise:", "Circular", "aws:ec2/getAmi"]) expect(stderr).not.toContain(noise);
  });

  it("strips the SDK's decoration from an invoke exported unawaited", async () => {
    const { code, stdout, stderr } = await textRun(
      programProject(`exports.x = pulumi.runtime.invoke("${TOKEN}", {});\n`),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`invoke "${TOKEN}" cannot be answered offline`);
    for (const noise of ["<ref", "promise:", "Circular"]) expect(`${stdout}${stderr}`).not.toContain(noise);
  });

  it("warns when the program catches the rejection and goes on", async () => {
    const dir = programProject(`${PASSING}pulumi.runtime.invoke("${TOKEN}", {}).catch(() => undefined);\n`);
    const { code, stdout } = await textRun(dir);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `  pulumi:pulumi:Stack (p-s):\n    warning: invoke ${TOKEN} could not be answered offline; the program went on without it\n`,
    );
    const doc = JSON.parse((await run(dir, "--json")).stdout);
    expect(doc.logs).toEqual([
      { severity: "warning", message: `invoke ${TOKEN} could not be answered offline; the program went on without it` },
    ]);

    // An invoke the engine answers needs no warning.
    const answered = programProject(
      `${PASSING}pulumi.runtime.invoke("aws:index/getRegion:getRegion", {}).then((r) => console.log(r.name));\n`,
    );
    const quiet = await run(answered, "--json");
    expect(quiet.code).toBe(0);
    // Only what the program printed: no warning.
    expect(JSON.parse(quiet.stdout).logs).toEqual([{ severity: "info", message: "us-east-1" }]);
  });
});
