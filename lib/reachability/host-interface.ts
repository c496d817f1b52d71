// A host as a path through one of its secondary interfaces meets it: the interface's own vSwitch and security groups
// filter the traffic, while findings still name the host (its tags decide who is a bastion).
import { Host, HostInterface } from "./model";

export function throughInterface(host: Host, iface: HostInterface | undefined): Host {
  if (!iface) return host;
  return {
    ...host,
    subnets: iface.subnets,
    externalSubnets: iface.externalSubnets,
    securityGroups: iface.securityGroups,
    possibleGroups: iface.possibleGroups,
  };
}

/** The hop a path names the interface by, e.g. "eni:data". */
export function interfaceHops(iface: HostInterface | undefined): string[] {
  return iface ? [`eni:${iface.name}`] : [];
}
