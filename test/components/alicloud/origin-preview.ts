// The resources the mocks recorded under a prefix, as a preview plans them for the policy harness: a mock id
// (`<name>-id`) or a stand-in value (a load balancer's address or DNS name) anywhere in an input is unknown, with a
// property dependency on the resource it came from.
import { recorded } from "./mocks";
import { StackInput, UNKNOWN, urnOf } from "../../policies/harness";

/** `standIns`: values the mocks cannot produce (outputs such as an ALB's dnsName) and the resource name they stand for. */
export function asPreview(prefix: string, standIns: Record<string, string> = {}): StackInput[] {
  const mine = recorded.filter(
    (r) => r.name.startsWith(`${prefix}-`) && !r.type.startsWith("pulumi:") && !r.type.startsWith("hardening:"),
  );
  const refs = new Map(mine.map((r) => [`${r.name}-id`, urnOf(r.type, r.name)]));
  for (const [value, name] of Object.entries(standIns)) {
    const source = mine.find((r) => r.name === name)!;
    refs.set(value, urnOf(source.type, source.name));
  }
  const unknownRefs = (value: unknown, found: Set<string>): unknown => {
    if (typeof value === "string" && refs.has(value)) {
      found.add(refs.get(value)!);
      return UNKNOWN;
    }
    if (Array.isArray(value)) return value.map((v) => unknownRefs(v, found));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownRefs(v, found)]));
    }
    return value;
  };
  return mine.map((r) => {
    const props: Record<string, unknown> = {};
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(r.inputs)) {
      const found = new Set<string>();
      props[key] = unknownRefs(value, found);
      if (found.size > 0) propertyDependencies[key] = [...found];
    }
    return { type: r.type, name: r.name, props, propertyDependencies };
  });
}
