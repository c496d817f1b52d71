// Per-call costs the SDK pays only because an engine is attached, removed by a module preloaded into the program:
// - every debug message becomes its own Log RPC (3-4 per resource) that the CLI discards at default verbosity; only
//   "... failed: ..." lines are kept, since they name a resource whose registration failed;
// - every RPC passes a trace-context interceptor, which only matters when tracing is on (never offline).

/** Debug messages still sent to the engine. */
export const KEPT_DEBUG = / failed: /;

/** A `--import` flag for node that installs both tweaks on the given @pulumi/pulumi `cmd/run` copy. */
export function programPreloadImport(runDir: string): string {
  const code =
    `import { createRequire } from "node:module";` +
    `const sdk = createRequire(${JSON.stringify(`${runDir}/index.js`)});` +
    `const log = sdk("../../log");` +
    `const debug = log.debug;` +
    `log.debug = (msg, ...rest) => (${KEPT_DEBUG}.test(msg) ? debug(msg, ...rest) : Promise.resolve());` +
    `sdk("../../runtime/settings").grpcClientOptions.interceptors = [];`;
  return `--import=data:text/javascript,${encodeURIComponent(code)}`;
}
