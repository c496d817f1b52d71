// The fuzzer must make bags for every resource type any policy of the pack reads, or that policy goes unfuzzed.
import { ALI } from "../../lib/reachability/alicloud/tokens";
import { AWS } from "../../lib/reachability/aws/tokens";
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

describe("fuzz type table against the network model", () => {
  // Stack policies read whatever the network model reads; its token tables list those types.
  it("covers every type the stack policies' network model reads", () => {
    const types = [...Object.values(AWS), ...Object.values(ALI)].flat();
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((t) => !fuzzedTypes().includes(t))).toEqual([]);
  });
});
