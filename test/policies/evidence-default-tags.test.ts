// A bucket marked as evidence by its AWS provider's default tags (an explicit provider's `defaultTags` input, or the
// default provider's `aws:defaultTags` stack config) is judged as evidence: the provider tags everything it creates,
// and the bucket's own tags override a default of the same key. Tag values such as "on", "enabled", "y" or "true "
// (surrounding spaces are legal in AWS and Alibaba Cloud tags) mean yes.
import { classifyBucket } from "../../policies/lib/evidence";
import { defaultTagsOf } from "../../policies/lib/provider-default-tags";
import { requireEvidenceBucketImmutability } from "../../policies/rules/require-evidence-bucket-immutability";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { mandatory, remediate, run, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const S3 = "aws:s3/bucket:Bucket";
const S3V2 = "aws:s3/bucketV2:BucketV2";
const OSS = "alicloud:oss/bucket:Bucket";
const PROVIDERS = "urn:pulumi:test::hardening-kit::pulumi:providers";
/** An explicit provider, and the default provider the engine makes from stack config. */
const EXPLICIT = `${PROVIDERS}:aws::evidence`;
const DEFAULT = `${PROVIDERS}:aws::default_7_48_0`;
const ALICLOUD = `${PROVIDERS}:alicloud::evidence`;
/** How the SDK sends an explicit provider's defaultTags, and the engine a config object: JSON text. */
const defaultTagsInput = (tags: unknown) => JSON.stringify({ tags });
const EVIDENCE_DEFAULTS = { defaultTags: defaultTagsInput({ "hardening:evidence": "true" }) };
/** `aws:defaultTags: { tags: { backup-store: "yes" } }` in Pulumi.<stack>.yaml, as the default provider's inputs. */
const CONFIG_DEFAULTS = { version: "7.48.0", region: "eu-west-1", defaultTags: '{"tags":{"backup-store":"yes"}}' };

describe("which buckets hold evidence: tag spellings", () => {
  it.each([
    [{ "hardening:evidence": "on" }, "evidence"],
    [{ "hardening:evidence": "Enabled" }, "evidence"],
    [{ "hardening:backup": "Y" }, "evidence"],
    [{ "backup-store": "enable" }, "evidence"],
    [{ "hardening:evidence": "true " }, "evidence"],
    [{ "hardening:evidence": " yes" }, "evidence"],
    [{ "hardening:evidence": " TRUE\t" }, "evidence"],
    [{ " hardening:evidence ": "true" }, "evidence"],
    // A backup selection key with spaces around it is still a selection: the bucket is backed up, not a store.
    [{ " backup ": "true" }, "other"],
    [{ "Backup ": "on" }, "other"],
    [{ "backup-enabled ": UNKNOWN }, "other"],
    [{ " schedule": " backup-daily " }, "other"],
    // Not yes: a value that says no, or yes among other words.
    [{ "hardening:evidence": "off" }, "other"],
    [{ "hardening:evidence": "no" }, "other"],
    [{ "hardening:evidence": "not yet" }, "other"],
  ])("tags %j: %s", (tags, verdict) => {
    expect(classifyBucket({ tags }, "store")).toBe(verdict);
  });
});

describe("which buckets hold evidence: provider default tags", () => {
  const marking = { "hardening:evidence": "true" };
  it.each([
    ["the default marks an untagged bucket", {}, marking, "evidence"],
    ["the default marks a bucket with other tags", { tags: { team: "sec" } }, marking, "evidence"],
    ["a default key naming forensics, with a yes value", {}, { forensics: "true" }, "evidence"],
    // A provider tags everything it makes: a default value naming a word says whose the resources are.
    ["a default value naming forensics", {}, { purpose: "forensics" }, "other"],
    ["a default team naming a forensics lab", {}, { Team: "forensics-lab" }, "other"],
    ["a default project naming a backup portal", {}, { Project: "backup-portal" }, "other"],
    ["a default opting out of backups", {}, { "no-backup": "true" }, "other"],
    ["a default naming the backup store", {}, { "hardening:backup": "yes" }, "evidence"],
    ["the bucket's own tag overrides the default", { tags: { "hardening:evidence": "false" } }, marking, "other"],
    ["an own tag of another key overrides nothing", { tags: { "hardening:evidence ": "no" } }, marking, "evidence"],
    [
      "an own tag unknown at preview may lift the default",
      { tags: { "hardening:evidence": UNKNOWN } },
      marking,
      "unknown",
    ],
    ["an unknown own map keeps the default's mark", { tags: UNKNOWN }, marking, "evidence"],
    [
      "the bucket's own tag marks under a plain default",
      { tags: { purpose: "evidence" } },
      { team: "sec" },
      "evidence",
    ],
    ["defaults that mark nothing", {}, { team: "sec", backup: "true" }, "other"],
    ["defaults unknown at preview", {}, "unknown", "unknown"],
    ["a default mark unknown at preview", {}, { "hardening:evidence": UNKNOWN }, "unknown"],
    ["a default value unknown at preview under a key naming no purpose", {}, { purpose: UNKNOWN }, "other"],
    ["a default backup selection unknown at preview", {}, { backup: UNKNOWN }, "other"],
    ["own tags marking under unknown defaults", { tags: marking }, "unknown", "evidence"],
    ["no defaults", {}, undefined, "other"],
  ] as const)("%s", (_n, props, defaults, verdict) => {
    expect(classifyBucket(props, "store", defaults as never)).toBe(verdict);
  });
});

describe("a provider's default tags", () => {
  const tags = { "hardening:evidence": "true" };
  it.each([
    ["JSON text (the SDK's and the config's form)", S3, { defaultTags: defaultTagsInput(tags) }, tags],
    ["an object", S3, { defaultTags: { tags } }, tags],
    ["tags as JSON text inside an object", S3V2, { defaultTags: { tags: JSON.stringify(tags) } }, tags],
    ["the whole block unknown", S3, { defaultTags: UNKNOWN }, "unknown"],
    ["the tags unknown", S3, { defaultTags: { tags: UNKNOWN } }, "unknown"],
    ["none set", S3, { region: "eu-west-1" }, undefined],
    ["an empty block", S3, { defaultTags: "{}" }, undefined],
    ["no provider inputs sent", S3, undefined, undefined],
    // Alibaba Cloud's provider has no default tags: a stray config key is no tag.
    ["an Alibaba Cloud resource", OSS, { defaultTags: defaultTagsInput(tags) }, undefined],
  ] as const)("%s", (_n, type, inputs, expected) => {
    expect(defaultTagsOf(type, inputs as never)).toEqual(expected);
  });
});

describe("require-evidence-bucket-immutability: a bucket marked by its provider's default tags", () => {
  const destroyable = { bucket: "acme-store-7f3a", forceDestroy: true };
  const under = (urn: string, props: Record<string, unknown>) => ({ name: "store", provider: { urn, props } });

  it.each([
    ["an explicit provider's defaultTags", EXPLICIT, EVIDENCE_DEFAULTS, 1],
    ["the default provider's aws:defaultTags config", DEFAULT, CONFIG_DEFAULTS, 1],
    ["a provider without default tags", EXPLICIT, { region: "eu-west-1" }, 0],
  ])("forceDestroy under %s", async (_n, urn, props, violations) => {
    const ds = await run(requireEvidenceBucketImmutability, S3, destroyable, under(urn, props));
    expect(mandatory(ds)).toHaveLength(violations);
    for (const d of mandatory(ds)) expect(d.message).toContain("forceDestroy is true");
  });

  it("a bucket without tags under unknown default tags is a note", async () => {
    const ds = await run(requireEvidenceBucketImmutability, S3, destroyable, under(EXPLICIT, { defaultTags: UNKNOWN }));
    expect(ds.map((d) => [d.level, d.message.startsWith("cannot be verified")])).toEqual([["advisory", true]]);
  });

  it("remediation turns forceDestroy off on a bucket the defaults mark", async () => {
    const patched = await remediate(
      requireEvidenceBucketImmutability,
      S3,
      destroyable,
      under(DEFAULT, CONFIG_DEFAULTS),
    );
    expect(patched).toMatchObject({ forceDestroy: false });
  });
});

describe("require-evidence-s3-default-retention: a bucket marked by its provider's default tags", () => {
  const STORE = urnOf(S3, "store");
  /** No tags of its own and a name that says nothing: only the provider marks it. */
  const store = (provider: string, providerProps: Record<string, unknown>, props = {}): StackInput => ({
    type: S3,
    name: "store",
    props: { bucket: "acme-store-7f3a", ...props },
    provider,
    providerProps,
  });

  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "an explicit provider's defaultTags mark the bucket: no lock is a violation",
      resources: [store(EXPLICIT, EVIDENCE_DEFAULTS)],
      violations: 1,
      urn: STORE,
      mentions: "no COMPLIANCE default retention",
    },
    {
      name: "the default provider's aws:defaultTags config marks the bucket: no lock is a violation",
      resources: [store(DEFAULT, CONFIG_DEFAULTS)],
      violations: 1,
      urn: STORE,
      mentions: "no COMPLIANCE default retention",
    },
    {
      name: "a default tag value with a trailing space still marks it",
      resources: [store(EXPLICIT, { defaultTags: defaultTagsInput({ "hardening:evidence": "true " }) })],
      violations: 1,
      urn: STORE,
    },
    {
      name: "the bucket's own tag lifts the provider's mark",
      resources: [store(EXPLICIT, EVIDENCE_DEFAULTS, { tags: { "hardening:evidence": "false" } })],
      violations: 0,
    },
    {
      name: "a provider whose default tags mark nothing",
      resources: [store(EXPLICIT, { defaultTags: defaultTagsInput({ team: "web" }) })],
      violations: 0,
    },
    {
      name: "a Glacier vault marked only by the provider's default tags: no lock is a violation",
      resources: [
        {
          type: "aws:glacier/vault:Vault",
          name: "archive",
          props: { name: "archive-2024" },
          provider: EXPLICIT,
          providerProps: EVIDENCE_DEFAULTS,
        },
      ],
      violations: 1,
      urn: urnOf("aws:glacier/vault:Vault", "archive"),
      mentions: "has no vault lock",
    },
    {
      name: "an unmarked Glacier vault under a provider whose default tags mark nothing",
      resources: [
        {
          type: "aws:glacier/vault:Vault",
          name: "archive",
          props: { name: "archive-2024" },
          provider: EXPLICIT,
          providerProps: { defaultTags: defaultTagsInput({ team: "web" }) },
        },
      ],
      violations: 0,
    },
    {
      name: "the marked bucket with a COMPLIANCE default retention",
      resources: [
        store(EXPLICIT, EVIDENCE_DEFAULTS, {
          objectLockConfiguration: {
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
          },
        }),
      ],
      violations: 0,
    },
  ]);
});

describe("require-evidence-oss-worm: Alibaba Cloud has no provider default tags", () => {
  const bucket: StackInput = {
    type: OSS,
    name: "store",
    props: { bucket: "acme-store-7f3a" },
    provider: ALICLOUD,
    providerProps: { region: "cn-hangzhou", defaultTags: defaultTagsInput({ "hardening:evidence": "true" }) },
  };
  stackTable(requireEvidenceOssWorm, [
    { name: "a stray defaultTags input marks nothing", resources: [bucket], violations: 0 },
  ]);
});
