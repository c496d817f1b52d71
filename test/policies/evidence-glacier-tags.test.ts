// The lock of every evidence Glacier vault is judged in the stack, however the vault is marked (tags included): an
// incomplete lock (Glacier removes it after its 24-hour test) or a policy without a Deny of glacier:DeleteArchive is a
// violation; a lock whose settings are unknown at preview is a note; a lock linked by dependency is judged.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { stackTable } from "./stack-table";

const VAULT = "aws:glacier/vault:Vault";
const LOCK = "aws:glacier/vaultLock:VaultLock";
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const DENY = doc({ Effect: "Deny", Principal: "*", Action: "glacier:DeleteArchive", Resource: "*" });
const NO_DENY = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "glacier:*" });
const DENY_ONE = doc({
  Effect: "Deny",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "glacier:DeleteArchive",
});

/** Marked as evidence only by its tags: the name says nothing. */
const tagged: StackInput = {
  type: VAULT,
  name: "archive",
  props: { name: "archive-2024", tags: { "hardening:evidence": "true" } },
};
const untagged: StackInput = { type: VAULT, name: "archive", props: { name: "archive-2024", tags: {} } };
const ARCHIVE = urnOf(VAULT, "archive");
const lock = (props: Record<string, unknown>, extra: Partial<StackInput> = {}): StackInput => ({
  type: LOCK,
  name: "archive-lock",
  props: { vaultName: "archive-2024", completeLock: true, policy: DENY, ...props },
  ...extra,
});
const onVault = { propertyDependencies: { vaultName: [ARCHIVE] } };

describe("require-evidence-s3-default-retention: locks of tagged Glacier vaults", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    {
      name: "a tagged vault, its lock incomplete",
      resources: [tagged, lock({ completeLock: false })],
      violations: 1,
      urn: ARCHIVE,
      mentions: "completeLock is false",
    },
    {
      name: "a tagged vault, its lock's completeLock unset",
      resources: [tagged, lock({ completeLock: undefined })],
      violations: 1,
      mentions: "24-hour test",
    },
    {
      name: "a tagged vault, its lock's policy with no Deny",
      resources: [tagged, lock({ policy: NO_DENY })],
      violations: 1,
      mentions: "no Deny of glacier:DeleteArchive",
    },
    {
      name: "a tagged vault, its lock denying one principal only",
      resources: [tagged, lock({ policy: DENY_ONE })],
      violations: 1,
      mentions: "vault lock archive-lock",
    },
    {
      name: "a tagged vault, both gaps at once: one finding naming both",
      resources: [tagged, lock({ completeLock: false, policy: NO_DENY })],
      violations: 1,
      mentions: "completeLock is false",
    },
    {
      name: "a vault tagged purpose = forensics, its lock incomplete",
      resources: [
        { ...tagged, props: { name: "archive-2024", tags: { purpose: "forensics" } } },
        lock({ completeLock: false }),
      ],
      violations: 1,
    },
    {
      name: "a tagged vault, its lock linked by dependency (vaultName unknown), incomplete",
      resources: [
        { ...tagged, props: { ...tagged.props, name: UNKNOWN } },
        lock({ vaultName: UNKNOWN, completeLock: false }, onVault),
      ],
      violations: 1,
      urn: ARCHIVE,
    },
    {
      name: "a tagged vault, its lock linked by dependency, complete with a Deny",
      resources: [{ ...tagged, props: { ...tagged.props, name: UNKNOWN } }, lock({ vaultName: UNKNOWN }, onVault)],
      violations: 0,
    },
    { name: "a tagged vault, its lock complete with a Deny", resources: [tagged, lock({})], violations: 0 },
    {
      name: 'completeLock given as the text "true" holds',
      resources: [tagged, lock({ completeLock: "true" })],
      violations: 0,
    },
    {
      name: "a tagged vault, completeLock unknown at preview: a note",
      resources: [tagged, lock({ completeLock: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a tagged vault, the lock policy unknown at preview: a note",
      resources: [tagged, lock({ policy: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a known gap beside an unknown one is a violation",
      resources: [tagged, lock({ completeLock: false, policy: UNKNOWN })],
      violations: 1,
    },
    {
      name: "two locks on one vault: the incomplete one is named (the last applied wins)",
      resources: [tagged, lock({}), lock({ completeLock: false }, { name: "archive-lock-2" })],
      violations: 1,
      mentions: "vault lock archive-lock-2",
    },
    {
      name: "an untagged vault of another name, its lock incomplete: not evidence",
      resources: [untagged, lock({ completeLock: false })],
      violations: 0,
    },
    {
      name: "an incomplete lock on another vault does not count for the tagged one",
      resources: [tagged, lock({ vaultName: "other-vault", completeLock: false })],
      violations: 1,
      mentions: "has no vault lock",
    },
  ]);

  it("names the vault, the lock and the 24-hour expiry", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, [tagged, lock({ completeLock: false })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain("evidence glacier vault archive");
    expect(ds[0].message).toContain("vault lock archive-lock");
    expect(ds[0].message).toContain("24-hour test");
  });

  it("a note on an unknown lock setting names the lock and the vault", async () => {
    const ds = await runStack(requireEvidenceS3DefaultRetention, [tagged, lock({ completeLock: UNKNOWN })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("advisory");
    expect(ds[0].message).toContain("completeLock is unknown");
    expect(ds[0].message).toContain("vault lock archive-lock of evidence glacier vault archive");
  });
});
