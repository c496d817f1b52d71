// The `import` resource option: the engine adopts an existing cloud resource instead of creating one
// (pkg/resource/deploy/step_generator.go plans an import step). Offline nothing can read that resource, so the plan
// keeps the program's inputs as its state.
import type { ResourceOptions } from "./model";

/** Recorded with a registration's options, so it reaches the steps and the `--json` options. */
export interface ImportOption {
  import?: string;
}

export function importIdOf(options: ResourceOptions | undefined): string | undefined {
  const id = (options as ImportOption | undefined)?.import;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The warning each imported resource gets: its real state is unknown offline. */
export function importCaveat(id: string): string {
  return `offline preview cannot read ${id}; the plan assumes its state matches the inputs`;
}
