// Fuzzes every policy of the pack with hostile property bags (100,000 by default) and hostile stacks, through
// @pulumi/policy's own handler path. Prints crashes (goal 0) with the first counterexamples shrunk, policies that
// failed open on unknowns, the slowest bag, and bags per second.
// Run: npm run build && node dist/bench/fuzz.js [bags] [seed]
import fc from "fast-check";
import { allPolicies } from "../policies/catalog";
import { Crash, PolicyFuzzer } from "../test/fuzz/fuzz-runner";
import { summarizeBag } from "../test/fuzz/bag-summary";
import { bagForAnyType, FuzzBag } from "../test/fuzz/resource-shapes";
import { stackArbitrary } from "../test/fuzz/stack-arbitrary";
import { fmt, machine, nowMs, perSecond } from "./synthetic/measure";

const CHUNK = 500;
const SHOWN = 5;

interface Tally {
  bags: number;
  crashes: { crash: Crash; bag: FuzzBag }[];
  failedOpen: Map<string, number>;
  /** Slowest policy run per policy and type, and how many runs took over SLOW_MS. */
  slow: Map<string, { ms: number; bag: FuzzBag }>;
  slowRuns: number;
}

const SLOW_MS = 100;

async function fuzzBags(fuzzer: PolicyFuzzer, total: number, seed: number): Promise<{ tally: Tally; ms: number }> {
  const tally: Tally = { bags: 0, crashes: [], failedOpen: new Map(), slow: new Map(), slowRuns: 0 };
  let ms = 0;
  for (let chunk = 0; tally.bags < total; chunk++) {
    const bags = fc.sample(bagForAnyType(), { seed: seed + chunk, numRuns: Math.min(CHUNK, total - tally.bags) });
    const t0 = nowMs();
    for (const bag of bags) {
      const outcome = await fuzzer.analyze(bag);
      const { policy, ms } = outcome.slowest;
      const key = `${policy} on ${bag.type}`;
      if (ms > SLOW_MS) tally.slowRuns++;
      if (ms > (tally.slow.get(key)?.ms ?? SLOW_MS)) tally.slow.set(key, { ms, bag });
      for (const crash of outcome.crashes) tally.crashes.push({ crash, bag });
      for (const p of outcome.failedOpen) tally.failedOpen.set(p, (tally.failedOpen.get(p) ?? 0) + 1);
    }
    ms += nowMs() - t0;
    tally.bags += bags.length;
    if (chunk % 20 === 19) console.error(`  ${tally.bags} bags, ${tally.crashes.length} crashes`);
  }
  return { tally, ms };
}

/** Shrinks a crash of one policy on one type by searching again with fast-check, which shrinks what it finds. */
async function shrink(policyName: string, type: string, seed: number): Promise<string> {
  const policy = allPolicies.find((p) => p.name === policyName)!;
  const one = new PolicyFuzzer([policy]);
  const result = await fc.check(
    fc.asyncProperty(bagForAnyType([type]), async (bag) => (await one.analyze(bag)).crashes.length === 0),
    { seed, numRuns: 20_000 },
  );
  if (!result.failed || !result.counterexample) return "(not reproduced within 20,000 runs)";
  return summarizeBag(result.counterexample[0].props);
}

async function fuzzStacks(
  fuzzer: PolicyFuzzer,
  count: number,
  seed: number,
): Promise<{ crashes: Crash[]; ms: number }> {
  const stacks = fc.sample(stackArbitrary(), { seed, numRuns: count });
  const crashes: Crash[] = [];
  const t0 = nowMs();
  for (const s of stacks) crashes.push(...(await fuzzer.analyzeStack(s)).crashes);
  return { crashes, ms: nowMs() - t0 };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 20_261_128);
  const fuzzer = new PolicyFuzzer(allPolicies);
  console.log(`machine: ${machine()}`);
  console.log(`policies: ${allPolicies.length}; bags: ${total}; seed: ${seed}`);

  const { tally, ms } = await fuzzBags(fuzzer, total, seed);
  console.log(
    `\nresource policies: ${tally.crashes.length} crashes in ${tally.bags} bags; ` +
      `${fmt(perSecond(tally.bags, ms))} bags/s (generation excluded); ${tally.slowRuns} policy runs over ${SLOW_MS} ms`,
  );
  const slowest = [...tally.slow.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, SHOWN);
  for (const [key, { ms: took, bag }] of slowest)
    console.log(`SLOW ${key}: ${fmt(took)} ms on ${summarizeBag(bag.props)}`);
  const distinct = new Map<string, { crash: Crash; bag: FuzzBag; count: number }>();
  for (const c of tally.crashes) {
    const key = `${c.crash.policy} ${c.bag.type}`;
    const seen = distinct.get(key);
    if (seen) seen.count++;
    else distinct.set(key, { ...c, count: 1 });
  }
  for (const { crash, bag, count } of [...distinct.values()].slice(0, SHOWN)) {
    console.log(`\nCRASH ${crash.policy} on ${bag.type} (${count}x)\n${crash.error}`);
    console.log(`shrunk: ${await shrink(crash.policy, bag.type, seed)}`);
  }
  if (tally.failedOpen.size > 0) {
    console.log("\nmandatory policies that failed open (read an unknown, downgraded to advisory by the SDK):");
    for (const [p, n] of tally.failedOpen) console.log(`  ${p}: ${n} bags`);
  }

  const stackCount = Math.max(10, Math.round(total / 200));
  const stacks = await fuzzStacks(fuzzer, stackCount, seed);
  console.log(
    `\nstack policies: ${stacks.crashes.length} crashes in ${stackCount} stacks; ${fmt(perSecond(stackCount, stacks.ms), 1)} stacks/s`,
  );
  for (const c of stacks.crashes.slice(0, SHOWN)) console.log(`\nCRASH ${c.policy}\n${c.error}`);

  const crashes = tally.crashes.length + stacks.crashes.length;
  console.log(`\n${crashes === 0 ? "PASS" : "MISS"}  crashes: ${crashes} (goal 0)`);
  process.exitCode = crashes === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
