// The fuzzer must make bags for every resource type any policy of the pack reads, or that policy goes unfuzzed.
import { allPolicies } from "../../policies/catalog";
import { typesReadBy } from "./policy-types";
import { fuzzedTypes } from "./resource-shapes";

describe("fuzz type table", () => {
  it("has policies to fuzz", () => {
    expect(allPolicies.length).toBeGreaterThan(0);
  });

  it.each(allPolicies.map((p) => [p.name, p] as const))("covers every type %s reads", (_name, policy) => {
    const missing = typesReadBy(policy).filter((t) => !fuzzedTypes().includes(t));
    expect(missing).toEqual([]);
  });
});
