// Per-call costs the SDK pays only because an engine is attached, removed by a module preloaded into the program:
// - every debug message becomes its own Log RPC (3-4 per resource) that the CLI discards at default verbosity; only
//   "... failed: ..." lines are kept, since they name a resource whose registration failed;
// - every RPC passes a trace-context interceptor, which only matters when tracing is on (never offline), and is
//   traced for channelz, which nothing reads;
// - every resource captures its whole stack, each frame mapped through source maps, and sends it, while the engine
//   keeps only the declaring frame (the source position): only that frame is captured;
// - before the program loads, the language host opens an inspector session with the debugger enabled (so that
//   function serialization can map script ids to files), which slows every module load after it. The session now
//   opens on first use instead; it listens before enabling the debugger, which then reports every script already
//   loaded, so the map is as complete as before;
// - at start-up the SDK loads TypeScript and arborist, which only function serialization uses: see
//   program-lazy-modules.ts.

import { LAZY_SDK_MODULES } from "./program-lazy-modules";

/** Debug messages still sent to the engine. */
export const KEPT_DEBUG = / failed: /;

/** A `--import` flag for node that installs these tweaks on the given @pulumi/pulumi `cmd/run` copy. */
export function programPreloadImport(runDir: string): string {
  const code =
    `import { createRequire } from "node:module";` +
    `const sdk = createRequire(${JSON.stringify(`${runDir}/index.js`)});` +
    // First, before the SDK's modules load.
    LAZY_SDK_MODULES +
    `const log = sdk("../../log");` +
    `const debug = log.debug;` +
    `log.debug = (msg, ...rest) => (${KEPT_DEBUG}.test(msg) ? debug(msg, ...rest) : Promise.resolve());` +
    `const clientOptions = sdk("../../runtime/settings").grpcClientOptions;` +
    `clientOptions.interceptors = [];` +
    `clientOptions["grpc.enable_channelz"] = 0;` +
    `const { Resource } = sdk("../../resource");` +
    `const { pathToFileURL } = sdk("url");` +
    // Frame 0 is this function, so the frame `skip` deep is the one the SDK's own stackTrace(skip) returns first.
    `Resource.stackTrace = (skip) => {` +
    `  const limit = Error.stackTraceLimit;` +
    `  Error.stackTraceLimit = skip + 1;` +
    `  let stack;` +
    `  try { stack = new Error().stack ?? ""; } finally { Error.stackTraceLimit = limit; }` +
    `  const frame = stack.split("\\n")[skip + 1];` +
    `  const at = frame === undefined ? undefined : Resource.framePositionRegExp.exec(frame)?.groups;` +
    `  if (!at || at.file.startsWith("node:")) return frame === undefined ? [] : [undefined];` +
    `  return [{ uri: pathToFileURL(at.file).toString(), line: Number(at.line), column: Number(at.column) }];` +
    `};` +
    `const hooksPath = sdk.resolve("../../runtime/closure/v8Hooks");` +
    `sdk("v8").setFlagsFromString("--allow-natives-syntax");` +
    `const scriptUrls = new Map();` +
    `let session;` +
    `const openSession = async () => {` +
    `  const inspector = sdk("inspector");` +
    `  const s = new inspector.Session();` +
    `  s.connect();` +
    `  s.on("Debugger.scriptParsed", (e) => scriptUrls.set(e.params.scriptId, e.params.url));` +
    `  await new Promise((resolve, reject) => s.post("Debugger.enable", (err) => (err ? reject(err) : resolve())));` +
    `  return s;` +
    `};` +
    `const Module = sdk("module");` +
    `const hooks = new Module(hooksPath);` +
    `hooks.filename = hooksPath;` +
    `hooks.loaded = true;` +
    `hooks.exports = {` +
    `  getSessionAsync: () => (session ??= openSession()),` +
    `  isInitializedAsync: async () => {},` +
    `  getScriptUrl: (id) => scriptUrls.get(id),` +
    `};` +
    `Module._cache[hooksPath] = hooks;`;
  return `--import=data:text/javascript,${encodeURIComponent(code)}`;
}
