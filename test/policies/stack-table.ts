// Table helper for stack rules, like harness `table` for resource rules: each row is a small stack and the number
// of mandatory violations and advisory notes (unknown values) it must produce, and where the violations land.
import { StackValidationPolicy } from "@pulumi/policy";
import { runStack, StackInput } from "./harness";

export interface StackCase {
  name: string;
  resources: StackInput[];
  violations: number;
  notes?: number;
  /** Substring every violation message must contain. */
  mentions?: string;
  /** URN every violation must be attached to. */
  urn?: string;
  config?: Record<string, unknown>;
}

export function stackTable(policy: StackValidationPolicy, cases: StackCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const ds = await runStack(policy, c.resources, c.config);
    const v = ds.filter((d) => d.level === "mandatory");
    const notes = ds.filter((d) => d.level === "advisory" && d.message.startsWith("cannot be verified"));
    expect({ violations: v.length, notes: notes.length, other: ds.length - v.length - notes.length }).toEqual({
      violations: c.violations,
      notes: c.notes ?? 0,
      other: 0,
    });
    for (const d of v) {
      if (c.mentions) expect(d.message).toContain(c.mentions);
      if (c.urn) expect(d.urn).toBe(c.urn);
    }
  });
}
