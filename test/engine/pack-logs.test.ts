// What a policy pack prints or logs reaches the user, as the CLI shows an analyzer's stdout, stderr and Log calls
// among the diagnostics: under its own heading in the text, with the pack's name in the `--json` logs, redacted.
import { stripAnsi } from "../../engine/text";
import { runCli } from "./helpers";
import { policyPack, programProject } from "./program-project";

const SECRET = "hunter2-pw";
const PROGRAM = `new Res("aws:s3/bucket:Bucket", "b1", { pw: pulumi.secret("${SECRET}") });\n`;

/** Speaks only about b1, on every channel a pack has. */
const TALKY =
  'if (args.name !== "b1") return;\n' +
  'console.log("pack out " + JSON.stringify(args.props));\n' +
  'console.error("pack err " + args.name);\n' +
  'pulumi.log.info("pack info " + args.name);\n' +
  'pulumi.log.warn("pack warn " + args.name);\n' +
  'pulumi.log.error("pack error " + args.name);\n' +
  'pulumi.log.debug("pack debug " + args.name);\n';

const preview = (pack: string, ...args: string[]) =>
  runCli(["--cwd", programProject(PROGRAM), "--stack", "s", "--policy-pack", pack, ...args]);

describe("policy pack output", () => {
  it("shows what the pack printed and logged under its own heading, severities kept, debug dropped", async () => {
    const { code, stdout } = await preview(policyPack("talky", TALKY));
    expect(code).toBe(0);
    const text = stripAnsi(stdout);
    const block = text.slice(text.indexOf("  policy pack talky:\n"), text.indexOf("\nResources:"));
    expect(block.split("\n").filter(Boolean)).toEqual([
      "  policy pack talky:",
      '    pack out {"pw":"[secret]"}',
      "    pack info b1",
      "    pack err b1",
      "    warning: pack warn b1",
      "    error: pack error b1",
    ]);
    expect(text).not.toContain("pack debug");
    expect(text).not.toContain(SECRET);
  });

  it("puts the pack's messages in the --json logs with its name", async () => {
    const { stdout } = await preview(policyPack("talky", TALKY), "--json");
    const packLogs = JSON.parse(stdout).logs.filter((l: { policyPack?: string }) => l.policyPack);
    expect(packLogs).toEqual([
      { severity: "info", message: 'pack out {"pw":"[secret]"}', policyPack: "talky" },
      { severity: "info", message: "pack info b1", policyPack: "talky" },
      { severity: "info", message: "pack err b1", policyPack: "talky" },
      { severity: "warning", message: "pack warn b1", policyPack: "talky" },
      { severity: "error", message: "pack error b1", policyPack: "talky" },
    ]);
    expect(stdout).not.toContain(SECRET);
  });

  it("adds nothing for a quiet pack", async () => {
    const { stdout } = await preview(policyPack("quiet", "return;"), "--json");
    expect(JSON.parse(stdout).logs).toEqual([]);
    const text = stripAnsi((await preview(policyPack("quiet", "return;"))).stdout);
    expect(text).not.toContain("policy pack quiet:");
    expect(text).not.toContain("Diagnostics:");
  });
});

describe("a multi-line secret a pack prints", () => {
  // Each line is shorter than the redactor searches for alone: only the whole printed text shows the secret.
  const LINES = ["Tok3nAb", "Qz9xW1y"];
  const MULTI_LINE = `new Res("test:x:R", "r1", { pw: pulumi.secret(${JSON.stringify(LINES.join("\n"))}) });\n`;
  const SAYS =
    'if (args.name !== "r1") return;\n' +
    'console.log("pack saw " + args.props.pw);\n' +
    'console.error("pack err " + args.props.pw);\n' +
    'pulumi.log.info("pack logged " + args.props.pw);\n';
  const run = (...args: string[]) =>
    runCli(["--cwd", programProject(MULTI_LINE), "--stack", "s", "--policy-pack", policyPack("says", SAYS), ...args]);

  it("is cut whole from the text, on stdout, stderr and log calls alike", async () => {
    const { code, stdout } = await run();
    expect(code).toBe(0);
    const text = stripAnsi(stdout);
    for (const line of LINES) expect(text).not.toContain(line);
    expect(text).toContain("    pack saw [secret]");
    expect(text).toContain("    pack err [secret]");
    expect(text).toContain("    pack logged [secret]");
  });

  it("is cut whole from the --json logs", async () => {
    const { stdout } = await run("--json");
    for (const line of LINES) expect(stdout).not.toContain(line);
    const packLogs = JSON.parse(stdout).logs.filter((l: { policyPack?: string }) => l.policyPack);
    expect(packLogs).toEqual(
      expect.arrayContaining([
        { severity: "info", message: "pack saw [secret]", policyPack: "says" },
        { severity: "info", message: "pack err [secret]", policyPack: "says" },
        { severity: "info", message: "pack logged [secret]", policyPack: "says" },
      ]),
    );
  });

  it("leaves a pack's printed lines that are no secret as they were", async () => {
    const { stdout } = await runCli([
      "--cwd",
      programProject(MULTI_LINE),
      "--stack",
      "s",
      "--policy-pack",
      policyPack("plain", 'if (args.name === "r1") console.log("Tok3n\\nQz9x");'),
      "--json",
    ]);
    const packLogs = JSON.parse(stdout).logs.filter((l: { policyPack?: string }) => l.policyPack);
    expect(packLogs).toEqual([
      { severity: "info", message: "Tok3n", policyPack: "plain" },
      { severity: "info", message: "Qz9x", policyPack: "plain" },
    ]);
  });
});
