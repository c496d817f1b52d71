// The engine reads a pack's AnalyzerInfo itself; it must see what google-protobuf's generated classes gave. Each row
// decodes the same bytes both ways: the oracle below is the engine's reading before it had its own decoder.
import { decodeAnalyzerInfo } from "../../engine/analyzer-info-decoding";
import { LEVELS, POLICY_TYPES, SEVERITIES } from "../../engine/analyzer-enums";
import { Writer } from "protobufjs/minimal";
import { analyzerPb, structpb } from "../../engine/grpc";
import { writeStruct } from "../../engine/struct-writer";
import { allPolicies } from "../../policies/catalog";

/** google-protobuf's decoding and the getters the engine read. */
function reference(bytes: Uint8Array) {
  const info = analyzerPb.AnalyzerInfo.deserializeBinary(bytes);
  const policies = info.getPoliciesList().map((p: any) => {
    const schema = p.getConfigschema();
    return {
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
      severity: SEVERITIES[p.getSeverity()] ?? "",
      type: POLICY_TYPES[p.getPolicyType()] ?? "unknown",
      ...(schema
        ? {
            configSchema: {
              properties: schema.getProperties()?.toJavaScript() ?? {},
              required: schema.getRequiredList(),
            },
          }
        : {}),
    };
  });
  const initial: Record<string, unknown> = {};
  for (const [name, c] of info.getInitialconfigMap().entries()) {
    initial[name] = {
      enforcementLevel: LEVELS[c.getEnforcementlevel()] ?? "advisory",
      properties: c.getProperties()?.toJavaScript() ?? {},
    };
  }
  return { name: info.getName(), version: info.getVersion(), policies, initial };
}

const expectSameAsReference = (bytes: Uint8Array) => expect(decodeAnalyzerInfo(bytes)).toEqual(reference(bytes));

/** Every value kind a Struct holds, nested, with keys google-protobuf sorts and characters that need UTF-8. */
const EVERY_KIND = {
  "": "empty key",
  b: true,
  f: false,
  n: null,
  nums: [0, -0, 1.5, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity],
  s: "plain",
  u: "ü ✓ 🔒 \u0000 \n",
  empty: {},
  emptyList: [],
  deep: { a: [{ b: [[], [null, { c: "d" }]] }], z: { y: { x: 1 } } },
  "10": "numeric key",
};

function policyInfo(fields: {
  name: string;
  level?: number;
  type?: number;
  severity?: number;
  schema?: { properties?: object; required?: string[] };
}) {
  const p = new analyzerPb.PolicyInfo();
  p.setName(fields.name);
  p.setDisplayname(`${fields.name} shown`);
  p.setDescription(`${fields.name} described`);
  p.setMessage("a message the engine does not read");
  p.setEnforcementlevel(fields.level ?? 0);
  p.setPolicyType(fields.type ?? 0);
  p.setSeverity(fields.severity ?? 0);
  p.setTagsList(["t1", "t2"]);
  p.setRemediationSteps("steps");
  p.setUrl("https://example.com");
  const framework = new analyzerPb.PolicyComplianceFramework();
  framework.setName("cis");
  framework.setVersion("1");
  p.setFramework(framework);
  if (fields.schema) {
    const schema = new analyzerPb.PolicyConfigSchema();
    if (fields.schema.properties) schema.setProperties(structpb.Struct.fromJavaScript(fields.schema.properties));
    schema.setRequiredList(fields.schema.required ?? []);
    p.setConfigschema(schema);
  }
  return p;
}

function infoBytes(): Uint8Array {
  const info = new analyzerPb.AnalyzerInfo();
  info.setName("pack");
  info.setDisplayname("Pack");
  info.setVersion("1.2.3");
  info.setSupportsconfig(true);
  info.setDescription("described");
  info.setReadme("# readme");
  info.setProvider("aws");
  info.setTagsList(["a"]);
  info.setRepository("https://example.com/repo");
  info.setPoliciesList([
    policyInfo({ name: "bare" }),
    policyInfo({ name: "typed", level: 1, type: 1, severity: 4, schema: { properties: EVERY_KIND, required: ["s"] } }),
    policyInfo({ name: "stack", level: 3, type: 2, severity: 2, schema: { required: ["x", "y"] } }),
    policyInfo({ name: "schema-without-fields", level: 2, schema: {} }),
    // Numbers no version of analyzer.proto names: the engine falls back as it did.
    policyInfo({ name: "future-enums", level: 9, type: 7, severity: 11 }),
  ]);
  const config = info.getInitialconfigMap();
  const withProperties = new analyzerPb.PolicyConfig();
  withProperties.setEnforcementlevel(1);
  withProperties.setProperties(structpb.Struct.fromJavaScript({ ports: [22, 3389], nested: { on: true } }));
  config.set("typed", withProperties);
  config.set("bare", new analyzerPb.PolicyConfig());
  const unknownLevel = new analyzerPb.PolicyConfig();
  unknownLevel.setEnforcementlevel(12);
  config.set("stack", unknownLevel);
  return info.serializeBinary();
}

/** Fields of numbers analyzer.proto and struct.proto do not use, which both readers skip: 14 a varint, 15 bytes. */
const UNKNOWN_FIELDS = Uint8Array.from([(14 << 3) | 0, 0x96, 0x01, (15 << 3) | 2, 3, 0x62, 0x61, 0x64]);

describe("decodeAnalyzerInfo", () => {
  it("reads every field the engine uses as google-protobuf's classes did, and skips the others", () => {
    const bytes = infoBytes();
    expectSameAsReference(bytes);
    const decoded = decodeAnalyzerInfo(bytes);
    // The row is not vacuous: the message holds what the comparison is about.
    expect(decoded.policies.map((p) => [p.name, p.enforcementLevel, p.type, p.severity])).toEqual([
      ["bare", "advisory", "unknown", ""],
      ["typed", "mandatory", "resource", "critical"],
      ["stack", "remediate", "stack", "medium"],
      ["schema-without-fields", "disabled", "unknown", ""],
      ["future-enums", "advisory", "unknown", ""],
    ]);
    expect(decoded.policies[1].configSchema).toEqual({ properties: EVERY_KIND, required: ["s"] });
    expect(decoded.policies[3].configSchema).toEqual({ properties: {}, required: [] });
    expect(decoded.policies[0]).not.toHaveProperty("configSchema");
    expect(decoded.initial).toEqual({
      typed: { enforcementLevel: "mandatory", properties: { ports: [22, 3389], nested: { on: true } } },
      bare: { enforcementLevel: "advisory", properties: {} },
      stack: { enforcementLevel: "advisory", properties: {} },
    });
  });

  it("reads the kit's own pack as @pulumi/policy sends it", () => {
    // The SDK's own builder of GetAnalyzerInfo's answer, over the pack's policies (as the pack's server calls it).
    const { makeAnalyzerInfo } = require("@pulumi/policy/protoutil");
    const initial = { [allPolicies[0].name]: { enforcementLevel: "advisory", ignored: 1 } };
    const bytes: Uint8Array = makeAnalyzerInfo(
      "hardening-kit",
      "0.1.0",
      "mandatory",
      { policies: allPolicies },
      initial,
    ).serializeBinary();
    expectSameAsReference(bytes);
    const decoded = decodeAnalyzerInfo(bytes);
    expect(decoded.policies.map((p) => p.name)).toEqual(allPolicies.map((p) => p.name));
    expect(decoded.policies.filter((p) => p.configSchema?.properties.exemptions).length).toBeGreaterThan(20);
  });

  it("skips fields of numbers it does not know, at the top and inside a policy, a schema, a Struct and a Value", () => {
    // Joined by hand: google-protobuf drops unknown fields when it writes a message again.
    const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    const field = (n: number, bytes: Uint8Array) =>
      Writer.create()
        .uint32((n << 3) | 2)
        .bytes(bytes)
        .finish();
    const value = join(structpb.Value.fromJavaScript("v").serializeBinary(), UNKNOWN_FIELDS);
    // (Not in the map entry itself, where google-protobuf's reader refuses them.)
    const entry = join(field(1, new TextEncoder().encode("k")), field(2, value));
    const struct = join(field(1, entry), UNKNOWN_FIELDS);
    const schema = join(UNKNOWN_FIELDS, field(1, struct), UNKNOWN_FIELDS);
    const policy = join(policyInfo({ name: "p" }).serializeBinary(), field(6, schema), UNKNOWN_FIELDS);
    const bytes = join(UNKNOWN_FIELDS, field(3, policy), UNKNOWN_FIELDS);
    expectSameAsReference(bytes);
    expect(decodeAnalyzerInfo(bytes).policies[0].configSchema?.properties).toEqual({ k: "v" });
  });

  it("keeps the last of a field written twice, as a protobuf reader does", () => {
    const first = new analyzerPb.AnalyzerInfo();
    first.setName("first");
    first.setVersion("1");
    const second = new analyzerPb.AnalyzerInfo();
    second.setName("second");
    const bytes = Uint8Array.from([...first.serializeBinary(), ...second.serializeBinary()]);
    expectSameAsReference(bytes);
    expect(decodeAnalyzerInfo(bytes)).toMatchObject({ name: "second", version: "1" });
  });

  it("keeps a config key named __proto__ as an own property", () => {
    // Written by hand: google-protobuf's own map (and toJavaScript) would take the key as the object's prototype.
    const struct = Writer.create();
    writeStruct(struct, JSON.parse('{"__proto__": {"polluted": true}}'));
    const schema = Writer.create()
      .uint32((1 << 3) | 2)
      .bytes(struct.finish())
      .finish();
    const policy = Writer.create()
      .uint32((1 << 3) | 2)
      .string("p")
      .uint32((6 << 3) | 2)
      .bytes(schema)
      .finish();
    const info = Writer.create()
      .uint32((3 << 3) | 2)
      .bytes(policy)
      .finish();
    const decoded = decodeAnalyzerInfo(info).policies[0].configSchema!.properties;
    expect(Object.keys(decoded)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect((decoded as any).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("refuses what google-protobuf refuses: a Value with no kind, and cut-off bytes", () => {
    const schema = new analyzerPb.PolicyConfigSchema();
    const properties = new structpb.Struct();
    properties.getFieldsMap().set("empty", new structpb.Value());
    schema.setProperties(properties);
    const policy = policyInfo({ name: "p" });
    policy.setConfigschema(schema);
    const info = new analyzerPb.AnalyzerInfo();
    info.addPolicies(policy);
    const bytes = info.serializeBinary();
    expect(() => reference(bytes)).toThrow("Unexpected struct type");
    expect(() => decodeAnalyzerInfo(bytes)).toThrow("Unexpected struct type");
    const whole = infoBytes();
    for (const cut of [whole.length - 1, Math.floor(whole.length / 2), 3]) {
      expect(() => decodeAnalyzerInfo(whole.subarray(0, cut))).toThrow();
    }
  });
});
