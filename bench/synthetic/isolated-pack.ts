// A pack run in-process in a Node.js process of its own (isolated-pack-worker.ts), as each pack has one under the
// CLI: the benchmark asks it for one timed pass at a time, so passes of several packs still alternate and a change of
// machine load hits each alike.
import { ChildProcess, fork } from "child_process";
import { once } from "events";
import * as path from "path";
import type { PackKind } from "./bench-packs";
import type { PassResult, PassSet } from "./in-process-pass";

export interface IsolatedPackData {
  kind: PackKind;
  count: number;
}

export type WorkerAnswer = { ready: true } | { result: PassResult } | { error: string };

export class IsolatedPack {
  private constructor(
    readonly kind: PackKind,
    private readonly worker: ChildProcess,
  ) {}

  /** A process that built the pack and the same synthetic stack of `count` resources, ready for passes. */
  static async start(kind: PackKind, count: number): Promise<IsolatedPack> {
    const data: IsolatedPackData = { kind, count };
    const worker = fork(path.join(__dirname, "isolated-pack-worker.js"), [JSON.stringify(data)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // The peer's aws-sdk 2 prints its end-of-support notice on load; the benchmark's own process has printed it.
      env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1" },
    });
    await answerOf(worker);
    return new IsolatedPack(kind, worker);
  }

  async pass(set: PassSet): Promise<PassResult> {
    this.worker.send(set);
    const answer = await answerOf(this.worker);
    if (!("result" in answer)) throw new Error(`${this.kind}: no pass result`);
    return answer.result;
  }

  async close(): Promise<void> {
    const exited = once(this.worker, "exit");
    this.worker.kill();
    await exited;
  }
}

/** The process's next answer; an error it reported, or its exit before answering, rejects. */
async function answerOf(worker: ChildProcess): Promise<WorkerAnswer> {
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the pack's process exited (${code}) before answering`));
    worker.once("exit", exited);
    worker.once("message", (m) => {
      worker.off("exit", exited);
      resolve(m as WorkerAnswer);
    });
  });
  if ("error" in answer) throw new Error(answer.error);
  return answer;
}
