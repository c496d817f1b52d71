// Table rows for a rule that judges some settings per resource and others across the stack (policies/lib/stack-checks.ts):
// each row's resource goes through both parts, alone in its stack, and the diagnostics are counted together as harness
// `table` counts them, so a row means what it meant when the rule was a resource rule only.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Case, Diagnostic, run, runStack, StackInput } from "./harness";
import { StackCase } from "./stack-table";

export type CombinedPolicy = ResourceValidationPolicy & Partial<Pick<StackValidationPolicy, "validateStack">>;

export async function runAlone(policy: CombinedPolicy, c: Pick<Case, "type" | "props" | "resourceName">) {
  const name = c.resourceName ?? "res";
  const own = await run(policy, c.type, c.props, { name });
  const stack = policy.validateStack
    ? await runStack(policy as StackValidationPolicy, [{ type: c.type, name, props: c.props }])
    : [];
  return [...own, ...stack];
}

export function countOf(policy: CombinedPolicy, ds: Diagnostic[]) {
  const unverified = (d: Diagnostic) => d.message.startsWith("cannot be verified");
  return {
    violations: ds.filter((d) => d.level === policy.enforcementLevel && !unverified(d)),
    notes: ds.filter(unverified),
  };
}

export function combinedTable(policy: CombinedPolicy, cases: Case[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const { violations, notes } = countOf(policy, await runAlone(policy, c));
    expect({ violations: violations.length, notes: notes.length }).toEqual({
      violations: c.violations,
      notes: c.notes ?? 0,
    });
    if (c.mentions) for (const d of violations) expect(d.message).toContain(c.mentions);
  });
}

/** A small plan through both parts: each resource through the resource part, the whole plan through the stack part. */
export async function runPlan(
  policy: CombinedPolicy,
  resources: StackInput[],
  config: Record<string, unknown> = {},
): Promise<Diagnostic[]> {
  const own = await Promise.all(resources.map((r) => run(policy, r.type, r.props, { name: r.name, config })));
  const stack = policy.validateStack ? await runStack(policy as StackValidationPolicy, resources, config) : [];
  return [...own.flat(), ...stack];
}

/** Like stackTable, for a rule with both parts; `urn` is where every violation must land. */
export function planTable(policy: CombinedPolicy, cases: StackCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const { violations, notes } = countOf(policy, await runPlan(policy, c.resources, c.config));
    expect({ violations: violations.length, notes: notes.length }).toEqual({
      violations: c.violations,
      notes: c.notes ?? 0,
    });
    for (const d of violations) {
      if (c.mentions) expect(d.message).toContain(c.mentions);
      if (c.urn) expect(d.urn).toBe(c.urn);
    }
  });
}
