// AnalyzeStack's resources as the reachability model reads them: raw inputs (unknowns visible, never thrown),
// dependencies as URNs, and the inputs of the provider each is managed with (its region and account).
// The SDK hands every stack policy a list of its own, but the props behind each resource's proxy are one object per
// request message (convert-once.ts): such a resource is converted once and every policy gets that one object, so the
// stack rules can share what they derive from the whole list (stack-view.ts). A conversion is reused only while
// everything it was made from is the same; anything else converts afresh.
import { PolicyResource } from "@pulumi/policy";
import { rawProps } from "../../lib/values";
import { decodedFromMessage } from "../lib/convert-once";
import { ProvidedResource } from "../lib/provider-accounts";

/**
 * The last list converted, by its first resource's props: the next policy's list is checked against it in order.
 * Only props decoded from the request's message are remembered (a list a test builds may change between calls).
 */
const convertedByFirstProps = new WeakMap<object, readonly (ProvidedResource | undefined)[]>();

export function toGenericResources(resources: readonly PolicyResource[]): ProvidedResource[] {
  if (resources.length === 0) return [];
  const firstInputs = rawProps(resources[0].props);
  if (!decodedFromMessage(firstInputs)) return resources.map((r) => convert(r, rawProps(r.props)));
  const before = convertedByFirstProps.get(firstInputs);
  const out: ProvidedResource[] = [];
  const kept: (ProvidedResource | undefined)[] = [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const inputs = i === 0 ? firstInputs : rawProps(r.props);
    const known = before?.[i];
    if (known !== undefined && known.inputs === inputs && convertedFrom(known, r)) {
      out.push(known);
      kept.push(known);
      continue;
    }
    const fresh = convert(r, inputs);
    out.push(fresh);
    kept.push(decodedFromMessage(inputs) ? fresh : undefined);
  }
  convertedByFirstProps.set(firstInputs, kept);
  return out;
}

function convert(r: PolicyResource, inputs: Record<string, unknown>): ProvidedResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, deps] of Object.entries(r.propertyDependencies ?? {}))
    propertyDependencies[k] = deps.map((d) => d.urn);
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    inputs,
    propertyDependencies,
    dependencies: (r.dependencies ?? []).map((d) => d.urn),
    ...(r.provider?.urn ? { provider: r.provider.urn, providerInputs: rawProps(r.provider.props) } : {}),
  };
}

/** True when converting `r` again would give what `g` holds (its inputs are the same object already). */
function convertedFrom(g: ProvidedResource, r: PolicyResource): boolean {
  if (g.urn !== r.urn || g.type !== r.type || g.name !== r.name) return false;
  if (!sameUrns(g.dependencies, r.dependencies ?? [])) return false;
  if (!samePropertyDependencies(g.propertyDependencies, r.propertyDependencies ?? {})) return false;
  if (!r.provider?.urn) return g.provider === undefined && !("providerInputs" in g);
  return g.provider === r.provider.urn && g.providerInputs === rawProps(r.provider.props);
}

function sameUrns(urns: readonly string[], resources: readonly { urn: string }[]): boolean {
  return urns.length === resources.length && urns.every((u, i) => u === resources[i].urn);
}

/** Same keys in the same order (callers iterate them), each with the same URNs. */
function samePropertyDependencies(
  urns: Record<string, string[]>,
  resources: Record<string, readonly { urn: string }[]>,
): boolean {
  const keys = Object.keys(urns);
  const others = Object.keys(resources);
  return keys.length === others.length && keys.every((k, i) => k === others[i] && sameUrns(urns[k], resources[k]));
}
