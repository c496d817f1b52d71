// Table rows for the stack policies: each row's stack gives exactly so many violations and notes (findings that
// cannot be verified at preview, reported as advisory), and with failClosed every note becomes mandatory. Tables
// written for different rules read the notes more or less strictly, so each names the checks it wants.
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
  /** Text every violation contains. */
  mentions?: string;
  /** Text every note contains: the label of what was unknown. */
  label?: string;
  config?: Record<string, unknown>;
}

export interface ProbeChecks {
  /**
   * Count as notes only the advisories that start "cannot be verified", and fail a row with any other advisory.
   * Off: every advisory is a note.
   */
  onlyUnverifiedNotes?: boolean;
  /** With onlyUnverifiedNotes on, let other advisories pass uncounted instead of failing the row. */
  otherAdvisoriesAllowed?: boolean;
  /** Run each stack again with failClosed: every note must become mandatory (on by default). */
  failClosed?: boolean;
  /** With failClosed on, as many findings as there were notes must say they are failing closed. */
  failClosedSaysSo?: boolean;
}

/** A table runner: one test per row, checked as `checks` says. */
export function probesWith(checks: ProbeChecks): (policy: StackValidationPolicy, rows: Probe[]) => void {
  const {
    onlyUnverifiedNotes = false,
    otherAdvisoriesAllowed = false,
    failClosed = true,
    failClosedSaysSo = false,
  } = checks;
  return (policy, rows) =>
    it.each(rows.map((r) => [r.name, r] as const))("%s", async (_n, p) => {
      const resources = p.build().resources;
      const out = await runStackPolicy(policy, resources, p.config);
      const violations = out.filter((r) => !r.advisory);
      const notes = out.filter(
        (r) => r.advisory && (!onlyUnverifiedNotes || r.message.startsWith("cannot be verified")),
      );
      expect({
        violations: violations.length,
        notes: notes.length,
        other: otherAdvisoriesAllowed ? 0 : out.length - violations.length - notes.length,
      }).toEqual({ violations: p.violations, notes: p.notes ?? 0, other: 0 });
      if (p.says) for (const f of out) expect(f.message).toContain(p.says);
      if (p.mentions) for (const v of violations) expect(v.message).toContain(p.mentions);
      if (p.label) for (const n of notes) expect(n.message).toContain(p.label);
      if (!failClosed) return;
      const closed = await runStackPolicy(policy, resources, { ...p.config, failClosed: true });
      expect(closed.filter((r) => !r.advisory)).toHaveLength(p.violations + (p.notes ?? 0));
      if (failClosedSaysSo)
        expect(closed.filter((r) => r.message.includes("failing closed"))).toHaveLength(p.notes ?? 0);
    });
}

/** Every advisory is a note, and with failClosed every note becomes mandatory. */
export const probes = probesWith({});
