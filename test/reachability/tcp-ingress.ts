// The inline ingress rule most network tables are written with: one TCP port open to the given sources.

/** One TCP port from `sources` (cidrBlocks, ipv6CidrBlocks, securityGroups, self...); `protocol` spells TCP (6, "6"). */
export const tcp = (port: number, sources: Record<string, unknown> = {}, protocol: unknown = "tcp") => ({
  protocol,
  fromPort: port,
  toPort: port,
  ...sources,
});
