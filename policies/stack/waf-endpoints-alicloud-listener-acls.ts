// Which clients an Alibaba Cloud load balancer listener admits: the entries of its whitelist ACLs, or anyone. SLB (CLB)
// listeners name their ACLs themselves (aclStatus, aclType, aclIds or the older aclId); ALB listeners through
// ListenerAclAttachment resources or the older aclConfig block. Entries sit on the ACL (entryLists, aclEntries) and
// in separate AclEntryAttachment resources. Neither balancer has security groups here, and layer-7 listeners reach
// their backends from the balancer's own addresses: the listener ACL is the only place a client address is judged.
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";

export const LISTENER_ACL_TYPES = {
  slbListener: "alicloud:slb/listener:Listener",
  slbAcl: "alicloud:slb/acl:Acl",
  slbAclEntry: "alicloud:slb/aclEntryAttachment:AclEntryAttachment",
  albListener: "alicloud:alb/listener:Listener",
  albAcl: "alicloud:alb/acl:Acl",
  albAclEntry: "alicloud:alb/aclEntryAttachment:AclEntryAttachment",
  albListenerAcl: "alicloud:alb/listenerAclAttachment:ListenerAclAttachment",
};
const T = LISTENER_ACL_TYPES;

/** What a listener admits: anyone (and why), the entries of its whitelists, or it hangs on a field unknown at preview. */
export type Admission =
  { kind: "anyone"; why: string } | { kind: "whitelist"; entries: string[] } | { kind: "unknown"; field: string };

const anyone = (why: string): Admission => ({ kind: "anyone", why });
const unknown = (field: string): Admission => ({ kind: "unknown", field });
const lower = (v: unknown) => (str(v) ?? "").toLowerCase();

/** The ACL references one input holds: the resource and input they are read from, and their values. */
interface AclRefs {
  from: GenericResource;
  field: string;
  values: unknown[];
}

/** The ACLs the references name, or the admission that stops the reading: a reference unknown or outside the stack. */
function aclsOf(res: Resolver, refs: AclRefs[], aclType: string): GenericResource[] | Admission {
  const acls: GenericResource[] = [];
  for (const { from, field, values } of refs) {
    const named = values.filter((v) => v !== undefined && v !== null && v !== "");
    if (named.length === 0) return unknown(`${field} (a whitelist naming no ACL)`);
    const found = res.many(from, field, named, [aclType]);
    if (found.external.length > 0) return unknown(`entries of ACL ${found.external[0]} (outside the stack)`);
    // Each reference unknown at preview must be explained by a dependency on an ACL of the stack.
    if (found.urns.length < named.length) return unknown(field);
    acls.push(...found.urns.map((u) => res.get(u)!));
  }
  return acls;
}

/** The entries of the ACLs the references name, or why they cannot be read. */
function whitelistOf(res: Resolver, refs: AclRefs[], aclType: string, entryType: string): Admission {
  const acls = aclsOf(res, refs, aclType);
  if (!Array.isArray(acls)) return acls;
  const entries: string[] = [];
  for (const acl of acls) {
    const attached = res
      .ofType(entryType)
      .filter((a) => res.one(a, "aclId", a.inputs.aclId, [aclType]) === acl.urn)
      .flatMap((a) => [...(a.inputs.entry === undefined ? [] : [a.inputs.entry]), ...list(a.inputs.entries)]);
    const own = aclType === T.slbAcl ? list(acl.inputs.entryLists) : list(acl.inputs.aclEntries);
    // Entries are objects { entry } on the ACL and in `entries`, plain strings in an attachment's `entry`.
    const read = [...own, ...attached].map((v) => (isUnknown(v) ? undefined : str(prop(v, "entry") ?? v)));
    if (read.some((v) => v === undefined)) return unknown(`entries of ACL ${acl.name}`);
    entries.push(...read.map((v) => v!.trim()));
  }
  return { kind: "whitelist", entries };
}

/** An SLB listener: a whitelist only when access control is on, of type white, with its ACLs known. */
export function slbListenerAdmission(res: Resolver, listener: GenericResource): Admission {
  const { aclStatus, aclType, aclId, aclIds } = listener.inputs;
  if (isUnknown(aclStatus)) return unknown("aclStatus");
  if (lower(aclStatus) !== "on") return anyone("access control off");
  if (isUnknown(aclType)) return unknown("aclType");
  if (lower(aclType) !== "white") return anyone(lower(aclType) === "black" ? "a blacklist only" : "no whitelist");
  // The older aclId and the list aclIds: either names the listener's whitelists.
  const refs: AclRefs[] = [
    ...(aclIds === undefined ? [] : [{ from: listener, field: "aclIds", values: list(aclIds) }]),
    ...(aclId === undefined || aclId === "" ? [] : [{ from: listener, field: "aclId", values: [aclId] }]),
  ];
  if (refs.length === 0) return unknown("aclIds (a whitelist naming no ACL)");
  return whitelistOf(res, refs, T.slbAcl, T.slbAclEntry);
}

/** An ALB listener: its ListenerAclAttachments and the older aclConfig block, whitelists only. */
export function albListenerAdmission(res: Resolver, listener: GenericResource): Admission {
  const bindings = res
    .ofType(T.albListenerAcl)
    .filter((a) => res.one(a, "listenerId", a.inputs.listenerId, [T.albListener]) === listener.urn)
    .map((a) => ({ type: a.inputs.aclType, refs: [{ from: a, field: "aclId", values: [a.inputs.aclId] }] }));
  const config = listener.inputs.aclConfig;
  if (isUnknown(config)) return unknown("aclConfig");
  if (config !== undefined && config !== null) {
    const ids = list(prop(config, "aclRelations")).map((r) => (isUnknown(r) ? r : prop(r, "aclId")));
    bindings.push({ type: prop(config, "aclType"), refs: [{ from: listener, field: "aclConfig", values: ids }] });
  }
  if (bindings.length === 0) return anyone("no ACL attached");
  if (bindings.some((b) => isUnknown(b.type))) return unknown("aclType");
  const white = bindings.filter((b) => lower(b.type) === "white");
  if (white.length === 0)
    return anyone(bindings.some((b) => lower(b.type) === "black") ? "a blacklist only" : "no whitelist");
  return whitelistOf(
    res,
    white.flatMap((b) => b.refs),
    T.albAcl,
    T.albAclEntry,
  );
}
