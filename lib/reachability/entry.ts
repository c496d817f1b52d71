// How internet traffic reaches a host's subnet: the gateway and route hops before the NACL and security groups.
// AWS needs a route to an internet gateway (inbound over IPv6 too; an egress-only gateway admits nothing).
// Alibaba Cloud public addresses need no route of their own.
import { familyOf } from "./cidr-sets";
import { ANY_SOURCE, Family } from "./exposure";
import { interfaceHops } from "./host-interface";
import { Host, Nacl, NetworkModel, PublicAddress } from "./model";
import { appendAll } from "../arrays";

export interface Entry {
  /** The block the route admits (before security groups narrow it). */
  source: string;
  hops: string[];
  nacl?: Nacl;
}

export function internetEntries(m: NetworkModel, host: Host, family: Family, address: PublicAddress): Entry[] {
  if (host.cloud === "alicloud")
    return alicloudEntries(m, host, family, [address.label, ...interfaceHops(address.interface)]);
  const out: Entry[] = [];
  if (host.defaultSubnet && family === "ipv4")
    out.push({ source: ANY_SOURCE.ipv4, hops: ["igw:default-vpc", address.label, "subnet:default-vpc"] });
  for (const ext of host.externalSubnets)
    out.push({ source: ANY_SOURCE[family], hops: [address.label, `subnet:${ext} (outside the stack, route assumed)`] });
  for (const s of host.subnets) appendAll(out, awsSubnetEntries(m, s, family, address.label));
  return out;
}

/** Internet-gateway routes of an AWS subnet (explicit association, else the VPC's main table). */
export function awsSubnetEntries(m: NetworkModel, subnetUrn: string, family: Family, addressLabel?: string): Entry[] {
  const subnet = m.subnets.get(subnetUrn);
  if (!subnet) return [];
  const network = subnet.network ? m.networks.get(subnet.network) : undefined;
  const table = m.routeTables.get(subnet.routeTable ?? network?.mainRouteTable ?? "");
  // A VPC's own main table holds only the local route unless the stack manages it.
  if (!table) return [];
  const nacl = m.nacls.get(subnet.nacl ?? network?.defaultNacl ?? "");
  return table.routes
    .filter((r) => r.target.kind === "internet" && familyOf(r.destination) === family)
    .map((r) => ({
      source: r.destination,
      hops: [
        `igw:${r.target.name}`,
        ...(addressLabel ? [addressLabel] : []),
        `rtb:${table.name}`,
        `subnet:${subnet.name}`,
      ],
      nacl,
    }));
}

/** Alibaba Cloud: `lead` hops (the public address, a DNAT entry) then the vSwitch and its ACL. */
export function alicloudEntries(m: NetworkModel, host: Host, family: Family, lead: string[]): Entry[] {
  if (host.subnets.length === 0) return [{ source: ANY_SOURCE[family], hops: lead }];
  return host.subnets.map((s) => {
    const vswitch = m.subnets.get(s);
    return {
      source: ANY_SOURCE[family],
      hops: [...lead, `vswitch:${vswitch?.name ?? s}`],
      nacl: m.nacls.get(vswitch?.nacl ?? ""),
    };
  });
}
