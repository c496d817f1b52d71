// The program's node process, started before the CLI has read its configuration: node's own start and the SDK's
// modules (the slowest part of a program's first steps) then overlap the CLI loading its modules and reading the
// stack's files. The process waits, before the `run` entry executes, for what only the configuration gives: the entry's
// arguments and the environment. Once they arrive it runs exactly as a program spawned with them: the same node
// flags, entry, working directory, arguments and environment (node's flags come from Pulumi.yaml, so a project that
// may set them is started the usual way, once its file is parsed).
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface ProgramRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What the waiting process receives: the `run` entry's arguments and the environment to run them in. */
export interface ProgramStart {
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Set only in the early process's own environment: a process it starts (a fork) inherits the flag, not the wait. */
export const EARLY_START_VARIABLE = "HARDENING_KIT_EARLY_START";

/**
 * Waits (top-level await in a preloaded module holds the entry back) for the start message, puts its arguments after
 * the entry and its environment in place, then closes the channel and removes what node added for it, so that the
 * program finds a process without a parent channel. Its own flag leaves `process.execArgv`, which `fork` copies. A
 * parent that goes away without a message ends the process. Without the variable (a process the program started
 * with the same flags) it does nothing.
 */
const WAIT_FOR_START =
  `const own = process.execArgv.findIndex((a) => a.startsWith("--import=data:") && a.includes(${JSON.stringify(
    encodeURIComponent(EARLY_START_VARIABLE),
  )}));` +
  `if (own >= 0) process.execArgv.splice(own, 1);` +
  `if (process.env.${EARLY_START_VARIABLE} !== undefined) {` +
  `  delete process.env.${EARLY_START_VARIABLE};` +
  `  const quit = () => process.exit(0);` +
  `  process.once("disconnect", quit);` +
  `  const start = await new Promise((resolve) => process.once("message", resolve));` +
  `  process.off("disconnect", quit);` +
  `  process.argv.splice(2, process.argv.length - 2, ...start.args);` +
  `  for (const key of Object.keys(process.env)) if (!Object.hasOwn(start.env, key)) delete process.env[key];` +
  `  Object.assign(process.env, start.env);` +
  // Says it took the start: a process that ended before it did is replaced by a spawned one.
  `  await new Promise((resolve) => process.send("started", resolve));` +
  `  await new Promise((resolve) => { process.once("disconnect", resolve); process.disconnect(); });` +
  // What node defines on a process with a parent channel, which a spawned program does not have.
  `  for (const key of ["send", "disconnect", "connected", "channel", "_channel"]) delete process[key];` +
  `}`;

export const WAIT_FOR_START_IMPORT = `--import=data:text/javascript,${encodeURIComponent(WAIT_FOR_START)}`;

/** Set by the CLI's environment after the early process started, so node and the SDK read them at run time only. */
const LATE_VARIABLES = new Set([
  "PULUMI_CONFIG",
  "PULUMI_CONFIG_SECRET_KEYS",
  "PULUMI_NODEJS_TYPESCRIPT",
  "PULUMI_NODEJS_TRANSPILE_ONLY",
]);

/**
 * Linux refuses to start a process with an environment string this long (MAX_ARG_STRLEN, 32 pages): a spawned
 * program then fails to start, as under the CLI, while the early process would receive it over its channel.
 */
const MAX_ENV_STRING = 32 * 4096;

/**
 * Whether the project cannot set node flags: every YAML spelling of the `nodeargs` key either holds the word or an
 * escape (a backslash), so a Pulumi.yaml with neither sets none. Without a Pulumi.yaml the preview fails anyway.
 */
export function projectSetsNoNodeFlags(root: string): boolean {
  for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, name), "utf8");
    } catch {
      continue;
    }
    return !text.includes("nodeargs") && !text.includes("\\");
  }
  return false;
}

export class EarlyProgram {
  private stdout = "";
  private stderr = "";
  private readonly exited: Promise<ProgramRun>;
  private started = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly spawnEnv: NodeJS.ProcessEnv,
  ) {
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) =>
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdout: this.stdout, stderr: this.stderr }),
      );
    });
    this.exited.catch(() => undefined);
  }

  /**
   * Spawns `node <nodeFlags> <entry>` in `root` with the CLI's environment (`env`), waiting for its start; undefined
   * when the project may set node flags of its own.
   */
  static spawn(root: string, nodeFlags: string[], entry: string, env: NodeJS.ProcessEnv): EarlyProgram | undefined {
    if (!projectSetsNoNodeFlags(root)) return undefined;
    const child = spawn(process.execPath, [...nodeFlags, WAIT_FOR_START_IMPORT, entry], {
      cwd: root,
      env: { ...env, [EARLY_START_VARIABLE]: "1" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    // The channel must not keep the CLI alive, nor its closing end the CLI's wait for the program.
    child.channel?.unref();
    return new EarlyProgram(child, env);
  }

  /**
   * Whether the program may run here with `env`: only variables the CLI sets late may differ from the environment
   * the process started with (node and the SDK read the others while starting), and none may be too long to spawn
   * with; and the process must still be waiting.
   */
  canRun(env: NodeJS.ProcessEnv): boolean {
    if (this.started || !this.child.connected) return false;
    const keys = new Set([...Object.keys(env), ...Object.keys(this.spawnEnv)]);
    for (const key of keys) {
      if (!LATE_VARIABLES.has(key) && env[key] !== this.spawnEnv[key]) return false;
      if (Buffer.byteLength(`${key}=${env[key] ?? ""}`) >= MAX_ENV_STRING) return false;
    }
    return true;
  }

  /**
   * Runs the program with its arguments and environment (check `canRun` first). `signal` stops it as it stops a
   * spawned one: the process is killed and the run rejects with an AbortError. A process that ended before it could
   * take its start (killed from outside) is replaced by `otherwise`.
   */
  run(start: ProgramStart, signal: AbortSignal | undefined, otherwise: () => Promise<ProgramRun>): Promise<ProgramRun> {
    if (this.started) throw new Error("the early program process has already been started");
    this.started = true;
    const aborted = new Promise<never>((_, reject) => {
      const stop = () => {
        this.cancel();
        reject(Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" }));
      };
      if (signal?.aborted) stop();
      else signal?.addEventListener("abort", stop, { once: true });
    });
    aborted.catch(() => undefined);
    const sent = new Promise<boolean>((resolve) => {
      if (!this.child.connected) return resolve(false);
      this.child.once("message", () => resolve(true));
      this.child.once("exit", () => resolve(false));
      this.child.send(start, (error) => error && resolve(false));
    });
    return sent.then((ok) => {
      if (signal?.aborted) return aborted;
      if (!ok) this.cancel();
      return Promise.race([ok ? this.exited : otherwise(), aborted]);
    });
  }

  /** Ends the process, running or not. */
  cancel(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  /** Ends the process if it was never given its start (the preview failed, or ran the program otherwise). */
  discard(): void {
    if (!this.started) this.cancel();
  }
}
