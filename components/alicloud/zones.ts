// Zone ids as Alibaba Cloud writes them: the region id and a zone letter ("cn-hangzhou-h", "ap-southeast-1a").
// A zone of another region only fails when the vSwitch is created, half-way through an update; catch it first.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Problems, ValidationError, ValidationProblem } from "../validation";

const ZONE_ID = /^([a-z]{2,}(?:-[a-z0-9]+)+?)(?:-[a-z]|(?<=\d)[a-z])$/;

/** The region a zone id belongs to, or undefined when it is not a zone id. */
export function regionOfZone(zone: unknown): string | undefined {
  if (typeof zone !== "string") return undefined;
  const m = ZONE_ID.exec(zone);
  return m?.[1];
}

/** Every entry a zone id, all of one region (the provider's). */
export function checkZoneIds(problems: Problems, argument: string, zones: readonly unknown[]): void {
  const regions = zones.map(regionOfZone);
  const first = regions.find((r) => r !== undefined);
  zones.forEach((zone, i) => {
    if (typeof zone !== "string" || zone.length === 0) return; // the subnet planner reports these
    if (regions[i] === undefined) {
      problems.add(
        `${argument}[${i}]`,
        zone,
        'an Alibaba Cloud zone id: the region id and a zone letter, e.g. "cn-hangzhou-h"',
        "copy the zone id from the console or alicloud.getZones",
      );
    } else if (regions[i] !== first) {
      problems.add(
        `${argument}[${i}]`,
        zone,
        `a zone of the same region as the others (${first})`,
        "list zones of the provider's region only; use a second HardenedVpc with its own provider for another region",
      );
    }
  });
}

/** Throws when some listed zones are not among those the region offers for vSwitches (read by `getZones`). */
export function assertZonesInRegion(subject: string, argument: string, zones: readonly string[], offered: string[]) {
  const problems: ValidationProblem[] = [];
  zones.forEach((zone, i) => {
    if (!offered.includes(zone)) {
      problems.push({
        argument: `${argument}[${i}]`,
        value: zone,
        allowed: `a zone of the provider's region that can create vSwitches (${offered.join(", ")})`,
        fix: "pick a listed zone, or give the component a provider for the zone's region",
      });
    }
  });
  if (problems.length > 0) throw new ValidationError(subject, problems);
}

/** The region a provider works in, read with `getRegions({ current: true })` through the given invoke options. */
export function providerRegion(invokeOptions: pulumi.InvokeOutputOptions): pulumi.Output<string | undefined> {
  return alicloud.getRegionsOutput({ current: true }, invokeOptions).apply((r) => r.regions?.[0]?.id ?? r.ids?.[0]);
}

/**
 * Throws when a provider works in another region than the argument that names it: the argument decides where copies
 * are sent and how the replica is addressed, the provider where resources are made. A mismatch would put both copies
 * in one region, or fail half-way through an update.
 */
export function assertProviderRegions(
  subject: string,
  pairs: { argument: string; declared: string; provider: string; actual: string | undefined }[],
): void {
  const problems: ValidationProblem[] = pairs
    .filter((p) => p.actual !== undefined && p.actual !== p.declared)
    .map((p) => ({
      argument: p.argument,
      value: p.declared,
      allowed: `the region of ${p.provider} (${p.actual})`,
      fix: `pass "${p.actual}" as ${p.argument}, or give ${p.provider} region "${p.declared}"`,
    }));
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
