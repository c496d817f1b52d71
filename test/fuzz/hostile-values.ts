// Values no well-formed program sends but the engine can: every kind of unknown, nulls, wrong types, non-finite
// numbers, empty and huge collections, deep nesting and secret envelopes. Only values a protobuf Struct can carry.
import fc from "fast-check";

/** The seven sentinels @pulumi/policy's proxy treats as unknown; the string one is what inputs usually carry. */
export const UNKNOWN_SENTINELS: readonly string[] = [
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const unknownValue = (): fc.Arbitrary<string> => fc.constantFrom(...UNKNOWN_SENTINELS);

/** A secret as the engine sends it; @pulumi/policy unwraps it before the policy sees it. */
export function secretOf<T>(value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return value.map((v) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value: v }));
}

export const weirdNumber = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 2 ** 53, -(2 ** 31), 65535, 65536, 1e308),
    fc.double(),
    fc.integer({ min: -100_000, max: 100_000 }),
  );

export const weirdString = (): fc.Arbitrary<string> =>
  fc.oneof(
    // Names every object inherits: a table lookup keyed by them must find nothing.
    fc.constantFrom("", " ", "\u0000", "null", "undefined", "true", "-1", "NaN", "[]", "{}", "\uFFFD", "__proto__"),
    fc.constantFrom("constructor", "toString", "hasOwnProperty", "valueOf", "CONSTRUCTOR"),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => "x".repeat(n)),
  );

const scalar = (): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constant(null), fc.boolean(), weirdNumber(), weirdString(), unknownValue());

/** Objects or arrays nested `depth` levels, with an unknown or scalar at the bottom. */
export const deepNesting = (): fc.Arbitrary<unknown> =>
  fc
    .tuple(fc.integer({ min: 8, max: 64 }), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), scalar())
    .map(([depth, asArray, leaf]) => {
      let v: unknown = leaf;
      for (let i = 0; i < depth; i++) v = asArray[i] ? [v] : { nested: v };
      return v;
    });

/** Anything at all: the replacement for a field of whatever expected type. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: scalar() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], [{}]) },
    { weight: 1, arbitrary: fc.array(scalar(), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(weirdString(), scalar(), { maxKeys: 4 }) },
    { weight: 1, arbitrary: deepNesting() },
    { weight: 1, arbitrary: secretOf(scalar()) },
  );
}

const HUGE_ARRAY_BYTES = 256_000;

/**
 * Between 1,000 and 3,000 copies of one element, so policies that go quadratic show; capped near 256 KB so a huge
 * string repeated thousands of times does not turn each bag into a 60 MB message.
 */
export function hugeArrayOf<T>(element: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.tuple(element, fc.integer({ min: 1_000, max: 3_000 })).map(([e, n]) => {
    const size = (JSON.stringify(e) ?? "").length + 1;
    return new Array<T>(Math.max(1, Math.min(n, Math.floor(HUGE_ARRAY_BYTES / size)))).fill(e);
  });
}
