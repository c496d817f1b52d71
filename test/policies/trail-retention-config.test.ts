// minTrailRetentionDays is declared and read through one shared entry (trail-buckets.ts) by the two trail-aware
// evidence rules, with the same bounds: a value --policy-pack-config accepts is never refused when the rule reads it,
// and one the rule would refuse is refused up front by the schema, naming the policy and the key.
import { StackValidationPolicy } from "@pulumi/policy";
import { DeclaredPolicy, reconcilePolicyConfig } from "../../engine/policy-config";
import { TRAIL_RETENTION_SCHEMA } from "../../policies/lib/trail-buckets";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { mandatory, runStack, StackInput } from "./harness";

const RULES = [
  ["require-evidence-s3-default-retention", requireEvidenceS3DefaultRetention],
  ["require-evidence-oss-worm", requireEvidenceOssWorm],
] as const;

/** The rule as the pack declares it to the engine, which validates --policy-pack-config against its schema. */
const declared = (name: string, rule: StackValidationPolicy): DeclaredPolicy => ({
  name,
  enforcementLevel: "mandatory",
  configSchema: { properties: rule.configSchema!.properties, required: [] },
});

/** The engine's schema check of `{ [name]: { minTrailRetentionDays: days } }`. */
const validate = (name: string, rule: StackValidationPolicy, days: unknown) =>
  reconcilePolicyConfig("hardening", [declared(name, rule)], {}, { [name]: { minTrailRetentionDays: days } });

/** A trail writing to an evidence bucket locked for a year: enough for any minimum up to 365. */
const TRAIL_STACK: StackInput[] = [
  { type: "aws:s3/bucket:Bucket", name: "trail-logs", props: { bucket: "acme-trail-logs" } },
  {
    type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    name: "trail-logs-lock",
    props: { bucket: "acme-trail-logs", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  },
  {
    type: "aws:cloudtrail/trail:Trail",
    name: "account-trail",
    props: { s3BucketName: "acme-trail-logs", isMultiRegionTrail: true, enableLogFileValidation: true },
  },
];

describe("minTrailRetentionDays is one shared entry with both bounds", () => {
  it("the entry is a whole number of days from 1 to 36500", () => {
    expect(TRAIL_RETENTION_SCHEMA.minTrailRetentionDays).toMatchObject({ type: "integer", minimum: 1, maximum: 36500 });
  });

  it.each(RULES)("%s declares the shared entry", (_name, rule) => {
    expect(rule.configSchema?.properties.minTrailRetentionDays).toEqual(TRAIL_RETENTION_SCHEMA.minTrailRetentionDays);
  });
});

describe.each(RULES)("%s: the schema and the reader agree", (name, rule) => {
  it("40000 days is refused by the schema check, naming the policy and the key", () => {
    expect(() => validate(name, rule, 40000)).toThrow(
      `${name}.minTrailRetentionDays: must be less than or equal to 36500`,
    );
  });

  it.each([0, 36501])("%i days is refused by the schema check", (days) => {
    expect(() => validate(name, rule, days)).toThrow(`${name}.minTrailRetentionDays`);
  });

  it.each([1, 180, 36500])("%i days passes the schema check and the rule reads it", async (days) => {
    const config = validate(name, rule, days)[name].properties;
    await expect(runStack(rule, [], config)).resolves.toEqual([]);
  });

  it("36501 days, should it reach the rule, is still refused when read", async () => {
    await expect(runStack(rule, [], { minTrailRetentionDays: 36501 })).rejects.toThrow(
      `policy '${name}': config 'minTrailRetentionDays' = 36501 is invalid; expected an integer from 1 to 36500`,
    );
  });
});

describe("the shared reader applies the configured minimum to a trail's bucket", () => {
  it("a year-long lock passes a 365-day minimum and fails a 366-day one", async () => {
    const rule = requireEvidenceS3DefaultRetention;
    expect(mandatory(await runStack(rule, TRAIL_STACK, { minTrailRetentionDays: 365 }))).toHaveLength(0);
    const short = mandatory(await runStack(rule, TRAIL_STACK, { minTrailRetentionDays: 366 }));
    expect(short).toHaveLength(1);
    expect(short[0].message).toContain("less than the minimum of 366");
  });
});
