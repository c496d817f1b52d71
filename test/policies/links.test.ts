// linkOf: how one resource names another through a field, in three states, and refersTo (its sure state), which every
// correlating stack rule uses.
import { GenericResource } from "../../lib/reachability";
import { linkOf } from "../../policies/lib/links";
import { samePlace } from "../../policies/lib/placement";
import { refersTo } from "../../policies/lib/stack-rule";
import { UNKNOWN } from "./harness";

const resource = (
  urn: string,
  inputs: Record<string, unknown>,
  propertyDependencies: Record<string, string[]> = {},
  provider?: string,
): GenericResource => ({
  urn,
  type: "t",
  name: urn,
  inputs,
  propertyDependencies,
  dependencies: [],
  ...(provider ? { provider } : {}),
});

const store = resource("store", { name: "recovery" });
const unnamedStore = resource("store", {});
const suffixedStore = resource("store", { name: UNKNOWN }, { name: ["random"] });

describe("linkOf", () => {
  it.each([
    ["a known value equal to the store's known name", resource("l", { target: "recovery" }), store, "yes"],
    [
      "a known value equal to the store's name, with the dependency",
      resource("l", { target: "recovery" }, { target: ["store"] }),
      store,
      "yes",
    ],
    [
      "a known value built from the store but naming another",
      resource("l", { target: "recovery-archive" }, { target: ["store"] }),
      store,
      "no",
    ],
    [
      "a known value, the store showing none of its fields, with the dependency (ids are outputs)",
      resource("l", { target: "v-1" }, { target: ["store"] }),
      unnamedStore,
      "yes",
    ],
    [
      "a known value, the store showing none of its fields, no dependency",
      resource("l", { target: "v-1" }),
      unnamedStore,
      "no",
    ],
    [
      "an unknown value depending on the store",
      resource("l", { target: UNKNOWN }, { target: ["store"] }),
      store,
      "yes",
    ],
    [
      "an unknown value built from what the store's name is built from",
      resource("l", { target: UNKNOWN }, { target: ["random"] }),
      suffixedStore,
      "maybe",
    ],
    [
      "an unknown value built from something else",
      resource("l", { target: UNKNOWN }, { target: ["other"] }),
      suffixedStore,
      "no",
    ],
    ["an unknown value linked to nothing", resource("l", { target: UNKNOWN }), suffixedStore, "no"],
    [
      "a known value and a store name unknown at preview",
      resource("l", { target: "recovery" }, { target: ["random"] }),
      suffixedStore,
      "no",
    ],
    ["no value at all", resource("l", {}), store, "no"],
  ])("%s", (_n, from, to, expected) => {
    expect(linkOf(from, "target", to, ["name", "id"])).toBe(expected);
    expect(refersTo(from, "target", to, ["name", "id"])).toBe(expected === "yes");
  });
});

describe("samePlace", () => {
  const WEST = "urn:pulumi:test::p::pulumi:providers:aws::west";
  it.each([
    ["same provider, no region on either", {}, undefined, {}, undefined, "same"],
    [
      "same provider, the same region named",
      { region: "us-west-2" },
      undefined,
      { region: "us-west-2" },
      undefined,
      "same",
    ],
    ["same provider, one names a region", { region: "us-west-2" }, undefined, {}, undefined, "maybe"],
    ["same provider, a region unknown at preview", { region: UNKNOWN }, undefined, {}, undefined, "maybe"],
    [
      "same provider, two regions named",
      { region: "us-west-2" },
      undefined,
      { region: "eu-west-1" },
      undefined,
      "other",
    ],
    ["another provider", {}, WEST, {}, undefined, "other"],
    [
      "another provider, the same region named",
      { region: "us-west-2" },
      WEST,
      { region: "us-west-2" },
      undefined,
      "other",
    ],
  ])("%s", (_n, a, pa, b, pb, expected) => {
    expect(samePlace(resource("a", a, {}, pa), resource("b", b, {}, pb))).toBe(expected);
  });
});
