// internetExposures: every (resource, protocol, port range) the internet can reach, with source and path —
// directly through a public address, through an internet-facing load balancer, a DNAT entry, a database's
// public endpoint, or a host's own firewall (Lightsail).
import type { PortRange } from "../ports";
import { familyOf, isPublic } from "./cidr-sets";
import { Entry, alicloudEntries, internetEntries } from "./entry";
import { ANY_SOURCE, Exposure, Family, hop, hostLabel, sortExposures, unverifiedIf } from "./exposure";
import { intersectAll } from "./intervals";
import { interfaceHops, throughInterface } from "./host-interface";
import { firewallExposures } from "./internet-firewall";
import { loadBalancerExposures } from "./internet-lb";
import { Dnat, Host, NetworkModel, Protocol } from "./model";
import { naclPasses } from "./nacl-eval";
import { intersectProtocol } from "./protocol";
import { admitted, internetSourcesOf, originates, ruleLabel, unverifiedSlice } from "./security-group-eval";
import { appendAll } from "../arrays";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

export function internetExposures(m: NetworkModel): Exposure[] {
  const rows: Exposure[] = [];
  for (const host of m.hosts.values()) {
    for (const family of FAMILIES) {
      const addresses =
        family === "ipv4" ? host.publicV4 : [...(host.publicV6 ? [host.publicV6] : []), ...(host.interfacesV6 ?? [])];
      for (const address of addresses) {
        // An address on a secondary interface (an ENI's EIP) passes that interface's vSwitch and groups.
        const door = throughInterface(host, address.interface);
        for (const entry of internetEntries(m, door, family, address))
          appendAll(
            rows,
            throughHost(m, door, entry, family, {
              via: "direct",
              causes: [address.urn],
              unverified: address.unverified,
            }),
          );
      }
    }
    appendAll(rows, endpointExposures(host));
    appendAll(rows, firewallExposures(host));
  }
  for (const lb of m.loadBalancers.values()) appendAll(rows, loadBalancerExposures(m, lb));
  appendAll(rows, dnatExposures(m));
  return sortExposures(rows);
}

export interface HostPassOptions {
  via: Exposure["via"];
  causes: string[];
  /** Only these ports / this protocol arrive (a DNAT entry's internal ports). */
  ports?: PortRange;
  protocol?: Protocol;
  /** The way in may not exist (an address unknown at preview): every row is unverified. */
  unverified?: boolean;
}

/** From an entry into the host: its NACL, then its security groups, narrowed to the ports it listens on. */
export function throughHost(
  m: NetworkModel,
  host: Host,
  entry: Entry,
  family: Family,
  opts: HostPassOptions,
): Exposure[] {
  const rows: Exposure[] = [];
  for (const source of internetSourcesOf(m, host.securityGroups, entry.source, family)) {
    for (const slice of admitted(
      m,
      host.securityGroups,
      { kind: "cidr", cidr: source },
      originates(source, entry.source),
      host.possibleGroups,
    )) {
      const protocol = opts.protocol ? intersectProtocol(slice.protocol, opts.protocol) : slice.protocol;
      if (!protocol) continue;
      let ports = opts.ports ? intersectAll(slice.ports, opts.ports) : slice.ports;
      if (host.listenPorts) ports = host.listenPorts.flatMap((p) => intersectAll(ports, { from: p, to: p }));
      for (const pass of naclPasses(entry.nacl, source, protocol, ports)) {
        for (const range of pass.ports) {
          const row: Exposure = {
            urn: host.urn,
            name: host.name,
            type: host.type,
            family,
            protocol: pass.protocol,
            ports: range,
            source: pass.source,
            path: [...entry.hops, pass.label, ruleLabel(m, slice), hop(hostLabel(host), range)],
            via: opts.via,
            causes: [...opts.causes, slice.rule.urn],
          };
          rows.push(unverifiedIf(row, opts.unverified || unverifiedSlice(slice)));
        }
      }
    }
  }
  return rows;
}

/**
 * Alibaba Cloud databases with a public endpoint: the whitelist is all that stands in front of the port. An entry
 * unknown at preview stands for any address, and what it admits is unverified.
 */
function endpointExposures(host: Host): Exposure[] {
  if (!host.publicEndpoint || !host.whitelist) return [];
  const endpoint = host.publicEndpoint;
  const entries = host.whitelist
    .filter((c) => isPublic(c))
    .map((cidr) => ({ cidr, label: `whitelist:${cidr}`, unknown: false }));
  if (host.whitelistUnknown)
    entries.push({ cidr: ANY_SOURCE.ipv4, label: "whitelist:(entry unknown at preview)", unknown: true });
  return entries.flatMap(({ cidr, label, unknown }) =>
    (host.listenPorts ?? []).map((port) =>
      unverifiedIf(
        {
          urn: host.urn,
          name: host.name,
          type: host.type,
          family: familyOf(cidr) ?? "ipv4",
          protocol: "tcp",
          ports: { from: port, to: port },
          source: cidr,
          path: [endpoint.label, label, hop(hostLabel(host), { from: port, to: port })],
          via: "endpoint" as const,
          causes: [endpoint.urn, host.urn],
        },
        unknown,
      ),
    ),
  );
}

function dnatExposures(m: NetworkModel): Exposure[] {
  const rows: Exposure[] = [];
  for (const d of m.dnat) {
    if (d.outside) {
      rows.push(outsideDnatRow(d));
      continue;
    }
    const target = d.target ? m.hosts.get(d.target) : undefined;
    if (!target) continue;
    const host = throughInterface(target, d.interface);
    const lead = [hop(d.externalLabel, d.externalPorts), dnatHop(d), ...interfaceHops(d.interface)];
    for (const entry of alicloudEntries(m, host, "ipv4", lead))
      appendAll(
        rows,
        throughHost(m, host, { ...entry, source: ANY_SOURCE.ipv4 }, "ipv4", {
          via: "dnat",
          causes: [d.urn],
          ports: d.internalPorts,
          protocol: d.protocol,
          unverified: d.unverified,
        }),
      );
  }
  return rows;
}

/** A DNAT entry to an address no host of the stack holds: the internal ports it forwards to, from any address. */
function outsideDnatRow(d: Dnat): Exposure {
  const row: Exposure = {
    urn: d.urn,
    name: d.name,
    type: d.type,
    family: "ipv4",
    protocol: d.protocol,
    ports: d.internalPorts,
    source: ANY_SOURCE.ipv4,
    path: [hop(d.externalLabel, d.externalPorts), dnatHop(d), hop(d.outside!, d.internalPorts)],
    via: "dnat",
    causes: [d.urn],
    outsideBackend: true,
  };
  return unverifiedIf(row, d.unverified);
}

/** "nat:gw dnat:ssh", saying so when the port forwarded to is unknown at preview. */
function dnatHop(d: Dnat): string {
  return `nat:${d.gatewayName} dnat:${d.name}${d.unverified ? " (internal port unknown at preview)" : ""}`;
}
