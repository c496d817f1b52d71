// Stack configuration through the whole CLI: what reaches the program, and what stops it before it runs.
import * as fs from "fs";
import * as path from "path";
import { SECRETS_ENV } from "../../engine/config";
import { PROJECT, runCli } from "./helpers";
import { projectDir } from "./project-dir";

const NODE_MODULES = path.resolve(__dirname, "../../node_modules");

// The program exports what it reads, so the preview's outputs show the config exactly as the program got it.
const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const cfg = new pulumi.Config();
exports.bigId = cfg.get("bigId");
exports.region = new pulumi.Config("aws").get("region");
exports.flag = cfg.getBoolean("flag");
exports.nestedRaw = JSON.parse(process.env.PULUMI_CONFIG)["cfg:nested"];
exports.secretKeys = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS);
`;

function project(projectConfig: string, stackFile: string, program = PROGRAM): string {
  const dir = projectDir({
    "Pulumi.yaml": `name: cfg\nruntime: nodejs\nmain: index.js\n${projectConfig}`,
    "Pulumi.dev.yaml": stackFile,
    "index.js": program,
  });
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  return dir;
}

async function withSecrets<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env[SECRETS_ENV];
  if (value === undefined) delete process.env[SECRETS_ENV];
  else process.env[SECRETS_ENV] = value;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env[SECRETS_ENV];
    else process.env[SECRETS_ENV] = saved;
  }
}

describe("preview CLI stack configuration", () => {
  it("hands the program exact integers, Pulumi.yaml values and whole-object secrets", async () => {
    const dir = project(
      "config:\n  aws:region:\n    value: eu-west-1\n  cfg:flag:\n    value: true\n",
      "config:\n  cfg:bigId: 9007199254740993\n  cfg:nested:\n    id: 123456789012345678\n    password:\n      secure: v1:x\n",
    );
    const standIn = JSON.stringify({ "cfg:nested": { id: "123456789012345678", password: "pw" } });
    const { code, stdout, stderr } = await withSecrets(standIn, () =>
      runCli(["--cwd", dir, "--stack", "dev", "--no-policy", "--json"]),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const { outputs } = JSON.parse(stdout);
    expect(outputs.bigId).toBe("9007199254740993");
    expect(outputs.region).toBe("eu-west-1");
    expect(outputs.flag).toBe(true);
    expect(outputs.secretKeys).toEqual(["cfg:nested"]);
    expect(JSON.stringify(outputs)).not.toContain('"pw"');
  });

  it("exits 2 on a missing declared key before the program runs", async () => {
    const dir = project("config:\n  needed:\n    type: string\n", "config: {}\n", 'throw new Error("program ran");\n');
    const { code, stdout, stderr } = await runCli(["--cwd", dir, "--stack", "dev", "--no-policy"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Stack 'dev' is missing configuration value 'needed'");
    expect(stderr).not.toContain("program ran");
  });

  it("exits 2 without echoing a malformed PULUMI_OFFLINE_SECRETS", async () => {
    const dir = project("", "config:\n  cfg:pw:\n    secure: v1:x\n");
    const { code, stderr } = await withSecrets('{"cfg:pw": hunter2}', () =>
      runCli(["--cwd", dir, "--stack", "dev", "--no-policy"]),
    );
    expect(code).toBe(2);
    expect(stderr).toContain(`${SECRETS_ENV} is not valid JSON`);
    expect(stderr).not.toContain("hunter2");
  });

  it("exits 2 on a stack name that would make malformed URNs", async () => {
    const dir = project("", "config: {}\n");
    fs.writeFileSync(path.join(dir, "Pulumi.a::b.yaml"), "config: {}\n");
    const { code, stdout, stderr } = await runCli(["--cwd", dir, "--stack", "a::b", "--no-policy", "--json"]);
    expect(code).toBe(2);
    // --json still prints its document, with the error and nothing planned.
    const doc = JSON.parse(stdout);
    expect(doc.error).toMatchObject({ kind: "config", message: expect.stringContaining("stack names may only") });
    expect(doc.resources).toEqual([]);
    expect(stderr).toContain("stack names may only contain alphanumeric, hyphens, underscores, and periods");
  });

  it("previews org/project/stack as the stack's own name, and refuses another project's", async () => {
    const ok = await runCli(["--cwd", PROJECT, "--stack", "organization/fixture/dev", "--no-policy", "--json"]);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.stack).toBe("dev");
    expect(doc.resources[0].urn).toMatch(/^urn:pulumi:dev::fixture::/);

    const other = await runCli(["--cwd", PROJECT, "--stack", "organization/other/dev", "--no-policy"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`provided project name "other" doesn't match Pulumi.yaml`);
  });

  it("gives the program the organization an org/stack reference names", async () => {
    const dir = project("", "config: {}\n", 'exports.org = require("@pulumi/pulumi").getOrganization();\n');
    const named = await runCli(["--cwd", dir, "--stack", "acme-platform/dev", "--no-policy", "--json"]);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).outputs.org).toBe("acme-platform");
    const plain = await runCli(["--cwd", dir, "--stack", "dev", "--no-policy", "--json"]);
    expect(JSON.parse(plain.stdout).outputs.org).toBe("organization");
  });
});
