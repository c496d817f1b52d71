// The `--json` document's `logs`: what the program logged and the engine's own caveats (imports, reads), redacted,
// each with the URN it was logged against when there is one.
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

  it("is an empty list for a program that logs nothing", async () => {
    const { doc } = await json('new Res("aws:s3/bucket:Bucket", "b1", {});\nconsole.log("printed, not logged");\n');
    expect(doc.logs).toEqual([]);
  });
});
