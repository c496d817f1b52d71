#!/usr/bin/env node
// `npm run preview -- [--stack NAME] [--json] [--policy-pack DIR]... [--no-policy] [--policy-pack-config FILE]...
//   [--sarif FILE] [--markdown FILE] [--baseline FILE] [--policy-timeout SECONDS]`
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import type { ReportFiles } from "./cli-reports";
import { ConfigError } from "./config-error";
import type { DocumentError } from "./json";
import type { PreviewResult } from "./preview";
import { DEFAULT_POLICY_TIMEOUT_SECONDS, policyTimeoutSeconds } from "./policy-timeout";
import { startProgramEarly } from "./program";
import type { StackReference } from "./stack-reference";

type EngineModules = typeof import("./config") &
  typeof import("./json") &
  typeof import("./partial-result") &
  typeof import("./preview") &
  typeof import("./progress") &
  typeof import("./render") &
  typeof import("./stack-reference");

let engineModules: EngineModules | undefined;

/**
 * The engine's modules, loaded on first use: a preview first starts the program's process, which then loads the SDK
 * while these load (they take about as long as node's own start).
 */
function engine(): EngineModules {
  return (engineModules ??= {
    ...require("./config"),
    ...require("./json"),
    ...require("./partial-result"),
    ...require("./preview"),
    ...require("./progress"),
    ...require("./render"),
    ...require("./stack-reference"),
  });
}

export const EXIT_OK = 0;
export const EXIT_MANDATORY = 1;
export const EXIT_FAILED = 2;

interface CliOptions {
  stack?: string;
  json?: boolean;
  policy: boolean;
  policyPack?: string[];
  policyPackConfig?: string[];
  cwd: string;
  program?: string;
  parallel?: number;
  policyTimeout?: number;
  sarif?: string;
  markdown?: string;
  baseline?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
}

function fail(message: string): number {
  process.stderr.write(`${pc.red("error:")} ${message}\n`);
  return EXIT_FAILED;
}

function timeoutSeconds(value: string): number {
  const read = policyTimeoutSeconds(value);
  if ("error" in read) throw new InvalidArgumentError(read.error);
  return read.seconds;
}

/** --stack, else package.json's config.defaultStack: from npm's environment, or read when run without npm. */
function chooseStack(opts: CliOptions, root: string): string | undefined {
  return opts.stack ?? (process.env.npm_package_config_defaultStack || packageDefaultStack(root));
}

function packageDefaultStack(root: string): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      config?: { defaultStack?: unknown };
    };
    const stack = pkg.config?.defaultStack;
    return typeof stack === "string" && stack !== "" ? stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stack's own name from `stack`, `org/stack` or `org/project/stack`, checked as the CLI checks it. The project
 * part is compared with Pulumi.yaml's name when the project can be read (else the preview reports that problem).
 */
function stackReferenceOf(ref: string, root: string): StackReference {
  let projectName: string | undefined;
  try {
    projectName = engine().readProject(root).name;
  } catch {
    projectName = undefined;
  }
  return engine().parseStackReference(ref, projectName);
}

function choosePacks(opts: CliOptions, root: string): string[] {
  if (!opts.policy) return [];
  if (opts.policyPack?.length) return opts.policyPack;
  // The default pack is used only when the project has one.
  return fs.existsSync(path.join(root, "policies", "PulumiPolicy.yaml")) ? ["policies"] : [];
}

/** Writes the requested report files; a failure to write them is reported as the run's failure. */
async function writeReports(
  result: PreviewResult,
  files: ReportFiles,
  root: string,
  opts: CliOptions,
  error?: DocumentError,
): Promise<string | undefined> {
  if (!files.sarif && !files.markdown) return undefined;
  try {
    // The report writers load the pack's catalog: only a run that asks for reports pays for it.
    const { writeReportFiles } = await import("./cli-reports");
    writeReportFiles(error ? { ...result, error } : result, files, root, opts.program);
    return undefined;
  } catch (e) {
    return `cannot write the reports: ${(e as Error).message}`;
  }
}

/**
 * A failed preview, as `pulumi preview` shows one: what it found before failing (the plan so far and the
 * diagnostics, or the `--json` document with its `error`), the reports saying it failed, then the error paragraph.
 */
async function reportFailure(e: unknown, stack: string, root: string, opts: CliOptions): Promise<number> {
  const { PreviewError, emptyResult, previewDocument, renderFailedPreview } = engine();
  const error: DocumentError =
    e instanceof PreviewError
      ? { kind: e.kind, message: e.message, ...(e.resource ? { resource: e.resource } : {}) }
      : { kind: "engine", message: `the preview engine failed: ${(e as Error).message}` };
  const result = (e instanceof PreviewError && e.partial) || emptyResult(stack);
  const unwritten = await writeReports(result, { sarif: opts.sarif, markdown: opts.markdown }, root, opts, error);
  if (opts.json) process.stdout.write(`${JSON.stringify(previewDocument(result, error), null, 2)}\n`);
  else if (e instanceof PreviewError && e.partial) process.stdout.write(renderFailedPreview(result, pc));
  if (unwritten) fail(unwritten);
  return fail(error.message);
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("preview")
    .description("Offline `pulumi preview`: runs the stack program and policy packs over Pulumi's own protocols.")
    .option("-s, --stack <name>", "stack to preview (default: package.json config.defaultStack)")
    .option("--json", "print one JSON document on stdout")
    .option("--policy-pack <dir>", "policy pack directory, repeatable (default: policies)", collect)
    .option("--no-policy", "run no policy pack")
    .option("--policy-pack-config <file>", "JSON policy config for the pack at the same position, repeatable", collect)
    .option("--cwd <dir>", "project directory holding Pulumi.yaml", process.cwd())
    .option(
      "--program <path>",
      "program entry (default: Pulumi.yaml main / package.json main, compiled twin preferred)",
    )
    .option("--parallel <n>", "resource operations in parallel", positiveInt)
    .option(
      "--policy-timeout <seconds>",
      "longest a policy pack may take over one call (Analyze of a resource, AnalyzeStack) before the preview fails",
      timeoutSeconds,
      DEFAULT_POLICY_TIMEOUT_SECONDS,
    )
    .option("--sarif <file>", "write a SARIF 2.1.0 log of the policy results (for code scanning)")
    .option("--markdown <file>", "write a Markdown summary for a pull-request comment")
    .option("--baseline <file>", "a previous --json output: plan create/update/delete steps against it")
    .addHelpText(
      "after",
      "\nExit codes: 0 no mandatory violation, 1 a mandatory policy violation, 2 the program, config or a pack failed.",
    )
    .exitOverride();
  try {
    program.parse(argv, { from: "user" });
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? EXIT_OK : EXIT_FAILED;
  }
  const opts = program.opts<CliOptions>();
  const root = path.resolve(opts.cwd);
  const stack = chooseStack(opts, root);
  if (!stack) {
    const stacks = fs.existsSync(root) ? engine().listStacks(root) : [];
    return fail(
      `no stack given: pass --stack NAME${stacks.length ? ` (stacks in ${root}: ${stacks.join(", ")})` : ""}, ` +
        "or set config.defaultStack in package.json",
    );
  }
  // Before anything else loads: the program's process then starts while the engine reads the stack's files.
  const earlyProgram = startProgramEarly(root);
  try {
    return await previewStack(opts, root, stack, earlyProgram);
  } finally {
    earlyProgram?.discard();
  }
}

async function previewStack(
  opts: CliOptions,
  root: string,
  stack: string,
  earlyProgram: ReturnType<typeof startProgramEarly>,
): Promise<number> {
  const { PreviewError, previewDocument, renderText, runPreview, startProgress } = engine();
  let stackRef: StackReference;
  try {
    stackRef = stackReferenceOf(stack, root);
  } catch (e) {
    if (e instanceof ConfigError) return reportFailure(new PreviewError(e.message, "config"), stack, root, opts);
    throw e;
  }
  const progress = startProgress();
  try {
    const result = await runPreview({
      stack: stackRef.name,
      organization: stackRef.organization,
      cwd: root,
      program: opts.program,
      policyPacks: choosePacks(opts, root),
      policyPackConfigs: opts.policyPackConfig,
      parallel: opts.parallel,
      policyTimeoutMs: (opts.policyTimeout ?? DEFAULT_POLICY_TIMEOUT_SECONDS) * 1000,
      baseline: opts.baseline && path.resolve(opts.baseline),
      onProgress: (m) => progress.update(m),
      earlyProgram,
    });
    progress.stop();
    const unwritten = await writeReports(result, { sarif: opts.sarif, markdown: opts.markdown }, root, opts);
    if (unwritten) return fail(unwritten);
    if (opts.json) process.stdout.write(`${JSON.stringify(previewDocument(result), null, 2)}\n`);
    else process.stdout.write(renderText(result, pc));
    return result.summary.mandatory > 0 ? EXIT_MANDATORY : EXIT_OK;
  } catch (e) {
    progress.stop();
    return reportFailure(e, stackRef.name, root, opts);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
