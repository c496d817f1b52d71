// One region of the product: how its resources are named and which provider creates them.
import * as pulumi from "@pulumi/pulumi";
import { RegionSettings } from "./config";

export interface Site extends RegionSettings {
  role: "primary" | "standby";
  /** Explicit provider of the standby region; undefined for the primary (the stack's default provider). */
  provider?: pulumi.ProviderResource;
}

/**
 * Logical (URN) name of a resource in this region. The primary keeps the names it had as a one-region estate, so
 * existing stacks see no replacement; the standby's names start with "standby-".
 */
export function logicalName(site: Site, base: string): string {
  return site.role === "primary" ? base : `standby-${base}`;
}

/** Cloud-side name (RDS identifiers, snapshot names): the primary keeps its own, the standby's is suffixed. */
export function cloudName(site: Site, base: string): string {
  return site.role === "primary" ? base : `${base}-standby`;
}

/** Resource options placing a resource (or a component and all its children) in this region. */
export function inRegion<T extends pulumi.ResourceOptions>(site: Site, opts?: T): T {
  const base = (opts ?? {}) as T;
  return site.provider ? { ...base, provider: site.provider } : base;
}

/** Invoke options reading data (AMIs) from this region. */
export function readIn(site: Site): pulumi.InvokeOutputOptions {
  return site.provider ? { provider: site.provider } : {};
}

/**
 * The tag ImmutableBackup selects by. Only the primary carries it: the backup plan runs in the primary region and
 * copies into the standby's locked vault, so a standby resource tagged for backup would silently not be backed up.
 */
export function backupTag(site: Site): Record<string, string> {
  return site.role === "primary" ? { backup: "true" } : {};
}
