// One timed in-process pass of a pack over a list of resources: what pack-vs-peer.ts measures, in whichever heap the
// pack lives (its own worker's, or the benchmark's shared one).
import { analyzeRequest } from "./analyzer-requests";
import { InProcessPack } from "./in-process-pack";
import { nowMs } from "./measure";
import { withDistinctScripts } from "./distinct-scripts";
import { cloudOf, SyntheticResource } from "./resource";

export interface PassResult {
  ms: number;
  violations: number;
}

/** One timed pass over fresh messages, after a full collection and a warm-up on messages of its own. */
export async function timeInProcessPass(
  pack: InProcessPack,
  resources: readonly SyntheticResource[],
  collectGarbage: () => void,
): Promise<PassResult> {
  // Requests are built first: the engine hands the pack decoded messages, their construction is not the pack's cost.
  // Each pass gets new messages: a pack may remember work per message, as it would per decoded request.
  // The full collection keeps the last pass's garbage off this one and comes before the warm-up: it drops optimised
  // code that holds weakly referenced maps, which the warm-up, not the timed pass, then optimises again.
  const build = (list: readonly SyntheticResource[]) => list.map((r) => analyzeRequest(pack.sdk.messages, r));
  const requests = build(resources);
  collectGarbage();
  for (const req of build(resources.slice(0, 1_000))) await pack.analyze(req);
  let violations = 0;
  const t0 = nowMs();
  for (const req of requests) violations += (await pack.analyze(req)).diagnostics.length;
  return { ms: nowMs() - t0, violations };
}

/** Which list a pass runs over: all resources or the AWS ones, with scripts as generated or every script distinct. */
export interface PassSet {
  awsOnly: boolean;
  distinct: boolean;
}

/** The four lists a pack's passes run over, derived once from the same synthetic stack. */
export function passLists(all: readonly SyntheticResource[]): (set: PassSet) => readonly SyntheticResource[] {
  const awsOf = (list: readonly SyntheticResource[]) => list.filter((r) => cloudOf(r.type) === "aws");
  const lists = new Map<string, readonly SyntheticResource[]>();
  return (set) => {
    const key = `${set.awsOnly}/${set.distinct}`;
    let list = lists.get(key);
    if (!list) {
      const base = set.distinct ? withDistinctScripts(all) : all;
      lists.set(key, (list = set.awsOnly ? awsOf(base) : base));
    }
    return list;
  };
}
