// The user-data reader's cold cost per boot script: the synthetic stack's scripts (bench/synthetic/posture.ts, by
// role and posture, plain or base64 as the generator makes them), each made distinct by a line naming its own
// resource (as bench/synthetic/distinct-scripts.ts does), so the reader's memo never helps. Each is decoded and read
// once, as the boot-script policy reads it; warm-up rounds of other distinct scripts come first. A second figure
// reads the shell reader's hostile shapes (bench/hostile-shapes-shell.ts) once each at their benchmark size.
// Prints figures; asserts nothing. The scripts are only data handed to the reader; nothing runs them.
// Run: npm run build && node dist/bench/reader-scripts.js [count=2000] [rounds=3]
import { decodeUserData, findLoginWeaknesses } from "../lib/userdata";
import { SHELL_SHAPES } from "./hostile-shapes-shell";
import { withDistinctScripts } from "./synthetic/distinct-scripts";
import { b64, bootScript, postureOf } from "./synthetic/posture";
import { Prng } from "./synthetic/prng";
import { fmt, machine, median, nowMs, percentile } from "./synthetic/measure";

const SCRIPTS = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.argv[3] ?? 3);
/** Share of scripts the generator sends base64-encoded (launch templates and Alibaba Cloud instances). */
const BASE64_SHARE = 0.45;
const HOSTILE_RUNS = 3;
const WARM_UP_ROUNDS = 3;

/** `count` boot scripts as the synthetic stack holds them, each distinct from every other (its `round` too). */
function distinctScripts(count: number, round: number): string[] {
  const rng = new Prng(20261201 + round);
  return withDistinctScripts(
    Array.from({ length: count }, (_v, i) => {
      const script = bootScript(rng, postureOf(rng));
      return {
        type: "aws:ec2/instance:Instance",
        name: `web-${round}-${i}`,
        urn: `urn:pulumi:bench::hardening-kit::aws:ec2/instance:Instance::web-${round}-${i}`,
        props: { userData: rng.chance(BASE64_SHARE) ? b64(script) : script },
      };
    }),
  ).map((r) => r.props.userData as string);
}

/** Each script's read time in µs, decoding included. */
function readEach(scripts: readonly string[]): number[] {
  return scripts.map((script) => {
    const t0 = nowMs();
    findLoginWeaknesses(decodeUserData(script));
    return (nowMs() - t0) * 1000;
  });
}

function hostileMs(): number {
  let total = 0;
  for (const shape of Object.values(SHELL_SHAPES).flat()) {
    const text = shape.text(shape.n);
    let best = Infinity;
    for (let run = 0; run < HOSTILE_RUNS; run++) {
      // A text past the memo's size limit is read afresh; a shorter one is made distinct for each run.
      const own = `${text}\n# run ${run}`;
      const t0 = nowMs();
      shape.reader.read(own);
      best = Math.min(best, nowMs() - t0);
    }
    total += best;
  }
  return total;
}

function main(): void {
  console.log(machine());
  // Warm-up: the reader's code optimised before any round is timed. No garbage is collected by force between rounds:
  // `--expose-gc` set at run time made every read slower here.
  for (let round = -WARM_UP_ROUNDS; round < 0; round++) readEach(distinctScripts(SCRIPTS, round));
  const medians: number[] = [];
  const totals: number[] = [];
  const cpus: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const scripts = distinctScripts(SCRIPTS, round);
    const cpu0 = process.cpuUsage();
    const t0 = nowMs();
    const us = readEach(scripts).sort((a, b) => a - b);
    const totalMs = nowMs() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuUs = (cpu.user + cpu.system) / SCRIPTS;
    medians.push(median(us));
    totals.push(totalMs);
    cpus.push(cpuUs);
    console.log(
      `round ${round}: ${fmt(SCRIPTS)} distinct scripts: median ${fmt(median(us), 1)} µs, p95 ${fmt(
        percentile(us, 95),
        1,
      )} µs, total ${fmt(totalMs, 1)} ms (${fmt((totalMs * 1000) / SCRIPTS, 1)} µs per script; CPU ${fmt(cpuUs, 1)} µs)`,
    );
  }
  // The wall-clock total counts time the process waited for a core (the machine is shared); the CPU time does not.
  console.log(
    `median of ${ROUNDS} rounds, µs per script: ${fmt(median(medians), 1)} median read, ${fmt(
      (median(totals) * 1000) / SCRIPTS,
      1,
    )} wall total / count, ${fmt(median(cpus), 1)} CPU total / count`,
  );
  const shapes = Object.values(SHELL_SHAPES).flat().length;
  console.log(
    `hostile shell shapes: ${shapes} read at size, best of ${HOSTILE_RUNS}: ${fmt(hostileMs(), 1)} ms in all`,
  );
}

main();
