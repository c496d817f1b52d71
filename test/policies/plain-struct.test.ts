// The pack reads plain properties itself; whatever it reads must be exactly what @pulumi/policy would have decoded,
// and anything else must be left to the SDK.
import * as path from "path";
import { isDeepStrictEqual } from "util";
import fc from "fast-check";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { plainPropsOf } from "../../policies/lib/plain-struct";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../lib/wire-values";

const sdk = loadPolicySdk(path.join(__dirname, "../.."));
const { Struct } = sdk.messages;
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";

/** A Struct as the analyzer receives it: built, sent and decoded from the wire. */
const onTheWire = (js: object) => Struct.deserializeBinary(Struct.fromJavaScript(js).serializeBinary());

/** What the SDK decodes (Analyze and AnalyzeStack do not proxy secrets), or the error it throws. */
function sdkDecoding(struct: unknown): { props?: unknown; error?: unknown } {
  try {
    return { props: sdk.deserialize.deserializeProperties(struct, false) };
  } catch (error) {
    return { error };
  }
}

// Keys include the signature key, `__proto__` (the SDK's conversion assigns it as a prototype), inherited names and
// integer-like keys, whose order in an object differs from insertion order.
const key = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(SIG_KEY, "__proto__", "value", "constructor", "toString", "1", "01", "") },
);
const scalar = fc.oneof(
  fc.string(),
  fc.double(),
  fc.constantFrom(NaN, -0, Infinity, -Infinity, 0, 22, 65536),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(UNKNOWN, SECRET_SIG, ASSET_SIG),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
    tie("value").map((v) => ({ [SIG_KEY]: SECRET_SIG, value: v })),
    fc.string().map((text) => ({ [SIG_KEY]: ASSET_SIG, text })),
  ),
}));
const props = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => Object.fromEntries(entries));

/** True when no object in the value has the signature key or a `__proto__` key. */
function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.every(isPlain);
  return !Object.keys(v).some((k) => k === SIG_KEY || k === "__proto__") && Object.values(v).every(isPlain);
}

it("reads exactly what the SDK decodes, and leaves every Struct it cannot read plainly to the SDK", () => {
  let readPlainly = 0;
  fc.assert(
    fc.property(props, (js) => {
      const read = plainPropsOf(onTheWire(js));
      const expected = sdkDecoding(onTheWire(js));
      if (isPlain(js)) {
        expect(read).toBeDefined();
        readPlainly++;
      }
      if (read === undefined) return;
      expect(expected.error).toBeUndefined();
      // Same values (NaN, -0), same keys in the same order, plain prototypes.
      expect(isDeepStrictEqual(read, expected.props)).toBe(true);
      expect(JSON.stringify(Object.keys(read))).toBe(JSON.stringify(Object.keys(expected.props as object)));
    }),
    { numRuns: 600, seed: 20261202 },
  );
  expect(readPlainly).toBeGreaterThan(100);
});

it("reads the forms a resource's props take, nested lists and maps included", () => {
  const js = {
    ingress: [{ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: [] }],
    tags: { "hardening:role": "bastion", Name: "web" },
    userData: "#!/bin/bash\necho hi\n",
    ebsOptimized: true,
    cpuCredits: null,
    port: -1,
  };
  expect(plainPropsOf(onTheWire(js))).toEqual(js);
});

it("leaves secrets and assets at any depth to the SDK", () => {
  const nested = (inner: object) => ({ a: [{ b: inner }] });
  expect(plainPropsOf(onTheWire(nested({ [SIG_KEY]: SECRET_SIG, value: "hunter2" })))).toBeUndefined();
  expect(plainPropsOf(onTheWire(nested({ [SIG_KEY]: ASSET_SIG, text: "x" })))).toBeUndefined();
});

it("leaves a `__proto__` field to the SDK, whose conversion makes it a prototype", () => {
  // google-protobuf's own map drops such a key; another message implementation may not.
  const text = onTheWire({ k: "x" }).getFieldsMap().get("k");
  const fields = (entries: [string, unknown][]) => ({
    getFieldsMap: () => ({
      forEach: (fn: (v: unknown, k: string) => void, self: object) => entries.forEach(([k, v]) => fn.call(self, v, k)),
    }),
  });
  expect(plainPropsOf(fields([["name", text]]))).toEqual({ name: "x" });
  expect(
    plainPropsOf(
      fields([
        ["name", text],
        ["__proto__", text],
      ]),
    ),
  ).toBeUndefined();
});

it("leaves a value of no kind, which the SDK rejects, to the SDK", () => {
  const struct = onTheWire({ ok: "yes" });
  struct.getFieldsMap().set("broken", new (Object.getPrototypeOf(struct.getFieldsMap().get("ok")).constructor)());
  expect(plainPropsOf(struct)).toBeUndefined();
  expect(sdkDecoding(struct).error).toBeInstanceOf(Error);
});

it("leaves a Struct nested deeper than its stack to the SDK instead of throwing", () => {
  // Made level by level as it is read: google-protobuf cannot build one this deep (its own copying recurses).
  const level = (depth: number): unknown => ({
    getFieldsMap: () => ({
      forEach: (fn: (v: unknown, k: string) => void, self: object) =>
        fn.call(
          self,
          { hasStringValue: () => false, hasStructValue: () => true, getStructValue: () => level(depth + 1) },
          "inner",
        ),
    }),
  });
  expect(plainPropsOf(level(0))).toBeUndefined();
});

it("leaves anything that is not a Struct message to the SDK", () => {
  expect(plainPropsOf(null)).toBeUndefined();
  expect(plainPropsOf({ toJavaScript: () => ({}) })).toBeUndefined();
  expect(plainPropsOf("props")).toBeUndefined();
});
