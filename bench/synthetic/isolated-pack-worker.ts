// A pack's in-process passes in a process of its own, as under the CLI, where each pack is a process of its own: in
// one shared heap each pack's collections also walk the other's objects and modules (the peer's aws-sdk 2 and
// @pulumi/aws 4). Started by isolated-pack.ts, which sends it one pass to time at a time.
import * as v8 from "v8";
import * as vm from "vm";
import { inProcessPack } from "./bench-packs";
import { syntheticStack } from "./generate";
import { passLists, PassSet, timeInProcessPass } from "./in-process-pass";
import type { IsolatedPackData, WorkerAnswer } from "./isolated-pack";

v8.setFlagsFromString("--expose-gc");
const collectGarbage: () => void = vm.runInNewContext("gc");

const { kind, count } = JSON.parse(process.argv[2]) as IsolatedPackData;
const answer = (a: WorkerAnswer) => process.send!(a);
const failure = (e: unknown): WorkerAnswer => ({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });

try {
  const pack = inProcessPack(kind);
  const listOf = passLists(syntheticStack(count));
  process.on("message", (set: PassSet) => {
    timeInProcessPass(pack, listOf(set), collectGarbage).then(
      (result) => answer({ result }),
      (e: unknown) => answer(failure(e)),
    );
  });
  answer({ ready: true });
} catch (e) {
  answer(failure(e));
}
