// A program process started before the configuration is read runs as one spawned with its arguments and environment:
// its entry sees the same argv, flags, environment, working directory and main module, and no parent channel; what
// it starts itself is unaffected; and when it cannot run (another environment, a process gone) the program is
// spawned the usual way.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EarlyProgram, projectSetsNoNodeFlags } from "../../engine/program-early-start";
import * as program from "../../engine/program";
import { FIXTURES, runCli } from "./helpers";

const REPO = path.join(__dirname, "../..");

/** Prints what a program could observe of how it was started. */
const ENTRY = `
process.stdout.write(JSON.stringify({
  argv: process.argv.slice(2),
  execArgv: process.execArgv,
  given: process.env.EARLY_GIVEN ?? null,
  dropped: process.env.EARLY_DROPPED ?? null,
  marker: Object.keys(process.env).filter((k) => k.includes("EARLY_START")),
  isMain: require.main === module,
  channel: [process.channel, process.connected, process.send].every((v) => v === undefined),
  cwd: process.cwd(),
}));
`;

/** Forks a child with IPC, as a program may: it must run, not wait for a start of its own. */
const FORKING_ENTRY = `
const { fork } = require("child_process");
const child = fork(__dirname + "/child.js");
child.on("message", (m) => { process.stdout.write(JSON.stringify(m)); child.disconnect(); });
`;
const CHILD = `process.send({ fromChild: process.execArgv });`;

describe("EarlyProgram", () => {
  let dir: string;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "early-")));
    write("Pulumi.yaml", "name: early\nruntime: nodejs\n");
    write("entry.js", ENTRY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spawnEnv = { ...process.env, EARLY_DROPPED: "at spawn" };
  const spawnEarly = (entry = "entry.js") => EarlyProgram.spawn(dir, [], path.join(dir, entry), spawnEnv)!;
  const notSpawned = () => Promise.reject(new Error("spawned the usual way"));
  const startEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...spawnEnv,
    PULUMI_CONFIG: "{}",
    ...extra,
  });

  it("runs the entry with the arguments and environment it is given at start", async () => {
    const early = spawnEarly();
    const env: NodeJS.ProcessEnv = { ...startEnv(), EARLY_GIVEN: "1" };
    delete env.EARLY_DROPPED;
    const run = await early.run({ args: ["--monitor=unix:/x", "index.js"], env }, undefined, notSpawned);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      argv: ["--monitor=unix:/x", "index.js"],
      execArgv: [],
      given: "1",
      dropped: null,
      marker: [],
      isMain: true,
      channel: true,
      cwd: dir,
    });
  });

  it("lets the program fork a node child of its own, which runs at once", async () => {
    write("entry.js", FORKING_ENTRY);
    write("child.js", CHILD);
    const run = await spawnEarly().run({ args: [], env: startEnv() }, undefined, notSpawned);
    expect({ code: run.exitCode, out: JSON.parse(run.stdout) }).toEqual({ code: 0, out: { fromChild: [] } });
  }, 30_000);

  it("ends once the program is done, even when the program listens for messages", async () => {
    write("entry.js", `process.on("message", () => undefined); process.stdout.write("done");`);
    const run = await spawnEarly().run({ args: [], env: startEnv() }, undefined, notSpawned);
    expect({ code: run.exitCode, out: run.stdout }).toEqual({ code: 0, out: "done" });
  }, 30_000);

  it("passes the program's exit code and error output through", async () => {
    write("entry.js", `process.stderr.write("failed here"); process.exitCode = 3;`);
    const run = await spawnEarly().run({ args: [], env: startEnv() }, undefined, notSpawned);
    expect({ code: run.exitCode, err: run.stderr }).toEqual({ code: 3, err: "failed here" });
  });

  it("runs only where the start environment differs from the spawn's in the variables set late", () => {
    const early = spawnEarly();
    try {
      expect(early.canRun(startEnv({ PULUMI_CONFIG: '{"a:b":"c"}', PULUMI_NODEJS_TYPESCRIPT: "true" }))).toBe(true);
      // Read by node or the SDK while starting: too late to give over the channel.
      expect(early.canRun(startEnv({ NODE_OPTIONS: "--title=x" }))).toBe(false);
      expect(early.canRun(startEnv({ PULUMI_ERROR_OUTPUT_STRING: "true" }))).toBe(false);
      // Too long for a spawned process on Linux: the usual spawn must fail as the CLI's does.
      expect(early.canRun(startEnv({ PULUMI_CONFIG: JSON.stringify({ "p:big": "a".repeat(150_000) }) }))).toBe(false);
    } finally {
      early.discard();
    }
  });

  it("spawns the usual way when the process ended before its start", async () => {
    const early = spawnEarly();
    early.cancel();
    const fallback = { exitCode: 0, stdout: "spawned", stderr: "" };
    await expect(early.run({ args: [], env: startEnv() }, undefined, async () => fallback)).resolves.toEqual(fallback);
  });

  it("stops like a spawned program when the preview gives up: the run rejects", async () => {
    const early = spawnEarly();
    const stop = new AbortController();
    stop.abort();
    await expect(early.run({ args: [], env: startEnv() }, stop.signal, notSpawned)).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("refuses a second start", async () => {
    const early = spawnEarly();
    await early.run({ args: [], env: startEnv() }, undefined, notSpawned);
    expect(() => early.run({ args: [], env: startEnv() }, undefined, notSpawned)).toThrow(/already been started/);
  });

  it("is not started for a project that may set node flags", () => {
    write("Pulumi.yaml", "name: early\nruntime:\n  options:\n    nodeargs: --inspect\n");
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

  it("reads Pulumi.yml when Pulumi.yaml cannot be read", () => {
    fs.mkdirSync(path.join(dir, "Pulumi.yaml"));
    project("Pulumi.yml", "name: p\nruntime:\n  options:\n    nodeargs: --inspect\n");
    expect(projectSetsNoNodeFlags(dir)).toBe(false);
  });
});

describe("the CLI", () => {
  afterEach(() => jest.restoreAllMocks());

  it("runs the program in the process it started early", async () => {
    const started = jest.spyOn(program, "startProgramEarly");
    const ran = jest.spyOn(EarlyProgram.prototype, "run");
    const run = await runCli(["--cwd", path.join(FIXTURES, "project"), "--stack", "dev", "--no-policy", "--json"]);
    expect(run.code).toBe(0);
    expect(started).toHaveBeenCalledTimes(1);
    expect(started.mock.results[0].value).toBeInstanceOf(EarlyProgram);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it("starts the program once the flags are read when the project sets node flags, and they still apply", async () => {
    const run = await runCli(["--cwd", path.join(FIXTURES, "nodeargs"), "--stack", "dev", "--no-policy", "--json"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { resources: { name: string }[] };
    expect(doc.resources.map((r) => r.name)).toContain("preloaded");
  });

  it("exits on a configuration error without waiting for the process it started early", () => {
    const cli = path.join(REPO, "dist/engine/cli.js");
    if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does).`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "early-bad-config-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.js\n");
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: [not, a, map]\n");
      fs.writeFileSync(path.join(dir, "index.js"), "");
      const run = spawnSync(process.execPath, [cli, "--cwd", dir, "--stack", "dev", "--no-policy"], {
        encoding: "utf8",
        timeout: 60_000,
      });
      expect({ status: run.status, signal: run.signal }).toEqual({ status: 2, signal: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
