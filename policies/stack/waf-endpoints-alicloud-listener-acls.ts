// Which clients an Alibaba Cloud load balancer listener admits, for the WAF origin rule: the entries of its
// whitelists, or anyone. The listener's access control is read by the network model's reader
// (lib/reachability/alicloud/listener-acls.ts); this only says what the rule judges. Neither balancer has security
// groups here, and layer-7 listeners reach their backends from the balancer's own addresses: the listener ACL is the
// only place a client address is judged.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import {
  albListenerAcls,
  LISTENER_ACL_TYPES,
  ListenerAcls,
  slbListenerAcls,
} from "../../lib/reachability/alicloud/listener-acls";

export { LISTENER_ACL_TYPES };

/** What a listener admits: anyone (and why), the entries of its whitelists, or it hangs on a field unknown at preview. */
export type Admission =
  { kind: "anyone"; why: string } | { kind: "whitelist"; entries: string[] } | { kind: "unknown"; field: string };

/** A blacklist lets WAF's strangers in as surely as none; the first thing unread (a reference, then an entry) decides. */
function admissionOf(acls: ListenerAcls): Admission {
  if (acls.kind !== "lists") return acls;
  if (acls.white.length === 0)
    return { kind: "anyone", why: acls.black.length > 0 ? "a blacklist only" : "no whitelist" };
  const entries: string[] = [];
  for (const read of acls.white) if ("unknown" in read) return { kind: "unknown", field: read.unknown };
  for (const read of acls.white)
    for (const { entries: own } of "acls" in read ? read.acls : [])
      for (const e of own) {
        if ("unknown" in e) return { kind: "unknown", field: e.unknown };
        entries.push(e.text);
      }
  // As the network model reads it (listener-acl-sources.ts): a whitelist without entries filters nothing.
  if (entries.length === 0) return { kind: "anyone", why: "a whitelist without entries, which filters nothing" };
  return { kind: "whitelist", entries };
}

/** An SLB listener: a whitelist only when access control is on, of type white, with its ACLs known. */
export function slbListenerAdmission(res: Resolver, listener: GenericResource): Admission {
  return admissionOf(slbListenerAcls(res, listener));
}

/** An ALB listener: its ListenerAclAttachments and the older aclConfig block, whitelists only. */
export function albListenerAdmission(res: Resolver, listener: GenericResource): Admission {
  return admissionOf(albListenerAcls(res, listener));
}
