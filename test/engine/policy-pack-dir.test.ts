// A `--policy-pack` that is not a pack directory fails the preview with exit 2 and one clear paragraph, before any
// process is spawned in it (a spawn in a missing directory used to crash the CLI with an unhandled "error" event).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackError, startPolicyPack } from "../../engine/policy-host";
import { stripAnsi } from "../../engine/text";
import { PACK, PROJECT, runCli } from "./helpers";

describe("policy pack directories", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-dir-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("rejects a directory that does not exist", async () => {
    const missing = path.join(dir, "no-such-pack");
    await expect(startPolicyPack(missing)).rejects.toThrow(
      new PolicyPackError(
        `policy pack ${missing} does not exist: ` +
          "pass --policy-pack the directory of a policy pack (the one holding PulumiPolicy.yaml)",
      ),
    );
  });

  it("rejects a directory without PulumiPolicy.yaml, and a file", async () => {
    await expect(startPolicyPack(dir)).rejects.toThrow(`policy pack ${dir} has no PulumiPolicy.yaml`);
    const file = path.join(dir, "index.js");
    fs.writeFileSync(file, "");
    await expect(startPolicyPack(file)).rejects.toThrow(`policy pack ${file} is not a directory`);
  });

  it("fails the CLI with exit 2 and the reason, not a crash (exit 1 means a mandatory violation)", async () => {
    const missing = path.join(dir, "no-such-pack");
    const run = await runCli(["--cwd", PROJECT, "--stack", "dev", "--policy-pack", missing]);
    expect(run.code).toBe(2);
    // The program ran: its plan is printed as a failed `pulumi preview` prints it, with no verdict.
    expect(stripAnsi(run.stdout)).toContain("└─ aws:ec2/securityGroup:SecurityGroup  open-sg");
    expect(run.stdout).not.toContain("Passed");
    expect(run.stderr).toContain(`policy pack ${missing} does not exist`);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("still fails a good pack next to a missing one", async () => {
    const run = await runCli(["--cwd", PROJECT, "--stack", "dev", "--policy-pack", PACK, "--policy-pack", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`policy pack ${dir} has no PulumiPolicy.yaml`);
  });
});
