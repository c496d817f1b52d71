// Where the findings of a template with `{{ name }}` references and of the runs of the stack that fill it land: a
// weakening only the values make lands on the run, the resource a fix must change (the same template may run
// elsewhere with hardened values). A template no run of the stack fills keeps its own reading: it may be run from
// outside the stack, with any values.
import { GenericResource } from "../../lib/reachability";
import { Finding } from "./findings";
import { StackFinding } from "./stack-rule";

const on = (urn: string, findings: readonly Finding[]): StackFinding[] => findings.map((f) => ({ urn, ...f }));

export function templateRunFindings<Run extends { urn: string }>(
  template: GenericResource,
  runs: readonly Run[],
  unrun: () => readonly Finding[],
  ran: (run: Run) => readonly Finding[],
): StackFinding[] {
  if (runs.length === 0) return on(template.urn, unrun());
  return runs.flatMap((run) => on(run.urn, ran(run)));
}
