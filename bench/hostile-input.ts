// How the boot-script readers' time grows with input size on the hostile inputs their tests feed them (the shapes
// of bench/hostile-shapes-*.ts): each shape read at n and at 4n, best of a few runs, and the growth between them.
// n starts at about half the test's size and doubles while a read takes under 5 ms, so that timer noise does not
// decide the growth. Reading in linear time grows about 4x; a shape growing more than 8x is marked super-linear.
// Prints figures; asserts nothing. The shell text is only data handed to the readers; nothing runs it.
// Run: npm run build && node dist/bench/hostile-input.js [runs=5]
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Shape } from "./hostile-shapes";
import { SECRET_SHAPES } from "./hostile-shapes-secrets";
import { SHELL_SHAPES } from "./hostile-shapes-shell";
import { WINDOWS_SHAPES } from "./hostile-shapes-windows";
import { fmt, machine, nowMs } from "./synthetic/measure";

setFlagsFromString("--expose-gc");
const collectGarbage: () => void = runInNewContext("gc");

const RUNS = Number(process.argv[2] ?? 5);
const SCALE = 4;
const SUPER_LINEAR = 8;
/** n doubles, at most MAX_DOUBLINGS times, while a read at n takes less than this. */
const MIN_MS = 5;
const MAX_DOUBLINGS = 5;
/** Below this at n, timer noise decides the growth factor: it is printed but marks nothing. */
const TOO_FAST_MS = 1;

interface Timing {
  ms: number;
  chars: number;
}

/** The fastest of RUNS reads of the shape's text at size n, in ms, with the text's length; a read that throws ends it. */
function bestOf(shape: Shape, n: number): Timing {
  const text = shape.text(n);
  let ms = Infinity;
  for (let run = 0; run < RUNS; run++) {
    collectGarbage();
    const t0 = nowMs();
    shape.reader.read(text);
    ms = Math.min(ms, nowMs() - t0);
  }
  return { ms, chars: text.length };
}

interface Row {
  shape: Shape;
  /** What a read threw, at either size: a crash on hostile input, not a figure. */
  threw?: string;
  growth: number;
  /** Slow enough at n for its growth to mean something. */
  timed: boolean;
  superLinear: boolean;
}

/** The shape's n, doubled while a read at it is too fast to measure growth from, and its timing. */
function startingSize(shape: Shape): { n: number; small: Timing } {
  let n = shape.n;
  let small = bestOf(shape, n);
  for (let i = 0; i < MAX_DOUBLINGS && small.ms < MIN_MS; i++) small = bestOf(shape, (n *= 2));
  return { n, small };
}

function measure(shape: Shape): Row {
  const row = (cells: string) => console.log(`  ${shape.name.padEnd(48)}${shape.reader.name.padEnd(38)}${cells}`);
  let size = "n/10";
  let small: Timing;
  let large: Timing;
  try {
    shape.reader.read(shape.text(Math.ceil(shape.n / 10))); // compiled before it is timed
    size = "n";
    let n: number;
    ({ n, small } = startingSize(shape));
    size = `${SCALE}n`;
    large = bestOf(shape, SCALE * n);
  } catch (e) {
    const threw = `${(e as Error).name}: ${(e as Error).message}`;
    row(`THREW at ${size}: ${threw}`);
    return { shape, threw, growth: NaN, timed: false, superLinear: false };
  }
  const growth = large.ms / small.ms;
  const timed = small.ms >= TOO_FAST_MS;
  const superLinear = timed && growth > SUPER_LINEAR;
  const mark = superLinear ? "SUPER-LINEAR" : timed ? "" : "(too fast to tell)";
  row(
    `${fmt(small.chars).padStart(11)}${fmt(small.ms, 1).padStart(10)}${fmt(large.ms, 1).padStart(10)}` +
      `${`${fmt(growth, 1)}x`.padStart(8)}  ${mark}`,
  );
  return { shape, growth, timed, superLinear };
}

function main(): void {
  console.log(`machine: ${machine()}`);
  console.log(
    `each shape read at n and ${SCALE}n, best of ${RUNS}; super-linear: ${SCALE}x the input, over ${SUPER_LINEAR}x the time`,
  );
  console.log("");
  console.log(
    `  ${"shape".padEnd(48)}${"reader".padEnd(38)}${"chars at n".padStart(11)}` +
      `${"ms at n".padStart(10)}${`ms at ${SCALE}n`.padStart(10)}${"growth".padStart(8)}`,
  );
  const rows: Row[] = [];
  for (const [test, shapes] of Object.entries({ ...SHELL_SHAPES, ...WINDOWS_SHAPES, ...SECRET_SHAPES })) {
    console.log(test);
    for (const shape of shapes) rows.push(measure(shape));
  }
  const worst = rows.filter((r) => r.timed).reduce((a, b) => (b.growth > a.growth ? b : a));
  const count = (keep: (r: Row) => boolean) => rows.filter(keep).length;
  console.log("");
  console.log(
    `worst growth: ${fmt(worst.growth, 1)}x for ${SCALE}x the input (${worst.shape.name}, ${worst.shape.reader.name}); ` +
      `super-linear: ${count((r) => r.superLinear)} of ${rows.length} shapes; threw: ${count((r) => !!r.threw)}; ` +
      `too fast to tell: ${count((r) => !r.timed && !r.threw)}`,
  );
}

main();
