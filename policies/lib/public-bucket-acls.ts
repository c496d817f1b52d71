// Public ACLs on evidence buckets, set by the bucket itself or by a separate ACL resource naming it (linked like a
// lock: links.ts, store-locks.ts), and on the objects put into them (an object's own canned ACL). Public write lets
// anyone overwrite objects and, where versioning and a lock do not keep them, destroy evidence. Public read discloses
// it: a rule reports at one level, so that is a violation too, since leaked evidence (whom the investigation
// suspects, what it found) harms a case as lost evidence does. A block of public access that makes the provider
// ignore public ACLs, on the bucket or on its account (public-access-blocks.ts), neutralises them, bucket and object
// ACLs alike; one whose setting, bucket or account cannot be told at preview turns the finding into a note.
import { GenericResource } from "../../lib/reachability";
import { unverifiable } from "./findings";
import { AclReading } from "./public-acls";
import { Blocks, BlockSpec, publicAccessBlocks } from "./public-access-blocks";
import { StackFinding } from "./stack-rule";
import { assignLocks, lockNames } from "./store-locks";

export type { Blocks } from "./public-access-blocks";

export interface PublicAclSpec extends BlockSpec {
  /** "evidence bucket": how messages name the store. */
  kind: string;
  /** What the store's own inputs grant the public. */
  inline: (store: GenericResource) => AclReading | undefined;
  /** Separate ACL resources and what one grants. */
  aclTypes: readonly string[];
  separate: (acl: GenericResource) => AclReading | undefined;
  /** Objects put into a bucket, named by it like an ACL is, and what an object's own ACL grants the public. */
  objectTypes: readonly string[];
  object: (o: GenericResource) => AclReading | undefined;
  fix: string;
}

const HARM = {
  write: "anyone may overwrite or add objects and, where versioning and a lock do not keep them, destroy evidence",
  read: "anyone may read the evidence (a violation, not advice: this rule reports at one level, and leaked evidence harms a case as lost evidence does)",
};

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

/** A separate resource that sets an ACL on the bucket or on an object in it: how messages name it and what it grants. */
interface AclHolder {
  kind: "ACL" | "object";
  reading: AclReading | undefined;
  /** How a note says it may belong to a bucket. */
  mayBe: string;
}

function holderOf(r: GenericResource, spec: PublicAclSpec): AclHolder {
  return spec.objectTypes.includes(r.type)
    ? { kind: "object", reading: spec.object(r), mayBe: "be an object of" }
    : { kind: "ACL", reading: spec.separate(r), mayBe: "be the ACL of" };
}

/** Findings for every judged store whose ACL, its own, a separate resource's or an object's, lets the public in. */
export function publicBucketAcls(
  stores: readonly GenericResource[],
  judged: (store: GenericResource) => boolean,
  resources: readonly GenericResource[],
  spec: PublicAclSpec,
): StackFinding[] {
  const acls = assignLocks(
    stores,
    resources.filter((r) => spec.aclTypes.includes(r.type) || spec.objectTypes.includes(r.type)),
    spec.link,
  );
  const blockedOf = publicAccessBlocks(stores, resources, spec);
  return stores.filter(judged).flatMap((store) => {
    const blocked = blockedOf(store);
    const { sure, possible } = acls.get(store.urn) ?? { sure: [], possible: [] };
    const inline = spec.inline(store);
    const findings = [
      inline ? readingFinding(store, "the bucket", inline, store, blocked, spec) : undefined,
      ...sure.map((acl) => {
        const { kind, reading } = holderOf(acl, spec);
        return reading ? readingFinding(acl, `${kind} ${acl.name}`, reading, store, blocked, spec) : undefined;
      }),
      // An ACL or object that may be the bucket's and would open it: a note, on that resource.
      ...possible.map((acl): StackFinding | undefined => {
        const { kind, reading, mayBe } = holderOf(acl, spec);
        if (!reading?.access || blocked === "yes") return undefined;
        const why = `it may ${mayBe} ${spec.kind} ${store.name} (built from the same source) and sets ${reading.what}; ${spec.fix}`;
        return { urn: acl.urn, ...unverifiable(`the bucket of ${lockNames(kind, [acl])}`, why) };
      }),
    ];
    return findings.filter((f): f is StackFinding => f !== undefined);
  });
}
