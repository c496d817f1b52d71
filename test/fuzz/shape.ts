// A small language for what a resource's inputs look like, so each type's table entry is a few readable lines
// and one generator turns every entry into hostile bags.
import fc from "fast-check";
import {
  alicloudPortRange,
  cidr,
  cidrCommaList,
  policyDocument,
  port,
  protocol,
  ssmDocument,
  userData,
} from "./domain-values";
import { hostileValue, hugeArrayOf, unknownValue, weirdNumber, weirdString } from "./hostile-values";

export type Field =
  | "port"
  | "protocol"
  | "cidr"
  | "cidrs"
  | "cidrCommaList"
  | "portRange"
  | "userData"
  | "policyDocument"
  | "ssmDocument"
  | "bool"
  | "string"
  | "strings"
  | "number"
  | { oneOf: readonly unknown[] }
  | { object: Shape }
  | { arrayOf: Shape | Field };

export type Shape = { [field: string]: Field };

const isShape = (f: Shape | Field): f is Shape =>
  typeof f === "object" && !("oneOf" in f) && !("object" in f) && !("arrayOf" in f);

function plausible(field: Field): fc.Arbitrary<unknown> {
  switch (field) {
    case "port":
      return port();
    case "protocol":
      return protocol();
    case "cidr":
      return cidr();
    case "cidrs":
      return fc.array(fc.oneof({ weight: 6, arbitrary: cidr() }, { weight: 1, arbitrary: unknownValue() }), {
        maxLength: 5,
      });
    case "cidrCommaList":
      return fc.oneof(cidrCommaList(), fc.array(cidrCommaList(), { maxLength: 3 }));
    case "portRange":
      return alicloudPortRange();
    case "userData":
      return userData();
    case "policyDocument":
      return policyDocument();
    case "ssmDocument":
      return ssmDocument();
    case "bool":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", "false", "True", 0, 1));
    case "string":
      return weirdString();
    case "strings":
      return fc.array(weirdString(), { maxLength: 4 });
    case "number":
      return weirdNumber();
  }
  if ("oneOf" in field) return fc.constantFrom(...field.oneOf);
  if ("object" in field) return bagOf(field.object);
  const element = isShape(field.arrayOf)
    ? fc.oneof({ weight: 8, arbitrary: bagOf(field.arrayOf) }, { weight: 1, arbitrary: hostileValue() })
    : valueOf(field.arrayOf);
  return fc.oneof(
    { weight: 40, arbitrary: fc.array(element, { maxLength: 5 }) },
    { weight: 1, arbitrary: hugeArrayOf(element) },
  );
}

/** Mostly a value of the expected kind (valid or malformed), sometimes anything, sometimes an unknown. */
export function valueOf(field: Field): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: plausible(field) },
    { weight: 1, arbitrary: hostileValue() },
    { weight: 1, arbitrary: unknownValue() },
  );
}

/** A property bag: any subset of the shape's fields, plus now and then keys the schema does not have. */
export function bagOf(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, field] of Object.entries(shape)) model[key] = valueOf(field);
  return fc
    .tuple(fc.record(model, { requiredKeys: [] }), fc.dictionary(weirdString(), hostileValue(), { maxKeys: 2 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
}
