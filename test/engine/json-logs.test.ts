// The `--json` document's `logs`: what the program logged and the engine's own caveats (imports, reads), redacted,
// each with the URN it was logged against when there is one.
import { documentLogs } from "../../engine/logs";
import { runPreview } from "../../engine/preview";
import { runCli } from "./helpers";
import { programProject } from "./program-project";

const SECRET = "hunter2-pw";
const BUCKET = "urn:pulumi:s::p::aws:s3/bucket:Bucket::b1";

const json = async (program: string) => {
  const { code, stdout } = await runCli(["--cwd", programProject(program), "--stack", "s", "--no-policy", "--json"]);
  return { code, stdout, doc: JSON.parse(stdout) };
};

describe("--json logs", () => {
  it("lists the program's messages with severity, message and URN, secrets cut", async () => {
    const { code, stdout, doc } = await json(
      `const b = new Res("aws:s3/bucket:Bucket", "b1", { pw: pulumi.secret("${SECRET}") });\n` +
        `pulumi.log.info("note ${SECRET}");\n` +
        'pulumi.log.warn("deprecated setting", b);\n' +
        'pulumi.log.debug("not shown");\n' +
        'pulumi.log.info("ephemeral", undefined, undefined, true);\n',
    );
    expect(code).toBe(0);
    expect(doc.logs).toEqual([
      { severity: "info", message: "note [secret]" },
      { severity: "warning", message: "deprecated setting", urn: BUCKET },
    ]);
    expect(stdout).not.toContain(SECRET);
  });

  it("carries the engine's import and read caveats", async () => {
    const { doc } = await json(
      'new Res("aws:s3/bucket:Bucket", "adopted", {}, { import: "existing-bucket" });\n' +
        'new Res("aws:s3/bucket:Bucket", "looked-up", {}, { id: "bucket-123" });\n',
    );
    // Registrations race each other: the order of the two caveats is not fixed.
    expect(doc.logs).toHaveLength(2);
    expect(doc.logs).toEqual(
      expect.arrayContaining([
        {
          severity: "warning",
          message: expect.stringContaining("cannot read existing-bucket"),
          urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::adopted",
        },
        {
          severity: "warning",
          message: expect.stringContaining("bucket-123"),
          urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::looked-up",
        },
      ]),
    );
  });

  it("holds only what the program printed when it logs nothing", async () => {
    const { doc } = await json('new Res("aws:s3/bucket:Bucket", "b1", {});\nconsole.log("printed, not logged");\n');
    expect(doc.logs).toEqual([{ severity: "info", message: "printed, not logged" }]);
  });

  it("is an empty list for a program that logs and prints nothing", async () => {
    const { doc } = await json('new Res("aws:s3/bucket:Bucket", "b1", {});\n');
    expect(doc.logs).toEqual([]);
  });
});

describe("the program's printed output in the document's logs", () => {
  const PACK_LOG = { severity: "warning" as const, message: "pack warn", policyPack: "p" };

  it("follows the logged messages, stdout then stderr, a line an info message, before the packs'", () => {
    const logs = documentLogs([{ severity: "warning", message: "logged first", urn: "" }], [PACK_LOG], {
      programOutput: "out one\r\n\n  out two  \n",
      programErrors: "\u001b[31merr one\u001b[39m\n",
    });
    expect(logs).toEqual([
      { severity: "warning", message: "logged first" },
      { severity: "info", message: "out one" },
      { severity: "info", message: "  out two" },
      { severity: "info", message: "err one" },
      PACK_LOG,
    ]);
  });

  it("adds nothing for a program that printed nothing or only blank lines", () => {
    expect(documentLogs([], [PACK_LOG], { programOutput: "", programErrors: " \n\t\n" })).toEqual([PACK_LOG]);
    expect(documentLogs([], [PACK_LOG])).toEqual([PACK_LOG]);
  });

  it("holds a real run's console.log and console.error lines, a multi-line secret cut whole", async () => {
    const secret = "Tok3nAb\nQz9xW1y";
    const result = await runPreview({
      stack: "s",
      cwd: programProject(
        `const pw = pulumi.secret(${JSON.stringify(secret)});\n` +
          'new Res("test:x:R", "r1", { pw });\n' +
          'pw.apply((v) => console.log("program saw " + v));\n' +
          'console.error("printed to stderr");\n' +
          'pulumi.log.info("logged");\n',
      ),
    });
    const logs = documentLogs(result.logs, result.packLogs, result);
    expect(logs).toEqual([
      { severity: "info", message: "logged" },
      { severity: "info", message: "program saw [secret]" },
      { severity: "info", message: "printed to stderr" },
    ]);
    for (const line of secret.split("\n")) expect(JSON.stringify(logs)).not.toContain(line);
  });
});
