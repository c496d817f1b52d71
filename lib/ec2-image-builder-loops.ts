// An AWSTOE step with a `loop` runs once per item, `{{ loop.value }}` (or `{{ <loop name>.value }}`) standing for the
// item in its inputs: `echo '{{ loop.value }}' >> /etc/ssh/sshd_config` over `[PermitRootLogin yes]` writes that
// line. Each iteration is read as the step it is. Loops may be hostile: bounded, nothing thrown.
import { splicedDeep } from "./template-substitution";
import { obj } from "./values";

/** Iterations read per loop; the items beyond are read no differently from those before. */
const MAX_ITERATIONS = 64;

/** The step once per iteration of its loop, inputs spliced; the step itself when it has no loop read here. */
export function stepIterations(step: Record<string, unknown>): Record<string, unknown>[] {
  const loop = obj(step.loop);
  const items = loop && loopItems(loop);
  if (!items || items.length === 0) return [step];
  const names = ["loop", ...(typeof loop.name === "string" ? [loop.name] : [])];
  return items.slice(0, MAX_ITERATIONS).map((value, index) => {
    const valueOf = (reference: string) => {
      const [loopName, field, ...rest] = reference.split(".");
      if (rest.length > 0 || !names.includes(loopName)) return undefined;
      return field === "value" ? value : field === "index" ? index : undefined;
    };
    return { ...step, inputs: splicedDeep(step.inputs, valueOf) };
  });
}

/** `forEach: [a, b]`, `forEach: { list: "a,b", delimiter: "," }`, `for: { start, end, updateBy }`. */
function loopItems(loop: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(loop.forEach)) return loop.forEach;
  const spec = obj(loop.forEach);
  if (spec && typeof spec.list === "string") {
    const delimiter = typeof spec.delimiter === "string" && spec.delimiter !== "" ? spec.delimiter : ",";
    return spec.list.split(delimiter);
  }
  const range = obj(loop.for);
  if (!range) return undefined;
  const [start, end, step] = [range.start, range.end, range.updateBy].map(Number);
  if (![start, end, step].every(Number.isFinite) || step === 0 || Math.sign(end - start) * Math.sign(step) < 0)
    return undefined;
  const items: number[] = [];
  for (let n = start; step > 0 ? n <= end : n >= end; n += step) {
    items.push(n);
    if (items.length >= MAX_ITERATIONS) break;
  }
  return items;
}
