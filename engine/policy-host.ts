// Starts a policy pack exactly as the Pulumi CLI does and talks to it over the analyzer gRPC protocol.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type { MethodDefinition } from "@grpc/grpc-js";
import { analyzerGrpc, analyzerPb, channelOptions, emptypb, engineGrpc, enginePb, structpb } from "./grpc";
import { secondsText, STATUS } from "./grpc-wire";
import type { EngineLog, PolicyDiagnostic, Severity } from "./model";
import {
  reconcilePolicyConfig,
  type DeclaredPolicy,
  type PolicyPackConfigFile,
  type ResolvedPolicyConfig,
} from "./policy-config";
import { DEFAULT_POLICY_TIMEOUT_SECONDS } from "./policy-timeout";
import { scrubEnv } from "./program";
import type { CustomTimeouts } from "./timeouts";
import { ROOT_STACK_TYPE } from "./urn";
import { excerpt } from "./text";
import { printedLogs } from "./logs";
import { PolicyPackError } from "./policy-pack-error";
import { UnaryCallError, UnaryClient } from "./unary-client";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "./analyzer-encoding";
import { LEVELS, SEVERITIES } from "./analyzer-enums";
import { decodeAnalyzerInfo, type DeclaredPack } from "./analyzer-info-decoding";
import { UnaryServer } from "./unary-server";
import { LocalListener } from "./local-listener";

/** The analyzer service's methods: paths and the generated (de)serializers. */
const ANALYZER = analyzerGrpc.AnalyzerService;

/** The methods whose requests the engine encodes itself (analyzer-encoding.ts): they take the bytes as they are. */
const ENCODED = Object.fromEntries(
  ["analyze", "analyzeStack", "remediate"].map((name) => [
    name,
    { ...ANALYZER[name], requestSerialize: (bytes: Uint8Array) => bytes },
  ]),
);

/** GetAnalyzerInfo with its answer read by the engine itself (analyzer-info-decoding.ts). */
const GET_ANALYZER_INFO: MethodDefinition<unknown, DeclaredPack> = {
  ...ANALYZER.getAnalyzerInfo,
  responseDeserialize: decodeAnalyzerInfo,
};

const STARTUP_TIMEOUT_MS = 60_000;
/** How long one analyzer call may take once the pack serves: Analyze, AnalyzeStack, Remediate and the start's. */
export const DEFAULT_CALL_TIMEOUT_MS = DEFAULT_POLICY_TIMEOUT_SECONDS * 1000;
/** How long a stopped pack gets to close its output pipes before what it printed is read. */
const FINISH_TIMEOUT_MS = 2_000;
/** The engine's LogSeverity numbers (debug is dropped, as the CLI drops it without --debug). */
const LOG_SEVERITIES: Record<number, EngineLog["severity"] | undefined> = { 1: "info", 2: "warning", 3: "error" };

/** A resource as the analyzer receives it. `inputs` use the engine's encoding (unknown sentinel, secret objects). */
export interface AnalyzerInput {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  provider?: { urn: string; type: string; name: string; inputs: Record<string, unknown> };
  options?: {
    protect?: boolean;
    ignoreChanges?: string[];
    aliases?: string[];
    additionalSecretOutputs?: string[];
    deleteBeforeReplace?: boolean;
    customTimeouts?: CustomTimeouts;
  };
}

export interface PolicyInfo extends DeclaredPolicy {
  description: string;
  severity: Severity;
  type: "resource" | "stack" | "unknown";
}

export interface PackInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
  /** The configuration sent in Configure, per policy. */
  config: Record<string, ResolvedPolicyConfig>;
}

export interface Remediation {
  policyPackName: string;
  policyName: string;
  description: string;
  /** Set when the remediation failed. */
  diagnostic: string;
}

export interface StackInfo {
  stack: string;
  project: string;
  organization?: string;
  dryRun?: boolean;
  config?: Record<string, string>;
  secretKeys?: string[];
  tags?: Record<string, string>;
}

export interface PolicyHostOptions {
  /** Policy config in the `--policy-pack-config` format. */
  config?: PolicyPackConfigFile;
  env?: NodeJS.ProcessEnv;
  stack?: StackInfo;
  /** Engine address handed to the pack; a local one that records logs is started when absent. */
  engineAddress?: string;
  /** How long one call may take (default DEFAULT_CALL_TIMEOUT_MS); past it the call fails with DEADLINE_EXCEEDED. */
  callTimeoutMs?: number;
}

export interface PolicyHost {
  analyze(resource: AnalyzerInput): Promise<PolicyDiagnostic[]>;
  analyzeStack(resources: AnalyzerInput[]): Promise<PolicyDiagnostic[]>;
  remediate(resource: AnalyzerInput): Promise<{ remediations: Remediation[]; inputs: Record<string, unknown> }>;
  /** True when some policy runs at the "remediate" level, i.e. Remediate can change anything. */
  readonly remediates: boolean;
  info(): PackInfo;
  /** Process id of the pack (it always runs in its own process, as under the CLI). */
  readonly pid: number;
  /** Messages the pack logged to the engine. */
  readonly logs: EngineLog[];
  /**
   * Stops the pack and gives what it logged, then what it printed (stdout after its port, then stderr), a line a
   * message: the CLI shows an analyzer's output among the diagnostics. `redact` is applied to the whole printed text
   * before it is split, so a multi-line secret is found whole rather than as lines too short to search for.
   */
  finish(redact?: (text: string) => string): Promise<EngineLog[]>;
  close(): void;
}

export { PolicyPackError };

function toStruct(value: Record<string, unknown>): any {
  return structpb.Struct.fromJavaScript(value);
}

function readPort(child: ChildProcess, packDir: string, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () =>
        reject(new PolicyPackError(`policy pack ${packDir} did not print its port within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      const port = Number(buffer.slice(0, newline).trim());
      if (Number.isInteger(port) && port > 0) resolve(port);
      else
        reject(new PolicyPackError(`policy pack ${packDir} printed "${buffer.slice(0, newline)}" instead of its port`));
    };
    child.stdout!.setEncoding("utf8").on("data", onData);
    // A spawn failure (a directory that vanished, no node binary) arrives as "error", not "exit".
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new PolicyPackError(`policy pack ${packDir} could not be started: ${e.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new PolicyPackError(`policy pack ${packDir} ${howItEnded(code, signal)} before serving: ${excerpt(stderr())}`),
      );
    });
  });
}

function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return code === null ? `was stopped by ${signal}` : `exited with code ${code}`;
}

/** Diagnostics of a response, each attributed to the URN `urnOf` picks from the one the pack gave. */
function diagnostics(response: any, urnOf: (given: string) => string): PolicyDiagnostic[] {
  return response.getDiagnosticsList().map((d: any) => ({
    policyPackName: d.getPolicypackname(),
    policyName: d.getPolicyname(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? "advisory",
    severity: SEVERITIES[d.getSeverity()] ?? "",
    urn: urnOf(d.getUrn()),
    message: d.getMessage() || d.getDescription(),
  }));
}

/** A minimal engine for a pack started on its own: it records what the pack logs. */
async function startLogEngine(logs: EngineLog[]): Promise<{ close(): void; address: string }> {
  const server = new UnaryServer(channelOptions["grpc.max_receive_message_length"]);
  server.addService(engineGrpc.EngineService, {
    log: (call, cb) => {
      const severity = LOG_SEVERITIES[call.request.getSeverity()];
      if (severity && !call.request.getEphemeral()) {
        logs.push({ severity, message: call.request.getMessage(), urn: call.request.getUrn() });
      }
      cb(null, new emptypb.Empty());
    },
    getRootResource: (_c, cb) => cb(null, new enginePb.GetRootResourceResponse()),
    setRootResource: (_c, cb) => cb(null, new enginePb.SetRootResourceResponse()),
  });
  const listener = await LocalListener.open();
  listener.handTo((socket) => server.injectConnection(socket));
  return {
    address: listener.address,
    close: () => {
      server.forceShutdown();
      listener.close();
    },
  };
}

/** How long a call cut off with the pack's connection waits for the pack's exit, to report it. */
const EXIT_WAIT_MS = 1_000;

/**
 * The error of a call the pack's end cut off, with how the process ended and the end of its stderr (the pack's own
 * account, e.g. an uncaught exception); any other error as it was.
 */
async function withPackExit(
  error: unknown,
  child: ChildProcess,
  closed: Promise<void>,
  stderr: () => string,
): Promise<unknown> {
  if (!(error instanceof UnaryCallError) || error.code !== STATUS.UNAVAILABLE) return error;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_WAIT_MS)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) return error;
  const told = lastWords(stderr());
  const printed = told ? `: ${told}` : "";
  return new UnaryCallError(error.code, `the pack's process ${howItEnded(child.exitCode, child.signalCode)}${printed}`);
}

/** A call past its deadline says how long it waited and what to do about it; any other error as it was. */
function withTimeoutHint(error: unknown, deadlineMs: number): unknown {
  if (!(error instanceof UnaryCallError) || error.code !== STATUS.DEADLINE_EXCEEDED) return error;
  return new UnaryCallError(
    error.code,
    `no answer within ${secondsText(deadlineMs)}: a policy of the pack may be stuck (a loop on odd input, a promise ` +
      "that never settles); find it in the pack's own tests, or allow more time with --policy-timeout SECONDS",
  );
}

/** Lines of a stopped pack's stderr given with the error. */
const EXIT_LINES = 4;

/** The last lines a process printed, without a stack trace's frames and node's version line, which say little. */
function lastWords(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("at ") && !/^Node\.js v\d/.test(l));
  return excerpt(lines.slice(-EXIT_LINES).join("\n"), EXIT_LINES);
}

/** The run-policy-pack entry of the @pulumi/pulumi copy the pack itself resolves, as the CLI picks it. */
function runPolicyPackEntry(packDir: string): string {
  try {
    return createRequire(path.join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  } catch {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  }
}

/** Refuses a pack directory the CLI could not load, before anything is spawned in it. */
function checkPackDir(dir: string): void {
  const hint = "pass --policy-pack the directory of a policy pack (the one holding PulumiPolicy.yaml)";
  if (!fs.existsSync(dir)) throw new PolicyPackError(`policy pack ${dir} does not exist: ${hint}`);
  if (!fs.statSync(dir).isDirectory()) throw new PolicyPackError(`policy pack ${dir} is not a directory: ${hint}`);
  if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    throw new PolicyPackError(`policy pack ${dir} has no PulumiPolicy.yaml, so it is not a policy pack: ${hint}`);
  }
}

export async function startPolicyPack(packDir: string, opts: PolicyHostOptions = {}): Promise<PolicyHost> {
  const dir = path.resolve(packDir);
  checkPackDir(dir);
  const logs: EngineLog[] = [];
  let engine: { close(): void } | undefined;
  let engineAddress = opts.engineAddress;
  if (!engineAddress) {
    const started = await startLogEngine(logs);
    engine = started;
    engineAddress = started.address;
  }
  const child = spawn(process.execPath, [runPolicyPackEntry(dir), engineAddress, dir], {
    cwd: dir,
    env: scrubEnv({ ...process.env, ...opts.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  // Everything the pack prints; its first line is the port.
  let stdout = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  let clientOfClose: UnaryClient | undefined;
  const close = () => {
    clientOfClose?.close();
    if (child.exitCode === null && child.signalCode === null) child.kill();
    engine?.close();
  };
  try {
    const port = await readPort(child, dir, () => stderr);
    const client = new UnaryClient(`127.0.0.1:${port}`, channelOptions["grpc.max_receive_message_length"]);
    clientOfClose = client;
    const deadlineMs = opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    // A call cut off because the pack's process ended says how it ended and what it printed last.
    const analyzer = {
      call: async <Req, Res>(method: MethodDefinition<Req, Res>, request: Req): Promise<Res> => {
        try {
          return await client.call(method, request, deadlineMs);
        } catch (e) {
          throw await withPackExit(withTimeoutHint(e, deadlineMs), child, closed, () => stderr);
        }
      },
    };
    const handshake = new analyzerPb.AnalyzerHandshakeRequest();
    handshake.setEngineAddress(engineAddress);
    handshake.setRootDirectory(dir);
    handshake.setProgramDirectory(dir);
    await analyzer.call(ANALYZER.handshake, handshake).catch((e: any) => {
      if (e.code !== STATUS.UNIMPLEMENTED) throw e;
    });
    if (opts.stack) {
      const s = opts.stack;
      const req = new analyzerPb.AnalyzerStackConfigureRequest();
      req.setStack(s.stack);
      req.setProject(s.project);
      req.setOrganization(s.organization ?? "organization");
      req.setDryRun(s.dryRun ?? true);
      for (const [k, v] of Object.entries(s.config ?? {})) req.getConfigMap().set(k, v);
      req.setConfigSecretKeysList(s.secretKeys ?? []);
      for (const [k, v] of Object.entries(s.tags ?? {})) req.getTagsMap().set(k, v);
      await analyzer.call(ANALYZER.configureStack, req).catch((e: any) => {
        if (e.code !== STATUS.UNIMPLEMENTED) throw e;
      });
    }
    const raw = await analyzer.call(GET_ANALYZER_INFO, new emptypb.Empty());
    const config = reconcilePolicyConfig(raw.name, raw.policies, raw.initial, opts.config);
    const configure = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVELS.indexOf(c.enforcementLevel));
      pc.setProperties(toStruct(c.properties));
      configure.getPolicyconfigMap().set(name, pc);
    }
    await analyzer.call(ANALYZER.configure, configure);
    const info: PackInfo = { name: raw.name, version: raw.version, policies: raw.policies, config };
    return {
      pid: child.pid!,
      logs,
      finish: async (redact = (text: string) => text) => {
        close();
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, FINISH_TIMEOUT_MS)));
        await Promise.race([closed, waited]);
        clearTimeout(timer);
        const afterPort = stdout.slice(stdout.indexOf("\n") + 1);
        const printed = [...printedLogs(redact(afterPort)), ...printedLogs(redact(stderr))];
        return [...logs, ...printed.map((l) => ({ ...l, urn: "" }))];
      },
      remediates: Object.values(config).some((c) => c.enforcementLevel === "remediate"),
      info: () => info,
      close,
      analyze: async (r) =>
        // As the engine does: a resource policy's violation is the analyzed resource's, whatever URN it names.
        diagnostics(await analyzer.call(ENCODED.analyze, encodeAnalyzeRequest(r)), () => r.urn),
      analyzeStack: async (resources) => {
        // As the engine does: a stack violation naming no resource of the stack is the root stack's.
        const known = new Set(resources.map((r) => r.urn));
        const root = resources.find((r) => r.type === ROOT_STACK_TYPE)?.urn ?? "";
        return diagnostics(await analyzer.call(ENCODED.analyzeStack, encodeAnalyzeStackRequest(resources)), (given) =>
          known.has(given) ? given : root,
        );
      },
      remediate: async (r) => {
        const res: any = await analyzer.call(ENCODED.remediate, encodeAnalyzeRequest(r));
        let inputs = r.inputs;
        const remediations: Remediation[] = res.getRemediationsList().map((m: any) => {
          const props = m.getProperties();
          if (props && !m.getDiagnostic()) inputs = props.toJavaScript();
          return {
            policyPackName: m.getPolicypackname(),
            policyName: m.getPolicyname(),
            description: m.getDescription(),
            diagnostic: m.getDiagnostic(),
          };
        });
        return { remediations, inputs };
      },
    };
  } catch (e) {
    close();
    if (e instanceof PolicyPackError) throw e;
    const detail = stderr.trim() ? ` (pack stderr: ${excerpt(stderr)})` : "";
    throw new PolicyPackError(`policy pack ${dir} failed to start: ${(e as Error).message}${detail}`);
  }
}
