// Resource policies of evidence stores (an S3 or OSS bucket's policy, separate or inline, a backup vault's VaultPolicy)
// that let everyone do what unlocks or erodes the store: lower the default retention for new evidence, add delete
// markers, overwrite, remove the lock in its grace period, delete recovery points, encrypt new evidence under a key
// of their own, replicate it out. A lock keeps what it holds, not what anyone may write or configure next. A policy
// names its store like a lock does (links.ts, store-locks.ts): one that may be the store's, built from the same
// source at preview, is a note when it grants such actions. A statement's Action is matched against each listed
// action with IAM wildcards, so "s3:Put*" grants these two while "s3:PutBucket*" grants neither.
import { GenericResource } from "../../lib/reachability";
import { unverifiable } from "./findings";
import { Link } from "./links";
import { AWS_POLICY, OpenGrant, openGrants, PolicyDialect } from "./open-grants";
import { Blocks, BlockSpec, publicAccessBlocks } from "./public-access-blocks";
import { StackFinding } from "./stack-rule";
import { assignLocks, lockNames } from "./store-locks";
import { isTemplateResourceId } from "./templates/template-references";

/** What an S3 bucket policy must not let everyone do on an evidence bucket. */
export const S3_UNLOCKING_ACTIONS = [
  "s3:PutBucketObjectLockConfiguration",
  "s3:BypassGovernanceRetention",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:PutObject",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketVersioning",
  "s3:DeleteBucket",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
  "s3:PutBucketAcl",
  // A public object ACL discloses the evidence object it is put on.
  "s3:PutObjectAcl",
  // Default encryption under an outsider's KMS key: new evidence becomes unreadable once they revoke the key.
  "s3:PutEncryptionConfiguration",
  // Replication copies every new object to a bucket of the caller's choosing.
  "s3:PutReplicationConfiguration",
  // Lifting the bucket's public access block (put or delete) or its owner-enforced ownership lets a public ACL apply.
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketOwnershipControls",
];

/**
 * What an OSS bucket policy must not let everyone do on an evidence bucket: the same harms in OSS's actions. A WORM
 * policy not yet locked can be aborted, or a short one initiated in its place; a versioning change to Suspended, a
 * lifecycle rule or a public ACL does the rest, and lifting the bucket's block of public access lets an ACL open it.
 */
export const OSS_UNLOCKING_ACTIONS = [
  "oss:InitiateBucketWorm",
  "oss:AbortBucketWorm",
  "oss:PutBucketObjectWormConfiguration",
  "oss:PutObjectRetention",
  "oss:PutObjectLegalHold",
  "oss:DeleteObject",
  "oss:DeleteObjectVersion",
  "oss:PutObject",
  "oss:PutBucketLifecycle",
  "oss:PutBucketVersioning",
  "oss:DeleteBucket",
  "oss:PutBucketPolicy",
  "oss:DeleteBucketPolicy",
  "oss:PutBucketAcl",
  "oss:PutObjectAcl",
  "oss:PutBucketPublicAccessBlock",
  "oss:DeleteBucketPublicAccessBlock",
  "oss:PutBucketEncryption",
  "oss:PutBucketReplication",
];

/** What a backup vault policy must not let everyone do. */
export const BACKUP_UNLOCKING_ACTIONS = [
  "backup:DeleteBackupVaultLockConfiguration",
  "backup:PutBackupVaultLockConfiguration",
  "backup:DeleteRecoveryPoint",
  "backup:UpdateRecoveryPointLifecycle",
  "backup:DisassociateRecoveryPoint",
  "backup:DeleteBackupVault",
  "backup:PutBackupVaultAccessPolicy",
  "backup:DeleteBackupVaultAccessPolicy",
];

/** What would let anyone empty a Glacier vault or lift its lock. */
export const GLACIER_UNLOCKING_ACTIONS = [
  "glacier:DeleteArchive",
  "glacier:DeleteVault",
  "glacier:AbortVaultLock",
  "glacier:SetVaultAccessPolicy",
  "glacier:DeleteVaultAccessPolicy",
];

export interface StorePolicies {
  /** "evidence bucket", "backup vault": how messages name the store. */
  kind: string;
  /** Separate policy resources and how one names a store. */
  policyTypes: readonly string[];
  link: (policy: GenericResource, store: GenericResource) => Link;
  /** The store's own policy input, when it has one. */
  inlineField?: string;
  actions: readonly string[];
  /** What everyone could do with them, for messages. */
  harm: string;
  /** The policy grammar (IAM when unset). */
  dialect?: PolicyDialect;
  /** How to close the grant, for messages (IAM's condition keys when unset). */
  fix?: string;
  /**
   * Blocks of public access that make the provider ignore a policy's grants to everyone (OSS Block Public Access, S3
   * restrictPublicBuckets: evidence-bucket-acls.ts).
   */
  publicBlocks?: BlockSpec;
  /**
   * Which grants such a block takes away; every grant read here when unset (OSS). What is left to callers it keeps
   * (the principals of the owner's account) is not everyone, as a Condition naming that account is not.
   */
  neutralised?: (grant: OpenGrant) => boolean;
}

const FIX =
  "remove the statement, name the principals (an account or role ARN), or add a Condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount";

/** The findings of one policy document on one store, reported on the resource that holds the document. */
function grantFindings(
  holder: GenericResource,
  policyName: string,
  document: unknown,
  store: GenericResource,
  spec: StorePolicies,
  blocked: Blocks,
): StackFinding[] {
  const grants = unblocked(openGrants(document, spec.actions, spec.dialect ?? AWS_POLICY), blocked, spec);
  const fix = spec.fix ?? FIX;
  // Judged once known (at update, on a deployed stack): a note here would stand on every bucket policy, whose text
  // names its bucket's ARN and so is unknown at preview. A template's document keeps such ARNs as named parts
  // (aws-template-bucket-policies.ts): unknown as a whole, it comes from a parameter or an import, which is a note.
  if (grants === "unknown") {
    if (!isTemplateResourceId(holder.inputs.id)) return [];
    const why = `it may let everyone in on ${spec.kind} ${store.name}, and then ${spec.harm}; ${fix}`;
    return [{ urn: holder.urn, ...unverifiable(`the document of ${policyName}`, why) }];
  }
  return grants.map((g: OpenGrant): StackFinding => {
    const what = `${policyName} ${g.statement} lets everyone (${g.principal}) ${g.actions.join(", ")} on ${spec.kind} ${store.name}`;
    const finding: StackFinding = g.doubt
      ? { urn: holder.urn, ...unverifiable(g.doubt, `${what}; ${fix}`) }
      : { urn: holder.urn, message: `${what}: ${spec.harm}; ${fix}` };
    return neutralises(spec, g) ? unlessBlocked(finding, blocked) : finding;
  });
}

const neutralises = (spec: StorePolicies, g: OpenGrant) => spec.neutralised?.(g) ?? true;

/** The grants a block in force leaves standing: those it does not neutralise. */
function unblocked(grants: OpenGrant[] | "unknown", blocked: Blocks, spec: StorePolicies): OpenGrant[] | "unknown" {
  if (grants === "unknown" || blocked !== "yes") return grants;
  return grants.filter((g) => !neutralises(spec, g));
}

/** Findings for every store's policies that grant everyone the listed actions; `judged` picks the stores to judge. */
export function openStorePolicies(
  stores: readonly GenericResource[],
  judged: (store: GenericResource) => boolean,
  resources: readonly GenericResource[],
  spec: StorePolicies,
): StackFinding[] {
  const policies = resources.filter((r) => spec.policyTypes.includes(r.type));
  const byStore = assignLocks(stores, policies, spec.link);
  const blockedOf = spec.publicBlocks ? publicAccessBlocks(stores, resources, spec.publicBlocks) : () => "no" as const;
  return stores.filter(judged).flatMap((store) => {
    const blocked = blockedOf(store);
    // A block that neutralises every grant read here (each is to everyone) leaves nothing to judge.
    if (blocked === "yes" && !spec.neutralised) return [];
    const { sure, possible } = byStore.get(store.urn) ?? { sure: [], possible: [] };
    const inline = spec.inlineField ? store.inputs[spec.inlineField] : undefined;
    const own =
      inline === undefined ? [] : grantFindings(store, `inline ${spec.inlineField}`, inline, store, spec, blocked);
    const separate = sure.flatMap((p) => grantFindings(p, `policy ${p.name}`, p.inputs.policy, store, spec, blocked));
    // A policy that may be the store's and would let everyone in: a note, on the policy.
    const doubtful = possible.flatMap((p): StackFinding[] => {
      const grants = unblocked(openGrants(p.inputs.policy, spec.actions, spec.dialect ?? AWS_POLICY), blocked, spec);
      if (grants === "unknown" || grants.length === 0) return [];
      const actions = [...new Set(grants.flatMap((g) => g.actions))].join(", ");
      const why = `it may be the policy of ${spec.kind} ${store.name} (built from the same source, or in the same place) and lets everyone ${actions}; ${spec.fix ?? FIX}`;
      return [{ urn: p.urn, ...unverifiable(`the store of ${lockNames("policy", [p])}`, why) }];
    });
    return [...own, ...separate, ...doubtful];
  });
}

/** A violation that a block of public access may neutralise is a note naming that doubt. */
function unlessBlocked(finding: StackFinding, blocked: Blocks): StackFinding {
  if (typeof blocked !== "object" || finding.unverifiable) return finding;
  return { urn: finding.urn, ...unverifiable(blocked.doubt, `${finding.message}, unless that block applies`) };
}
