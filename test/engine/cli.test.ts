// The CLI's contract: exit codes, the --json document, policy config files and clear failure reasons.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stripAnsi } from "../../engine/text";
import { PACK, PROJECT, UNKNOWN, runCli } from "./helpers";

const cli = (...args: string[]) => runCli(["--cwd", PROJECT, ...args]);

describe("preview CLI", () => {
  it("prints the documented --json shape and exits 1 on a mandatory violation", async () => {
    const { code, stdout } = await cli("--stack", "dev", "--policy-pack", PACK, "--json");
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).sort()).toEqual([
      "deleted",
      "diagnostics",
      "exposures",
      "logs",
      "outputs",
      "resources",
      "stack",
      "steps",
      "summary",
    ]);
    expect(doc.stack).toBe("dev");
    for (const r of doc.resources) {
      const { sourcePosition, ...documented } = r;
      expect(Object.keys(documented).sort()).toEqual(
        ["dependencies", "inputs", "name", "options", "parent", "propertyDependencies", "step", "type", "urn"].sort(),
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
    expect(doc.steps).toEqual({ create: 6, same: 0, update: 0, delete: 0, read: 0, mayReplace: 0 });
    expect(doc.deleted).toEqual([]);
    const subnet = doc.resources.find((r: { name: string }) => r.name === "net-subnet");
    expect(subnet.inputs.vpcId).toBe(UNKNOWN);
    // The stack's exports: an echoed input is known in a preview, an id is not.
    expect(doc.outputs).toEqual({ vpcCidr: "10.1.0.0/16", vpcId: UNKNOWN, zones: ["a", "b"] });
  });

  it("prints the stack's exports under Outputs:, unknown ones as output<string>", async () => {
    const { stdout } = await cli("--stack", "dev", "--no-policy");
    // CI runs with colours on: compare the text without them.
    expect(stripAnsi(stdout)).toContain(
      'Outputs:\n    vpcCidr: "10.1.0.0/16"\n    vpcId  : output<string>\n    zones  : [\n        [0]: "a"\n        [1]: "b"\n    ]\n',
    );
  });

  it("writes --sarif and --markdown also when a mandatory violation blocks", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cli-"));
    const sarifFile = path.join(dir, "out", "preview.sarif");
    const markdownFile = path.join(dir, "out", "preview.md");
    const { code } = await cli(
      "--stack",
      "dev",
      "--policy-pack",
      PACK,
      "--sarif",
      sarifFile,
      "--markdown",
      markdownFile,
    );
    expect(code).toBe(1);
    const sarif = JSON.parse(fs.readFileSync(sarifFile, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    const ssh = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "no-public-ssh");
    expect(ssh.level).toBe("error");
    // The fixture's entry file, with the line of `new Res(...)` for the open security group.
    const location = ssh.locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe("index.js");
    expect(location.region.startLine).toBeGreaterThan(1);
    const markdown = fs.readFileSync(markdownFile, "utf8");
    expect(markdown).toContain("no-public-ssh");
    expect(markdown).toContain("open-sg");
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
    // As `pulumi preview`: the plan so far and the diagnostics, no verdict.
    expect(stripAnsi(stdout)).toContain("└─ aws:ec2/securityGroup:SecurityGroup  open-sg");
    expect(stdout).not.toContain("Passed");
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

  it("reads package.json's config.defaultStack when run without npm", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cli-"));
    fs.cpSync(PROJECT, project, { recursive: true });
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "p", config: { defaultStack: "dev" } }),
    );
    // The program resolves @pulumi/pulumi from its own folder.
    fs.symlinkSync(path.resolve(__dirname, "../../node_modules"), path.join(project, "node_modules"));
    const saved = process.env.npm_package_config_defaultStack;
    delete process.env.npm_package_config_defaultStack;
    try {
      const { code, stdout, stderr } = await runCli(["--cwd", project, "--no-policy", "--json"]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(JSON.parse(stdout).stack).toBe("dev");
    } finally {
      if (saved !== undefined) process.env.npm_package_config_defaultStack = saved;
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it("exits 2 when --baseline is a preview of another stack", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engine-cli-")), "baseline.json");
    fs.writeFileSync(file, JSON.stringify({ stack: "prod", resources: [] }));
    const { code, stderr } = await cli("--stack", "dev", "--no-policy", "--baseline", file);
    expect(code).toBe(2);
    expect(stderr).toContain('the baseline is a preview of stack "prod", not "dev"');
  });

  it("exits 2 explaining secure config values it cannot decrypt", async () => {
    const { code, stderr } = await cli("--stack", "secure", "--no-policy");
    expect(code).toBe(2);
    expect(stderr).toContain("fixture:dbPassword");
    expect(stderr).toContain("PULUMI_OFFLINE_SECRETS");
  });
});
