// Runs a stack policy's validateStack the way @pulumi/policy does: props behind the unknown-checking proxy,
// dependencies as resource objects.
import { PolicyResource, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { GenericResource } from "../../lib/reachability";

export interface Reported {
  message: string;
  urn?: string;
  advisory: boolean;
}

export function toPolicyResources(resources: readonly GenericResource[]): PolicyResource[] {
  const out = resources.map(
    (r) =>
      ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: unknownCheckingProxy(r.inputs),
        opts: {},
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
      }) as unknown as PolicyResource,
  );
  const byUrn = new Map(out.map((p) => [p.urn, p]));
  resources.forEach((r, i) => {
    out[i].dependencies = r.dependencies.map((d) => byUrn.get(d)!).filter(Boolean);
    for (const [k, deps] of Object.entries(r.propertyDependencies))
      out[i].propertyDependencies[k] = deps.map((d) => byUrn.get(d)!).filter(Boolean);
  });
  return out;
}

export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly GenericResource[],
  config: Record<string, unknown> = {},
): Promise<Reported[]> {
  const reported: Reported[] = [];
  const report = (message: unknown, urn?: string) => {
    if (typeof message === "object" && message !== null) {
      const m = message as { message: string; urn?: string; enforcementLevel?: string };
      reported.push({ message: m.message, urn: m.urn, advisory: m.enforcementLevel === "advisory" });
    } else reported.push({ message: String(message), urn, advisory: false });
  };
  await policy.validateStack(
    {
      resources: toPolicyResources(resources),
      getConfig: <T>() => config as T,
      stackTags: new Map(),
      notApplicable: (reason?: string): never => {
        throw new Error(`not applicable: ${reason}`);
      },
    } as Parameters<StackValidationPolicy["validateStack"]>[0],
    report as Parameters<StackValidationPolicy["validateStack"]>[1],
  );
  return reported;
}

export const mandatory = (rs: Reported[]) => rs.filter((r) => !r.advisory);

/** How many violations and notes the policies report on one resource of the stack. */
export async function verdictsOn(
  policies: readonly StackValidationPolicy[],
  resources: readonly GenericResource[],
  urn: string,
): Promise<{ violations: number; notes: number }> {
  const out: Reported[] = [];
  for (const policy of policies) out.push(...(await runStackPolicy(policy, resources)).filter((r) => r.urn === urn));
  return { violations: mandatory(out).length, notes: out.filter((r) => r.advisory).length };
}
