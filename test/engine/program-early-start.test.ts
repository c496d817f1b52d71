// A program process started before the configuration is read runs as one spawned with its arguments and environment:
// its entry sees the same argv, environment, working directory and main module, and no parent channel.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EarlyProgram, projectSetsNoNodeFlags } from "../../engine/program-early-start";
import { FIXTURES, runCli } from "./helpers";

/** Prints what a program could observe of how it was started. */
const ENTRY = `
process.stdout.write(JSON.stringify({
  argv: process.argv.slice(2),
  given: process.env.EARLY_GIVEN ?? null,
  dropped: process.env.EARLY_DROPPED ?? null,
  isMain: require.main === module,
  channel: [process.channel, process.connected, process.send].every((v) => v === undefined),
  cwd: process.cwd(),
}));
`;

describe("EarlyProgram", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "early-")));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: early\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "entry.js"), ENTRY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spawnEarly = () =>
    EarlyProgram.spawn(dir, [], path.join(dir, "entry.js"), { ...process.env, EARLY_DROPPED: "at spawn" })!;

  it("runs the entry with the arguments and environment it is given at start", async () => {
    const early = spawnEarly();
    const run = await early.run({ args: ["--monitor=unix:/x", "index.js"], env: { ...process.env, EARLY_GIVEN: "1" } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      argv: ["--monitor=unix:/x", "index.js"],
      given: "1",
      dropped: null,
      isMain: true,
      channel: true,
      cwd: dir,
    });
  });

  it("stops like a spawned program when the preview gives up: the run rejects", async () => {
    const early = spawnEarly();
    const stop = new AbortController();
    stop.abort();
    await expect(early.run({ args: [], env: process.env }, stop.signal)).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("refuses a second start", async () => {
    const early = spawnEarly();
    await early.run({ args: [], env: process.env });
    expect(() => early.run({ args: [], env: process.env })).toThrow(/already been started/);
  });

  it("is not started for a project that may set node flags", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: early\nruntime:\n  options:\n    nodeargs: --inspect\n");
    expect(EarlyProgram.spawn(dir, [], path.join(dir, "entry.js"), process.env)).toBeUndefined();
  });
});

describe("projectSetsNoNodeFlags", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "early-flags-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const project = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

  it.each<[string, string, boolean]>([
    ["Pulumi.yaml", "name: p\nruntime: nodejs\n", true],
    ["Pulumi.yml", "name: p\nruntime: nodejs\n", true],
    ["Pulumi.yaml", "name: p\nruntime:\n  name: nodejs\n  options:\n    nodeargs: --inspect\n", false],
    // An escape may spell the key without the word itself.
    ["Pulumi.yaml", 'name: p\nruntime:\n  name: nodejs\n  options:\n    "node\\x61rgs": --inspect\n', false],
    ["Pulumi.yaml", "name: p\ndescription: nodeargs are not set here\n", false],
  ])("%s %j → %s", (file, text, none) => {
    project(file, text);
    expect(projectSetsNoNodeFlags(dir)).toBe(none);
  });

  it("is false without a project file", () => {
    expect(projectSetsNoNodeFlags(dir)).toBe(false);
  });
});

describe("the CLI with a project that sets node flags", () => {
  it("starts the program once the flags are read, and they still apply", async () => {
    const run = await runCli(["--cwd", path.join(FIXTURES, "nodeargs"), "--stack", "dev", "--no-policy", "--json"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { resources: { name: string }[] };
    expect(doc.resources.map((r) => r.name)).toContain("preloaded");
  });
});
