// Table rows for the stack policies: each row's stack gives exactly so many violations and notes (findings that
// cannot be verified at preview, reported as advisory), and with failClosed every note becomes mandatory.
import type { StackValidationPolicy } from "@pulumi/policy";
import { runStackPolicy } from "./policy-harness";
import { StackBuilder } from "./stack-builder";

export interface Probe {
  name: string;
  build: () => StackBuilder;
  violations: number;
  notes?: number;
  /** Text every finding (violation or note) contains. */
  says?: string;
  config?: Record<string, unknown>;
}

export function probes(policy: StackValidationPolicy, rows: Probe[]): void {
  it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, p) => {
    const resources = p.build().resources;
    const out = await runStackPolicy(policy, resources, p.config);
    const violations = out.filter((r) => !r.advisory);
    const notes = out.filter((r) => r.advisory);
    expect({ violations: violations.length, notes: notes.length }).toEqual({
      violations: p.violations,
      notes: p.notes ?? 0,
    });
    if (p.says) for (const f of out) expect(f.message).toContain(p.says);
    const closed = await runStackPolicy(policy, resources, { ...p.config, failClosed: true });
    expect(closed.filter((r) => !r.advisory)).toHaveLength(p.violations + (p.notes ?? 0));
  });
}
