// Which blocks of public access apply to a bucket: one naming the bucket (linked like a lock: links.ts,
// store-locks.ts), or one set on the account the bucket lives in. An account's block covers only its own account's
// buckets: one whose provider acts in another account blocks nothing here, one that may (its provider's account or
// credentials differ or are unknown at preview, provider-accounts.ts) only perhaps.
import { GenericResource } from "../../lib/reachability";
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { Link } from "./links";
import { providerAccount, sameAccount } from "./provider-accounts";
import { assignLocks, lockNames } from "./store-locks";

/** Whether a block of public access neutralises a public grant: surely, not, or perhaps (what cannot be told). */
export type Blocks = "yes" | "no" | { doubt: string };

export interface BlockSpec {
  /** Resources that block public access on the bucket they name, and on every bucket of their account. */
  bucketBlockTypes: readonly string[];
  accountBlockTypes: readonly string[];
  /** What a block's own settings neutralise, wherever it applies. */
  blocks: (block: GenericResource) => Blocks;
  /** How a bucket-level block names its bucket. */
  link: (resource: GenericResource, store: GenericResource) => Link;
}

/** The surest block among those that may apply: "yes" wins, then the first doubt. */
export function strongestBlock(verdicts: Blocks[]): Blocks {
  if (verdicts.includes("yes")) return "yes";
  return verdicts.find((v) => typeof v === "object") ?? "no";
}

/**
 * Whether an account's block is set on the account `store` lives in. S3's block may name its account (accountId,
 * the caller's when left out or unknown at preview): a known one is compared with the accounts the store's provider
 * may act in; otherwise the block's provider is compared with the store's.
 */
function blockAccount(block: GenericResource, store: GenericResource): "same" | "maybe" | "other" {
  const named = unwrap(block.inputs.accountId);
  if (typeof named !== "string" || named === "" || isUnknown(named)) return sameAccount(block, store);
  const within = providerAccount(store).within;
  if (!within) return "maybe";
  if (!within.includes(named)) return "other";
  return within.length === 1 ? "same" : "maybe";
}

/** What one account block neutralises on `store`, given whose account it is set on. */
function accountBlock(block: GenericResource, store: GenericResource, spec: BlockSpec): Blocks {
  const verdict = spec.blocks(block);
  const account = blockAccount(block, store);
  if (account === "other" || verdict === "no") return "no";
  if (account === "same") return verdict;
  return {
    doubt: `whether ${lockNames("account public access block", [block])} is set on the account of ${store.name}`,
  };
}

/** For each store, how surely the blocks that may apply to it neutralise public access. */
export function publicAccessBlocks(
  stores: readonly GenericResource[],
  resources: readonly GenericResource[],
  spec: BlockSpec,
): (store: GenericResource) => Blocks {
  const bucketBlocks = assignLocks(
    stores,
    resources.filter((r) => spec.bucketBlockTypes.includes(r.type)),
    spec.link,
  );
  const accountBlocks = resources.filter((r) => spec.accountBlockTypes.includes(r.type));
  return (store) => {
    const own = bucketBlocks.get(store.urn) ?? { sure: [], possible: [] };
    return strongestBlock([
      ...own.sure.map(spec.blocks),
      // A block that may name the bucket may also name another: it may neutralise, never surely.
      ...own.possible.map((block): Blocks =>
        spec.blocks(block) === "no" ? "no" : { doubt: `the bucket of ${lockNames("public access block", [block])}` },
      ),
      ...accountBlocks.map((block) => accountBlock(block, store, spec)),
    ]);
  };
}
