// The three evidence rules (require-evidence-bucket-immutability, require-evidence-s3-default-retention,
// require-evidence-oss-worm) declare and read minRetentionDays through one shared entry, so its type, bounds, default
// and description cannot drift: set alike in --policy-pack-config, the three hold one stack to the same minimum.
import { StackValidationPolicy } from "@pulumi/policy";
import { readFileSync } from "fs";
import { join } from "path";
import { hardeningRules } from "../../policies/catalog";
import { EVIDENCE_RETENTION_SCHEMA } from "../../policies/lib/evidence-retention-config";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { mandatory, run, runStack, StackInput } from "./harness";

const S3 = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const OSS = "alicloud:oss/bucket:Bucket";
const WORM = "alicloud:oss/bucketWorm:BucketWorm";
const VAULT = "aws:glacier/vault:Vault";
const VAULT_LOCK = "aws:glacier/vaultLock:VaultLock";
const evidenceTags = { "hardening:evidence": "true" };

const denyYoungerThan = (days: number) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Principal: "*",
        Action: "glacier:DeleteArchive",
        Resource: "*",
        Condition: { NumericLessThan: { "glacier:ArchiveAgeInDays": String(days) } },
      },
    ],
  });

/** Evidence stores of both clouds, each locked for `days`: an S3 bucket, an OSS bucket and a Glacier vault. */
const s3Store = (days: number): StackInput[] => [
  { type: S3, name: "evidence", props: { bucket: "acme-evidence", tags: evidenceTags } },
  {
    type: LOCK,
    name: "evidence-lock",
    props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days } } },
  },
];
const ossStore = (days: number): StackInput[] => [
  { type: OSS, name: "oss-evidence", props: { bucket: "acme-oss-evidence", tags: evidenceTags } },
  {
    type: WORM,
    name: "oss-evidence-worm",
    props: { bucket: "acme-oss-evidence", status: "Locked", retentionPeriodInDays: days },
  },
];
const glacierStore = (days: number): StackInput[] => [
  { type: VAULT, name: "evidence-archive", props: { name: "evidence-archive", tags: evidenceTags } },
  {
    type: VAULT_LOCK,
    name: "evidence-archive-lock",
    props: { vaultName: "evidence-archive", completeLock: true, policy: denyYoungerThan(days) },
  },
];
const everyStore = (days: number) => [...s3Store(days), ...ossStore(days), ...glacierStore(days)];

/** The per-resource rule as the pack runs it (through its template-reading wrapper), over each resource. */
const packedImmutability = hardeningRules.find((r) => r.name === "require-evidence-bucket-immutability")!;
async function perResource(resources: StackInput[], config: Record<string, unknown>) {
  const found = await Promise.all(
    resources.map(async (r) => mandatory(await run(packedImmutability, r.type, r.props, { name: r.name, config }))),
  );
  return found.flat();
}
const onStack = async (rule: StackValidationPolicy, resources: StackInput[], config: Record<string, unknown>) =>
  mandatory(await runStack(rule, resources, config));

const RULES = [
  ["require-evidence-bucket-immutability", requireEvidenceBucketImmutability],
  ["require-evidence-s3-default-retention", requireEvidenceS3DefaultRetention],
  ["require-evidence-oss-worm", requireEvidenceOssWorm],
] as const;

describe("minRetentionDays is declared once for the three evidence rules", () => {
  it.each(RULES)("%s declares the shared schema entry (type, bounds, description)", (_name, rule) => {
    expect(rule.configSchema?.properties.minRetentionDays).toEqual(EVIDENCE_RETENTION_SCHEMA.minRetentionDays);
  });

  it("the shared entry is a whole number of days from 1 to 36500, documented with its default and its siblings", () => {
    const entry = EVIDENCE_RETENTION_SCHEMA.minRetentionDays;
    expect(entry).toMatchObject({ type: "integer", minimum: 1, maximum: 36500 });
    expect(entry.description).toContain("(30)");
    for (const [name] of RULES) expect(entry.description).toContain(name);
  });
});

describe("minRetentionDays 365 is honoured by both stack rules", () => {
  const config = { minRetentionDays: 365 };

  it("require-evidence-s3-default-retention fails a 30-day Object Lock and passes 365 days or 1 year", async () => {
    const month = await onStack(requireEvidenceS3DefaultRetention, s3Store(30), config);
    expect(month).toHaveLength(1);
    expect(month[0].message).toContain("retains objects for 30 days, less than the minimum of 365");
    expect(await onStack(requireEvidenceS3DefaultRetention, s3Store(364), config)).toHaveLength(1);
    expect(await onStack(requireEvidenceS3DefaultRetention, s3Store(365), config)).toHaveLength(0);
    const [bucket, lock] = s3Store(0);
    const year = {
      ...lock,
      props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", years: 1 } } },
    };
    expect(await onStack(requireEvidenceS3DefaultRetention, [bucket, year], config)).toHaveLength(0);
  });

  it("require-evidence-oss-worm fails a 30-day WORM policy and passes 365 days", async () => {
    const month = await onStack(requireEvidenceOssWorm, ossStore(30), config);
    expect(month).toHaveLength(1);
    expect(month[0].message).toContain("WORM policy retains objects for 30 days, less than the minimum of 365");
    expect(await onStack(requireEvidenceOssWorm, ossStore(364), config)).toHaveLength(1);
    expect(await onStack(requireEvidenceOssWorm, ossStore(365), config)).toHaveLength(0);
  });

  it("a trail's destination still keeps the longer of minRetentionDays and minTrailRetentionDays", async () => {
    const trail: StackInput = {
      type: "aws:cloudtrail/trail:Trail",
      name: "account-trail",
      props: { s3BucketName: "acme-evidence", isMultiRegionTrail: true, enableLogFileValidation: true },
    };
    const both = { minRetentionDays: 365, minTrailRetentionDays: 180 };
    const halfAYear = await onStack(requireEvidenceS3DefaultRetention, [...s3Store(180), trail], both);
    expect(halfAYear).toHaveLength(1);
    expect(halfAYear[0].message).toContain("less than the minimum of 365");
  });
});

describe("unconfigured, the three rules keep 30 days", () => {
  for (const [label, config] of [
    ["no config", {}],
    ["only the common keys", { failClosed: false }],
  ] as const)
    it(`${label}: 29 days fails every rule, 30 days passes every rule`, async () => {
      const short = everyStore(29);
      expect(await perResource(short, config)).toHaveLength(3);
      const s3 = await onStack(requireEvidenceS3DefaultRetention, short, config);
      const oss = await onStack(requireEvidenceOssWorm, short, config);
      expect({ s3: s3.length, oss: oss.length }).toEqual({ s3: 2, oss: 1 });
      for (const d of [...s3, ...oss]) expect(d.message).toMatch(/less than the minimum of 30|fewer than 30 days/);
      const month = everyStore(30);
      expect(await perResource(month, config)).toHaveLength(0);
      expect(await onStack(requireEvidenceS3DefaultRetention, month, config)).toHaveLength(0);
      expect(await onStack(requireEvidenceOssWorm, month, config)).toHaveLength(0);
    });
});

describe("a bad minRetentionDays is rejected alike by the three rules, naming policy, setting, value and fix", () => {
  const attempt = (name: string, minRetentionDays: unknown) => {
    const config = { minRetentionDays };
    if (name === "require-evidence-bucket-immutability")
      return run(requireEvidenceBucketImmutability, LOCK, s3Store(30)[1].props, { config });
    const rule = name === "require-evidence-oss-worm" ? requireEvidenceOssWorm : requireEvidenceS3DefaultRetention;
    return runStack(rule, everyStore(30), config);
  };
  const cases: [string, unknown, string][] = [
    ["zero", 0, "0"],
    ["a negative count", -1, "-1"],
    ["a fraction", 30.5, "30.5"],
    ["text", "365", '"365"'],
    ["beyond a hundred years", 36501, "36501"],
    ["null", null, "null"],
  ];
  describe.each(RULES.map(([name]) => name))("%s", (name) => {
    it.each(cases)("rejects %s", async (_label, value, shown) => {
      await expect(attempt(name, value)).rejects.toThrow(
        `policy '${name}': config 'minRetentionDays' = ${shown} is invalid; expected an integer from 1 to 36500`,
      );
    });

    it.each([1, 36500])("accepts the bound %i", async (value) => {
      await expect(attempt(name, value)).resolves.toBeDefined();
    });
  });
});

describe("set alike, the three rules agree on one stack", () => {
  const config = { minRetentionDays: 365 };

  it("a 30-day lock on every store fails each rule that judges it", async () => {
    const stack = everyStore(30);
    const immutability = await perResource(stack, config);
    const s3 = await onStack(requireEvidenceS3DefaultRetention, stack, config);
    const oss = await onStack(requireEvidenceOssWorm, stack, config);
    // Per resource: the S3 lock, the WORM policy and the vault lock; across the stack: the S3 bucket and the vault
    // (require-evidence-s3-default-retention), the OSS bucket (require-evidence-oss-worm).
    expect({ immutability: immutability.length, s3: s3.length, oss: oss.length }).toEqual({
      immutability: 3,
      s3: 2,
      oss: 1,
    });
    for (const d of [...immutability, ...s3, ...oss]) expect(d.message).toMatch(/365/);
  });

  it("a 365-day lock on every store passes all three", async () => {
    const stack = everyStore(365);
    expect(await perResource(stack, config)).toHaveLength(0);
    expect(await onStack(requireEvidenceS3DefaultRetention, stack, config)).toHaveLength(0);
    expect(await onStack(requireEvidenceOssWorm, stack, config)).toHaveLength(0);
  });
});

describe("the README's --policy-pack-config example", () => {
  const example = readFileSync(join(__dirname, "../../README.md"), "utf8")
    .split("\n")
    .find((line) => line.includes('"minRetentionDays"'));

  it("sets minRetentionDays alike on the three evidence rules, each reading its own entry", async () => {
    expect(example).toBeDefined();
    const packConfig = JSON.parse(example!.replace(/^`|`\.?$/g, "")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(packConfig).sort()).toEqual(RULES.map(([name]) => name).sort());
    for (const [name] of RULES) expect(packConfig[name]).toEqual({ minRetentionDays: 365 });
    const stack = everyStore(30);
    expect(await perResource(stack, packConfig["require-evidence-bucket-immutability"])).toHaveLength(3);
    const s3Config = packConfig["require-evidence-s3-default-retention"];
    expect(await onStack(requireEvidenceS3DefaultRetention, stack, s3Config)).toHaveLength(2);
    const ossConfig = packConfig["require-evidence-oss-worm"];
    expect(await onStack(requireEvidenceOssWorm, stack, ossConfig)).toHaveLength(1);
  });
});

describe("the default follows EVIDENCE_RETENTION_DAYS in every rule", () => {
  type Rules = {
    oss: typeof import("../../policies/rules/require-evidence-oss-worm");
    s3: typeof import("../../policies/rules/require-evidence-s3-default-retention");
  };
  let rules: Rules;
  beforeAll(() => {
    jest.isolateModules(() => {
      jest.doMock("../../policies/lib/evidence-retention", () => ({ EVIDENCE_RETENTION_DAYS: 45 }));
      rules = {
        oss: require("../../policies/rules/require-evidence-oss-worm"),
        s3: require("../../policies/rules/require-evidence-s3-default-retention"),
      };
    });
  });

  it("require-evidence-oss-worm: unconfigured, 44 days fails and 45 passes", async () => {
    const rule = rules.oss.requireEvidenceOssWorm;
    expect(await onStack(rule, ossStore(44), {})).toHaveLength(1);
    expect(await onStack(rule, ossStore(45), {})).toHaveLength(0);
    expect(rule.metadata.details).toContain("(45 by default;");
    expect(String(rule.configSchema?.properties.minRetentionDays.description)).toContain("(45)");
  });

  it("require-evidence-s3-default-retention: unconfigured, 44 days fails and 45 passes", async () => {
    const rule = rules.s3.requireEvidenceS3DefaultRetention;
    expect(await onStack(rule, s3Store(44), {})).toHaveLength(1);
    expect(await onStack(rule, s3Store(45), {})).toHaveLength(0);
    expect(rule.metadata.details).toContain("(45 by default;");
    expect(String(rule.configSchema?.properties.minRetentionDays.description)).toContain("(45)");
  });
});
