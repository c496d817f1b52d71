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

/**
 * Waits (top-level await in a preloaded module holds the entry back) for the start message, puts its arguments after
 * the entry and its environment in place, then closes the channel and removes what node added for it, so that the
 * program finds a process without a parent channel.
 * A parent that goes away without a message ends the process.
 */
const WAIT_FOR_START =
  `const quit = () => process.exit(0);` +
  `process.once("disconnect", quit);` +
  `const start = await new Promise((resolve) => process.once("message", resolve));` +
  `process.off("disconnect", quit);` +
  `process.argv.splice(2, process.argv.length - 2, ...start.args);` +
  `for (const key of Object.keys(process.env)) if (!Object.hasOwn(start.env, key)) delete process.env[key];` +
  `Object.assign(process.env, start.env);` +
  `await new Promise((resolve) => { process.once("disconnect", resolve); process.disconnect(); });` +
  // What node defines on a process with a parent channel, which a spawned program does not have.
  `for (const key of ["send", "disconnect", "connected", "channel", "_channel"]) delete process[key];`;

export const WAIT_FOR_START_IMPORT = `--import=data:text/javascript,${encodeURIComponent(WAIT_FOR_START)}`;

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

  private constructor(private readonly child: ChildProcess) {
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
      env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    // The channel must not keep the CLI alive, nor its closing end the CLI's wait for the program.
    child.channel?.unref();
    return new EarlyProgram(child);
  }

  /**
   * Runs the program with its arguments and environment. `signal` stops it as it stops a spawned one: the process is
   * killed and the run rejects with an AbortError.
   */
  run(start: ProgramStart, signal?: AbortSignal): Promise<ProgramRun> {
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
    if (this.child.connected) this.child.send(start);
    return Promise.race([this.exited, aborted]);
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
