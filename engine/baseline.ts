// A previous `--json` document, read as the state a preview is compared with (`--baseline FILE`).
import * as fs from "fs";
import type { ResourceOptions } from "./model";
import { urnName } from "./urn";

export interface BaselineResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  inputs: Record<string, unknown>;
  options?: ResourceOptions;
  /** "read" resources were only looked up: they are neither claimed nor deleted. */
  step?: string;
}

export interface Baseline {
  stack: string;
  resources: BaselineResource[];
}

export class BaselineError extends Error {}

export function parseBaseline(doc: unknown, source = "the baseline"): Baseline {
  const d = doc as { stack?: unknown; resources?: unknown };
  if (typeof d !== "object" || d === null || typeof d.stack !== "string" || !Array.isArray(d.resources)) {
    throw new BaselineError(`${source} is not a preview --json document: expected {"stack": ..., "resources": [...]}`);
  }
  const bad = d.resources.filter((r) => typeof r?.urn !== "string" || typeof r?.type !== "string").length;
  if (bad) throw new BaselineError(`${source}: ${bad} resources have no "urn" or "type" string`);
  return {
    stack: d.stack,
    // A hand-edited entry may lack its name: the URN always holds it.
    resources: d.resources.map((r) => ({
      ...r,
      name: typeof r.name === "string" ? r.name : urnName(r.urn),
      inputs: r.inputs ?? {},
    })),
  };
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${file}: ${(e as Error).message}`);
  }
  try {
    return parseBaseline(JSON.parse(text), file);
  } catch (e) {
    if (e instanceof BaselineError) throw e;
    throw new BaselineError(`the baseline ${file} is not JSON (${(e as Error).message}); pass a saved --json output`);
  }
}
