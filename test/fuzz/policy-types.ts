// Which resource types a policy reads: from the policy's own metadata when it declares them, else from the type
// @pulumi/policy attaches to validateResourceOfType / validateStackResourcesOfType functions.

const METADATA_KEYS = ["resourceTypes", "reads", "types", "appliesTo"] as const;

function declaredTypes(policy: Record<string, unknown>): string[] | undefined {
  // The pack's rules carry their metadata (policies/lib/metadata.ts) under `metadata`.
  const metadata = (policy.metadata ?? {}) as Record<string, unknown>;
  for (const key of METADATA_KEYS) {
    const v = metadata[key] ?? policy[key];
    if (Array.isArray(v) && v.every((t) => typeof t === "string")) return v as string[];
  }
  return undefined;
}

function attachedTypes(policy: Record<string, unknown>): string[] {
  const fns = [policy.validateResource, policy.validateStack, policy.remediateResource].flat();
  // `__pulumiType` is what @pulumi/policy's internal getPulumiType reads for its type shortcut.
  const types = fns.filter((f) => typeof f === "function").map((f) => (f as { __pulumiType?: unknown }).__pulumiType);
  return types.filter((t): t is string => typeof t === "string");
}

/** `package:module/file:Type`; metadata may also hold prose such as "(network model: every host …)". */
const TYPE_TOKEN = /^[a-z0-9-]+:[A-Za-z0-9/._-]+:[A-Za-z0-9_]+$/;

/** The types a policy reads, or an empty list when it neither declares nor attaches any (it reads whatever comes). */
export function typesReadBy(policy: object): string[] {
  const p = policy as Record<string, unknown>;
  return [...new Set(declaredTypes(p) ?? attachedTypes(p))].filter((t) => TYPE_TOKEN.test(t));
}
