// Runs a policy the way @pulumi/policy's analyzer does: props behind the unknown-checking proxy, violations reported
// as strings (policy level) or objects (their own level), getConfig returning the policy's config.
import {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { UNKNOWN } from "../../lib/values";

export { UNKNOWN };

export interface Diagnostic {
  policy: string;
  level: string;
  message: string;
  urn?: string;
}

export interface RunOptions {
  name?: string;
  urn?: string;
  config?: Record<string, unknown>;
  /** The resource's provider: its URN and inputs as the engine sends them (none by default). */
  provider?: { urn: string; props: Record<string, unknown> };
}

function reporter(policy: ResourceValidationPolicy | StackValidationPolicy, out: Diagnostic[]) {
  return (message: unknown, urn?: string) => {
    if (typeof message === "object" && message !== null) {
      const m = message as { name?: string; message?: string; enforcementLevel?: string; urn?: string };
      out.push({
        policy: m.name ?? policy.name,
        level: m.enforcementLevel ?? policy.enforcementLevel ?? "advisory",
        message: m.message ?? policy.description,
        urn: m.urn,
      });
    } else {
      const text = message ? `${policy.description}\n${message}` : policy.description;
      out.push({ policy: policy.name, level: policy.enforcementLevel ?? "advisory", message: text, urn });
    }
  };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::hardening-kit::${type}::${name}`;
}

function argsOf(type: string, props: Record<string, unknown>, opts: RunOptions): ResourceValidationArgs {
  const name = opts.name ?? "res";
  return {
    type,
    name,
    urn: opts.urn ?? urnOf(type, name),
    props: unknownCheckingProxy(structuredClone(props)),
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => (opts.config ?? {}) as T,
    notApplicable: (reason?: string) => {
      throw new Error(`not applicable: ${reason}`);
    },
    ...(opts.provider
      ? {
          provider: {
            urn: opts.provider.urn,
            type: opts.provider.urn.split("::")[2],
            name: opts.provider.urn.split("::").pop() ?? "",
            props: unknownCheckingProxy(structuredClone(opts.provider.props)),
          },
        }
      : {}),
  };
}

export async function run(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  opts: RunOptions = {},
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const validations = policy.validateResource ? [policy.validateResource].flat() : [];
  // Mirror the analyzer's shortcut: a typed validation is skipped for other types.
  for (const v of validations) {
    const typed = (v as { __pulumiType?: string }).__pulumiType;
    if (typed && typed !== type) continue;
    await v(argsOf(type, props, opts), reporter(policy, out) as never);
  }
  return out;
}

export async function remediate(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  opts: RunOptions = {},
): Promise<Record<string, unknown> | undefined> {
  return (await policy.remediateResource?.(argsOf(type, props, opts))) ?? undefined;
}

export interface StackInput {
  type: string;
  name: string;
  props: Record<string, unknown>;
  propertyDependencies?: Record<string, string[]>;
  /** URNs of resources of the same list this one depends on. */
  dependencies?: string[];
  /** URN of the provider resource it is managed with (none: no provider sent). */
  provider?: string;
  /** The inputs of that provider as the engine sends them (region, allowedAccountIds…); none by default. */
  providerProps?: Record<string, unknown>;
}

export async function runStack(
  policy: StackValidationPolicy,
  resources: StackInput[],
  config: Record<string, unknown> = {},
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const built = resources.map((r) => ({
    type: r.type,
    name: r.name,
    urn: urnOf(r.type, r.name),
    props: unknownCheckingProxy(structuredClone(r.props)),
    opts: argsOf(r.type, {}, {}).opts,
    dependencies: [] as unknown[],
    propertyDependencies: {} as Record<string, unknown[]>,
    isType: () => false,
    asType: () => undefined,
    ...(r.provider
      ? {
          provider: {
            urn: r.provider,
            type: r.provider.split("::")[2],
            name: r.provider.split("::").pop(),
            props: unknownCheckingProxy(structuredClone(r.providerProps ?? {})),
          },
        }
      : {}),
  }));
  resources.forEach((r, i) => {
    built[i].dependencies = built.filter((b) => r.dependencies?.includes(b.urn));
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {}))
      built[i].propertyDependencies[k] = built.filter((b) => urns.includes(b.urn));
  });
  await policy.validateStack(
    {
      resources: built as never,
      getConfig: <T extends object>() => config as T,
      stackTags: new Map(),
      notApplicable: () => undefined as never,
    },
    reporter(policy, out) as never,
  );
  return out;
}

export const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.level === "mandatory");
export const advisory = (ds: Diagnostic[]) => ds.filter((d) => d.level === "advisory");

/** Table row: a named fixture and the number of mandatory violations and advisory notes expected. */
export interface Case {
  name: string;
  type: string;
  props: Record<string, unknown>;
  /** Mandatory violations expected (0 = must pass). */
  violations: number;
  /** Advisory notes expected (unknown values); defaults to 0. */
  notes?: number;
  /** Substring every violation message must contain. */
  mentions?: string;
  resourceName?: string;
}

/** One test per case; `config` is the policy's own, as `--policy-pack-config` gives it. */
export function table(policy: ResourceValidationPolicy, cases: Case[], config?: Record<string, unknown>) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const ds = await run(policy, c.type, c.props, { name: c.resourceName, ...(config ? { config } : {}) });
    const v = ds.filter((d) => d.level === policy.enforcementLevel && !d.message.startsWith("cannot be verified"));
    const notes = ds.filter((d) => d.message.startsWith("cannot be verified"));
    expect({ violations: v.length, notes: notes.length }).toEqual({ violations: c.violations, notes: c.notes ?? 0 });
    if (c.mentions) for (const d of v) expect(d.message).toContain(c.mentions);
  });
}
