// The CLI's contract: exit codes, the --json document, policy config files and clear failure reasons.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../engine/cli";
import { PACK, PROJECT, UNKNOWN } from "./helpers";

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += chunk), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += chunk), true));
  try {
    const code = await main(["--cwd", PROJECT, ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("preview CLI", () => {
  it("prints the documented --json shape and exits 1 on a mandatory violation", async () => {
    const { code, stdout } = await cli("--stack", "dev", "--policy-pack", PACK, "--json");
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).sort()).toEqual(["diagnostics", "exposures", "resources", "stack", "summary"]);
    expect(doc.stack).toBe("dev");
    for (const r of doc.resources) {
      const { sourcePosition, ...documented } = r;
      expect(Object.keys(documented).sort()).toEqual(
        ["dependencies", "inputs", "name", "parent", "propertyDependencies", "type", "urn"].sort(),
      );
      if (sourcePosition)
        expect(sourcePosition).toEqual({
          uri: expect.any(String),
          line: expect.any(Number),
          column: expect.any(Number),
        });
    }
    for (const d of doc.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(
        ["enforcementLevel", "message", "policyName", "policyPackName", "severity", "urn"].sort(),
      );
    }
    expect(doc.summary).toMatchObject({ resources: 6, mandatory: 1 });
    expect(doc.exposures).toEqual([]);
    const subnet = doc.resources.find((r: { name: string }) => r.name === "net-subnet");
    expect(subnet.inputs.vpcId).toBe(UNKNOWN);
  });

  it("applies --policy-pack-config: a disabled policy stays silent and a property is used", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engine-cli-")), "policy-config.json");
    fs.writeFileSync(file, JSON.stringify({ "no-public-ssh": "disabled", "vpc-min-prefix": { minPrefix: 20 } }));
    const { code, stdout } = await cli("--stack", "dev", "--policy-pack", PACK, "--policy-pack-config", file);
    expect(code).toBe(0);
    expect(stdout).not.toContain("no-public-ssh");
    expect(stdout).toContain("prefix /16 is larger than /20");
    expect(stdout).toContain("Policies:");
    expect(stdout).toMatch(/Passed: no mandatory policy violations/);
  });

  it("exits 2 naming the failing resource when the program throws", async () => {
    const { code, stdout, stderr } = await cli("--stack", "throws", "--no-policy");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("bucket name cannot be derived");
    expect(stderr).toContain('while declaring aws:s3/bucket:Bucket "logs"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 naming an invoke token it cannot answer", async () => {
    const { code, stderr } = await cli("--stack", "invoke", "--no-policy");
    expect(code).toBe(2);
    expect(stderr).toContain("aws:fake/getNothing:getNothing");
  });

  it("exits 2 listing the stacks when none is given", async () => {
    const saved = process.env.npm_package_config_defaultStack;
    delete process.env.npm_package_config_defaultStack;
    try {
      const { code, stderr } = await cli("--no-policy");
      expect(code).toBe(2);
      expect(stderr).toContain("stacks in");
      expect(stderr).toContain("dev, invoke, secure, throws");
    } finally {
      if (saved !== undefined) process.env.npm_package_config_defaultStack = saved;
    }
  });

  it("exits 2 explaining secure config values it cannot decrypt", async () => {
    const { code, stderr } = await cli("--stack", "secure", "--no-policy");
    expect(code).toBe(2);
    expect(stderr).toContain("fixture:dbPassword");
    expect(stderr).toContain("PULUMI_OFFLINE_SECRETS");
  });
});
