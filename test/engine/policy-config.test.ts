import { reconcilePolicyConfig, type DeclaredPolicy } from "../../engine/policy-config";

const POLICIES: DeclaredPolicy[] = [
  { name: "no-ssh", enforcementLevel: "mandatory" },
  {
    name: "min-prefix",
    enforcementLevel: "advisory",
    configSchema: { properties: { minPrefix: { type: "number", default: 16 } }, required: [] },
  },
];

describe("reconcilePolicyConfig", () => {
  it("keeps each policy's own level and fills schema defaults when no file is given", () => {
    expect(reconcilePolicyConfig("p", POLICIES, {})).toEqual({
      "no-ssh": { enforcementLevel: "mandatory", properties: {} },
      "min-prefix": { enforcementLevel: "advisory", properties: { minPrefix: 16 } },
    });
  });

  it("applies 'all', then per-policy levels and properties", () => {
    const config = reconcilePolicyConfig("p", POLICIES, {}, { all: "advisory", "min-prefix": { minPrefix: 24 } });
    expect(config["no-ssh"].enforcementLevel).toBe("advisory");
    expect(config["min-prefix"]).toEqual({ enforcementLevel: "advisory", properties: { minPrefix: 24 } });
    expect(reconcilePolicyConfig("p", POLICIES, {}, { "no-ssh": "disabled" })["no-ssh"].enforcementLevel).toBe(
      "disabled",
    );
  });

  it("starts from the pack's initial config", () => {
    const initial = { "min-prefix": { enforcementLevel: "mandatory" as const, properties: { minPrefix: 20 } } };
    expect(reconcilePolicyConfig("p", POLICIES, initial)["min-prefix"]).toEqual({
      enforcementLevel: "mandatory",
      properties: { minPrefix: 20 },
    });
  });

  it("names unknown policies and lists the pack's", () => {
    expect(() => reconcilePolicyConfig("p", POLICIES, {}, { "no-sh": "advisory" })).toThrow(
      /unknown policies: no-sh; the pack has: min-prefix, no-ssh/,
    );
  });

  it("rejects invalid levels and properties that break the schema, listing each", () => {
    expect(() => reconcilePolicyConfig("p", POLICIES, {}, { "no-ssh": "strict" as never })).toThrow(
      /"no-ssh": enforcementLevel "strict" is not one of advisory, mandatory, remediate, disabled/,
    );
    expect(() =>
      reconcilePolicyConfig("p", POLICIES, {}, { "min-prefix": { minPrefix: "wide" }, "no-ssh": { x: 1 } }),
    ).toThrow(/no-ssh: takes no configuration, got x; min-prefix\.minPrefix: must be number/);
  });
});
