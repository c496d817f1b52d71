// One region of the product: how its resources are named and which provider creates them.
import * as pulumi from "@pulumi/pulumi";
import { EstateConfig, RegionSettings } from "./config";

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

/** Cloud-side name (SLB, RDS, ECS names, bucket and SLS project names), company-scoped, standby suffixed. */
export function cloudName(cfg: EstateConfig, site: Site, base: string): string {
  return site.role === "primary" ? `${cfg.company}-${base}` : `${cfg.company}-${base}-standby`;
}

/** Resource options placing a resource (or a component and all its children) in this region. */
export function inRegion(site: Site, opts: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return site.provider ? { ...opts, provider: site.provider } : opts;
}
