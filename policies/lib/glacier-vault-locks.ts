// Glacier vaults that hold evidence (marked like buckets: tags, or a name naming evidence, forensics or backups) need
// a vault lock that holds, or any archive can be deleted. A lock names its vault by vaultName in the same place (vault
// names are unique per account and region), as backup vault locks do; one that may be the vault's is a note, and one
// whose vaultName is unknown and linked to nothing locks no vault (fail closed). Each lock of an evidence vault is
// judged here, however the vault is marked: an incomplete lock (Glacier removes it after its 24-hour test) or one
// without a Deny of glacier:DeleteArchive keeps nothing, and one whose Deny ends before the evidence minimum (its
// glacier:ArchiveAgeInDays) keeps archives too briefly, as a bucket's short default retention does.
import { GenericResource } from "../../lib/reachability";
import { classifyBucket } from "./evidence";
import { EVIDENCE_RETENTION_DAYS } from "./evidence-retention";
import { unverifiable } from "./findings";
import { glacierLockGaps } from "./glacier-lock-policy";
import { placeLink, samePlace } from "./placement";
import { resourceDefaultTags } from "./provider-default-tags";
import { StackFinding } from "./stack-rule";
import { assignLocks, judgedWithPossibleLocks, lockNames, namedBy } from "./store-locks";

export const GLACIER_VAULT = "aws:glacier/vault:Vault";
export const GLACIER_VAULT_LOCK = "aws:glacier/vaultLock:VaultLock";

const locksVault = namedBy("vaultName", ["name", "id"], (lock, vault) => placeLink(samePlace(lock, vault)));

/** A vault's name and tags read as a bucket's are. */
const classify = (vault: GenericResource) =>
  classifyBucket({ tags: vault.inputs.tags, bucket: vault.inputs.name }, vault.name, resourceDefaultTags(vault));

export const isEvidenceGlacierVault = (vault: GenericResource) => classify(vault) === "evidence";

/**
 * A vault has one lock: when several resources set it the last applied wins, so each must hold. A violation names the
 * lock and its gaps; a gap unknown at preview is a note.
 */
function lockGapsFinding(vault: GenericResource, locks: GenericResource[], minDays: number): StackFinding | undefined {
  const gaps = locks.map((lock) => ({ lock, gaps: glacierLockGaps(lock.inputs, minDays) }));
  const broken = gaps.flatMap(({ lock, gaps }) => {
    const problems = gaps.filter((g) => !g.unverifiable).map((g) => g.message);
    return problems.length > 0 ? [`vault lock ${lock.name}: ${problems.join("; ")}`] : [];
  });
  if (broken.length > 0)
    return { urn: vault.urn, message: `evidence glacier vault ${vault.name}: ${broken.join("; ")}` };
  const unknown = gaps.find((g) => g.gaps.length > 0);
  if (!unknown) return undefined;
  const note = unknown.gaps[0];
  return {
    urn: vault.urn,
    ...note,
    message: `${note.message} (vault lock ${unknown.lock.name} of evidence glacier vault ${vault.name})`,
  };
}

/** Evidence vaults without a lock that holds, each lock keeping archives at least `minDays`. */
export function unlockedGlacierVaults(
  resources: readonly GenericResource[],
  fix: string,
  minDays = EVIDENCE_RETENTION_DAYS,
): StackFinding[] {
  const vaults = resources.filter((r) => r.type === GLACIER_VAULT);
  if (vaults.length === 0) return [];
  const locksOf = assignLocks(
    vaults,
    resources.filter((r) => r.type === GLACIER_VAULT_LOCK),
    locksVault,
  );
  return vaults.flatMap((vault): StackFinding[] => {
    const kind = classify(vault);
    if (kind === "other") return [];
    const locks = locksOf.get(vault.urn);
    if (kind === "unknown") {
      if ((locks?.sure.length ?? 0) + (locks?.possible.length ?? 0) > 0) return [];
      const why = `cannot tell whether glacier vault ${vault.name}, which has no vault lock, holds evidence; ${fix}`;
      return [{ urn: vault.urn, ...unverifiable("tags", why) }];
    }
    const finding = judgedWithPossibleLocks(
      locks,
      (sure) =>
        sure.length > 0
          ? lockGapsFinding(vault, sure, minDays)
          : {
              urn: vault.urn,
              message: `evidence glacier vault ${vault.name} has no vault lock: any archive can be deleted; ${fix}`,
            },
      (possible) => ({
        urn: vault.urn,
        ...unverifiable(
          `the vault of ${lockNames("vault lock", possible)}`,
          `it may lock evidence glacier vault ${vault.name} (built from the same source, or in the same place)`,
        ),
      }),
    );
    return finding ? [finding] : [];
  });
}
