// Every resource type the fuzzer knows how to make hostile, and the bags for each.
import fc from "fast-check";
import { alicloudShapes } from "./alicloud-shapes";
import { awsShapes } from "./aws-shapes";
import { networkShapes } from "./network-shapes";
import { bagOf, Shape } from "./shape";

export const resourceShapes: Record<string, Shape> = { ...awsShapes, ...alicloudShapes, ...networkShapes };

export const fuzzedTypes = (): string[] => Object.keys(resourceShapes);

export interface FuzzBag {
  type: string;
  props: Record<string, unknown>;
}

/** A type from the table, or now and then a made-up one, with a hostile bag of that type's shape. */
export function bagForAnyType(types: readonly string[] = fuzzedTypes()): fc.Arbitrary<FuzzBag> {
  const known = fc
    .constantFrom(...types)
    .chain((type) => bagOf(resourceShapes[type] ?? {}).map((props) => ({ type, props })));
  const foreign = bagOf(resourceShapes["aws:ec2/securityGroup:SecurityGroup"]).map((props) => ({
    type: "custom:index:Thing",
    props,
  }));
  return fc.oneof({ weight: 30, arbitrary: known }, { weight: 1, arbitrary: foreign });
}
