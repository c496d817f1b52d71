// Where a pass of the pack goes: each policy's own time (its validateResource or validateStack, timed around the
// call) over the synthetic 10,000 resources, in-process through @pulumi/policy's handlers, beside the whole pass.
// What a pass spends outside every policy is the SDK's share (decoding, the proxy, arguments, an await per policy).
// Run: npm run build && node dist/bench/policy-costs.js [count]
import * as v8 from "v8";
import * as vm from "vm";
import { allPolicies } from "../policies/catalog";
import { decodePropertiesOnce } from "../policies/lib/convert-once";
import { analyzeRequest, analyzeStackRequest } from "./synthetic/analyzer-requests";
import { syntheticStack } from "./synthetic/generate";
import { InProcessPack } from "./synthetic/in-process-pack";
import { fmt, machine, median, nowMs } from "./synthetic/measure";
import { loadPolicySdk } from "./synthetic/policy-sdk";
import { repoRoot } from "./synthetic/repo-root";

v8.setFlagsFromString("--expose-gc");
const collectGarbage: () => void = vm.runInNewContext("gc");

const PASSES = Number(process.env.BENCH_PASSES ?? 5);

interface Clock {
  ms: number;
  calls: number;
}

type Validate = (...args: unknown[]) => unknown;

/** The same function, adding its own time and calls to `clock`; the SDK's type tag is kept. */
function timed(fn: Validate, clock: Clock): Validate {
  const wrapped: Validate & { __pulumiType?: string } = (...args) => {
    const t0 = nowMs();
    try {
      return fn(...args);
    } finally {
      clock.ms += nowMs() - t0;
      clock.calls++;
    }
  };
  const type = (fn as { __pulumiType?: string }).__pulumiType;
  if (type) wrapped.__pulumiType = type;
  return wrapped;
}

interface Timed {
  name: string;
  kind: "resource" | "stack";
  clock: Clock;
}

/** Each policy once per part: a rule with a resource check and a stack check is timed as two rows. */
function timedPolicies(): { rows: Timed[]; policies: unknown[] } {
  const rows: Timed[] = [];
  const policies = allPolicies.map((p) => {
    const entry = { ...(p as unknown as Record<string, unknown>) };
    const v = entry.validateResource as Validate | Validate[] | undefined;
    if (v) {
      const clock = { ms: 0, calls: 0 };
      rows.push({ name: p.name, kind: "resource", clock });
      entry.validateResource = Array.isArray(v) ? v.map((f) => timed(f, clock)) : timed(v, clock);
    }
    if (typeof entry.validateStack === "function") {
      const clock = { ms: 0, calls: 0 };
      rows.push({ name: p.name, kind: "stack", clock });
      entry.validateStack = timed(entry.validateStack as Validate, clock);
    }
    return entry;
  });
  return { rows, policies };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  decodePropertiesOnce();
  const sdk = loadPolicySdk(repoRoot());
  const { rows: policies, policies: timedPack } = timedPolicies();
  const pack = new InProcessPack(sdk, "hardening-kit", timedPack);
  const all = syntheticStack(count);
  console.log(`machine: ${machine()}`);
  console.log(`resources: ${all.length}; passes: ${PASSES}, median reported`);

  const key = (t: Timed) => `${t.name} ${t.kind}`;
  const perPolicy = new Map(policies.map((t) => [key(t), { ms: [] as number[], calls: 0 }]));
  const passes = { all: [] as number[], stack: [] as number[] };
  const record = () => {
    for (const t of policies) {
      perPolicy.get(key(t))!.ms.push(t.clock.ms);
      perPolicy.get(key(t))!.calls = t.clock.calls;
      t.clock.ms = 0;
      t.clock.calls = 0;
    }
  };
  for (const r of all.slice(0, 1_000)) await pack.analyze(analyzeRequest(sdk.messages, r));
  for (const t of policies) t.clock.ms = t.clock.calls = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const requests = all.map((r) => analyzeRequest(sdk.messages, r));
    // As in pack-vs-peer.ts: the collection drops optimised code, which a short warm-up optimises again.
    collectGarbage();
    for (const r of all.slice(0, 1_000)) await pack.analyze(analyzeRequest(sdk.messages, r));
    for (const t of policies) t.clock.ms = t.clock.calls = 0;
    const t0 = nowMs();
    for (const req of requests) await pack.analyze(req);
    passes.all.push(nowMs() - t0);
    const stackRequest = analyzeStackRequest(sdk.messages, all);
    collectGarbage();
    const s0 = nowMs();
    await pack.analyzeStack(stackRequest);
    passes.stack.push(nowMs() - s0);
    record();
  }

  const rows = policies
    .map((t) => ({ ...t, ms: median(perPolicy.get(key(t))!.ms), calls: perPolicy.get(key(t))!.calls }))
    .sort((a, b) => b.ms - a.ms);
  const sum = (kind: Timed["kind"]) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.ms, 0);
  console.log("");
  console.log(
    `${"policy".padEnd(56)}${"kind".padEnd(10)}${"ms".padStart(9)}${"calls".padStart(9)}${"µs/call".padStart(10)}`,
  );
  for (const r of rows) {
    const perCall = r.kind === "resource" && r.calls ? (r.ms * 1000) / r.calls : NaN;
    console.log(
      `${r.name.padEnd(56)}${r.kind.padEnd(10)}${fmt(r.ms, 1).padStart(9)}${fmt(r.calls).padStart(9)}${fmt(perCall, 1).padStart(10)}`,
    );
  }
  const pass = median(passes.all);
  const stackPass = median(passes.stack);
  console.log("");
  console.log(
    `Analyze pass over ${all.length}: ${fmt(pass)} ms; resource policies' own time ${fmt(sum("resource"))} ms;`,
  );
  console.log(
    `  outside every policy (decoding, proxy, arguments, awaits, responses): ${fmt(pass - sum("resource"))} ms`,
  );
  console.log(
    `AnalyzeStack over ${all.length}: ${fmt(stackPass)} ms; stack policies' own time ${fmt(sum("stack"))} ms`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
