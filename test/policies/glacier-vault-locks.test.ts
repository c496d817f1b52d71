// A Glacier vault marked as evidence (tags or name, as buckets are) needs a vault lock naming it in its own place; a
// lock that may be its own is a note, a lock unknown at preview and linked to nothing locks no vault.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const VAULT = "aws:glacier/vault:Vault";
const LOCK = "aws:glacier/vaultLock:VaultLock";
const RANDOM = "random:index/randomString:RandomString";
const EU = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::eu";
const DENY = JSON.stringify({
  Statement: [{ Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*" }],
});

const vault = (props: Record<string, unknown>, extra: Partial<StackInput> = {}): StackInput => ({
  type: VAULT,
  name: "archive",
  props: { name: "acme-archive", tags: { "hardening:evidence": "true" }, ...props },
  ...extra,
});
const lock = (vaultName: unknown, extra: Partial<StackInput> = {}): StackInput => ({
  type: LOCK,
  name: "archive-lock",
  props: { vaultName, completeLock: true, policy: DENY },
  ...extra,
});
const ARCHIVE = urnOf(VAULT, "archive");
const onVault = { propertyDependencies: { vaultName: [ARCHIVE] } };
const random: StackInput = { type: RANDOM, name: "sfx", props: { length: 6 } };
const SFX_LOCK = { propertyDependencies: { vaultName: [urnOf(RANDOM, "sfx")] } };
const SFX_VAULT = { propertyDependencies: { name: [urnOf(RANDOM, "sfx")] } };

describe("require-evidence-s3-default-retention: Glacier evidence vaults", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "an evidence-tagged vault without a lock",
      resources: [vault({})],
      violations: 1,
      urn: ARCHIVE,
      mentions: "evidence glacier vault archive has no vault lock",
    },
    {
      name: "a vault named as evidence, untagged, without a lock",
      resources: [vault({ name: "evidence-archive", tags: undefined })],
      violations: 1,
    },
    {
      name: "a vault tagged purpose = forensics without a lock",
      resources: [vault({ tags: { purpose: "forensics" } })],
      violations: 1,
    },
    { name: "locked, the lock naming the vault by name", resources: [vault({}), lock("acme-archive")], violations: 0 },
    {
      name: "locked, the lock linked by dependency (name unknown at preview)",
      resources: [vault({ name: UNKNOWN }), lock(UNKNOWN, onVault)],
      violations: 0,
    },
    {
      name: "a lock on `${vault.name}-old` does not lock the vault",
      resources: [vault({}), lock("acme-archive-old", onVault)],
      violations: 1,
    },
    {
      name: "a lock unknown at preview and linked to nothing locks no vault (fail closed)",
      resources: [vault({}), lock(UNKNOWN)],
      violations: 1,
    },
    {
      name: "vault and lock named from one random suffix: a note",
      resources: [random, vault({ name: UNKNOWN }, SFX_VAULT), lock(UNKNOWN, SFX_LOCK)],
      violations: 0,
      notes: 1,
    },
    {
      name: "the same fails closed when configured",
      resources: [random, vault({ name: UNKNOWN }, SFX_VAULT), lock(UNKNOWN, SFX_LOCK)],
      violations: 1,
      config: { failClosed: true },
    },
    {
      name: "a lock of the same name in another named region",
      resources: [
        vault({ region: "us-east-1" }),
        lock("acme-archive", { props: { vaultName: "acme-archive", region: "eu-west-1" } }),
      ],
      violations: 1,
    },
    {
      name: "a lock of the same name under another provider, in another named region",
      resources: [
        vault({ region: "us-east-1" }),
        lock("acme-archive", { provider: EU, props: { vaultName: "acme-archive", region: "eu-west-1" } }),
      ],
      violations: 1,
    },
    {
      name: "a lock of the same name in the same named region",
      resources: [
        vault({ region: "eu-west-1" }),
        lock("acme-archive", {
          props: { vaultName: "acme-archive", region: "eu-west-1", completeLock: true, policy: DENY },
        }),
      ],
      violations: 0,
    },
    {
      name: "an ordinary vault without a lock",
      resources: [vault({ name: "media", tags: { team: "web" } })],
      violations: 0,
    },
    {
      name: "a vault selected for AWS Backup by its backup tag is no backup store",
      resources: [vault({ name: "media", tags: { backup: "true" } })],
      violations: 0,
    },
    {
      name: "tags unknown at preview and no lock: a note",
      resources: [vault({ name: "media", tags: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "tags unknown at preview with a lock",
      resources: [vault({ name: "media", tags: UNKNOWN }), lock("media")],
      violations: 0,
    },
  ] as StackCase[]);

  it("names the vault, why and the fix", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, [vault({})]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("any archive can be deleted");
    expect(ds[0].message).toContain("add an aws.glacier.VaultLock with vaultName set to the vault's name");
  });
});

describe("require-evidence-s3-default-retention: a Glacier evidence vault's own access policy", () => {
  const policy = (statement: Record<string, unknown>) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*", ...statement }] });
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "lets everyone delete archives, beside a complete lock",
      resources: [
        vault({ accessPolicy: policy({ Principal: "*", Action: "glacier:*" }) }),
        lock("acme-archive", onVault),
      ],
      violations: 1,
      urn: ARCHIVE,
      mentions: "inline accessPolicy",
    },
    {
      name: "lets everyone abort a lock in progress",
      resources: [
        vault({ accessPolicy: policy({ Principal: { AWS: "*" }, Action: "glacier:AbortVaultLock" }) }),
        lock("acme-archive", onVault),
      ],
      violations: 1,
    },
    {
      name: "lets one named account delete archives",
      resources: [
        vault({ accessPolicy: policy({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "glacier:*" }) }),
        lock("acme-archive", onVault),
      ],
      violations: 0,
    },
    {
      name: "lets everyone read only",
      resources: [
        vault({ accessPolicy: policy({ Principal: "*", Action: "glacier:InitiateJob" }) }),
        lock("acme-archive", onVault),
      ],
      violations: 0,
    },
    {
      name: "an ordinary vault's open policy is not this rule's",
      resources: [
        vault({ name: "media-cache", tags: {}, accessPolicy: policy({ Principal: "*", Action: "glacier:*" }) }),
      ],
      violations: 0,
    },
  ] as StackCase[]);
});
