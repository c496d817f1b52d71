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
    // A known value that is no name names nothing, even built from the store.
    ["an empty list depending on the store", resource("l", { target: [] }, { target: ["store"] }), store, "no"],
    ["an object depending on the store", resource("l", { target: {} }, { target: ["store"] }), store, "no"],
    ["a number depending on the store", resource("l", { target: 7 }, { target: ["store"] }), store, "no"],
    ["an empty string depending on the store", resource("l", { target: "" }, { target: ["store"] }), store, "no"],
    [
      "a secret name equal to the store's",
      resource(
        "l",
        { target: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "recovery" } },
        { target: ["store"] },
      ),
      store,
      "yes",
    ],
    [
      "a secret name depending on a store showing no name",
      resource(
        "l",
        { target: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "v-1" } },
        { target: ["store"] },
      ),
      unnamedStore,
      "yes",
    ],
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
    ["another provider, neither region shown", {}, WEST, {}, undefined, "maybe"],
    [
      "another provider, the same region named",
      { region: "us-west-2" },
      WEST,
      { region: "us-west-2" },
      undefined,
      "same",
    ],
    ["another provider, two regions named", { region: "us-west-2" }, WEST, { region: "eu-west-1" }, undefined, "other"],
  ])("%s", (_n, a, pa, b, pb, expected) => {
    expect(samePlace(resource("a", a, {}, pa), resource("b", b, {}, pb))).toBe(expected);
  });
});
