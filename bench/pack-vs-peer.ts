// Sends the same 10,000 synthetic resources through this pack and through @pulumi/awsguard 0.3.1, in-process
// (@pulumi/policy's own Analyze handler, each pack in a process of its own, and both in this one for comparison) and
// over the analyzer protocol (each pack started as the CLI starts it),
// and prints resources per second side by side with the goals, beside an empty pack (bench/floor-pack) that
// bounds what any pack can reach over the protocol, and beside this pack's policies with their checks removed, which
// bound what they can reach in-process.
// Run: npm run build && (cd bench/peer && npm ci) && node dist/bench/pack-vs-peer.js [count]
import * as path from "path";
import * as v8 from "v8";
import * as vm from "vm";
import { startPolicyPack, type AnalyzerInput, type PolicyHost } from "../engine/policy-host";
import { allPolicies } from "../policies/catalog";
import { inProcessPack, PackKind, resourcePolicies } from "./synthetic/bench-packs";
import { loadAwsGuardPolicies, PEER_PACK_DIR } from "./synthetic/awsguard-policies";
import { syntheticStack } from "./synthetic/generate";
import { passLists, PassResult, PassSet, timeInProcessPass } from "./synthetic/in-process-pass";
import { IsolatedPack } from "./synthetic/isolated-pack";
import { fmt, inParallel, machine, median, nowMs, percentile, perSecond } from "./synthetic/measure";
import { repoRoot } from "./synthetic/repo-root";
import { cloudOf, SyntheticResource } from "./synthetic/resource";

const IN_FLIGHT = 64;
const STARTS = 5;

interface Subject {
  label: string;
  packDir: string;
  policyCount: number;
}

/** Where a subject's in-process passes run: a worker of its own, or the benchmark's heap shared with the others. */
interface PassRunner {
  label: string;
  pass(set: PassSet): Promise<PassResult>;
}

interface Figures {
  inProcessAll: { ms: number; violations: number };
  inProcessAws: { ms: number };
  startupMs: number;
  sequential: { latencies: number[]; awsLatencies: number[]; ms: number };
  inFlightAll: number;
  inFlightAws: number;
  stackMs: number;
}

/** A full collection before each timed pass, so garbage of the previous pass is not charged to the next pack. */
v8.setFlagsFromString("--expose-gc");
const collectGarbage: () => void = vm.runInNewContext("gc");

/** Timed passes per subject and resource set; the median is reported. Passes alternate between the packs. */
const PASSES = Number(process.env.BENCH_PASSES ?? 5);

type InProcessFigures = Pick<Figures, "inProcessAll" | "inProcessAws">;

/** Passes interleaved between the runners, so a change of machine load hits each alike; the median of each. */
async function timeInProcess(runners: PassRunner[], distinct = false): Promise<InProcessFigures[]> {
  const runs = runners.map(() => ({ all: [] as number[], aws: [] as number[], violations: 0 }));
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [i, runner] of runners.entries()) {
      const a = await runner.pass({ awsOnly: false, distinct });
      const w = await runner.pass({ awsOnly: true, distinct });
      runs[i].all.push(a.ms);
      runs[i].aws.push(w.ms);
      runs[i].violations = a.violations;
      const label = distinct ? `${runner.label} (every script distinct)` : runner.label;
      console.error(`  ${label}: in-process pass ${pass + 1}: all ${fmt(a.ms)} ms, AWS-only ${fmt(w.ms)} ms`);
    }
  }
  return runs.map((r) => ({
    inProcessAll: { ms: median(r.all), violations: r.violations },
    inProcessAws: { ms: median(r.aws) },
  }));
}

const isolated = (pack: IsolatedPack): PassRunner => ({ label: pack.kind, pass: (set) => pack.pass(set) });

/** A pack in this process's heap, beside the other packs built here. */
function sharedHeap(kind: PackKind, all: readonly SyntheticResource[]): PassRunner {
  const pack = inProcessPack(kind);
  const listOf = passLists(all);
  return { label: `${kind} (one heap)`, pass: (set) => timeInProcessPass(pack, listOf(set), collectGarbage) };
}

const toInput = (r: SyntheticResource): AnalyzerInput => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.props });

/**
 * Median start time of each pack. All are measured first, in turns and after a full collection, so that every start
 * meets the same machine; one start before them (not timed) loads this process's own client code.
 */
async function startupMedians(packDirs: string[]): Promise<number[]> {
  (await startPolicyPack(packDirs[packDirs.length - 1])).close();
  const times = packDirs.map(() => [] as number[]);
  for (let turn = 0; turn < STARTS; turn++) {
    for (let k = 0; k < packDirs.length; k++) {
      const i = (k + turn) % packDirs.length;
      collectGarbage();
      const t0 = nowMs();
      const host = await startPolicyPack(packDirs[i]);
      times[i].push(nowMs() - t0);
      host.close();
    }
  }
  return times.map(median);
}

/** Analyze latency of each input, one call at a time, after 500 warm-up calls (not timed). */
async function oneAtATime(host: PolicyHost, inputs: AnalyzerInput[]): Promise<number[]> {
  for (const r of inputs.slice(0, 500)) await host.analyze(r);
  const latencies: number[] = [];
  for (const r of inputs) {
    const s = nowMs();
    await host.analyze(r);
    latencies.push(nowMs() - s);
  }
  return latencies;
}

/** Resources per second with IN_FLIGHT calls outstanding at a time. */
async function inFlightRate(host: PolicyHost, items: AnalyzerInput[]): Promise<number> {
  const s = nowMs();
  await inParallel(items, IN_FLIGHT, (r) => host.analyze(r));
  return perSecond(items.length, nowMs() - s);
}

async function overProtocol(
  subject: Subject,
  all: SyntheticResource[],
  aws: SyntheticResource[],
): Promise<Omit<Figures, "inProcessAll" | "inProcessAws" | "startupMs">> {
  const host = await startPolicyPack(subject.packDir);
  try {
    const inputs = all.map(toInput);
    const t0 = nowMs();
    const latencies = await oneAtATime(host, inputs);
    const sequentialMs = nowMs() - t0;
    const awsLatencies = latencies.filter((_, i) => cloudOf(inputs[i].type) === "aws");
    const inFlightAll = await inFlightRate(host, inputs);
    const inFlightAws = await inFlightRate(host, aws.map(toInput));
    const s = nowMs();
    await host.analyzeStack(inputs);
    const stackMs = nowMs() - s;
    return { sequential: { latencies, awsLatencies, ms: sequentialMs }, inFlightAll, inFlightAws, stackMs };
  } finally {
    host.close();
  }
}

/** The SDK's own floor: an empty pack, started and called exactly like the two packs. */
const FLOOR_PACK_DIR = path.join(repoRoot(), "bench", "floor-pack");

interface Floor {
  startupMs: number;
  latencies: number[];
  inFlightAll: number;
  inFlightAws: number;
}

async function measureFloor(all: SyntheticResource[], aws: SyntheticResource[]): Promise<Omit<Floor, "startupMs">> {
  const host = await startPolicyPack(FLOOR_PACK_DIR);
  try {
    const latencies = await oneAtATime(host, all.map(toInput));
    const inFlightAll = await inFlightRate(host, all.map(toInput));
    const inFlightAws = await inFlightRate(host, aws.map(toInput));
    console.error(
      `  floor (empty pack): Analyze median ${fmt(median(latencies), 3)} ms, ` +
        `${IN_FLIGHT} in flight ${fmt(inFlightAll)}/s`,
    );
    return { latencies, inFlightAll, inFlightAws };
  } finally {
    host.close();
  }
}

async function measure(subject: Subject, all: SyntheticResource[], aws: SyntheticResource[]) {
  const protocol = await overProtocol(subject, all, aws);
  // Progress goes to stderr as each figure lands, so a long run on a busy machine still shows where it is.
  console.error(
    `  ${subject.label}: one at a time ${fmt(protocol.sequential.ms)} ms, ` +
      `64 in flight ${fmt(protocol.inFlightAll)}/s`,
  );
  return protocol;
}

function report(
  ours: Figures,
  peer: Figures,
  variants: Record<"distinct" | "oneHeap", { ours: InProcessFigures; peer: InProcessFigures }>,
  floor: Floor,
  noChecks: InProcessFigures & { policyCount: number },
  all: number,
  aws: number,
): void {
  const sorted = (l: number[]) => [...l].sort((a, b) => a - b);
  const seqRate = (l: number[]) =>
    perSecond(
      l.length,
      l.reduce((s, x) => s + x, 0),
    );
  const rows: [string, number, number][] = [
    [
      `in-process, all ${all}, median of ${PASSES} (res/s)`,
      perSecond(all, ours.inProcessAll.ms),
      perSecond(all, peer.inProcessAll.ms),
    ],
    [`in-process, AWS-only ${aws} (res/s)`, perSecond(aws, ours.inProcessAws.ms), perSecond(aws, peer.inProcessAws.ms)],
    [
      `in-process, AWS-only, every script distinct (res/s)`,
      perSecond(aws, variants.distinct.ours.inProcessAws.ms),
      perSecond(aws, variants.distinct.peer.inProcessAws.ms),
    ],
    [
      `in-process, AWS-only, both packs in one heap (res/s)`,
      perSecond(aws, variants.oneHeap.ours.inProcessAws.ms),
      perSecond(aws, variants.oneHeap.peer.inProcessAws.ms),
    ],
    [`Analyze one at a time, all (res/s)`, seqRate(ours.sequential.latencies), seqRate(peer.sequential.latencies)],
    [
      `Analyze one at a time, AWS-only (res/s)`,
      seqRate(ours.sequential.awsLatencies),
      seqRate(peer.sequential.awsLatencies),
    ],
    [`Analyze ${IN_FLIGHT} in flight, all (res/s)`, ours.inFlightAll, peer.inFlightAll],
    [`Analyze ${IN_FLIGHT} in flight, AWS-only (res/s)`, ours.inFlightAws, peer.inFlightAws],
  ];
  const line = (a: string, b: string, c: string, d: string, e = "") =>
    console.log(`${a.padEnd(54)}${b.padStart(16)}${c.padStart(14)}${d.padStart(10)}${e.padStart(14)}`);
  line("", "hardening-kit", "awsguard", "ratio", "empty pack");
  const inProcessFloor = [perSecond(all, noChecks.inProcessAll.ms), perSecond(aws, noChecks.inProcessAws.ms)];
  const emptyPack = [
    `${fmt(inProcessFloor[0])}*`,
    `${fmt(inProcessFloor[1])}*`,
    "",
    "",
    "",
    "",
    fmt(floor.inFlightAll),
    fmt(floor.inFlightAws),
  ];
  for (const [i, [label, o, p]] of rows.entries()) line(label, fmt(o), fmt(p), `${fmt(o / p, 2)}x`, emptyPack[i]);
  line(`pack startup, median of ${STARTS} (ms)`, fmt(ours.startupMs), fmt(peer.startupMs), "", fmt(floor.startupMs));
  line(
    "Analyze median (ms)",
    fmt(median(ours.sequential.latencies), 3),
    fmt(median(peer.sequential.latencies), 3),
    "",
    fmt(median(floor.latencies), 3),
  );
  line(
    "Analyze p95 (ms)",
    fmt(percentile(sorted(ours.sequential.latencies), 95), 3),
    fmt(percentile(sorted(peer.sequential.latencies), 95), 3),
    "",
    fmt(percentile(sorted(floor.latencies), 95), 3),
  );
  line(`AnalyzeStack over ${all} (ms)`, fmt(ours.stackMs), fmt(peer.stackMs), "");
  line(`violations reported in-process, all`, fmt(ours.inProcessAll.violations), fmt(peer.inProcessAll.violations), "");
  // No pack can answer faster than the empty one: this bounds any ratio measured over the protocol.
  const ceiling = median(peer.sequential.latencies) / median(floor.latencies);
  const inFlightCeiling = floor.inFlightAws / peer.inFlightAws;
  console.log(
    `\nOver the protocol no pack can beat the empty pack's Analyze median, so the best ratio any pack could reach ` +
      `against awsguard one at a time is ${fmt(ceiling, 2)}x (${IN_FLIGHT} in flight, AWS-only: ` +
      `${fmt(inFlightCeiling, 2)}x); the empty pack starts in ${fmt(floor.startupMs)} ms.`,
  );
  // In-process the floor is this pack's own policies doing nothing: the SDK's decoding and per-policy calls.
  console.log(
    `* In-process, the empty-pack column is this pack's ${noChecks.policyCount} resource policies with their checks ` +
      `removed: even checks that cost nothing would reach ${fmt(inProcessFloor[1] / perSecond(aws, peer.inProcessAws.ms), 2)}x ` +
      `awsguard AWS-only.`,
  );

  const goal = (ok: boolean, text: string) => console.log(`${ok ? "PASS" : "MISS"}  ${text}`);
  console.log("\nGoals (issue 8):");
  goal(
    ours.inProcessAll.ms <= 1000 * (all / 10_000),
    `full pack over ${all} in-process: ${fmt(ours.inProcessAll.ms)} ms (goal <= ${fmt(all / 10)} ms)`,
  );
  for (const [label, o, p] of rows.filter(([l]) => l.includes("AWS-only"))) {
    goal(o >= 2 * p, `>= 2x the peer per resource, ${label.replace(" (res/s)", "")}: ${fmt(o / p, 2)}x`);
  }
  // Node's own start and the CLI's runner take most of it and vary with the machine: the empty pack's start says how
  // much is this pack's own.
  const ownStart = ours.startupMs - floor.startupMs;
  goal(
    ours.startupMs <= 1500,
    `pack startup: ${fmt(ours.startupMs)} ms (goal <= 1,500 ms; ${fmt(ownStart)} ms over the empty pack's start, ` +
      `${fmt(ours.startupMs / floor.startupMs, 2)}x)`,
  );
  const med = median(ours.sequential.latencies);
  goal(med <= 1, `Analyze median: ${fmt(med, 3)} ms (goal <= 1 ms)`);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const all = syntheticStack(count);
  const aws = all.filter((r) => cloudOf(r.type) === "aws");
  const ours: Subject = {
    label: "hardening-kit",
    packDir: path.join(repoRoot(), "policies"),
    policyCount: allPolicies.length,
  };
  const peer: Subject = { label: "awsguard", packDir: PEER_PACK_DIR, policyCount: loadAwsGuardPolicies().length };
  console.log(`machine: ${machine()}`);
  console.log(
    `resources: ${all.length} (${aws.length} AWS, ${all.length - aws.length} Alibaba Cloud); policies: ` +
      `hardening-kit ${ours.policyCount}, awsguard ${peer.policyCount}\n`,
  );
  const [oursStart, peerStart, floorStart] = await startupMedians([ours.packDir, peer.packDir, FLOOR_PACK_DIR]);
  console.error(
    `  startup, median of ${STARTS}: hardening-kit ${fmt(oursStart)} ms, awsguard ${fmt(peerStart)} ms, ` +
      `empty pack ${fmt(floorStart)} ms`,
  );
  // Each pack in a process of its own, as under the CLI.
  const kinds: PackKind[] = ["hardening-kit", "awsguard", "hardening-kit without checks"];
  const workers = await Promise.all(kinds.map((kind) => IsolatedPack.start(kind, count)));
  const [oursInProcess, peerInProcess, noChecksInProcess] = await timeInProcess(workers.map(isolated));
  // The boot-script reader remembers each distinct script: the same passes again with no script repeated.
  const [oursDistinct, peerDistinct] = await timeInProcess(workers.slice(0, 2).map(isolated), true);
  await Promise.all(workers.map((w) => w.close()));
  // As the benchmark measured until 2026-12-02: both packs in this process's one heap.
  const [oursShared, peerShared] = await timeInProcess([sharedHeap("hardening-kit", all), sharedHeap("awsguard", all)]);
  const oursFigures = { ...oursInProcess, startupMs: oursStart, ...(await measure(ours, all, aws)) };
  const peerFigures = { ...peerInProcess, startupMs: peerStart, ...(await measure(peer, all, aws)) };
  const floor = { startupMs: floorStart, ...(await measureFloor(all, aws)) };
  report(
    oursFigures,
    peerFigures,
    { distinct: { ours: oursDistinct, peer: peerDistinct }, oneHeap: { ours: oursShared, peer: peerShared } },
    floor,
    { ...noChecksInProcess, policyCount: resourcePolicies().length },
    all.length,
    aws.length,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
