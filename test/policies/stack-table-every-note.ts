// Rows as stack-table's, with `notes` counting every advisory: some rules word what they cannot verify after the
// resource's name ("…, retention cannot be verified"), not with the usual lead, so no note is told apart by its text.
import { StackValidationPolicy } from "@pulumi/policy";
import { advisory, mandatory, runStack } from "./harness";
import { StackCase } from "./stack-table";

/** A row whose notes must say why. */
export type EveryNoteCase = StackCase & { noteMentions?: string };

export function stackTableEveryNote(policy: StackValidationPolicy, cases: EveryNoteCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const ds = await runStack(policy, c.resources, c.config);
    const v = mandatory(ds);
    expect({ violations: v.length, notes: advisory(ds).length, all: ds.length }).toEqual({
      violations: c.violations,
      notes: c.notes ?? 0,
      all: c.violations + (c.notes ?? 0),
    });
    for (const d of v) {
      if (c.mentions) expect(d.message).toContain(c.mentions);
      if (c.urn) expect(d.urn).toBe(c.urn);
    }
    for (const d of advisory(ds)) if (c.noteMentions) expect(d.message).toContain(c.noteMentions);
  });
}
