// Which IPv4 space a VPC may be carved from, for both clouds. A reserved block is refused before anything exists:
// the cloud refuses it only at VPC creation, after the retained flow-log stores were started. Space outside the
// private ranges is allowed by both clouds but warned about: those addresses belong to someone on the internet.
import { blocksCover, parseCidr } from "../../lib/cidr";
import { Problems } from "../validation";

/**
 * Blocks no VPC can use on either cloud: they are not unicast (multicast, class E and broadcast) or never leave a
 * host or link ("this network", loopback, link-local).
 */
export const RESERVED_VPC_CIDRS: readonly string[] = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "224.0.0.0/4",
  "240.0.0.0/4",
];

/** Alibaba Cloud also keeps carrier-grade NAT space for its own services (VPC CreateVpc `CidrBlock`). */
export const ALICLOUD_RESERVED_VPC_CIDRS: readonly string[] = [...RESERVED_VPC_CIDRS, "100.64.0.0/10"];

/** RFC 1918 and carrier-grade NAT space (RFC 6598): addresses no one on the internet owns. */
export const PRIVATE_VPC_SPACE: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/** The reserved blocks `cidr` overlaps; empty when it overlaps none or does not parse (callers report that). */
export function reservedBlocksIn(cidr: string, reserved: readonly string[] = RESERVED_VPC_CIDRS): string[] {
  const block = parseCidr(cidr);
  if (!block) return [];
  return reserved.filter((r) => {
    const other = parseCidr(r)!;
    return other.family === block.family && other.first <= block.last && block.first <= other.last;
  });
}

/** Adds a problem naming `argument` when `cidr` overlaps a block the cloud reserves; returns whether it is clear. */
export function checkVpcCidrNotReserved(
  problems: Problems,
  argument: string,
  cidr: string,
  reserved: readonly string[] = RESERVED_VPC_CIDRS,
): boolean {
  const hit = reservedBlocksIn(cidr, reserved);
  return problems.check(
    hit.length === 0,
    argument,
    cidr,
    `private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or any block outside ${reserved.join(", ")}`,
    `${hit.join(", ")} cannot hold a VPC (the cloud refuses it after the flow-log stores exist): ` +
      'use private space, e.g. "10.20.0.0/16"',
  );
}

/**
 * The warning for a VPC CIDR outside private space, or undefined when it is private (or does not parse). The cloud
 * accepts it, but hosts of the VPC then reach the block's real owners on the internet no more, and the addresses are
 * public only where the caller owns them.
 */
export function publicVpcSpaceWarning(argument: string, cidr: string): string | undefined {
  if (!parseCidr(cidr) || blocksCover(PRIVATE_VPC_SPACE, cidr)) return undefined;
  return (
    `${argument} is "${cidr}", outside private space (${PRIVATE_VPC_SPACE.join(", ")}): ` +
    "the VPC then shadows whoever owns those addresses on the internet (traffic to them stays inside the VPC), " +
    "and they are yours only if your organisation holds the block; use private space unless it does"
  );
}
