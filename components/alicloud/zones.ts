// Zone ids as Alibaba Cloud writes them: the region id and a zone letter ("cn-hangzhou-h", "ap-southeast-1a").
// A zone of another region only fails when the vSwitch is created, half-way through an update; catch it first.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { answeredInvoke } from "../invokeAnswer";
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

/**
 * The region a provider works in, read with `getRegions({ current: true })` through the given invoke options; unknown
 * at preview through an unconfigured provider (../invokeAnswer.ts). `component` names the component as its errors
 * do, e.g. `AuditTrail "audit"`.
 */
export function providerRegion(
  component: string,
  invokeOptions: pulumi.InvokeOutputOptions,
): pulumi.Output<string | undefined> {
  return answeredInvoke(
    `${component}: provider region`,
    "getRegions",
    ["regions", "ids"],
    alicloud.getRegionsOutput({ current: true }, invokeOptions),
  ).apply((r) => r.regions?.[0]?.id ?? r.ids?.[0]);
}

/** A region argument, the provider that should be in that region, and the region that provider is in. */
export interface ProviderRegionPair {
  argument: string;
  declared: string;
  provider: string;
  actual: string | undefined;
  /** Why the provider's region matters, said after it ("where the SLS project is made"). */
  role?: string;
  /** Another provider's region and name, when the two must differ (both copies of a backup). */
  apartFrom?: { provider: string; region: string | undefined };
}

/** The fixes that work: passing the provider's region as the argument, unless the other provider is there too. */
function regionFix(p: ProviderRegionPair & { actual: string }): string {
  const moveProvider = `give ${p.provider} region "${p.declared}"`;
  if (p.apartFrom?.region === p.actual) {
    return (
      `${moveProvider} (${p.actual} is also the region of ${p.apartFrom.provider}, and the two must be in ` +
      "different regions)"
    );
  }
  return `pass "${p.actual}" as ${p.argument}, or ${moveProvider}`;
}

/**
 * Throws when a provider works in another region than the argument that names it: the argument decides where copies
 * are sent and how the replica is addressed, the provider where resources are made. A mismatch would put both copies
 * in one region, or fail half-way through an update.
 */
export function assertProviderRegions(subject: string, pairs: ProviderRegionPair[]): void {
  const problems: ValidationProblem[] = pairs
    .filter((p): p is ProviderRegionPair & { actual: string } => p.actual !== undefined && p.actual !== p.declared)
    .map((p) => ({
      argument: p.argument,
      value: p.declared,
      allowed: `the region of ${p.provider} (${p.actual})${p.role ? `, ${p.role}` : ""}`,
      fix: regionFix(p),
    }));
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
