// Sends the same 10,000 synthetic resources through this pack and through @pulumi/awsguard 0.3.1, in-process
// (@pulumi/policy's own Analyze handler) and over the analyzer protocol (each pack started as the CLI starts it),
// and prints resources per second side by side with the goals.
// Run: npm run build && (cd bench/peer && npm ci) && node dist/bench/pack-vs-peer.js [count]
import * as path from "path";
import { startPolicyPack, type AnalyzerInput, type PolicyHost } from "../engine/policy-host";
import { allPolicies } from "../policies/catalog";
import { analyzeRequest } from "./synthetic/analyzer-requests";
import { loadAwsGuardPolicies, PEER_PACK_DIR } from "./synthetic/awsguard-policies";
import { syntheticStack } from "./synthetic/generate";
import { InProcessPack } from "./synthetic/in-process-pack";
import { fmt, inParallel, machine, median, nowMs, percentile, perSecond } from "./synthetic/measure";
import { loadPolicySdk } from "./synthetic/policy-sdk";
import { repoRoot } from "./synthetic/repo-root";
import { cloudOf, SyntheticResource } from "./synthetic/resource";

const IN_FLIGHT = 64;
const STARTS = 3;

interface Subject {
  label: string;
  packDir: string;
  policyCount: number;
  inProcess: InProcessPack;
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

async function timeInProcess(
  pack: InProcessPack,
  resources: SyntheticResource[],
): Promise<{ ms: number; violations: number }> {
  // Requests are built first: the engine hands the pack decoded messages, their construction is not the pack's cost.
  const requests = resources.map((r) => analyzeRequest(pack.sdk.messages, r));
  for (const req of requests.slice(0, 1_000)) await pack.analyze(req);
  let violations = 0;
  const t0 = nowMs();
  for (const req of requests) violations += (await pack.analyze(req)).diagnostics.length;
  return { ms: nowMs() - t0, violations };
}

const toInput = (r: SyntheticResource): AnalyzerInput => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.props });

async function startMedian(packDir: string): Promise<{ host: PolicyHost; ms: number }> {
  const times: number[] = [];
  for (let i = 0; ; i++) {
    const t0 = nowMs();
    const host = await startPolicyPack(packDir);
    times.push(nowMs() - t0);
    if (i === STARTS - 1) return { host, ms: median(times) };
    host.close();
  }
}

async function overProtocol(
  subject: Subject,
  all: SyntheticResource[],
  aws: SyntheticResource[],
): Promise<Omit<Figures, "inProcessAll" | "inProcessAws">> {
  const { host, ms: startupMs } = await startMedian(subject.packDir);
  try {
    const inputs = all.map(toInput);
    for (const r of inputs.slice(0, 500)) await host.analyze(r);
    const latencies: number[] = [];
    const awsLatencies: number[] = [];
    const t0 = nowMs();
    for (const r of inputs) {
      const s = nowMs();
      await host.analyze(r);
      const took = nowMs() - s;
      latencies.push(took);
      if (cloudOf(r.type) === "aws") awsLatencies.push(took);
    }
    const sequentialMs = nowMs() - t0;
    const rate = async (items: AnalyzerInput[]) => {
      const s = nowMs();
      await inParallel(items, IN_FLIGHT, (r) => host.analyze(r));
      return perSecond(items.length, nowMs() - s);
    };
    const inFlightAll = await rate(inputs);
    const inFlightAws = await rate(aws.map(toInput));
    const s = nowMs();
    await host.analyzeStack(inputs);
    const stackMs = nowMs() - s;
    return { startupMs, sequential: { latencies, awsLatencies, ms: sequentialMs }, inFlightAll, inFlightAws, stackMs };
  } finally {
    host.close();
  }
}

async function measure(subject: Subject, all: SyntheticResource[], aws: SyntheticResource[]): Promise<Figures> {
  // Progress goes to stderr as each figure lands, so a long run on a busy machine still shows where it is.
  const note = (text: string) => console.error(`  ${subject.label}: ${text}`);
  const inProcessAll = await timeInProcess(subject.inProcess, all);
  note(`in-process all ${fmt(inProcessAll.ms)} ms`);
  const inProcessAws = await timeInProcess(subject.inProcess, aws);
  note(`in-process AWS-only ${fmt(inProcessAws.ms)} ms`);
  const protocol = await overProtocol(subject, all, aws);
  note(
    `startup ${fmt(protocol.startupMs)} ms, one at a time ${fmt(protocol.sequential.ms)} ms, 64 in flight ${fmt(protocol.inFlightAll)}/s`,
  );
  return { inProcessAll, inProcessAws, ...protocol };
}

function report(ours: Figures, peer: Figures, all: number, aws: number): void {
  const sorted = (l: number[]) => [...l].sort((a, b) => a - b);
  const seqRate = (l: number[]) =>
    perSecond(
      l.length,
      l.reduce((s, x) => s + x, 0),
    );
  const rows: [string, number, number][] = [
    [`in-process, all ${all} (res/s)`, perSecond(all, ours.inProcessAll.ms), perSecond(all, peer.inProcessAll.ms)],
    [`in-process, AWS-only ${aws} (res/s)`, perSecond(aws, ours.inProcessAws.ms), perSecond(aws, peer.inProcessAws.ms)],
    [`Analyze one at a time, all (res/s)`, seqRate(ours.sequential.latencies), seqRate(peer.sequential.latencies)],
    [
      `Analyze one at a time, AWS-only (res/s)`,
      seqRate(ours.sequential.awsLatencies),
      seqRate(peer.sequential.awsLatencies),
    ],
    [`Analyze ${IN_FLIGHT} in flight, all (res/s)`, ours.inFlightAll, peer.inFlightAll],
    [`Analyze ${IN_FLIGHT} in flight, AWS-only (res/s)`, ours.inFlightAws, peer.inFlightAws],
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    console.log(`${a.padEnd(44)}${b.padStart(16)}${c.padStart(14)}${d.padStart(10)}`);
  line("", "hardening-kit", "awsguard", "ratio");
  for (const [label, o, p] of rows) line(label, fmt(o), fmt(p), `${fmt(o / p, 2)}x`);
  line("pack startup, median of 3 (ms)", fmt(ours.startupMs), fmt(peer.startupMs), "");
  line("Analyze median (ms)", fmt(median(ours.sequential.latencies), 3), fmt(median(peer.sequential.latencies), 3), "");
  line(
    "Analyze p95 (ms)",
    fmt(percentile(sorted(ours.sequential.latencies), 95), 3),
    fmt(percentile(sorted(peer.sequential.latencies), 95), 3),
    "",
  );
  line(`AnalyzeStack over ${all} (ms)`, fmt(ours.stackMs), fmt(peer.stackMs), "");
  line(`violations reported in-process, all`, fmt(ours.inProcessAll.violations), fmt(peer.inProcessAll.violations), "");

  const goal = (ok: boolean, text: string) => console.log(`${ok ? "PASS" : "MISS"}  ${text}`);
  console.log("\nGoals (issue 8):");
  goal(
    ours.inProcessAll.ms <= 1000 * (all / 10_000),
    `full pack over ${all} in-process: ${fmt(ours.inProcessAll.ms)} ms (goal <= ${fmt(all / 10)} ms)`,
  );
  for (const [label, o, p] of rows.filter(([l]) => l.includes("AWS-only"))) {
    goal(o >= 2 * p, `>= 2x the peer per resource, ${label.replace(" (res/s)", "")}: ${fmt(o / p, 2)}x`);
  }
  goal(ours.startupMs <= 1500, `pack startup: ${fmt(ours.startupMs)} ms (goal <= 1,500 ms)`);
  const med = median(ours.sequential.latencies);
  goal(med <= 1, `Analyze median: ${fmt(med, 3)} ms (goal <= 1 ms)`);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const all = syntheticStack(count);
  const aws = all.filter((r) => cloudOf(r.type) === "aws");
  const resourcePolicies = allPolicies.filter((p) => "validateResource" in p);
  const peerPolicies = loadAwsGuardPolicies();
  const ours: Subject = {
    label: "hardening-kit",
    packDir: path.join(repoRoot(), "policies"),
    policyCount: allPolicies.length,
    inProcess: new InProcessPack(loadPolicySdk(repoRoot()), "hardening-kit", resourcePolicies),
  };
  const peer: Subject = {
    label: "awsguard",
    packDir: PEER_PACK_DIR,
    policyCount: peerPolicies.length,
    inProcess: new InProcessPack(loadPolicySdk(PEER_PACK_DIR), "pulumi-awsguard", peerPolicies),
  };
  console.log(`machine: ${machine()}`);
  console.log(
    `resources: ${all.length} (${aws.length} AWS, ${all.length - aws.length} Alibaba Cloud); policies: ` +
      `hardening-kit ${ours.policyCount}, awsguard ${peer.policyCount}\n`,
  );
  const oursFigures = await measure(ours, all, aws);
  const peerFigures = await measure(peer, all, aws);
  report(oursFigures, peerFigures, all.length, aws.length);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
