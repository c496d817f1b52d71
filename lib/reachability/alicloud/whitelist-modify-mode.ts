// Alibaba Cloud whitelist `modifyMode`: Cover (the default) and Append admit the listed entries, Delete removes them.
// One reading shared by the resource rule (`policies/lib/database-whitelists.ts`) and the network model.
import { isUnknown, unwrap } from "../resource";
import { ALI } from "./tokens";

/**
 * True when `modifyMode` removes the listed entries, false when it admits them (Cover, Append, absent or any other
 * value), undefined when unknown at preview. Only the exact "Delete" counts: the RDS provider accepts no other
 * spelling, and the others pass the value to an API that documents only this one.
 */
export function removesListedEntries(mode: unknown): boolean | undefined {
  const m = unwrap(mode);
  if (isUnknown(m)) return undefined;
  return m === "Delete";
}

/**
 * Databases whose own top-level whitelist obeys `modifyMode` from creation on. Tair is created with the default
 * whitelist and its entries are then applied with the mode. RDS instances (read-only and disaster-recovery ones too)
 * and PolarDB applications are created with the listed entries as their whitelist whatever the mode says: the mode
 * only shapes later changes, so on a first deployment or a replacement Delete still opens what it lists.
 */
export const MODE_APPLIES_FROM_CREATION: ReadonlySet<string> = new Set([ALI.tair]);
