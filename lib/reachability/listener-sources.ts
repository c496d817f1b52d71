// The parts of an internet source block a listener's ACLs let in: the whitelist entries inside it (a public entry of
// the block's family), less what the blacklist entries cover together. A block admitted only through access control
// the plan does not show is flagged, so rows through it are `unverified` and their listener hop says why.
import { blocksCover } from "../cidr";
import { familyOf, intersectCidr, isPublic } from "./cidr-sets";
import { Family } from "./exposure";
import { ClientAddress, Listener } from "./model";

/** A block the listener admits; `unknown` and `cause` as on the whitelist entry that admits it. */
export interface AdmittedSource {
  source: string;
  unknown?: string;
  cause?: string;
}

/** What the listener lets in of `source`; a known entry wins over an unknown one admitting the same block. */
export function listenerSources(listener: Listener, source: string, family: Family): AdmittedSource[] {
  const allowed: AdmittedSource[] = listener.allowList ? [] : [{ source }];
  for (const entry of listener.allowList ?? []) {
    if (familyOf(entry.cidr) !== family || !isPublic(entry.cidr)) continue;
    const block = intersectCidr(entry.cidr, source);
    if (block === undefined) continue;
    const admitted: AdmittedSource = { source: block, unknown: entry.unknown, cause: entry.cause };
    const same = allowed.findIndex((a) => a.source === block);
    if (same < 0) allowed.push(admitted);
    else if (allowed[same].unknown && !entry.unknown) allowed[same] = admitted;
  }
  const denied = (listener.denyList ?? []).filter((c) => familyOf(c) === family);
  return denied.length === 0 ? allowed : allowed.filter((a) => !blocksCover(denied, a.source));
}

/**
 * A listener behind an accelerator: with the client's address kept, as above; otherwise the balancer sees an
 * accelerator address no document names, which any whitelist entry may hold and no blacklist is known to drop.
 */
export function acceleratedListenerSources(
  listener: Listener,
  source: string,
  family: Family,
  clientAddress: ClientAddress,
): AdmittedSource[] {
  if (clientAddress === "kept") return listenerSources(listener, source, family);
  return !listener.allowList || listener.allowList.length > 0 ? [{ source }] : [];
}

/** The listener hop's note when the block stands for access control the plan does not show. */
export function admittedLabel(a: AdmittedSource): string {
  return a.unknown ? ` (access control unknown: ${a.unknown})` : "";
}
