// The Pulumi runtime reports a resource whose inputs fail (an apply that throws) as an unhandled rejection, which
// Jest turns into a failure of the running test. Tests of those failures collect them instead.
import * as vm from "vm";

/**
 * Node emits unhandled rejections on the real process; Jest gives each test file a copy of `process` whose listeners
 * never hear them, so the real one is fetched from the main context, where Jest keeps its own listener.
 */
const realProcess = vm.runInThisContext("process") as NodeJS.Process;

/** Runs `fn` with unhandled rejections collected rather than fatal, and returns their messages, each once. */
export async function registrationFailures(fn: () => Promise<void>): Promise<string[]> {
  const failures: unknown[] = [];
  const collect = (e: unknown) => failures.push(e);
  const others = realProcess.listeners("unhandledRejection");
  realProcess.removeAllListeners("unhandledRejection");
  realProcess.on("unhandledRejection", collect);
  try {
    await fn();
  } finally {
    realProcess.off("unhandledRejection", collect);
    for (const l of others) realProcess.on("unhandledRejection", l);
  }
  return [...new Set(failures.map((e) => (e instanceof Error ? e.message : String(e))))];
}
