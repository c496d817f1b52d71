// Pure subnet planning: carves a VPC CIDR into per-tier, per-zone subnets. No cloud resources here.
import { IPv4CidrRange } from "ip-num";
import { parseCidr } from "../../lib/cidr";
import { Problems, ValidationProblem } from "../validation";

/** A tier of subnets (e.g. public, private, isolated) and the prefix length of each of its subnets. */
export interface TierSpec {
  name: string;
  /** Prefix length of every subnet of this tier, e.g. 24 for /24. */
  prefix: number;
}

export interface PlanSubnetsOptions {
  /** IPv4 CIDR of the VPC, e.g. "10.0.0.0/16". */
  vpcCidr: string;
  /** Zone names; one subnet per tier is planned in each zone, in this order. */
  zones: string[];
  /** Tiers in allocation order; earlier tiers get lower addresses. */
  tiers: TierSpec[];
}

export interface SubnetPlan {
  tier: string;
  zone: string;
  zoneIndex: number;
  cidrBlock: string;
}

/** Smallest and largest subnet prefixes both clouds accept (AWS: /16–/28; Alibaba vSwitch: /16–/29, /28 kept common). */
export const MIN_SUBNET_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;

/** Lists every problem with the planner's options, naming arguments as `vpcCidr`, `zones[i]`, `tiers[i].prefix`. */
export function checkPlanOptions(opts: PlanSubnetsOptions): ValidationProblem[] {
  const problems = new Problems("planSubnets");
  const vpc = parseIpv4Cidr(opts.vpcCidr);
  problems.check(
    vpc !== undefined,
    "vpcCidr",
    opts.vpcCidr,
    "an IPv4 CIDR whose address is the network address, prefix /16 to /28 (e.g. 10.0.0.0/16)",
    'give the network address and prefix, e.g. "10.20.0.0/16"',
  );
  if (vpc) {
    const prefix = Number(vpc.getPrefix().getValue());
    problems.check(
      prefix >= MIN_SUBNET_PREFIX && prefix <= MAX_SUBNET_PREFIX,
      "vpcCidr",
      opts.vpcCidr,
      `prefix /${MIN_SUBNET_PREFIX} to /${MAX_SUBNET_PREFIX}`,
      "choose a VPC CIDR between /16 and /28",
    );
  }
  problems.check(
    Array.isArray(opts.zones) && opts.zones.length > 0,
    "zones",
    opts.zones,
    "at least one zone name",
    "pass the zones to spread subnets over",
  );
  const seenZones = new Set<string>();
  (opts.zones ?? []).forEach((zone, i) => {
    if (typeof zone !== "string" || zone.length === 0) {
      problems.add(`zones[${i}]`, zone, "a non-empty zone name", "remove the empty entry");
    } else if (seenZones.has(zone)) {
      problems.add(`zones[${i}]`, zone, "each zone once", `remove the duplicate "${zone}"`);
    }
    seenZones.add(zone);
  });
  problems.check(
    Array.isArray(opts.tiers) && opts.tiers.length > 0,
    "tiers",
    opts.tiers,
    "at least one tier",
    'pass tiers such as [{ name: "private", prefix: 24 }]',
  );
  const vpcPrefix = vpc ? Number(vpc.getPrefix().getValue()) : MIN_SUBNET_PREFIX;
  const seenTiers = new Set<string>();
  (opts.tiers ?? []).forEach((tier, i) => {
    if (typeof tier?.name !== "string" || tier.name.length === 0) {
      problems.add(`tiers[${i}].name`, tier?.name, "a non-empty tier name", "name the tier");
    } else if (seenTiers.has(tier.name)) {
      problems.add(`tiers[${i}].name`, tier.name, "unique tier names", `rename or remove the duplicate "${tier.name}"`);
    }
    seenTiers.add(tier?.name);
    const p = tier?.prefix;
    const lowest = Math.max(vpcPrefix, MIN_SUBNET_PREFIX);
    problems.check(
      Number.isInteger(p) && p >= lowest && p <= MAX_SUBNET_PREFIX,
      `tiers[${i}].prefix`,
      p,
      `an integer from ${lowest} (no larger than the VPC) to ${MAX_SUBNET_PREFIX}`,
      `use a prefix between /${lowest} and /${MAX_SUBNET_PREFIX}`,
    );
  });
  return [...problems.list];
}

/**
 * Carves `vpcCidr` into one subnet per tier per zone. Subnets are allocated in tier order, then zone order, each
 * aligned to its own size, so the result is deterministic, the subnets never overlap and all lie inside the VPC.
 * Throws one error listing every invalid option, or naming `tiers` when the plan does not fit.
 */
export function planSubnets(opts: PlanSubnetsOptions): SubnetPlan[] {
  const problems = new Problems("planSubnets");
  problems.addAll(checkPlanOptions(opts));
  problems.throwIfAny();

  const vpc = parseIpv4Cidr(opts.vpcCidr)!;
  const start = vpc.getFirst().getValue();
  const end = vpc.getLast().getValue() + 1n;
  let cursor = start;
  const plans: SubnetPlan[] = [];
  for (const tier of opts.tiers) {
    const size = 1n << BigInt(32 - tier.prefix);
    opts.zones.forEach((zone, zoneIndex) => {
      cursor = alignUp(cursor, size);
      plans.push({ tier: tier.name, zone, zoneIndex, cidrBlock: `${toDotted(cursor)}/${tier.prefix}` });
      cursor += size;
    });
  }
  if (cursor > end) {
    const needed = cursor - start;
    const available = end - start;
    problems.add(
      "tiers",
      opts.tiers.map((t) => `${t.name}:/${t.prefix}`),
      `subnets totalling at most ${available} addresses of ${opts.vpcCidr} (${opts.zones.length} zone(s) per tier)`,
      `these need ${needed} addresses: use longer tier prefixes, fewer zones or tiers, or a larger vpcCidr`,
    );
    problems.throwIfAny();
  }
  return plans;
}

/** Parses an IPv4 CIDR whose address is its network address; undefined when invalid. */
export function parseIpv4Cidr(cidr: string): IPv4CidrRange | undefined {
  if (typeof cidr !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) return undefined;
  try {
    const range = IPv4CidrRange.fromCidr(cidr);
    // ip-num keeps host bits ("10.0.0.1/16"); only a network address is a well-formed VPC/subnet CIDR.
    return `${range.getFirst().toString()}/${range.getPrefix().getValue()}` === cidr ? range : undefined;
  } catch {
    return undefined;
  }
}

function alignUp(value: bigint, size: bigint): bigint {
  const rem = value % size;
  return rem === 0n ? value : value + (size - rem);
}

function toDotted(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 255n).toString()).join(".");
}

/** How a CIDR is written wrongly for AWS, with the fix; undefined when it is exact. */
export interface CidrNotationProblem {
  /** What is wrong, e.g. "host bits set". */
  reason: string;
  fix: string;
}

const DECIMAL = /^(0|[1-9]\d{0,2})$/;

/**
 * Checks that a CIDR is written as AWS stores it: no surrounding spaces, an explicit prefix length, no leading zeros
 * and no host bits. A bare address or host bits are refused rather than guessed at: "203.0.113.5/24" may mean the
 * one host or the 256 addresses around it, and on an allow-list the difference is 255 strangers.
 */
export function cidrNotationProblem(value: unknown): CidrNotationProblem | undefined {
  if (typeof value !== "string")
    return { reason: "not a string", fix: 'write the block as a string, e.g. "203.0.113.0/28"' };
  const text = value.trim();
  if (text !== value) return { reason: "surrounding whitespace", fix: `remove the spaces: "${text}"` };
  const block = parseCidr(text);
  if (!block) return { reason: "not a CIDR", fix: 'correct the notation, e.g. "203.0.113.0/28" or "2001:db8::/48"' };
  const single = block.family === "ipv4" ? 32 : 128;
  const slash = text.lastIndexOf("/");
  if (slash < 0) return { reason: "no prefix length", fix: `write "${text}/${single}" for the one address` };
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  if (!DECIMAL.test(prefix) || (block.family === "ipv4" && !address.split(".").every((o) => DECIMAL.test(o)))) {
    return { reason: "leading zeros", fix: "write every number without leading zeros" };
  }
  const host = parseCidr(address)!;
  if (host.first !== block.first) {
    const network = block.family === "ipv4" ? toDotted(block.first) : undefined;
    const whole = network
      ? `"${network}/${block.prefix}" for the whole block or `
      : "the network address for the whole block or ";
    return { reason: "host bits set", fix: `write ${whole}"${address}/${single}" for the one address` };
  }
  return undefined;
}
