// A component's recorded resources as the plan a preview would analyse: the mocks resolve ids to "<name>-id" (./mock-ids.ts), which
// a preview does not know yet, so each such reference becomes unknown with a property dependency on its resource.
import { StackInput, UNKNOWN, urnOf } from "../policies/harness";
import { mockIdOf } from "./mock-ids";

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export function asPreviewStack(recorded: readonly RecordedResource[]): StackInput[] {
  const byId = new Map(recorded.map((r) => [mockIdOf(r.type, r.name), urnOf(r.type, r.name)]));
  return recorded
    .filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"))
    .map((r) => {
      const props: Record<string, unknown> = {};
      const propertyDependencies: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(r.inputs)) {
        const urn = typeof value === "string" ? byId.get(value) : undefined;
        props[key] = urn ? UNKNOWN : value;
        if (urn) propertyDependencies[key] = [urn];
      }
      return { type: r.type, name: r.name, props, propertyDependencies };
    });
}
