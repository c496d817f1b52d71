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
    ).toThrow(/no-ssh: takes no configuration, got x; min-prefix\.minPrefix: is not of a type\(s\) number/);
  });

  it("fills top-level defaults only, as the CLI does, and validates what it fills", () => {
    const nested: DeclaredPolicy = {
      name: "nested",
      enforcementLevel: "advisory",
      configSchema: {
        properties: {
          limits: { type: "object", properties: { max: { type: "integer", default: 5 } }, default: {} },
          ports: { type: "array", items: { type: "integer", maximum: 65535 }, default: [22, 70000] },
        },
        required: [],
      },
    };
    expect(() => reconcilePolicyConfig("p", [nested], {})).toThrow(
      /is invalid: nested\.ports\[1\]: must be less than or equal to 65535$/,
    );
    const config = reconcilePolicyConfig("p", [nested], {}, { nested: { ports: [22] } });
    expect(config.nested.properties).toEqual({ limits: {}, ports: [22] });
  });

  it("names a missing required property and the policy it belongs to", () => {
    const needs: DeclaredPolicy = {
      name: "needs-owner",
      enforcementLevel: "mandatory",
      configSchema: { properties: { owner: { type: "string" } }, required: ["owner"] },
    };
    expect(() => reconcilePolicyConfig("p", [needs], {})).toThrow(/needs-owner: requires property "owner"/);
    expect(reconcilePolicyConfig("p", [needs], {}, { "needs-owner": { owner: "sec" } })["needs-owner"]).toEqual({
      enforcementLevel: "mandatory",
      properties: { owner: "sec" },
    });
  });
});
