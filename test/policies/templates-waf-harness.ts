// What the template WAF tests share: a CloudFormation stack `web` deploying a template body, and the check that a
// rule reports the mandatory violations and "cannot be verified" notes a row expects and nothing else, every finding
// (violation or note) on one URN: by default that container, where findings on template resources land.
import { StackValidationPolicy } from "@pulumi/policy";
import { Diagnostic, runStack, StackInput, urnOf } from "./harness";
import { StackCase } from "./stack-table";
import { stacksNamed } from "./template-bodies";
import { CFN_STACK } from "./templates-fixtures";

/** What one rule must report; `mentions` is in every finding, note or violation. */
export type TemplateOutcome = Pick<StackCase, "violations" | "notes" | "mentions">;

/** A row of `templateTable`; `urn` is where every finding lands (default: the container `web`). */
export type TemplateCase = Omit<StackCase, "config">;

/** The stack that deploys the template. */
export const container = urnOf(CFN_STACK, "web");

/** Checks findings against `want`: that many violations and "cannot be verified" notes, nothing else. */
export function expectFindingCounts(ds: Diagnostic[], want: TemplateOutcome) {
  const violations = ds.filter((d) => d.level === "mandatory");
  const notes = ds.filter((d) => d.level === "advisory" && d.message.startsWith("cannot be verified"));
  expect({
    violations: violations.length,
    notes: notes.length,
    other: ds.length - violations.length - notes.length,
  }).toEqual({ violations: want.violations, notes: want.notes ?? 0, other: 0 });
  if (want.mentions) for (const d of ds) expect(d.message).toContain(want.mentions);
}

/** Runs the rule on the resources and checks its findings against `want`, each attached to `urn`. */
export async function expectTemplateFindings(
  policy: StackValidationPolicy,
  resources: StackInput[],
  want: TemplateOutcome,
  urn = container,
) {
  const ds = await runStack(policy, resources);
  expectFindingCounts(ds, want);
  for (const d of ds) expect(d.urn).toBe(urn);
}

/** One test a row: the rule's findings on the row's resources. */
export function templateTable(policy: StackValidationPolicy, cases: TemplateCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    await expectTemplateFindings(policy, c.resources, c, c.urn);
  });
}

export { cfn } from "./template-bodies";

/** The container `web` deploying the body, with its other inputs and resource fields. */
export const stack = (templateBody: string, props: Record<string, unknown> = {}, more: Partial<StackInput> = {}) =>
  stacksNamed("web")(CFN_STACK, templateBody, props, more);

/** Metrics and sampled requests on, as every template web ACL and rule writes its VisibilityConfig. */
export const VISIBILITY = { CloudWatchMetricsEnabled: true, MetricName: "m", SampledRequestsEnabled: true };
