// The pack's policies with every check removed: what @pulumi/policy's Analyze handler costs for this set of
// policies alone (property decoding, the proxy, the arguments object and an await per policy that may apply).
// A policy keeps its single attached type, so the SDK skips other types exactly as it does for the real one.

type Validate = { __pulumiType?: string };

function doNothingLike(fn: Validate): Validate {
  const noop: Validate = () => undefined;
  if (fn.__pulumiType) noop.__pulumiType = fn.__pulumiType;
  return noop;
}

export function withoutChecks<P extends object>(policies: readonly P[]): P[] {
  return policies.map((p) => {
    if (!("validateResource" in p) || !p.validateResource) return p;
    const v = p.validateResource as Validate | Validate[];
    return { ...p, validateResource: Array.isArray(v) ? v.map(doNothingLike) : doNothingLike(v) };
  });
}
