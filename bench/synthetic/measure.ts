// Timing helpers and the machine description every printed figure is tied to.
import * as fs from "fs";
import * as os from "os";

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i];
}

export const median = (ms: readonly number[]): number =>
  percentile(
    [...ms].sort((a, b) => a - b),
    50,
  );

export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** Runs `task` over every item with at most `inFlight` pending at once; resolves when all settle. */
export async function inParallel<T>(
  items: readonly T[],
  inFlight: number,
  task: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
}

export function machine(): string {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU";
  return `${model}; nproc ${os.availableParallelism()}; node ${process.version}; load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
