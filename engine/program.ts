// Runs a Pulumi Node.js program the way the language host does, against a given monitor and engine.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { ProjectFile, StackConfig } from "./config";
import { NodeArgsError, projectNodeArgs } from "./node-args";
import { EarlyProgram, type ProgramRun } from "./program-early-start";
import { programPreloadImport } from "./program-preload";

export type { ProgramRun };

export interface ProgramOptions {
  root: string;
  program: string;
  project: string;
  stack: string;
  organization?: string;
  monitorAddress: string;
  config: StackConfig;
  parallel?: number;
  env?: NodeJS.ProcessEnv;
  /** Extra node flags, e.g. ["--cpu-prof"] to profile a program. */
  nodeArgs?: string[];
  /** Stops the program (the run then rejects): the preview failed before it could take the program's calls. */
  signal?: AbortSignal;
  /** A process started for this program before its configuration was read (`startProgramEarly`): run in it. */
  early?: EarlyProgram;
}

/** The language host's `run` entry point of the same @pulumi/pulumi copy the engine uses. */
const RUN = path.dirname(require.resolve("@pulumi/pulumi/cmd/run/index.js"));

/** Pulumi.yaml `main`, else package.json `main`, else the project root, as an absolute path. */
function declaredEntry(root: string, project: ProjectFile): string {
  let main = project.main;
  if (!main) {
    const pkgFile = path.join(root, "package.json");
    if (fs.existsSync(pkgFile)) main = JSON.parse(fs.readFileSync(pkgFile, "utf8")).main;
  }
  return path.resolve(root, main ?? ".");
}

/**
 * The program's source file, relative to the project root: where reports point results that carry no source position.
 * A compiled twin under dist/ maps back to its TypeScript source; a directory to its index file.
 */
export function sourceEntry(root: string, project: ProjectFile, program?: string): string {
  let entry = program ? path.resolve(root, program) : declaredEntry(root, project);
  const relative = path.relative(root, entry);
  if (relative.startsWith(`dist${path.sep}`) && relative.endsWith(".js")) {
    const source = path.join(root, relative.slice(5).replace(/\.js$/, ".ts"));
    if (fs.existsSync(source)) entry = source;
  }
  if (fs.existsSync(entry) && fs.statSync(entry).isDirectory()) {
    entry = ["index.ts", "index.js"].map((f) => path.join(entry, f)).find((f) => fs.existsSync(f)) ?? entry;
  }
  return path.relative(root, entry).split(path.sep).join("/");
}

/**
 * The program to run: Pulumi.yaml `main`, else package.json `main`, else the project root. A TypeScript entry with a
 * compiled twin under dist/ runs compiled (what `npm run build` produces, and much faster to start).
 */
export function resolveProgram(root: string, project: ProjectFile): string {
  const entry = declaredEntry(root, project);
  if (/\.ts$/.test(entry)) {
    const compiled = path.join(root, "dist", path.relative(root, entry).replace(/\.ts$/, ".js"));
    if (fs.existsSync(compiled)) return compiled;
  }
  return entry;
}

/** Inherited ts-node settings would bend how the program (or a pack) is compiled: drop them. */
export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("TS_NODE_")));
}

/** The node flags every program gets, before the project's own. */
const baseNodeFlags = (): string[] => ["--stack-trace-limit=0", programPreloadImport(RUN)];

/**
 * Starts the program's process for the project in `root` before its configuration is read (see
 * program-early-start.ts); undefined when the project may set node flags. Hand it to `runProgram` as `early`.
 */
export function startProgramEarly(root: string): EarlyProgram | undefined {
  return EarlyProgram.spawn(root, baseNodeFlags(), RUN, scrubEnv(process.env));
}

export function runProgram(opts: ProgramOptions): Promise<ProgramRun> {
  let projectArgs: string[] = [];
  try {
    // An early process was started only for a project that sets no flags.
    if (!opts.early) projectArgs = projectNodeArgs(opts.root);
  } catch (e) {
    // The language host answers Run with this error without starting node: the program fails before it starts.
    if (e instanceof NodeArgsError) return Promise.resolve({ exitCode: 1, stdout: "", stderr: e.message });
    throw e;
  }
  const isTs =
    /\.ts$/.test(opts.program) || (fs.existsSync(path.join(opts.program, "index.ts")) && !/\.js$/.test(opts.program));
  const env: NodeJS.ProcessEnv = {
    ...scrubEnv({ ...process.env, ...opts.env }),
    PULUMI_CONFIG: JSON.stringify(opts.config.values),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(opts.config.secretKeys),
    PULUMI_NODEJS_TYPESCRIPT: isTs ? "true" : "false",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
  const runArgs = [
    `--monitor=${opts.monitorAddress}`,
    `--engine=${opts.monitorAddress}`,
    `--organization=${opts.organization ?? "organization"}`,
    `--project=${opts.project}`,
    `--stack=${opts.stack}`,
    `--root-directory=${opts.root}`,
    `--pwd=${opts.root}`,
    "--dry-run",
    `--parallel=${opts.parallel ?? 48}`,
    opts.program,
  ];
  // As the language host: the project's flags come before the `run` entry, like ours.
  const args = [...baseNodeFlags(), ...projectArgs, ...(opts.nodeArgs ?? []), RUN, ...runArgs];
  const spawned = () => spawnProgram(args, env, opts);
  // Flags of the caller's are given at spawn: an early process has none.
  if (opts.early && !opts.nodeArgs?.length && opts.early.canRun(env))
    return opts.early.run({ args: runArgs, env }, opts.signal, spawned);
  opts.early?.discard();
  return spawned();
}

function spawnProgram(args: string[], env: NodeJS.ProcessEnv, opts: ProgramOptions): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      signal: opts.signal,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
