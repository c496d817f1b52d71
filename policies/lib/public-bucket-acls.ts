// Public ACLs on evidence buckets, set by the bucket itself or by a separate ACL resource naming it (linked like a
// lock: links.ts, store-locks.ts). Public write lets anyone overwrite objects and, where versioning and a lock do not
// keep them, destroy evidence. Public read discloses it: a rule reports at one level, so that is a violation too,
// since leaked evidence (whom the investigation suspects, what it found) harms a case as lost evidence does. A block of
// public access that makes the provider ignore public ACLs, on the bucket or on its account, neutralises them; one
// whose setting or bucket cannot be told at preview turns the finding into a note.
import { GenericResource } from "../../lib/reachability";
import { unverifiable } from "./findings";
import { Link } from "./links";
import { AclReading } from "./public-acls";
import { StackFinding } from "./stack-rule";
import { assignLocks, lockNames } from "./store-locks";

/** Whether a block of public access neutralises public ACLs: surely, not, or perhaps (the field that cannot be told). */
export type Blocks = "yes" | "no" | { doubt: string };

export interface PublicAclSpec {
  /** "evidence bucket": how messages name the store. */
  kind: string;
  /** What the store's own inputs grant the public. */
  inline: (store: GenericResource) => AclReading | undefined;
  /** Separate ACL resources and what one grants. */
  aclTypes: readonly string[];
  separate: (acl: GenericResource) => AclReading | undefined;
  /** Resources that block public access on the bucket they name, and on every bucket of their account. */
  bucketBlockTypes: readonly string[];
  accountBlockTypes: readonly string[];
  blocks: (block: GenericResource) => Blocks;
  /** How an ACL or a bucket-level block names its bucket. */
  link: (resource: GenericResource, store: GenericResource) => Link;
  fix: string;
}

const HARM = {
  write: "anyone may overwrite or add objects and, where versioning and a lock do not keep them, destroy evidence",
  read: "anyone may read the evidence (a violation, not advice: this rule reports at one level, and leaked evidence harms a case as lost evidence does)",
};

/** The surest block among those that may apply: "yes" wins, then the first doubt. */
function strongestBlock(verdicts: Blocks[]): Blocks {
  if (verdicts.includes("yes")) return "yes";
  return verdicts.find((v) => typeof v === "object") ?? "no";
}

/** The finding for one public reading on `holder`, given how surely a block neutralises it. */
function readingFinding(
  holder: GenericResource,
  source: string,
  reading: AclReading,
  store: GenericResource,
  blocked: Blocks,
  spec: PublicAclSpec,
): StackFinding | undefined {
  if (blocked === "yes") return undefined;
  const target = `${spec.kind} ${store.name}`;
  if (!reading.access)
    return {
      urn: holder.urn,
      ...unverifiable(reading.unknown ?? reading.what, `${source} may make ${target} public; ${spec.fix}`),
    };
  const what = `${source} sets ${reading.what} on ${target}: ${HARM[reading.access]}`;
  if (blocked !== "no")
    return { urn: holder.urn, ...unverifiable(blocked.doubt, `${what}, unless that block applies; ${spec.fix}`) };
  return { urn: holder.urn, message: `${what}; ${spec.fix}` };
}

/** Findings for every judged store whose ACL, its own or a separate resource's, lets the public in. */
export function publicBucketAcls(
  stores: readonly GenericResource[],
  judged: (store: GenericResource) => boolean,
  resources: readonly GenericResource[],
  spec: PublicAclSpec,
): StackFinding[] {
  const acls = assignLocks(
    stores,
    resources.filter((r) => spec.aclTypes.includes(r.type)),
    spec.link,
  );
  const bucketBlocks = assignLocks(
    stores,
    resources.filter((r) => spec.bucketBlockTypes.includes(r.type)),
    spec.link,
  );
  const accountBlocks = resources.filter((r) => spec.accountBlockTypes.includes(r.type)).map(spec.blocks);
  return stores.filter(judged).flatMap((store) => {
    const own = bucketBlocks.get(store.urn) ?? { sure: [], possible: [] };
    const blocked = strongestBlock([
      ...own.sure.map(spec.blocks),
      // A block that may name the bucket may also name another: it may neutralise, never surely.
      ...own.possible.map((block): Blocks =>
        spec.blocks(block) === "no" ? "no" : { doubt: `the bucket of ${lockNames("public access block", [block])}` },
      ),
      ...accountBlocks,
    ]);
    const { sure, possible } = acls.get(store.urn) ?? { sure: [], possible: [] };
    const inline = spec.inline(store);
    const findings = [
      inline ? readingFinding(store, "the bucket", inline, store, blocked, spec) : undefined,
      ...sure.map((acl) => {
        const reading = spec.separate(acl);
        return reading ? readingFinding(acl, `ACL ${acl.name}`, reading, store, blocked, spec) : undefined;
      }),
      // An ACL that may be the bucket's and would open it: a note, on the ACL.
      ...possible.map((acl): StackFinding | undefined => {
        const reading = spec.separate(acl);
        if (!reading?.access || blocked === "yes") return undefined;
        const why = `it may be the ACL of ${spec.kind} ${store.name} (built from the same source) and sets ${reading.what}; ${spec.fix}`;
        return { urn: acl.urn, ...unverifiable(`the bucket of ${lockNames("ACL", [acl])}`, why) };
      }),
    ];
    return findings.filter((f): f is StackFinding => f !== undefined);
  });
}
