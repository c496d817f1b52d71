// Alibaba Cloud load balancer listener access control, read once for the network model and the WAF origin rule. SLB
// (CLB) listeners name their ACLs themselves (aclStatus, aclType, aclIds or the older aclId); ALB listeners through
// ListenerAclAttachment resources or the older aclConfig block. Entries sit on the ACL (entryLists, aclEntries) and in
// separate AclEntryAttachment resources. What cannot be read (a field unknown at preview, an ACL outside the stack)
// is reported by name, never guessed.
import { pushTo } from "../multimap";
import { Resolver } from "../resolver";
import { GenericResource, isUnknown, list, prop, str } from "../resource";
import { ALI } from "./tokens";

/** Pulumi types the reading looks at besides the listeners themselves. */
export const LISTENER_ACL_TYPES = {
  slbListener: ALI.slbListener,
  slbAcl: ALI.slbAcl,
  slbAclEntry: ALI.slbAclEntry,
  albListener: ALI.albListener,
  albAcl: ALI.albAcl,
  albAclEntry: ALI.albAclEntry,
  albListenerAcl: ALI.albListenerAcl,
};

/**
 * One entry of an ACL: its text, or what stops it being read (`entries of ACL <name>`), with the resource holding it
 * (the ACL, or an entry attachment). `uncertain`: an entry attachment whose `aclId` links several candidate ACLs
 * holds it, so it may belong to another one: it widens a whitelist but closes nothing in a blacklist.
 */
export type AclEntryRead = ({ text: string } | { unknown: string }) & { from: string; uncertain?: true };

/** One ACL a reference names, with every entry it holds (its own and its attachments'). */
export interface AclRead {
  acl: GenericResource;
  entries: AclEntryRead[];
}

/** What one reference input names: ACLs of the stack, or the field that cannot be followed. */
export type AclRefRead = { acls: AclRead[] } | { unknown: string };

/**
 * A listener's access control: none (and why), a field unknown at preview that decides whether or how it filters,
 * or its whitelists and blacklists, one read per reference input (in the order they are declared).
 */
export type ListenerAcls =
  | { kind: "anyone"; why: string }
  | { kind: "unknown"; field: string }
  | { kind: "lists"; white: AclRefRead[]; black: AclRefRead[] };

const lower = (v: unknown) => (str(v) ?? "").toLowerCase();

/** The resource and input a reference is read from, and its values. */
interface AclRefs {
  from: GenericResource;
  field: string;
  values: unknown[];
}

/** ACLs bound to a listener as one type (an attachment, aclConfig, the SLB listener's own fields). */
interface Binding {
  type: unknown;
  refs: AclRefs[];
}

/** The ACLs one reference names: each value must name an ACL of the stack, or be explained by a dependency on one. */
function refRead(res: Resolver, ref: AclRefs, kind: "white" | "black", aclType: string, entryType: string): AclRefRead {
  const named = ref.values.filter((v) => v !== undefined && v !== null && v !== "");
  if (named.length === 0) return { unknown: `${ref.field} (a ${kind}list naming no ACL)` };
  const found = res.many(ref.from, ref.field, named, [aclType]);
  if (found.external.length > 0) return { unknown: `entries of ACL ${found.external[0]} (outside the stack)` };
  if (found.urns.length < named.length) return { unknown: ref.field };
  return { acls: found.urns.map((u) => aclRead(res, res.get(u)!, entryType)) };
}

/** An entry attachment pointing at an ACL: alone, or as one of several candidates its `aclId` may name. */
interface AttachedTo {
  attachment: GenericResource;
  uncertain: boolean;
}

/** Entry attachments by the ACL they point at, indexed once per plan: every listener naming an ACL reads them. */
const attachmentIndex = new WeakMap<Resolver, Map<string, AttachedTo[]>>();

/**
 * The entry attachments of an ACL. One whose `aclId` links several ACLs of the stack counts for each of them
 * (flagged uncertain); one linking none (an ACL outside the stack, no dependency) changes nothing here.
 */
function attachmentsOf(res: Resolver, acl: GenericResource, entryType: string): AttachedTo[] {
  let byAcl = attachmentIndex.get(res);
  if (!byAcl) {
    byAcl = new Map();
    for (const attachment of res.ofType(ALI.slbAclEntry, ALI.albAclEntry)) {
      const aclType = attachment.type === ALI.slbAclEntry ? ALI.slbAcl : ALI.albAcl;
      const { urns } = res.many(attachment, "aclId", [attachment.inputs.aclId], [aclType]);
      for (const target of urns) pushTo(byAcl, target, { attachment, uncertain: urns.length > 1 });
    }
    attachmentIndex.set(res, byAcl);
  }
  return (byAcl.get(acl.urn) ?? []).filter((a) => a.attachment.type === entryType);
}

function aclRead(res: Resolver, acl: GenericResource, entryType: string): AclRead {
  const attached = attachmentsOf(res, acl, entryType).flatMap(({ attachment: a, uncertain }) =>
    [...(a.inputs.entry === undefined ? [] : [a.inputs.entry]), ...list(a.inputs.entries)].map((v) => ({
      v,
      from: a.urn,
      ...(uncertain ? { uncertain: true as const } : {}),
    })),
  );
  const own = (acl.type === ALI.slbAcl ? list(acl.inputs.entryLists) : list(acl.inputs.aclEntries)).map((v) => ({
    v,
    from: acl.urn,
  }));
  // Entries are objects { entry } on the ACL and in `entries`, plain strings in an attachment's `entry`.
  const entries = [...own, ...attached].map(({ v, ...held }): AclEntryRead => {
    const text = isUnknown(v) ? undefined : str(prop(v, "entry") ?? v);
    return text === undefined ? { unknown: `entries of ACL ${acl.name}`, ...held } : { text: text.trim(), ...held };
  });
  return { acl, entries };
}

/** Whitelist and blacklist bindings read; bindings of any other type filter nothing. */
function listsOf(res: Resolver, bindings: Binding[], aclType: string, entryType: string): ListenerAcls {
  const read = (kind: "white" | "black") =>
    bindings
      .filter((b) => lower(b.type) === kind)
      .flatMap((b) => b.refs.map((ref) => refRead(res, ref, kind, aclType, entryType)));
  const white = read("white");
  const black = read("black");
  if (white.length === 0 && black.length === 0) return { kind: "anyone", why: "no whitelist" };
  return { kind: "lists", white, black };
}

/** An SLB listener: its ACLs filter only when access control is on, as a whitelist or a blacklist. */
export function slbListenerAcls(res: Resolver, listener: GenericResource): ListenerAcls {
  const { aclStatus, aclType, aclId, aclIds } = listener.inputs;
  if (isUnknown(aclStatus)) return { kind: "unknown", field: "aclStatus" };
  if (lower(aclStatus) !== "on") return { kind: "anyone", why: "access control off" };
  if (isUnknown(aclType)) return { kind: "unknown", field: "aclType" };
  // The older aclId and the list aclIds: either names the listener's ACLs.
  const refs: AclRefs[] = [
    ...(aclIds === undefined ? [] : [{ from: listener, field: "aclIds", values: list(aclIds) }]),
    ...(aclId === undefined || aclId === "" ? [] : [{ from: listener, field: "aclId", values: [aclId] }]),
  ];
  if (refs.length === 0) refs.push({ from: listener, field: "aclIds", values: [] });
  return listsOf(res, [{ type: aclType, refs }], ALI.slbAcl, ALI.slbAclEntry);
}

/** An ALB listener: its ListenerAclAttachments and the older aclConfig block. */
export function albListenerAcls(res: Resolver, listener: GenericResource): ListenerAcls {
  const bindings: Binding[] = res
    .ofType(ALI.albListenerAcl)
    .filter((a) => res.one(a, "listenerId", a.inputs.listenerId, [ALI.albListener]) === listener.urn)
    .map((a) => ({ type: a.inputs.aclType, refs: [{ from: a, field: "aclId", values: [a.inputs.aclId] }] }));
  const config = listener.inputs.aclConfig;
  if (isUnknown(config)) return { kind: "unknown", field: "aclConfig" };
  if (config !== undefined && config !== null) {
    const ids = list(prop(config, "aclRelations")).map((r) => (isUnknown(r) ? r : prop(r, "aclId")));
    bindings.push({ type: prop(config, "aclType"), refs: [{ from: listener, field: "aclConfig", values: ids }] });
  }
  if (bindings.length === 0) return { kind: "anyone", why: "no ACL attached" };
  if (bindings.some((b) => isUnknown(b.type))) return { kind: "unknown", field: "aclType" };
  return listsOf(res, bindings, ALI.albAcl, ALI.albAclEntry);
}
