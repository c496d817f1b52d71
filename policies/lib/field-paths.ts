// Values at a path that may cross lists (`nodeGroups[].nodes[].loginPassword`): one entry per element reached, with
// a block unknown at preview reported as such rather than read as absent.
import { isUnknown, list, obj } from "../../lib/values";

export type PathValue =
  | { path: string; value: unknown }
  /** A block on the way is unknown at preview: what it holds cannot be read. */
  | { path: string; unknownBlock: true };

/** Every value at `path`; `key[]` steps into each element of a list, naming it `key[i]` in the result. */
export function valuesAt(props: Record<string, unknown>, path: string): PathValue[] {
  let reached: { path: string; value: unknown }[] = [{ path: "", value: props }];
  const blocked: PathValue[] = [];
  for (const step of path.split(".")) {
    const key = step.endsWith("[]") ? step.slice(0, -2) : step;
    const next: { path: string; value: unknown }[] = [];
    for (const r of reached) {
      if (isUnknown(r.value)) {
        blocked.push({ path: r.path, unknownBlock: true });
        continue;
      }
      const here = r.path ? `${r.path}.${key}` : key;
      const v = obj(r.value)?.[key];
      if (!step.endsWith("[]")) next.push({ path: here, value: v });
      else if (isUnknown(v)) blocked.push({ path: here, unknownBlock: true });
      else list(v).forEach((e, i) => next.push({ path: `${here}[${i}]`, value: e }));
    }
    reached = next;
  }
  return [...blocked, ...reached];
}
